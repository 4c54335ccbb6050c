-- Set an idea's status and status time. Parameters: status, status_at, idea id.
UPDATE ideas SET status = ?, status_at = ? WHERE idea_id = ?;
