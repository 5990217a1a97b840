-- Replays of more than claimpilot.replay.job-threshold claims run as jobs. They live here, not in a replica's
-- memory, so any replica can answer GET /api/replays/{id}; updated_at moves with every batch of progress, which is
-- how a job whose replica stopped is told apart from a slow one.
create table replay_job (
    id             varchar(40)   primary key,
    policy_version char(64)      not null references policy_version (hash),
    selection      jsonb         not null,
    status         varchar(10)   not null,
    claims_done    integer       not null,
    claims_total   integer       not null,
    report         jsonb,
    error          text,
    requested_by   varchar(200)  not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    finished_at    timestamptz
);
create index replay_job_running on replay_job (updated_at) where status = 'RUNNING';
