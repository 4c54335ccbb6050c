-- Each [trends] keyword's search interest over the last 12 ISO weeks, on the common anchor scale
-- (0-100 across all keywords; see docs/trends.md). Weekly points are Google's Sunday-Saturday weeks,
-- counted in the ISO week holding their Thursday. Add `WHERE keyword = 'your keyword'` to the
-- points CTE for one keyword. partial = the week was not over when Google answered.
WITH points AS (
    SELECT keyword, geo,
           CAST(date + to_days(CAST(period_days // 2 + CASE WHEN period_days >= 7 THEN 1 ELSE 0 END AS INTEGER)) AS DATE) AS mid,
           coalesce(scaled_value, raw_value) AS value, is_partial
    FROM trends_interest
)
SELECT keyword, geo,
       strftime(mid, '%G-W%V') AS week,
       round(avg(value), 1) AS interest,
       bool_or(is_partial) AS partial
FROM points
WHERE mid >= current_date - INTERVAL 12 WEEK
GROUP BY ALL
ORDER BY keyword, geo, week;
