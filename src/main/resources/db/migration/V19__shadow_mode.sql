-- Shadow mode (#13): a candidate policy version evaluated on every new claim, after the real decision and with the
-- same facts snapshot, never acting. Its verdicts are stored beside the decision they shadow, for analysts to compare.

-- The version in shadow mode, if any: one row at most, shared by every replica. One shadow at a time.
create table shadow_policy (
    id           smallint     primary key default 1 check (id = 1),
    version_hash char(64)     not null references policy_version (hash),
    started_by   varchar(200) not null,
    started_at   timestamptz  not null
);

-- What the shadow version proposed for one claim, next to the real decision (the claim's first policy decision)
-- whose facts it evaluated. Holds no personal data: actions, amounts and rule names.
create table shadow_decision (
    id             bigserial     primary key,
    policy_version char(64)      not null references policy_version (hash),
    claim_id       varchar(40)   not null references claim (id),
    decision_id    bigint        not null references decision (id),
    action         varchar(20)   not null,
    amount         numeric(19, 4),
    currency       char(3)       not null,
    rules_fired    jsonb         not null,
    evaluated_at   timestamptz   not null,
    -- A claim is shadowed once per version, whatever retries or replicas do.
    unique (policy_version, claim_id)
);
create index shadow_decision_by_version on shadow_decision (policy_version, id desc);
