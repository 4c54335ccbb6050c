-- The entries the analysis reads: every entry published in [$1, $2) (the analysed week and its
-- baseline weeks, as UTC instants), with the feed it was first seen in and every feed it appeared
-- in. Oldest first, ties by id, so the same store always gives the same order. $3: NULL, or the
-- ids to read (a sample of a very large window, chosen from analysis_window_ids).
SELECT e.entry_id, coalesce(e.title, '') AS title, coalesce(e.summary, '') AS summary, e.link,
       e.published, e.language,
       coalesce(nullif(f0.name, ''), nullif(f0.title, ''), e.feed_id) AS first_feed,
       list(DISTINCT coalesce(nullif(f.name, ''), nullif(f.title, ''), ef.feed_id))
           FILTER (WHERE ef.feed_id IS NOT NULL) AS feed_names
FROM entries e
LEFT JOIN feeds f0 ON f0.feed_id = e.feed_id
LEFT JOIN entry_feeds ef ON ef.entry_id = e.entry_id
LEFT JOIN feeds f ON f.feed_id = ef.feed_id
WHERE e.published >= $1 AND e.published < $2
  AND ($3::VARCHAR[] IS NULL OR e.entry_id IN (SELECT unnest($3::VARCHAR[])))
GROUP BY ALL
ORDER BY e.published, e.entry_id
