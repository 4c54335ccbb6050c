-- The answer one past run got to a request (method, url), to replay it.
SELECT status, headers, body FROM trends_responses
WHERE run_id = ? AND method = ? AND url = ?
ORDER BY response_id DESC
LIMIT 1;
