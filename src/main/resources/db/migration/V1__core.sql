-- ClaimPilot core schema. Money is numeric + ISO 4217 code, time is timestamptz (UTC).

create table api_key (
    id          varchar(40)  primary key,
    owner       varchar(200) not null,
    role        varchar(20)  not null check (role in ('shop', 'agent', 'analyst', 'accountant', 'admin')),
    key_hash    char(64)     not null unique,
    demo        boolean      not null default false,
    active      boolean      not null default true,
    created_at  timestamptz  not null
);

-- Immutable policy versions, identified by the SHA-256 of their files.
create table policy_version (
    hash        char(64)     primary key,
    author      varchar(200) not null,
    comment     text,
    created_at  timestamptz  not null,
    rule_names  jsonb        not null
);

create table policy_file (
    version_hash char(64)     not null references policy_version (hash),
    name         varchar(255) not null,
    content      bytea        not null,
    primary key (version_hash, name)
);

create table claim (
    id                varchar(40)   primary key,
    caller            varchar(200)  not null,
    external_id       varchar(200)  not null,
    order_id          varchar(200)  not null,
    reason            varchar(50)   not null,
    customer_id       varchar(200)  not null,
    customer_email    varchar(320),
    customer_locale   varchar(35),
    amount            numeric(19, 4) not null check (amount >= 0),
    currency          char(3)       not null,
    fulfillment       varchar(20)   not null,
    order_total_paid  numeric(19, 4) not null check (order_total_paid >= 0),
    payment_reference varchar(200),
    order_placed_at   timestamptz,
    items             jsonb         not null,
    status            varchar(30)   not null,
    policy_version    char(64),
    evidence_deadline timestamptz,
    refund_amount     numeric(19, 4) check (refund_amount >= 0),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    version           bigint        not null default 0,
    constraint claim_external_id_per_caller unique (caller, external_id)
);
create index claim_awaiting_evidence on claim (evidence_deadline) where status = 'AWAITING_EVIDENCE';
create index claim_by_customer on claim (customer_id, created_at);
create index claim_by_email on claim (customer_email, created_at);
create index claim_by_order on claim (order_id);

create table evidence (
    id              bigserial    primary key,
    claim_id        varchar(40)  not null references claim (id),
    type            varchar(20)  not null,
    url             text,
    tracking_number varchar(100),
    added_by        varchar(200) not null,
    added_at        timestamptz  not null
);
create index evidence_by_claim on evidence (claim_id);

create table decision (
    id             bigserial     primary key,
    claim_id       varchar(40)   not null references claim (id),
    action         varchar(20)   not null,
    amount         numeric(19, 4),
    currency       char(3),
    deadline       timestamptz,
    message_key    varchar(100),
    reasons        jsonb         not null,
    rules_fired    jsonb         not null,
    policy_version char(64),
    decided_by     varchar(200)  not null,
    facts          jsonb,
    note           text,
    decided_at     timestamptz   not null
);
create index decision_by_claim on decision (claim_id, id);

create table claim_audit (
    id          bigserial    primary key,
    claim_id    varchar(40)  not null references claim (id),
    from_status varchar(30),
    to_status   varchar(30)  not null,
    actor       varchar(200) not null,
    reason      text,
    at          timestamptz  not null
);
create index claim_audit_by_claim on claim_audit (claim_id, id);

create table review_task (
    claim_id     varchar(40)  primary key references claim (id),
    reason       text         not null,
    created_at   timestamptz  not null,
    sla_due      timestamptz  not null,
    assignee     varchar(200),
    resolved_at  timestamptz,
    resolved_by  varchar(200),
    resolution   varchar(20),
    note         text
);
create index review_task_open on review_task (created_at) where resolved_at is null;

-- Actions to carry out, written in the same transaction as the decision. The dispatcher comes later.
create table outbox (
    id              bigserial    primary key,
    claim_id        varchar(40)  not null references claim (id),
    action          varchar(30)  not null,
    idempotency_key varchar(200) not null unique,
    payload         jsonb        not null,
    status          varchar(20)  not null default 'PENDING',
    attempts        int          not null default 0,
    created_at      timestamptz  not null
);
create index outbox_pending on outbox (created_at) where status = 'PENDING';

-- Stands in for the warehouse until a WMS connector exists.
create table stock_level (
    sku        varchar(100) primary key,
    available  int          not null check (available >= 0),
    updated_at timestamptz  not null
);

create table blocklist_entry (
    id         bigserial    primary key,
    kind       varchar(20)  not null check (kind in ('CUSTOMER_ID', 'EMAIL', 'ADDRESS')),
    value      varchar(500) not null,
    reason     text         not null,
    created_by varchar(200) not null,
    created_at timestamptz  not null,
    unique (kind, value)
);
