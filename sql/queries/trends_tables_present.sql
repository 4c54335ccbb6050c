-- 2 when the store has the Google Trends tables (a store older than them has fewer).
SELECT count(*) FROM information_schema.tables WHERE table_name IN ('trends_interest', 'trends_runs');
