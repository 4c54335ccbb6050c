-- A run's related queries, registered as the Arrow table _trends_rows (columns in this order).
INSERT INTO trends_related_queries (run_id, keyword, geo, kind, rank, query, value, label, is_question,
    fetched_at)
SELECT * FROM _trends_rows;
