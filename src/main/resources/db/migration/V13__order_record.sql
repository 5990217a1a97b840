-- The order's money facts, pinned by the first claim (or webhook) seen for it: what it paid, in which currency, and
-- through which payment. Later claims are compared with this row, never trusted over it; the refundable balance is
-- computed from it. Orders are keyed by order id alone, like the order lock and the refunds counted against an order.
create table order_record (
    order_id          varchar(200)   primary key,
    total_paid        numeric(19, 4) not null check (total_paid >= 0),
    currency          char(3)        not null,
    payment_reference varchar(200),
    first_claim_id    varchar(40)    not null,
    recorded_by       varchar(200)   not null,
    recorded_at       timestamptz    not null,
    corrected_at      timestamptz
);
create index order_record_by_payment on order_record (payment_reference) where payment_reference is not null;

-- Orders claimed before this table existed are pinned to what their first claim said.
insert into order_record (order_id, total_paid, currency, payment_reference, first_claim_id, recorded_by, recorded_at)
select distinct on (order_id) order_id, order_total_paid, currency, payment_reference, id, caller, created_at
from claim
order by order_id, created_at, id;

-- An admin's correction of a pinned order (PUT /api/orders/{orderId}): who, when, from, to, why. Append-only.
create table order_correction (
    id                     bigserial      primary key,
    order_id               varchar(200)   not null references order_record (order_id),
    corrected_by           varchar(200)   not null,
    corrected_at           timestamptz    not null,
    from_total_paid        numeric(19, 4) not null,
    from_currency          char(3)        not null,
    from_payment_reference varchar(200),
    to_total_paid          numeric(19, 4) not null,
    to_currency            char(3)        not null,
    to_payment_reference   varchar(200),
    reason                 text           not null
);
create index order_correction_by_order on order_correction (order_id, id);

create function order_correction_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'order_correction is append-only: % is not allowed', tg_op;
end
$$;
create trigger order_correction_no_update_or_delete before update or delete on order_correction
    for each row execute function order_correction_is_append_only();
create trigger order_correction_no_truncate before truncate on order_correction
    for each statement execute function order_correction_is_append_only();
