-- Forget a geo's stored interest for some keywords (a run stores their curves again).
DELETE FROM trends_interest WHERE geo = ? AND keyword IN (SELECT unnest(?::VARCHAR[]));
