-- The look-ups IdPs send all day (userName eq, externalId eq, members.value eq) find their rows by
-- (path, k_key) and need only resource_id (and, for a member, element) from them: with those columns in the
-- index, PostgreSQL answers from the index alone and never reads the much larger scim_value table.
DROP INDEX scim_value_key_ix;
CREATE INDEX scim_value_key_ix ON scim_value (tenant, resource_type, path, k_key, resource_id, element);
