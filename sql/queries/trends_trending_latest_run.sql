-- The newest run that stored trending searches fetched in [start, end).
SELECT run_id FROM trends_trending WHERE fetched_at >= ? AND fetched_at < ?
ORDER BY fetched_at DESC
LIMIT 1;
