-- One idea's id, week, title, status and status time.
SELECT idea_id, week, title, status, status_at FROM ideas WHERE idea_id = ?;
