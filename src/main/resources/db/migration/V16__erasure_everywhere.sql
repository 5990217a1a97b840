-- #12, items 11 and 12: erasure that reaches every stored copy, and a service role that cannot undo the audit trail.
-- Flyway runs this as the schema's owner; ${serviceRole} is the role the running service connects as
-- (claimpilot.db.service-role, README "Database roles").

-- --- Erasing personal values from texts ------------------------------------------------------------------------
-- Every occurrence of any of the values (case-insensitive, literally: values are not patterns) becomes "[erased]".
-- The caller passes only values long enough to mean something (PrivacyService: 4 characters or more).
create function erase_personal_values(value text, personal_values text[]) returns text
    language plpgsql immutable as $$
declare
    result text := value;
    personal text;
begin
    if value is null or personal_values is null then
        return value;
    end if;
    foreach personal in array personal_values loop
        if personal is not null and personal <> '' then
            result := regexp_replace(result, regexp_replace(personal, '([^[:alnum:][:space:]])', '\\\1', 'g'), '[erased]', 'gi');
        end if;
    end loop;
    return result;
end $$;

-- The same through a JSON document: only string values (and numbers equal to a value, e.g. a numeric customer id)
-- change, never keys, so the document keeps its shape and stays readable by the code that wrote it.
create function erase_personal_values(document jsonb, personal_values text[]) returns jsonb
    language plpgsql immutable as $$
begin
    if document is null or personal_values is null then
        return document;
    end if;
    case jsonb_typeof(document)
        when 'string' then
            return to_jsonb(erase_personal_values(document #>> '{}', personal_values));
        when 'number' then
            return case when lower(document #>> '{}') = any (personal_values) then to_jsonb('[erased]'::text) else document end;
        when 'object' then
            return (select coalesce(jsonb_object_agg(key, erase_personal_values(item, personal_values)), '{}'::jsonb)
                      from jsonb_each(document) as entry(key, item));
        when 'array' then
            return (select coalesce(jsonb_agg(erase_personal_values(item, personal_values) order by position), '[]'::jsonb)
                      from jsonb_array_elements(document) with ordinality as element(item, position));
        else
            return document;
    end case;
end $$;

-- Whether a raw webhook body names the customer: some value in its JSON equals (case-insensitively) one of the
-- identifying values (customer id, e-mail). Exact values, not substrings, so a short customer id such as 42 does not
-- match every body holding the number. A body that is not JSON is searched as text for the values.
create function webhook_body_names(body bytea, identifying_values text[]) returns boolean
    language plpgsql immutable as $$
declare
    text_body text;
begin
    begin
        text_body := convert_from(body, 'UTF8');
    exception when others then
        return false;
    end;
    begin
        return exists (select 1 from jsonb_path_query(text_body::jsonb, 'strict $.**') as found(item)
                        where jsonb_typeof(item) in ('string', 'number') and lower(item #>> '{}') = any (identifying_values));
    exception when others then
        return exists (select 1 from unnest(identifying_values) as value
                        where value <> '' and strpos(lower(text_body), value) > 0);
    end;
end $$;

-- --- The audit trail stays append-only, with one exception ------------------------------------------------------
-- Erasure must reach the audit texts too (a reason may quote an e-mail or a name). The trigger lets one kind of
-- UPDATE through: made by erase_claim_audit_personal_data() below, which runs as the table's owner and sets a
-- transaction-local flag, and which changes only the texts (reason, actor), never the claim, the statuses or the time.
-- The service's role has no UPDATE privilege on claim_audit, so it cannot make that update itself, flag or not.
create or replace function claim_audit_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and current_setting('claimpilot.erasing_audit_texts', true) = 'on'
            and new.id = old.id and new.claim_id = old.claim_id and new.from_status is not distinct from old.from_status
            and new.to_status = old.to_status and new.at = old.at then
        return new;
    end if;
    raise exception 'claim_audit is append-only: % is not allowed', tg_op;
end
$$;

-- Erases the personal values from the audit texts of the given claims, and records the erasure itself as one more
-- audit row per claim (the status does not change: from = to). Returns how many earlier rows changed.
create function erase_claim_audit_personal_data(p_claim_ids text[], p_personal_values text[], p_erased_by text, p_why text,
                                                p_erased_at timestamptz) returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    changed integer;
begin
    perform set_config('claimpilot.erasing_audit_texts', 'on', true);
    update claim_audit a
       set reason = erase_personal_values(a.reason, p_personal_values),
           actor = erase_personal_values(a.actor, p_personal_values)
     where a.claim_id = any (p_claim_ids)
       and (a.reason is distinct from erase_personal_values(a.reason, p_personal_values)
            or a.actor is distinct from erase_personal_values(a.actor, p_personal_values));
    get diagnostics changed = row_count;
    perform set_config('claimpilot.erasing_audit_texts', 'off', true);
    insert into claim_audit (claim_id, from_status, to_status, actor, reason, at)
    select c.id, c.status, c.status, p_erased_by, p_why, p_erased_at from claim c where c.id = any (p_claim_ids);
    return changed;
end $$;
revoke all on function erase_claim_audit_personal_data(text[], text[], text, text, timestamptz) from public;

-- --- The service's role: rows, not schema -----------------------------------------------------------------------
-- It reads and writes the rows of every table, adds audit rows but never changes or removes one, and owns nothing:
-- only an owner may ALTER or DROP a table or its triggers. Tables and sequences created by later migrations (run by
-- this same owner) get the same grants through the default privileges. When the service and Flyway share one role
-- (an older single-role set-up), there is nothing to grant, and the README says how to split them.
do $$
declare
    service text := '${serviceRole}';
begin
    if service = '' or service = current_user or not exists (select 1 from pg_roles where rolname = service) then
        raise warning 'ClaimPilot: the service role "%" is missing or is the owner "%": no grants made (README, "Database roles")',
            service, current_user;
        return;
    end if;
    execute format('grant usage on schema public to %I', service);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', service);
    execute format('grant usage, select on all sequences in schema public to %I', service);
    execute format('revoke update, delete, truncate, references, trigger on claim_audit from %I', service);
    execute format('grant execute on function erase_claim_audit_personal_data(text[], text[], text, text, timestamptz) to %I',
                   service);
    if to_regclass('flyway_schema_history') is not null then
        execute format('revoke all on flyway_schema_history from %I', service);
    end if;
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', service);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', service);
end $$;
