-- The dispatcher: when an action is due, who holds it (a lease, so a crashed replica's work is taken again), and how
-- it ended. Statuses: PENDING, IN_PROGRESS, AWAITING_CONFIRMATION, DONE, FAILED.
alter table outbox alter column status type varchar(30);
alter table outbox add column next_attempt_at    timestamptz;
alter table outbox add column locked_until       timestamptz;
alter table outbox add column lease_token        varchar(40);
-- Which replica took the action last (host and process id): for operations, and for the replica test.
alter table outbox add column dispatched_by      varchar(200);
alter table outbox add column last_error         text;
alter table outbox add column provider_reference varchar(200);
alter table outbox add column result             jsonb;
alter table outbox add column updated_at         timestamptz;
alter table outbox add column completed_at       timestamptz;
update outbox set next_attempt_at = created_at, updated_at = created_at;
alter table outbox alter column next_attempt_at set not null;
alter table outbox alter column updated_at set not null;
alter table outbox add constraint outbox_status_known
    check (status in ('PENDING', 'IN_PROGRESS', 'AWAITING_CONFIRMATION', 'DONE', 'FAILED'));

drop index outbox_pending;
-- What the dispatcher scans: due pending actions, and leases that ran out.
create index outbox_due on outbox (next_attempt_at) where status = 'PENDING';
create index outbox_leased on outbox (locked_until) where status = 'IN_PROGRESS';
create index outbox_by_claim on outbox (claim_id, id);
create index outbox_failed on outbox (id) where status = 'FAILED';
-- A refund confirmed later by the provider's webhook is found by the provider's id.
create index outbox_by_provider_reference on outbox (provider_reference) where provider_reference is not null;

-- The ship-to address as sent (line1, line2, postalCode, city, country): a reshipment goes to the same address.
-- Personal data: erased with the claim's other personal data.
alter table claim add column ship_to jsonb;
