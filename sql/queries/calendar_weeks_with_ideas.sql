-- The latest ? weeks that have ideas not dismissed, newest first.
SELECT DISTINCT week FROM ideas WHERE status <> 'dismissed' ORDER BY week DESC LIMIT ?;
