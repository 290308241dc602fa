-- As for PostgreSQL: look-ups by (path, k_key) read resource_id and element from the index alone.
ALTER TABLE scim_value DROP INDEX scim_value_key_ix,
    ADD INDEX scim_value_key_ix (tenant, resource_type, path, k_key, resource_id, element);
