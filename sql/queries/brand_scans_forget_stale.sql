-- Forget the scans made with other [brand] settings than ? (their config hash).
DELETE FROM mention_scans WHERE config_hash <> ?;
