-- Admins issue and revoke API keys in the console: who did it, and when. Seeded and older keys have no author.
alter table api_key add column created_by varchar(200);
alter table api_key add column revoked_by varchar(200);
alter table api_key add column revoked_at timestamptz;
