-- The latest digest's topics, best first, with their evidence and number of ideas.
SELECT t.rank, t.label, round(t.score, 2) AS score, t.n_articles, t.n_sources,
       round(t.baseline_mean, 1) AS per_week_before, t.keywords,
       (SELECT count(*) FROM ideas i WHERE i.week = t.week AND i.topic_id = t.topic_id) AS ideas
FROM topics t
WHERE t.week = (SELECT max(week) FROM digests)
ORDER BY t.rank;
