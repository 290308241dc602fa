-- scim-ee JPA store, PostgreSQL. Every table carries the tenant; every string that is compared or ordered uses
-- COLLATE "C" (code-point order, byte equality), which is what the in-memory semantics specify.

CREATE TABLE scim_resource (
    tenant           VARCHAR(64)  COLLATE "C" NOT NULL,
    resource_type    VARCHAR(64)  COLLATE "C" NOT NULL,
    id               VARCHAR(64)  COLLATE "C" NOT NULL,
    data             TEXT         NOT NULL,
    created_ms       BIGINT       NOT NULL,
    last_modified_ms BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    CONSTRAINT scim_resource_pk PRIMARY KEY (tenant, resource_type, id)
);

-- One row per attribute value of a resource (see org.scimee.jpa.ValueRows).
CREATE TABLE scim_value (
    tenant        VARCHAR(64)   COLLATE "C" NOT NULL,
    resource_type VARCHAR(64)   COLLATE "C" NOT NULL,
    resource_id   VARCHAR(64)   COLLATE "C" NOT NULL,
    path          VARCHAR(255)  COLLATE "C" NOT NULL,
    element       INTEGER       NOT NULL,
    k_key         VARCHAR(200)  COLLATE "C",
    v_key         TEXT          COLLATE "C",
    v_sort        TEXT          COLLATE "C",
    v_num         NUMERIC(65, 30),
    present       SMALLINT      NOT NULL,
    is_sort       SMALLINT      NOT NULL,
    CONSTRAINT scim_value_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
);
-- equality and prefix (sw) look-ups on strings: userName eq, emails.value eq, members.value eq, ...
CREATE INDEX scim_value_key_ix ON scim_value (tenant, resource_type, path, k_key);
-- numbers, booleans and dateTimes (meta.lastModified gt ...)
CREATE INDEX scim_value_num_ix ON scim_value (tenant, resource_type, path, v_num);
-- the rows of one resource (replace, delete, value filters' same-element joins, sort joins)
CREATE INDEX scim_value_resource_ix ON scim_value (tenant, resource_type, resource_id, path, element);

-- One row per value of a single-valued attribute with uniqueness server/global: the database refuses duplicates.
CREATE TABLE scim_unique (
    tenant        VARCHAR(64)  COLLATE "C" NOT NULL,
    resource_type VARCHAR(64)  COLLATE "C" NOT NULL,
    path          VARCHAR(255) COLLATE "C" NOT NULL,
    value_key     CHAR(64)     COLLATE "C" NOT NULL,
    resource_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    CONSTRAINT scim_unique_pk PRIMARY KEY (tenant, resource_type, path, value_key),
    CONSTRAINT scim_unique_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
);
CREATE INDEX scim_unique_resource_ix ON scim_unique (tenant, resource_type, resource_id);
