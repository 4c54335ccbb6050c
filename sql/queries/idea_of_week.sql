-- Week ?'s ideas as `trendwatch idea list` shows them, by slot then rank.
SELECT idea_id, week, rank, format, status, slot, title FROM ideas WHERE week = ?
ORDER BY slot NULLS LAST, rank, idea_id;
