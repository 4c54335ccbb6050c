-- Each [trends] keyword's search interest per ISO week, every stored week (`trendwatch trends --show`);
-- sql/examples/trends_keyword_curve.sql is the same query over the last 12 weeks.
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
GROUP BY ALL
ORDER BY keyword, geo, week;
