-- The negative articles mentioning name ? published in [start, end), most negative (then in the
-- title) first; at most ? of them. Parameters: name, start, end, limit.
SELECT m.entry_id, coalesce(e.title, ''), e.link, m.published, coalesce(f.name, f.title, e.feed_id), m.tone
FROM mentions m JOIN entries e USING (entry_id) LEFT JOIN feeds f ON f.feed_id = e.feed_id
WHERE m.name = ? AND m.published >= ? AND m.published < ? AND m.tone < 0
ORDER BY m.tone ASC, m.in_title DESC, m.published DESC
LIMIT ?;
