-- Webhooks in: every verified delivery is stored raw, once per provider and delivery id, and processed by a job.
-- The unique key is what makes a replayed delivery harmless.
create table webhook_delivery (
    id              bigserial    primary key,
    provider        varchar(20)  not null,
    delivery_id     varchar(200) not null,
    topic           varchar(100),
    body            bytea        not null,
    status          varchar(20)  not null default 'PENDING' check (status in ('PENDING', 'DONE', 'FAILED')),
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      text,
    outcome         text,
    received_at     timestamptz  not null,
    processed_at    timestamptz,
    constraint webhook_delivery_once unique (provider, delivery_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';

-- Refunds made outside ClaimPilot (e.g. in the Shopify admin), so an order's refundable balance stays true.
-- claim_id is set when the refund is one ClaimPilot made itself: those are already counted by the claim.
create table external_refund (
    id          bigserial      primary key,
    provider    varchar(20)    not null,
    refund_id   varchar(100)   not null,
    order_id    varchar(200)   not null,
    amount      numeric(19, 4) not null check (amount >= 0),
    currency    char(3)        not null,
    claim_id    varchar(40)    references claim (id),
    refunded_at timestamptz,
    recorded_at timestamptz    not null,
    constraint external_refund_once unique (provider, refund_id)
);
create index external_refund_by_order on external_refund (order_id);
