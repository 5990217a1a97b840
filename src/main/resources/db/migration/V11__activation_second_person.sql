-- Two-person activation (#11): each activation names the analyst who proposed the version (its author) next to the
-- one who switched it on, and whether it went back to a version that was active before (one person suffices then).
alter table policy_activation add column proposed_by varchar(200);
alter table policy_activation add column rollback boolean not null default false;

update policy_activation a set proposed_by = v.author from policy_version v where v.hash = a.version_hash;
-- A version activated again before this migration was a roll-back: every activation after its first one.
update policy_activation a set rollback = true
 where exists (select 1 from policy_activation earlier where earlier.version_hash = a.version_hash and earlier.id < a.id);

alter table policy_activation alter column proposed_by set not null;
