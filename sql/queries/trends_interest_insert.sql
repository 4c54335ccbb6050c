-- A run's interest points, registered as the Arrow table _trends_rows (columns in this order).
INSERT INTO trends_interest (keyword, geo, date, period_days, raw_value, batch, batch_terms, scaled_value,
    is_partial, run_id, fetched_at)
SELECT * FROM _trends_rows;
