-- Exchanges (#16): the replacement's unit price comes from the stock source; the embedded table keeps one per SKU.
alter table stock_level add column unit_price numeric(19, 4) check (unit_price >= 0);
alter table stock_level add column currency   char(3);
alter table stock_level add constraint stock_level_price_has_currency check ((unit_price is null) = (currency is null));

-- An exchange is a final decision like a refund, a reshipment or a denial: the indicators' partial index covers it.
drop index if exists decision_final_by_claim;
create index decision_final_by_claim on decision (claim_id, id desc) where action in ('REFUND', 'RESHIP', 'EXCHANGE', 'DENY');
