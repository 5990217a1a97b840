-- Identity (#12): a key names who holds it. A person's key (agent, analyst, accountant, admin) belongs to a console
-- user, and its principal is that user's name, so the same person is the same name by key or by session (four-eyes,
-- two-person activation). A shop backend's key belongs to a caller: claims belong to the caller's id, never to the
-- key's free-text owner.

-- The shop backends that send claims. An id is taken once: a new key gets a new caller unless it is a rotation of a key
-- of the same caller. The names the webhooks use for their own claims can never be a caller.
create table api_caller (
    id         varchar(200) primary key
               check (id not in ('shopify', 'stripe', 'shipstation', 'wms')),
    created_at timestamptz  not null,
    created_by varchar(200)
);

alter table api_key add column user_id varchar(100) references console_user (username);
alter table api_key add column caller_id varchar(200) references api_caller (id);

-- Existing shop keys keep the claims they sent: claims carry the owner text as their caller, so that text becomes the
-- caller's id. Keys with equal owner text already shared their claims; they stay one caller (rotate or revoke them).
-- A shop key named like a webhook cannot keep that name: its claims cannot be told apart from the webhook's, which keep
-- them, and the key gets a caller of its own.
insert into api_caller (id, created_at, created_by)
select distinct owner, now(), 'migration V15' from api_key
 where role = 'shop' and owner not in ('shopify', 'stripe', 'shipstation', 'wms');
update api_key set caller_id = owner where role = 'shop' and owner not in ('shopify', 'stripe', 'shipstation', 'wms');
insert into api_caller (id, created_at, created_by)
select 'legacy-' || id, now(), 'migration V15' from api_key where role = 'shop' and caller_id is null;
update api_key set caller_id = 'legacy-' || id where role = 'shop' and caller_id is null;

-- Demo keys belong to the demo users of the same name (key-demo-agent to agent, key-demo-analyst2 to analyst2, ...).
update api_key k set user_id = u.username from console_user u
 where k.demo and k.role <> 'shop' and u.username = substring(k.id from '^key-demo-(.+)$') and u.role = k.role;
-- A demo key without its demo user is dropped: the demo profile seeds it again, with its user, at the next start.
delete from api_key where demo and role <> 'shop' and user_id is null;
-- Other people's keys whose owner text is the name of a console user with the same role belong to that user.
update api_key k set user_id = u.username from console_user u
 where k.user_id is null and k.role <> 'shop' and u.username = k.owner and u.role = k.role;
-- The rest cannot be tied to a person, so four-eyes cannot tell who uses them: they are revoked, and an admin issues
-- new ones for named users (README, "Upgrading to identity-bound keys").
update api_key set active = false, revoked_at = now(), revoked_by = 'migration V15: no console user owns this key'
 where role <> 'shop' and user_id is null and active;

alter table api_key add constraint api_key_holder check (
    (role = 'shop' and caller_id is not null and user_id is null)
    or (role <> 'shop' and caller_id is null and (user_id is not null or not active)));
create index api_key_by_user on api_key (user_id);
create index api_key_by_caller on api_key (caller_id);

-- Who created, deactivated, issued, rotated or revoked what: by the console, the API or the offline `users` command.
create table security_audit (
    id      bigserial    primary key,
    at      timestamptz  not null,
    actor   varchar(200) not null,
    action  varchar(40)  not null,
    subject varchar(200) not null,
    detail  text
);
create index security_audit_by_subject on security_audit (subject, id);

-- Four-eyes names the proposal: each refund proposal is a row, the task points at the one waiting. An approval of any
-- other proposal (an older one, one whose amount changed) is refused.
create table refund_proposal (
    id            varchar(40)    primary key,
    claim_id      varchar(40)    not null references claim (id),
    action        varchar(20)    not null,
    amount        numeric(19, 4) not null,
    currency      char(3)        not null,
    proposed_by   varchar(200)   not null,
    note          text           not null,
    proposed_at   timestamptz    not null,
    approved_by   varchar(200),
    approved_at   timestamptz,
    approval_note text
);
create index refund_proposal_by_claim on refund_proposal (claim_id, proposed_at);
alter table review_task add column proposal_id varchar(40) references refund_proposal (id);

-- Proposals waiting at the upgrade get their row.
insert into refund_proposal (id, claim_id, action, amount, currency, proposed_by, note, proposed_at)
select 'prop_' || md5(claim_id || coalesce(proposed_at::text, '')), claim_id, proposed_action, proposed_amount, currency,
       proposed_by, coalesce(proposed_note, ''), coalesce(proposed_at, created_at)
  from review_task where proposed_action is not null and resolved_at is null;
update review_task set proposal_id = 'prop_' || md5(claim_id || coalesce(proposed_at::text, ''))
 where proposed_action is not null and resolved_at is null;
