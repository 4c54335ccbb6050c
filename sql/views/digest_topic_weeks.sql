-- One row per topic per digest week, with how it moved since its previous digest appearance.
CREATE OR REPLACE VIEW digest_topic_weeks AS
SELECT week, topic_id, rank, label, keywords, score, n_articles, n_sources, baseline_mean,
       count(*) OVER (PARTITION BY topic_id ORDER BY week) AS appearance,
       lag(week) OVER (PARTITION BY topic_id ORDER BY week) AS previous_week,
       lag(rank) OVER (PARTITION BY topic_id ORDER BY week) AS previous_rank,
       n_articles - lag(n_articles) OVER (PARTITION BY topic_id ORDER BY week) AS articles_change
FROM topics;
