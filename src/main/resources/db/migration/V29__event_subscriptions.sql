-- Outbound events (issue #16, section 4): the shop's endpoints (Zapier, Make, its own systems) that receive claim
-- events, signed per the Standard Webhooks specification. The signing secret is stored encrypted (AES-GCM, key from
-- CLAIMPILOT_EVENTS_SECRET_KEY): it must be readable to sign, so it cannot be hashed like an API key, and it is shown
-- only once, when made. After a rotation the previous secret still signs, next to the new one, until it expires, so a
-- receiver can switch without losing events.
create table event_subscription (
    id                        varchar(40)   primary key,
    url                       varchar(2000) not null,
    events                    jsonb         not null,
    description               varchar(500),
    include_personal_data     boolean       not null default false,
    secret_ciphertext         text          not null,
    previous_secret_ciphertext text,
    previous_secret_expires_at timestamptz,
    created_by                varchar(200)  not null,
    created_at                timestamptz   not null,
    secret_rotated_at         timestamptz
);

-- The deliveries of one subscription, newest first (GET /api/event-subscriptions/{id}/deliveries), read from the
-- outbox rows its events were queued as.
create index outbox_event_deliveries on outbox ((payload ->> 'subscriptionId'), id) where action = 'EVENT_DELIVERY';
