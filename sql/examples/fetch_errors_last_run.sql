-- What went wrong in the last ingest run: one row per failed fetch, with the reason.
SELECT coalesce(f.name, f.url) AS feed, x.status, x.error_kind, x.error, x.started_at
FROM fetches x JOIN feeds f USING (feed_id)
WHERE x.run_id = (SELECT run_id FROM fetches ORDER BY started_at DESC LIMIT 1)
  AND x.outcome = 'failed'
ORDER BY feed;
