-- #14 (tax on the claim): the shop's default VAT rate as it was when the claim came in. Items and shipping sent
-- without a rate are resolved at intake, but a claim that names no items has nothing to carry the rate: it is kept
-- here, so a later change of claimpilot.accounting.default-tax-rate never changes the credit notes of older claims.
-- Null for claims taken before this column existed (the current setting applies to them).
alter table claim add column default_tax_rate numeric(7, 4) check (default_tax_rate between 0 and 100);
