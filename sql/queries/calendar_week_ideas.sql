-- Week ?'s ideas (not dismissed), best topic and idea first, with their stored slot.
SELECT i.idea_id, i.title, i.format, i.why_now, i.sources, i.caution, i.status,
t.rank, i.rank, i.slot
FROM ideas i LEFT JOIN topics t ON t.week = i.week AND t.topic_id = i.topic_id
WHERE i.week = ? AND i.status <> 'dismissed'
ORDER BY t.rank NULLS LAST, i.rank NULLS LAST, i.idea_id;
