-- Photos in an S3-compatible bucket (issue #16): the row names the object holding the bytes
-- (s3://bucket/claims/<claimId>/<photoId>), so photos stay readable and erasable after the bucket setting changes.
-- Null for photos whose bytes are in the row (storage 'postgresql').
alter table claim_photo add column storage_ref varchar(500);
