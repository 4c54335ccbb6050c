-- A Trends run ends: when, what it was about (observed_at), what it cost and its outcome and notes.
UPDATE trends_runs SET finished_at = ?, observed_at = ?, requests_made = ?, from_cache = ?,
    budget_left = ?, outcome = ?, notes = ?
WHERE run_id = ?;
