-- scim-ee JPA store, MariaDB/MySQL: the elements of large multi-valued attributes (group members), one row each,
-- so adding or removing one touches one row (see org.scimee.jpa.Elements). Documents written before keep such
-- arrays inline; the store reads both and moves an array out of the document the first time it writes that resource.
CREATE TABLE scim_element (
    tenant        VARCHAR(64)   NOT NULL,
    resource_type VARCHAR(64)   NOT NULL,
    resource_id   VARCHAR(64)   NOT NULL,
    path          VARCHAR(255)  NOT NULL,
    position      INT           NOT NULL,
    value_key     VARCHAR(200),
    element_json  MEDIUMTEXT    NOT NULL,
    PRIMARY KEY (tenant, resource_type, resource_id, path, position),
    INDEX scim_element_value_ix (tenant, resource_type, resource_id, path, value_key),
    CONSTRAINT scim_element_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
