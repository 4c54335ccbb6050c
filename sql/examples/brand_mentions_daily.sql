-- Brand mentions per day over the last 28 days, in the Paris time zone, with the negative share.
-- Change 'Europe/Paris' to your [digest] timezone. Days without mentions are shown as 0.
WITH days AS (
    SELECT CAST(d AS DATE) AS day
    FROM range(CAST(timezone('Europe/Paris', now()) AS DATE) - INTERVAL 27 DAY,
               CAST(timezone('Europe/Paris', now()) AS DATE) + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
),
names AS (SELECT DISTINCT name, kind FROM mentions),
counts AS (
    SELECT CAST(timezone('Europe/Paris', published) AS DATE) AS day, name,
           count(*) AS mentions, count(*) FILTER (WHERE tone < 0) AS negative
    FROM mentions GROUP BY ALL
)
SELECT d.day, n.name, n.kind,
       coalesce(c.mentions, 0) AS mentions,
       coalesce(c.negative, 0) AS negative,
       round(coalesce(c.negative, 0) / greatest(coalesce(c.mentions, 0), 1), 2) AS negative_share
FROM days d CROSS JOIN names n
LEFT JOIN counts c ON c.day = d.day AND c.name = n.name
ORDER BY n.name, d.day;
