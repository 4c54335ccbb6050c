-- Forget the mentions found with other [brand] settings than ? (their config hash).
DELETE FROM mentions WHERE entry_id IN
    (SELECT entry_id FROM mention_scans WHERE config_hash <> ?);
