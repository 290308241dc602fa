-- scim-ee JPA store, PostgreSQL: the elements of large multi-valued attributes (group members), one row each, so
-- adding or removing one touches one row (see org.scimee.jpa.Elements). Documents written before keep such arrays
-- inline; the store reads both and moves an array out of the document the first time it writes that resource.
CREATE TABLE scim_element (
    tenant        VARCHAR(64)  COLLATE "C" NOT NULL,
    resource_type VARCHAR(64)  COLLATE "C" NOT NULL,
    resource_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    path          VARCHAR(255) COLLATE "C" NOT NULL,
    position      INTEGER      NOT NULL,
    value_key     VARCHAR(200) COLLATE "C",
    element_json  TEXT         NOT NULL,
    CONSTRAINT scim_element_pk PRIMARY KEY (tenant, resource_type, resource_id, path, position),
    CONSTRAINT scim_element_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
);
-- RemoveValues by value, and references to a deleted resource
CREATE INDEX scim_element_value_ix ON scim_element (tenant, resource_type, resource_id, path, value_key);
