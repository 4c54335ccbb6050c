-- Feeds that stopped publishing: nothing new published for 14 days, or failing, or gone.
SELECT coalesce(f.name, f.title, f.url) AS feed,
       max(e.published) AS last_published,
       f.last_ok_at, f.last_outcome, f.consecutive_failures, f.gone, f.last_error
FROM feeds f
LEFT JOIN entry_feeds ef ON ef.feed_id = f.feed_id
LEFT JOIN entries e ON e.entry_id = ef.entry_id
WHERE f.active
GROUP BY ALL
HAVING max(e.published) IS NULL
    OR max(e.published) < now() - INTERVAL 14 DAY
    OR f.gone OR f.consecutive_failures > 0
ORDER BY last_published NULLS FIRST;
