-- The latest ? ISO weeks (in time zone ?) with published entries, newest first.
-- Parameters: time zone, limit.
SELECT DISTINCT strftime(timezone(?, published), '%G-W%V') AS w FROM entries
WHERE published IS NOT NULL ORDER BY w DESC LIMIT ?;
