-- Photos sent as evidence (issue #16): checked from their content, stripped of their metadata (EXIF, GPS), stored
-- here by default. The bytes column is null when a photo lives in another store (the storage column names it); the
-- metadata row is always here, so counting a claim's photos and listing them never touches the bytes.
create table claim_photo (
    id           varchar(40)  primary key,
    claim_id     varchar(40)  not null references claim (id),
    content_type varchar(40)  not null,
    size_bytes   bigint       not null check (size_bytes > 0),
    sha256       char(64)     not null,
    storage      varchar(20)  not null default 'postgresql',
    bytes        bytea,
    added_by     varchar(200) not null,
    added_at     timestamptz  not null
);
create index claim_photo_by_claim on claim_photo (claim_id, added_at);
-- Photos are personal data: they are small in number but large in size, so keep them out of TOAST compression
-- attempts (JPEG, PNG and WebP are already compressed).
alter table claim_photo alter column bytes set storage external;

-- The PHOTO evidence a stored photo makes. Erasing a customer deletes the photo; the evidence row stays, without it.
alter table evidence add column photo_id varchar(40) references claim_photo (id) on delete set null;
