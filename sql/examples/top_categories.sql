-- Most frequent categories over the last 30 days (case-insensitive), with how many feeds use each.
SELECT lower(trim(category)) AS category,
       count(DISTINCT e.entry_id) AS entries,
       count(DISTINCT ef.feed_id) AS feeds
FROM entries e, unnest(e.categories) AS c(category)
JOIN entry_feeds ef ON ef.entry_id = e.entry_id
WHERE e.published >= now() - INTERVAL 30 DAY AND trim(category) <> ''
GROUP BY 1
ORDER BY entries DESC, category
LIMIT 30;
