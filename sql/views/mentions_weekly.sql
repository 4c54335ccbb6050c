-- Mentions per name and ISO week (weeks of UTC days, e.g. '2022-W08'), the unit crisis alerts compare.
CREATE OR REPLACE VIEW mentions_weekly AS
SELECT strftime(timezone('UTC', published), '%G-W%V') AS week,
       CAST(date_trunc('week', timezone('UTC', published)) AS DATE) AS week_start,
       name, kind,
       count(*) AS mentions,
       count(*) FILTER (WHERE tone < 0) AS negative,
       count(*) FILTER (WHERE tone > 0) AS positive,
       round(avg(tone), 3) AS mean_tone
FROM mentions
GROUP BY ALL;
