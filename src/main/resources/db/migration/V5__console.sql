-- The web console: people who sign in with a password, and how agents share the review queue.

-- Console users. Only the bcrypt hash of a password is stored. One role per user, like API keys.
create table console_user (
    username      varchar(100) primary key,
    password_hash varchar(100) not null,
    role          varchar(20)  not null check (role in ('agent', 'analyst', 'accountant', 'admin')),
    display_name  varchar(200),
    demo          boolean      not null default false,
    active        boolean      not null default true,
    created_at    timestamptz  not null
);

-- Who works a review task now, since when, and when they last did something with it.
alter table review_task add column assigned_at timestamptz;
alter table review_task add column touched_at timestamptz;
-- The claim's reason and amount, copied when the task opens, so the queue filters and sorts on its own table
-- (a package never reads another's tables).
alter table review_task add column claim_reason varchar(50);
alter table review_task add column amount numeric(19, 4);
alter table review_task add column currency char(3);
update review_task t set claim_reason = c.reason, amount = c.amount, currency = c.currency from claim c where c.id = t.claim_id;
create index review_task_by_sla on review_task (sla_due) where resolved_at is null;
create index review_task_assigned on review_task (touched_at) where resolved_at is null and assignee is not null;

-- What happened to a review task that is not a claim status change: taken, released, timed out, proposed.
create table review_event (
    id       bigserial    primary key,
    claim_id varchar(40)  not null references claim (id),
    kind     varchar(30)  not null,
    actor    varchar(200) not null,
    detail   text,
    at       timestamptz  not null
);
create index review_event_by_claim on review_event (claim_id, id);

-- Every agent resolution beside what the policy proposed; override = they differ. Analysts read these.
create table review_resolution (
    id              bigserial      primary key,
    claim_id        varchar(40)    not null references claim (id),
    policy_version  char(64),
    policy_action   varchar(20),
    policy_amount   numeric(19, 4),
    agent_action    varchar(20)    not null,
    agent_amount    numeric(19, 4),
    currency        char(3)        not null,
    override        boolean        not null,
    note            text           not null,
    resolved_by     varchar(200)   not null,
    resolved_at     timestamptz    not null
);
create index review_resolution_overrides on review_resolution (resolved_at) where override;
create index review_resolution_by_claim on review_resolution (claim_id);
