-- Policy versions carry their validation report and where they came from; activations are a history.
alter table policy_version add column origin varchar(20) not null default 'FOLDER' check (origin in ('FOLDER', 'UPLOAD'));
alter table policy_version add column validation jsonb;

create table policy_activation (
    id           bigserial    primary key,
    version_hash char(64)     not null references policy_version (hash),
    activated_by varchar(200) not null,
    activated_at timestamptz  not null
);
create index policy_activation_latest on policy_activation (id desc);
