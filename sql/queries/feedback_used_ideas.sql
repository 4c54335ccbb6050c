-- Ideas marked used in the weeks [since, before), with their topic's label and articles then.
-- Parameters: before (week), since (week).
SELECT i.idea_id, i.title, i.format, i.week, i.status_at, i.topic_id, t.label, t.n_articles
FROM ideas i LEFT JOIN topics t ON t.week = i.week AND t.topic_id = i.topic_id
WHERE i.status = 'used' AND i.week < ? AND i.week >= ? ORDER BY i.week, i.rank, i.idea_id;
