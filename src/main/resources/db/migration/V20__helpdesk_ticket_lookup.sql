-- Helpdesk satisfaction surveys (#13) name the rated ticket, not the claim: find the claim by its ticket at a provider.
-- Not unique: rows written before this index are not checked for a shared ticket, and a lookup takes the newest claim.
create index helpdesk_ticket_by_ticket on helpdesk_ticket (provider, ticket_id);
