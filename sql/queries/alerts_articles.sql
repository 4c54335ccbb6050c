-- Articles mentioning name ? published in [start, end), in the title first then most negative;
-- at most ? of them. Parameters: name, start, end, limit.
SELECT m.entry_id, coalesce(e.title, ''), e.link, m.published, coalesce(f.name, f.title, e.feed_id), m.tone
FROM mentions m JOIN entries e USING (entry_id) LEFT JOIN feeds f ON f.feed_id = e.feed_id
WHERE m.name = ? AND m.published >= ? AND m.published < ?
ORDER BY m.in_title DESC, m.tone ASC, m.published DESC
LIMIT ?;
