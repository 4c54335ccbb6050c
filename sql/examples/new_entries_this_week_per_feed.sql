-- New entries this week per feed (entries first seen in the last 7 days, by every feed that carried them).
SELECT coalesce(f.name, f.title, f.url) AS feed,
       count(*) AS new_entries,
       max(e.published) AS latest
FROM entry_feeds ef
JOIN entries e ON e.entry_id = ef.entry_id
JOIN feeds f ON f.feed_id = ef.feed_id
WHERE ef.first_seen >= now() - INTERVAL 7 DAY
GROUP BY ALL
ORDER BY new_entries DESC, feed;
