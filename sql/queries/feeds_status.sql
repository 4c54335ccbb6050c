-- Each feed's state for `trendwatch feeds`; all of them when ? is true, else the active ones.
-- An unnamed feed shows its own title, then its URL.
SELECT coalesce(s.name, nullif(trim(f.title), ''), s.url) AS feed, s.last_fetch_at,
s.last_status, s.last_outcome AS outcome, s.entries, s.consecutive_failures AS failures,
s.retry_after, s.gone, s.last_error
FROM feed_status s JOIN feeds f USING (feed_id) WHERE ?::BOOLEAN OR s.active
ORDER BY feed;
