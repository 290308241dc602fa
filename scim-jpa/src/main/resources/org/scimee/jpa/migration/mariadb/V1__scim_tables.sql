-- scim-ee JPA store, MariaDB/MySQL. utf8mb4_nopad_bin everywhere: byte (code-point) comparison, case-sensitive,
-- and NO PAD, so 'a' and 'a ' differ (utf8mb4_bin pads, and the default collations ignore case and accents).
-- Index widths stay under InnoDB's 3072-byte key limit at 4 bytes per character.

CREATE TABLE scim_resource (
    tenant           VARCHAR(64)  NOT NULL,
    resource_type    VARCHAR(64)  NOT NULL,
    id               VARCHAR(64)  NOT NULL,
    data             LONGTEXT     NOT NULL,
    created_ms       BIGINT       NOT NULL,
    last_modified_ms BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    PRIMARY KEY (tenant, resource_type, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE scim_value (
    tenant        VARCHAR(64)   NOT NULL,
    resource_type VARCHAR(64)   NOT NULL,
    resource_id   VARCHAR(64)   NOT NULL,
    path          VARCHAR(255)  NOT NULL,
    element       INT           NOT NULL,
    k_key         VARCHAR(200),
    v_key         MEDIUMTEXT,
    v_sort        MEDIUMTEXT,
    v_num         DECIMAL(65, 30),
    present       SMALLINT      NOT NULL,
    is_sort       SMALLINT      NOT NULL,
    INDEX scim_value_key_ix (tenant, resource_type, path, k_key),
    INDEX scim_value_num_ix (tenant, resource_type, path, v_num),
    INDEX scim_value_resource_ix (tenant, resource_type, resource_id, path, element),
    CONSTRAINT scim_value_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE scim_unique (
    tenant        VARCHAR(64)  NOT NULL,
    resource_type VARCHAR(64)  NOT NULL,
    path          VARCHAR(255) NOT NULL,
    value_key     CHAR(64)     NOT NULL,
    resource_id   VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant, resource_type, path, value_key),
    INDEX scim_unique_resource_ix (tenant, resource_type, resource_id),
    CONSTRAINT scim_unique_resource_fk FOREIGN KEY (tenant, resource_type, resource_id)
        REFERENCES scim_resource (tenant, resource_type, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
