-- Every proposed idea with its topic, newest week first: what the calendar and `idea` commands read.
CREATE OR REPLACE VIEW digest_ideas AS
SELECT i.idea_id, i.week, t.rank AS topic_rank, i.rank AS idea_rank, t.label AS topic, i.title,
       i.format, i.slot, i.status, i.status_at, i.caution, i.sources, i.why_now, i.topic_id
FROM ideas i
LEFT JOIN topics t USING (week, topic_id);
