-- A run's trending searches, registered as the Arrow table _trends_rows (columns in this order).
INSERT INTO trends_trending (run_id, geo, term, traffic, traffic_min, started, articles, fetched_at)
SELECT * FROM _trends_rows;
