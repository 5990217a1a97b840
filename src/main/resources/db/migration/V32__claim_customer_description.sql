-- The customer's own words from the claim form belong to the claim they made, not to the link they used: agents read
-- them on the claim page and in GET /api/claims/{id} (customerDescription). Moved, not copied, so the words are kept in
-- one place only; personal data, blanked by erasure like the claim's other contact data.
alter table claim add column customer_description text;

update claim
   set customer_description = claim_link.description
  from claim_link
 where claim_link.claim_id = claim.id
   and claim_link.description is not null;

alter table claim_link drop column description;
