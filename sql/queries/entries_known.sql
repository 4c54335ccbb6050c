-- Which of these entry ids (one list parameter) the store already holds.
SELECT entry_id FROM entries WHERE entry_id IN (SELECT unnest(?::VARCHAR[]));
