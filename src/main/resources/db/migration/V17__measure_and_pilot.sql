-- Measuring (#13): the cohort a decision was made in, customer satisfaction, agents' verdicts on automatic decisions,
-- and indexes so the indicators are SQL aggregates over a window of claims.

-- PILOT or CONTROL while a pilot runs; null when no pilot runs (or for decisions by people and jobs).
alter table decision add column cohort varchar(10) check (cohort in ('PILOT', 'CONTROL'));

-- The KPI window is over claims created in [from, to).
create index claim_by_created_at on claim (created_at);
-- A claim's final decision is its latest REFUND, RESHIP or DENY.
create index decision_final_by_claim on decision (claim_id, id desc) where action in ('REFUND', 'RESHIP', 'DENY');

-- One answer per claim: a later answer (API or helpdesk survey) replaces the earlier one.
create table csat_response (
    claim_id    varchar(40)  primary key references claim (id),
    score       smallint     not null check (score between 1 and 5),
    comment     text,
    source      varchar(20)  not null check (source in ('API', 'ZENDESK', 'GORGIAS')),
    received_at timestamptz  not null,
    updated_at  timestamptz  not null
);

-- An agent's verdict on one automatic decision, counted per rule; a later verdict on the same decision replaces it.
create table decision_feedback (
    decision_id bigint       primary key references decision (id),
    claim_id    varchar(40)  not null references claim (id),
    rule        varchar(500),
    verdict     varchar(10)  not null check (verdict in ('RIGHT', 'WRONG')),
    note        text,
    given_by    varchar(200) not null,
    given_at    timestamptz  not null
);
create index decision_feedback_by_claim on decision_feedback (claim_id);

-- Erasure reaches free text written about a customer: CSAT comments and feedback notes.
create function erase_measurement_texts() returns trigger language plpgsql as $$
begin
    update csat_response set comment = null where claim_id = new.id and comment is not null;
    update decision_feedback set note = null where claim_id = new.id and note is not null;
    return new;
end $$;
create trigger measurement_texts_erased after update of erased_at on claim
    for each row when (old.erased_at is null and new.erased_at is not null) execute function erase_measurement_texts();
