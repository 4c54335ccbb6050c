-- The language of the latest stored digest.
SELECT language FROM digests ORDER BY week DESC LIMIT 1;
