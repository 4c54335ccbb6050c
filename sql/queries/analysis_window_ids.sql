-- The id and publication instant of every entry published in [$1, $2): what the analysis chooses
-- a sample of a very large window from, before any text is read.
SELECT entry_id, published
FROM entries
WHERE published >= $1 AND published < $2
