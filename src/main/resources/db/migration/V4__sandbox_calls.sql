-- What the sandbox connectors "sent": the default connectors record calls here instead of calling a provider,
-- so the service runs offline and a person can see what would have happened.
create table sandbox_call (
    id              bigserial    primary key,
    connector       varchar(40)  not null,
    operation       varchar(80)  not null,
    idempotency_key varchar(200),
    claim_id        varchar(40),
    request         jsonb        not null,
    response        jsonb        not null,
    created_at      timestamptz  not null
);
create index sandbox_call_by_connector on sandbox_call (connector, id);
-- A sandbox honours idempotency keys like the real provider: the same key returns the first response.
create unique index sandbox_call_once on sandbox_call (connector, operation, idempotency_key)
    where idempotency_key is not null;
