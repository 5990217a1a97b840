-- The indicators (#13) read one row per claim: its outcome is kept on the claim, in the same UPDATE that moves it,
-- instead of being worked out from the decisions, audit rows and messages at every report.
alter table claim add column final_action     varchar(20);
alter table claim add column final_amount     numeric(19, 4);
alter table claim add column final_currency   char(3);
alter table claim add column final_by_policy  boolean;
alter table claim add column final_rule       varchar(500);
alter table claim add column final_decided_at timestamptz;
-- The pilot cohort of the claim's first policy decision.
alter table claim add column cohort           varchar(10) check (cohort in ('PILOT', 'CONTROL'));
alter table claim add column escalated        boolean not null default false;
alter table claim add column evidence_expired boolean not null default false;
alter table claim add column fraud_hold       boolean not null default false;
-- Agents' resolutions of the claim, and those that differ from the policy's proposal (review_resolution.override).
alter table claim add column resolutions      int not null default 0;
alter table claim add column overrides        int not null default 0;
-- Written by the first message sent, with plain SQL: the service's claim entity does not map it, so a claim saved
-- by another transaction never writes it back.
alter table claim add column first_response_at timestamptz;

update claim c set final_action = f.action, final_amount = f.amount, final_currency = f.currency,
                   final_by_policy = f.decided_by like 'policy:%', final_decided_at = f.decided_at,
                   final_rule = f.rules_fired ->> (jsonb_array_length(f.rules_fired) - 1)
  from (select distinct on (claim_id) claim_id, action, amount, currency, decided_by, decided_at, rules_fired
          from decision where action in ('REFUND', 'RESHIP', 'DENY') order by claim_id, id desc) f
 where f.claim_id = c.id;
update claim c set cohort = d.cohort
  from (select distinct on (claim_id) claim_id, cohort from decision where policy_version is not null
         order by claim_id, id) d
 where d.claim_id = c.id and d.cohort is not null;
update claim c set escalated = true where exists (select 1 from claim_audit a where a.claim_id = c.id and a.to_status = 'IN_REVIEW');
update claim c set evidence_expired = true
 where exists (select 1 from decision d where d.claim_id = c.id and d.decided_by = 'system:evidence-deadline');
update claim c set fraud_hold = true
 where exists (select 1 from decision d where d.claim_id = c.id and d.action = 'HUMAN_REVIEW'
                 and (d.rules_fired::text like '%"Guard rail:%' or coalesce((d.facts ->> 'blocklisted')::boolean, false)));
update claim c set first_response_at = m.sent_at
  from (select claim_id, min(sent_at) as sent_at from customer_message group by claim_id) m
 where m.claim_id = c.id;
update claim c set resolutions = r.n, overrides = r.overridden
  from (select claim_id, count(*) as n, count(*) filter (where override) as overridden
          from review_resolution group by claim_id) r
 where r.claim_id = c.id;
