-- The newest run that stored related queries fetched in [start, end).
SELECT run_id FROM trends_related_queries WHERE fetched_at >= ? AND fetched_at < ?
ORDER BY fetched_at DESC
LIMIT 1;
