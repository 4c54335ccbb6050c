-- One raw Trends answer, kept to answer again (cache) and to recompute from.
INSERT INTO trends_responses (run_id, fetched_at, method, url, status, headers, body)
VALUES (?, ?, ?, ?, ?, ?, ?);
