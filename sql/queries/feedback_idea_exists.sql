-- 1 when an idea has exactly this id.
SELECT 1 FROM ideas WHERE idea_id = ?;
