-- Customer claim links (issue #16, section 1): the shop asks for a link carrying an order's facts; the customer opens
-- it, chooses items, a reason and the proof, and makes one claim. The facts stay here, never in the link: the URL holds
-- only the link's id and expiry, signed, so it is short, carries no personal data, and cannot be altered.
create table claim_link (
    id          varchar(40)  primary key,
    caller      varchar(200) not null,
    order_id    varchar(200) not null,
    facts       jsonb,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    -- Set once, by the submit that made the claim (under the row's lock): a link makes at most one claim.
    claim_id    varchar(40)  references claim (id),
    used_at     timestamptz,
    -- The customer's own words from the form; personal data, erased with the customer's claims.
    description text
);
create index claim_link_by_claim on claim_link (claim_id);
create index claim_link_expiry on claim_link (expires_at);
