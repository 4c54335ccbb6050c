-- One run's rising queries in a geo, fastest growing first.
SELECT keyword, query, value, label, is_question, geo, fetched_at FROM trends_related_queries
WHERE run_id = ? AND kind = 'rising' AND geo = ?
ORDER BY value DESC, rank;
