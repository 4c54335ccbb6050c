-- A geo's interest points dated in [start, end): keyword, date, period_days, value, is_partial.
SELECT keyword, date, period_days, coalesce(scaled_value, raw_value), is_partial
FROM trends_interest
WHERE geo = ? AND date >= ? AND date < ?;
