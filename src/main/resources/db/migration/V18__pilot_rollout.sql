-- The pilot (#13): a candidate policy version deciding the claims of a stable share of customers, ramped up on a
-- schedule, halted when its indicators cross a threshold, and activated when it reaches 100 %.

create table policy_rollout (
    id                       bigserial     primary key,
    version_hash             char(64)      not null references policy_version (hash),
    -- The share of customers in the pilot cohort: a customer is in when bucket < percent × 100.
    percent                  numeric(5, 2) not null check (percent between 0 and 100),
    control                  varchar(20)   not null check (control in ('ACTIVE_VERSION', 'HUMAN_REVIEW')),
    state                    varchar(10)   not null check (state in ('RUNNING', 'HALTED', 'COMPLETED', 'ENDED')),
    override_rate_above      numeric(5, 4) check (override_rate_above between 0 and 1),
    flagged_wrong_rate_above numeric(5, 4) check (flagged_wrong_rate_above between 0 and 1),
    min_decisions            integer       check (min_decisions >= 1),
    halt_reason              text,
    -- The version's author and the analyst who started the pilot: two people under two-person activation. Reaching
    -- 100 % activates the version as approved here.
    proposed_by              varchar(200)  not null,
    started_by               varchar(200)  not null,
    started_at               timestamptz   not null,
    changed_by               varchar(200)  not null,
    changed_at               timestamptz   not null,
    ended_by                 varchar(200),
    ended_at                 timestamptz
);
-- Only one pilot at a time: a running or halted pilot is live until it completes or someone ends it.
create unique index policy_rollout_one_live on policy_rollout ((true)) where state in ('RUNNING', 'HALTED');

-- The ramp-up: each step raises the percent at its time, once, whichever replica gets there first.
create table policy_rollout_step (
    id          bigserial     primary key,
    rollout_id  bigint        not null references policy_rollout (id),
    position    smallint      not null,
    percent     numeric(5, 2) not null check (percent between 0 and 100),
    due_at      timestamptz   not null,
    happened_at timestamptz,
    unique (rollout_id, position)
);

-- What happened to a pilot, by whom: started, changed, a step, halted, completed, ended.
create table policy_rollout_event (
    id          bigserial     primary key,
    rollout_id  bigint        not null references policy_rollout (id),
    kind        varchar(20)   not null check (kind in ('STARTED', 'CHANGED', 'STEP', 'HALTED', 'COMPLETED', 'ENDED')),
    percent     numeric(5, 2) not null,
    actor       varchar(200)  not null,
    at          timestamptz   not null,
    detail      text
);
create index policy_rollout_event_by_rollout on policy_rollout_event (rollout_id, id);

-- The halting check counts a pilot's decisions: those of its version, in its cohort, since it started.
create index decision_pilot_cohort on decision (policy_version, decided_at) where cohort = 'PILOT';
