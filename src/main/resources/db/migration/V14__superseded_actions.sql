-- #12: one retry, and the provider's own record. An action whose purpose was decided again (an agent's new
-- resolution) or withdrawn (a cancelled claim) becomes SUPERSEDED and never runs again.
alter table outbox drop constraint outbox_status_known;
alter table outbox add constraint outbox_status_known
    check (status in ('PENDING', 'IN_PROGRESS', 'AWAITING_CONFIRMATION', 'DONE', 'FAILED', 'SUPERSEDED'));

-- When a dispatcher first called the provider for the action. Stripe forgets an idempotency key after 24 hours: a
-- refund first tried longer ago than claimpilot.stripe.idempotency-window is looked up before it is created again.
-- Actions already tried keep the earliest time they can have been tried, so they are looked up when in doubt.
alter table outbox add column first_attempted_at timestamptz;
update outbox set first_attempted_at = created_at where attempts > 0;

-- Actions the provider accepted and has not settled yet are asked about once they waited
-- claimpilot.dispatch.confirm-after (next_attempt_at says when).
create index outbox_awaiting_confirmation on outbox (next_attempt_at) where status = 'AWAITING_CONFIRMATION';
