-- Each brand mention with its article: title, link, feed, day (UTC) and a tone label.
CREATE OR REPLACE VIEW mentions_detail AS
SELECT m.entry_id, m.name, m.kind, m.matched, m.hits, m.in_title, m.tone,
       CASE WHEN m.tone < 0 THEN 'negative' WHEN m.tone > 0 THEN 'positive' ELSE 'neutral' END AS tone_label,
       m.published, CAST(timezone('UTC', m.published) AS DATE) AS day_utc,
       e.title, e.link, coalesce(f.name, f.title, e.feed_id) AS source, e.language
FROM mentions m
JOIN entries e USING (entry_id)
LEFT JOIN feeds f ON f.feed_id = e.feed_id;
