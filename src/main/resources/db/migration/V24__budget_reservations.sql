-- The daily automation budget without a global lock (issue #15). Each replica reserves a slice of the day's budget in a
-- short transaction of its own, spends it in memory, and gives back what it did not use. The sum of the slices handed
-- out for a currency and day never passes the day's limit, so automatic refunds cannot either, across every replica.
-- A replica that dies keeps its unspent slice until the day ends: the budget is then under-used, never over-spent.
create table automation_budget_day (
    currency    char(3)        not null,
    day         date           not null,
    reserved    numeric(19, 4) not null check (reserved >= 0),
    updated_at  timestamptz    not null,
    primary key (currency, day)
);
