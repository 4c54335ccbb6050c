-- The newest usable saved answer to one request: from this run, or (when the cache is on) fresh
-- enough. Parameters: method, url, run_id, cache_on, oldest, newest.
SELECT status, headers, body FROM trends_responses
WHERE method = ? AND url = ? AND status <> 429 AND status < 500
  AND (run_id = ? OR (? AND fetched_at >= ? AND fetched_at <= ?))
ORDER BY fetched_at DESC, response_id DESC
LIMIT 1;
