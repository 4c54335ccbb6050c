-- One part of a Trends run that failed: run_id, part, subject, kind, message, failed_at.
INSERT INTO trends_failures VALUES (?, ?, ?, ?, ?, ?);
