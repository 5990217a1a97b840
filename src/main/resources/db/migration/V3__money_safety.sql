-- Audit rows are append-only: the application can write them, never change or remove them.
create function claim_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'claim_audit is append-only: % is not allowed', tg_op;
end
$$;
create trigger claim_audit_no_update_or_delete before update or delete on claim_audit
    for each row execute function claim_audit_is_append_only();
create trigger claim_audit_no_truncate before truncate on claim_audit
    for each statement execute function claim_audit_is_append_only();

-- What a refund was and who approved it: the daily automation budget counts automatic ones.
alter table claim add column refund_automatic boolean not null default false;
alter table claim add column refund_approved_at timestamptz;
create index claim_automatic_refunds on claim (refund_approved_at) where refund_automatic;

-- Personal data for velocity across accounts, and for erasure.
alter table claim add column customer_name varchar(200);
alter table claim add column shipping_address text;
alter table claim add column address_key varchar(500);
alter table claim add column shipped_at timestamptz;
alter table claim add column tracking_status varchar(20);
alter table claim add column erased_at timestamptz;
create index claim_by_address on claim (address_key, created_at);

-- The kill switch and the daily budgets, shared by every replica.
create table automation_state (
    id          int          primary key check (id = 1),
    paused      boolean      not null,
    changed_by  varchar(200) not null,
    changed_at  timestamptz  not null,
    reason      text
);

create table automation_budget (
    currency    char(3)        primary key,
    daily_limit numeric(19, 4) not null check (daily_limit >= 0),
    changed_by  varchar(200)   not null,
    changed_at  timestamptz    not null
);

-- Four-eyes: a large agent refund waits here for a second agent.
alter table review_task add column proposed_action varchar(20);
alter table review_task add column proposed_amount numeric(19, 4);
alter table review_task add column proposed_by varchar(200);
alter table review_task add column proposed_note text;
alter table review_task add column proposed_at timestamptz;
