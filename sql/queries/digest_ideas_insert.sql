-- One content idea, in the column order of the ideas table (idea_id, week, topic_id, rank, title,
-- format, why_now, sources, slot, caution, status, status_at).
INSERT INTO ideas VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
