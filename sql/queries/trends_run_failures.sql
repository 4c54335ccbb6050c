-- What failed in one Trends run, in order: part, subject, kind, message.
SELECT part, subject, kind, message FROM trends_failures WHERE run_id = ? ORDER BY failed_at;
