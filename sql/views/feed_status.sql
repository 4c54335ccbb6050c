-- One row per feed: its state and how much it gave. `trendwatch feeds` prints this view.
CREATE OR REPLACE VIEW feed_status AS
SELECT f.feed_id, f.name, f.url, f.active, f.gone,
       f.last_fetch_at, f.last_status, f.last_outcome, f.last_ok_at, f.last_new_entry_at,
       f.consecutive_failures, f.retry_after, f.last_error,
       coalesce(c.entries, 0) AS entries
FROM feeds f
LEFT JOIN (SELECT feed_id, count(*) AS entries FROM entry_feeds GROUP BY feed_id) c USING (feed_id);
