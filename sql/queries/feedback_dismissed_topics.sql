-- Topics of the ideas dismissed before week ?, newest week first: week, topic_id, label, keywords,
-- articles.
SELECT i.week, i.topic_id, max(t.label), any_value(t.keywords), max(t.n_articles)
FROM ideas i LEFT JOIN topics t ON t.week = i.week AND t.topic_id = i.topic_id
WHERE i.status = 'dismissed' AND i.week < ? GROUP BY i.week, i.topic_id ORDER BY i.week DESC;
