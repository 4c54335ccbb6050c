-- Each entry with the names of every feed it appeared in (a story in two sections is one entry).
CREATE OR REPLACE VIEW entries_with_feeds AS
SELECT e.*, l.feed_names, l.feed_count
FROM entries e
JOIN (SELECT ef.entry_id, list(coalesce(f.name, f.feed_id) ORDER BY f.name) AS feed_names, count(*) AS feed_count
      FROM entry_feeds ef JOIN feeds f ON f.feed_id = ef.feed_id GROUP BY ef.entry_id) l USING (entry_id);
