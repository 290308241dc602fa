-- scim-ee JPA store, H2. H2 compares strings case-sensitively by UTF-16 code unit by default.

CREATE TABLE scim_resource (
    tenant           VARCHAR(64)  NOT NULL,
    resource_type    VARCHAR(64)  NOT NULL,
    id               VARCHAR(64)  NOT NULL,
    data             CLOB         NOT NULL,
    created_ms       BIGINT       NOT NULL,
    last_modified_ms BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    CONSTRAINT scim_resource_pk PRIMARY KEY (tenant, resource_type, id)
);

-- One row per attribute value of a resource (see org.scimee.jpa.ValueRows).
CREATE TABLE scim_value (
    tenant        VARCHAR(64)   NOT NULL,
    resource_type VARCHAR(64)   NOT NULL,
    resource_id   VARCHAR(64)   NOT NULL,
    path          VARCHAR(255)  NOT NULL,
    element       INTEGER       NOT NULL,
    k_key         VARCHAR(200),
    v_key         CHARACTER VARYING,
    v_sort        CHARACTER VARYING,
    v_num         NUMERIC(65, 30),
    present       SMALLINT      NOT NULL,
    is_sort       SMALLINT      NOT NULL,
    CONSTRAINT scim_value_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
);
CREATE INDEX scim_value_key_ix ON scim_value (tenant, resource_type, path, k_key);
CREATE INDEX scim_value_num_ix ON scim_value (tenant, resource_type, path, v_num);
CREATE INDEX scim_value_resource_ix ON scim_value (tenant, resource_type, resource_id, path, element);

CREATE TABLE scim_unique (
    tenant        VARCHAR(64)  NOT NULL,
    resource_type VARCHAR(64)  NOT NULL,
    path          VARCHAR(255) NOT NULL,
    value_key     CHAR(64)     NOT NULL,
    resource_id   VARCHAR(64)  NOT NULL,
    CONSTRAINT scim_unique_pk PRIMARY KEY (tenant, resource_type, path, value_key),
    CONSTRAINT scim_unique_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
);
CREATE INDEX scim_unique_resource_ix ON scim_unique (tenant, resource_type, resource_id);
