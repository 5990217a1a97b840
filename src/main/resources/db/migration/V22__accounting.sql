-- #14: the accountant's side. Tax on the claim, credit notes numbered without gaps, and what the journal and the
-- reconciliation read.

-- --- Tax on the claim -------------------------------------------------------------------------------------------
-- Each item's VAT rate lives in claim.items (jsonb, "taxRate", a percentage; null = the shop's default rate).
-- Whether the prices include VAT is one flag for the whole claim: a mix is refused at intake.
alter table claim add column tax_included      boolean       not null default true;
alter table claim add column shipping_amount   numeric(19, 4) check (shipping_amount >= 0);
alter table claim add column shipping_tax_rate numeric(7, 4)  check (shipping_tax_rate between 0 and 100);
alter table claim add column invoice_number    varchar(100);
alter table claim add column invoice_date      date;

-- --- Credit notes -----------------------------------------------------------------------------------------------
-- One counter row per series (prefix) and calendar year. A number is taken by UPDATE ... RETURNING on this row in the
-- transaction that records the refund's confirmation: the row lock serialises issuers across replicas, and a
-- rolled-back transaction gives its number back (a sequence would leave a gap).
create table credit_note_counter (
    prefix      varchar(20) not null,
    year        integer     not null check (year between 2000 and 9999),
    last_number bigint      not null default 0 check (last_number >= 0),
    primary key (prefix, year)
);

-- A credit note (facture d'avoir), issued once per completed refund and never changed afterwards: amounts and
-- numbers are kept for the law. The one change allowed is erasure's pseudonymisation of the customer (see trigger).
create table credit_note (
    number           varchar(40)    primary key,
    prefix           varchar(20)    not null,
    year             integer        not null,
    sequence_number  bigint         not null check (sequence_number > 0),
    issued_at        timestamptz    not null,
    issue_date       date           not null,
    -- The refund it documents: one outbox REFUND action, so a note is issued once whatever the retries.
    refund_action_id bigint         not null unique references outbox (id),
    claim_id         varchar(40)    not null references claim (id),
    order_id         varchar(200)   not null,
    invoice_number   varchar(100),
    invoice_date     date,
    customer_id      varchar(200),
    customer_name    varchar(300),
    customer_locale  varchar(20),
    reason           varchar(40)    not null,
    reason_code      varchar(40)    not null,
    -- The ledger accounts as mapped when the note was issued (rules/accounting.csv and the payment accounts), so a
    -- later edit of the mapping never rewrites the journal of notes already issued.
    revenue_account  varchar(20)    not null,
    vat_account      varchar(20)    not null,
    customer_account varchar(20)    not null,
    payment_account  varchar(20)    not null,
    currency         char(3)        not null,
    -- [{"description","net","vat","gross","taxRate"}], amounts as decimal strings
    lines            jsonb          not null,
    -- [{"taxRate","net","vat"}]
    vat_by_rate      jsonb          not null,
    net              numeric(19, 4) not null,
    vat              numeric(19, 4) not null,
    gross            numeric(19, 4) not null check (gross > 0),
    payment_provider varchar(20),
    erased_at        timestamptz,
    constraint credit_note_totals_add_up check (net + vat = gross),
    constraint credit_note_sequence_once unique (prefix, year, sequence_number)
);
create index credit_note_by_issue on credit_note (issued_at);
create index credit_note_by_claim on credit_note (claim_id);

create function credit_note_is_unalterable() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        raise exception 'credit_note is unalterable: TRUNCATE is not allowed';
    end if;
    -- Erasure may replace the customer's identity by a pseudonym, once; everything else stays as issued.
    if tg_op = 'UPDATE' and old.erased_at is null and new.erased_at is not null
            and (to_jsonb(new) - array['customer_id', 'customer_name', 'erased_at'])
              = (to_jsonb(old) - array['customer_id', 'customer_name', 'erased_at']) then
        return new;
    end if;
    raise exception 'credit_note % is unalterable: % is not allowed', old.number, tg_op;
end
$$;
create trigger credit_note_unalterable before update or delete on credit_note
    for each row execute function credit_note_is_unalterable();
create trigger credit_note_no_truncate before truncate on credit_note
    for each statement execute function credit_note_is_unalterable();

-- Reconciliation: refunds approved or failed in a period, and refunds made outside ClaimPilot.
create index if not exists external_refund_by_time on external_refund (recorded_at);
