-- What each customer was told, exactly as it was sent. One row per NOTIFY_CUSTOMER action: the outbox idempotency
-- key is unique, so a retried action never records (or sends) a message twice.
create table customer_message (
    id                 bigserial     primary key,
    claim_id           varchar(40)   not null references claim (id),
    situation          varchar(30)   not null,
    locale             varchar(35)   not null,
    channel            varchar(40)   not null,
    subject            text          not null,
    body               text          not null,
    provider_reference varchar(200),
    idempotency_key    varchar(200)  not null unique,
    sent_at            timestamptz   not null
);
create index customer_message_by_claim on customer_message (claim_id, id);

-- The helpdesk ticket that holds a claim's conversation: replies and notes go to the same ticket.
create table helpdesk_ticket (
    claim_id   varchar(40)  not null references claim (id),
    provider   varchar(20)  not null,
    ticket_id  varchar(100) not null,
    created_at timestamptz  not null,
    primary key (claim_id, provider)
);
