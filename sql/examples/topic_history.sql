-- How each topic of the latest digest did across earlier digests (topic_id links the weeks).
SELECT h.topic_id, h.week, h.rank, h.label, h.n_articles, h.n_sources, round(h.score, 2) AS score,
       h.appearance, h.previous_week, h.articles_change
FROM digest_topic_weeks h
WHERE h.topic_id IN (SELECT topic_id FROM topics WHERE week = (SELECT max(week) FROM digests))
ORDER BY h.topic_id, h.week;
