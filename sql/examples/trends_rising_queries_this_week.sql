-- Rising Google searches around your [trends] keywords, from the latest Trends run of this week
-- (Paris time; change 'Europe/Paris' to your [digest] timezone). "Breakout" = growth above 5000 %.
-- is_question marks queries phrased as questions (comment, pourquoi, how, why...): FAQ/post ideas.
WITH this_week AS (
    SELECT date_trunc('week', CAST(timezone('Europe/Paris', now()) AS DATE)) AS monday
),
latest AS (
    SELECT run_id
    FROM trends_related_queries, this_week
    WHERE CAST(timezone('Europe/Paris', fetched_at) AS DATE) >= monday
    ORDER BY fetched_at DESC
    LIMIT 1
)
SELECT q.keyword, q.query, q.label AS growth, q.value AS growth_pct, q.is_question, q.geo,
       q.fetched_at
FROM trends_related_queries q JOIN latest USING (run_id)
WHERE q.kind = 'rising'
ORDER BY q.value DESC, q.keyword, q.rank;
