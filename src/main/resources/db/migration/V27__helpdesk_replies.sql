-- Issue #16, helpdesk replies become evidence.
-- A claim may name the shop's existing helpdesk ticket: ClaimPilot then writes into it instead of opening another, and
-- the customer's replies in it are found by it. Found by ticket id when a webhook names only the ticket.
alter table claim add column helpdesk_ticket_id varchar(100);
create index claim_by_helpdesk_ticket on claim (helpdesk_ticket_id) where helpdesk_ticket_id is not null;

-- Each customer reply (a Zendesk comment, a Gorgias message) is read once: a webhook delivered twice, or a later
-- delivery that lists the ticket's earlier messages again, adds its photos and tracking numbers only the first time.
create table helpdesk_reply (
    provider   varchar(20)  not null,
    message_id varchar(100) not null,
    claim_id   varchar(40)  not null references claim (id),
    outcome    text         not null,
    read_at    timestamptz  not null,
    primary key (provider, message_id)
);
create index helpdesk_reply_by_claim on helpdesk_reply (claim_id);
