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

-- Erasing a customer's personal data (claim.erased_at set, by the privacy service) erases what they were told as
-- well: the texts greet them by name. The sandbox's copies of the helpdesk posts go the same way.
create function erase_customer_messages() returns trigger language plpgsql as $$
begin
    update customer_message set subject = '(erased)', body = '(erased)' where claim_id = new.id;
    update sandbox_call set request = (request - 'to' - 'subject' - 'body') || '{"subject":"(erased)","body":"(erased)"}'::jsonb
        where connector = 'helpdesk' and claim_id = new.id;
    return new;
end $$;
create trigger customer_message_erased after update of erased_at on claim
    for each row when (old.erased_at is null and new.erased_at is not null) execute function erase_customer_messages();
