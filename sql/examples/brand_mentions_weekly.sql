-- Weekly mentions per name against the average of the 8 weeks before: the numbers behind alerts.
SELECT week, name, kind, mentions, negative,
       round(avg(mentions) OVER w, 1) AS baseline_mentions,
       round(stddev_pop(mentions) OVER w, 1) AS baseline_sigma,
       round(avg(negative) OVER w, 1) AS baseline_negative
FROM mentions_weekly
WINDOW w AS (PARTITION BY name ORDER BY week_start ROWS BETWEEN 8 PRECEDING AND 1 PRECEDING)
ORDER BY name, week;
