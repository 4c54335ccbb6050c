-- A Trends run begins: its id, when, where and what it asks about.
INSERT INTO trends_runs (run_id, started_at, geo, keywords, anchor) VALUES (?, ?, ?, ?, ?);
