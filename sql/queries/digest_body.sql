-- The JSON body of week ?'s stored digest.
SELECT body FROM digests WHERE week = ?;
