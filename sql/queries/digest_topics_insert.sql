-- One ranked topic of a digest, in the column order of the topics table
-- (week, topic_id, rank, label, keywords, score, n_articles, n_sources, baseline_mean,
-- weekly_counts, previous_topic_id).
INSERT INTO topics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
