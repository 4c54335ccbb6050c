-- The stored status (and status time) of each idea of week ?, by idea id.
SELECT idea_id, status, status_at FROM ideas WHERE week = ?;
