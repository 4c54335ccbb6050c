-- The last Trends run about a moment before ? (observed_at, or started_at for a live run).
SELECT run_id, coalesce(observed_at, started_at), outcome, notes FROM trends_runs
WHERE coalesce(observed_at, started_at) < ?
ORDER BY coalesce(observed_at, started_at) DESC
LIMIT 1;
