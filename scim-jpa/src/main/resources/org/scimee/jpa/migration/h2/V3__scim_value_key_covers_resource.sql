-- As for PostgreSQL: look-ups by (path, k_key) read resource_id and element from the index alone.
DROP INDEX scim_value_key_ix;
CREATE INDEX scim_value_key_ix ON scim_value (tenant, resource_type, path, k_key, resource_id, element);
