-- Ideas still waiting (neither used nor dismissed), next slot first, then by week and rank.
SELECT idea_id, week, topic, title, format, slot, caution
FROM digest_ideas
WHERE status = 'proposed'
ORDER BY slot NULLS LAST, week DESC, topic_rank, idea_rank;
