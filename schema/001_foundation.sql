-- participa foundation: territories (mirrored from the YAML) and participants.
-- Storage rules: InnoDB, a primary key, utf8mb4, times in UTC as DATETIME(6).
-- AUTO_INCREMENT values are identifiers only, never counts or an order.

CREATE TABLE IF NOT EXISTS participa_territories (
    id          VARCHAR(191) NOT NULL,
    parent_id   VARCHAR(191) NULL,
    name        VARCHAR(255) NOT NULL,
    kind        VARCHAR(64)  NULL,
    depth       INT UNSIGNED NOT NULL,
    lft         INT UNSIGNED NOT NULL COMMENT 'nested-set bounds: X inside Y iff Y.lft <= X.lft AND X.rgt <= Y.rgt',
    rgt         INT UNSIGNED NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY participa_territories_bounds (lft, rgt),
    KEY participa_territories_parent (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_participants (
    id          VARCHAR(191) NOT NULL COMMENT 'opaque host id, e.g. wp:42',
    territory_id VARCHAR(191) NULL,
    status      ENUM('active','banned') NOT NULL DEFAULT 'active',
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY participa_participants_territory (territory_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_participant_roles (
    participant_id VARCHAR(191) NOT NULL,
    role        VARCHAR(64)  NOT NULL,
    source      ENUM('yaml','api') NOT NULL DEFAULT 'api',
    territory_id VARCHAR(191) NULL,
    body        VARCHAR(191) NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (participant_id, role)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
