-- Mentions per name and day (UTC days; see sql/examples/brand_mentions_daily.sql for your time zone).
CREATE OR REPLACE VIEW mentions_daily AS
SELECT CAST(timezone('UTC', published) AS DATE) AS day, name, kind,
       count(*) AS mentions,
       count(*) FILTER (WHERE tone < 0) AS negative,
       count(*) FILTER (WHERE tone > 0) AS positive,
       round(avg(tone), 3) AS mean_tone
FROM mentions
GROUP BY ALL;
