-- participa commitment tracking: commitments of any depth, their pillars,
-- evidence and milestones, the append-only hash-chained history, assemblies,
-- attendance and agreements.
-- Storage rules: InnoDB, a primary key, utf8mb4, times in UTC as DATETIME(6).
-- Values are stored in their canonical text forms (ext/core/commitment.h):
-- what is hashed into the history is exactly what these columns return.

CREATE TABLE IF NOT EXISTS participa_commitments (
    id              VARCHAR(64)   NOT NULL,
    plan_id         VARCHAR(64)   NOT NULL,
    parent_id       VARCHAR(64)   NULL,
    path            VARCHAR(1400) NOT NULL DEFAULT '' COMMENT 'ancestor ids joined by /, empty for a root',
    depth           TINYINT UNSIGNED NOT NULL DEFAULT 0,
    title           VARCHAR(500)  NOT NULL,
    description     TEXT          NULL,
    problem         TEXT          NULL,
    objective       TEXT          NULL,
    agency_id       VARCHAR(64)   NULL,
    actors          TEXT          NULL COMMENT 'other actors joined by "; "',
    theme_id        VARCHAR(64)   NULL,
    pillars         VARCHAR(1000) NULL COMMENT 'canonical copy of the pillar ids joined by ";" (rows in participa_commitment_pillars)',
    territory_id    VARCHAR(191)  NULL,
    start_date      DATE          NULL,
    due_date        DATE          NULL,
    budget          DECIMAL(15,2) NULL COMMENT 'pesos',
    weight          DECIMAL(9,3)  NULL COMMENT 'in the parent''s weighted mean; NULL counts as 1',
    status          VARCHAR(64)   NOT NULL,
    progress        DECIMAL(5,2)  NOT NULL DEFAULT 0 COMMENT 'leaves: set; parents: weighted mean of children',
    closed          TINYINT(1)    NOT NULL DEFAULT 0 COMMENT 'status is closed in the YAML (never late)',
    verification    TEXT          NULL COMMENT 'means of verification',
    children        INT UNSIGNED  NOT NULL DEFAULT 0,
    evidence_count  INT UNSIGNED  NOT NULL DEFAULT 0 COMMENT 'rows in participa_commitment_evidence (reads skip empty lists)',
    milestone_count INT UNSIGNED  NOT NULL DEFAULT 0,
    agreement_id    BIGINT UNSIGNED NULL COMMENT 'the assembly agreement it came from',
    created_at      DATETIME(6)   NOT NULL,
    updated_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY participa_commitments_parent (parent_id),
    -- covering indexes for summary() (GROUP BY a dimension over plan and level)
    KEY participa_commitments_theme (plan_id, depth, theme_id, progress, due_date, closed),
    KEY participa_commitments_status (plan_id, depth, status, progress, due_date, closed),
    KEY participa_commitments_agency (plan_id, depth, agency_id, progress, due_date, closed),
    KEY participa_commitments_territory (plan_id, depth, territory_id, progress, due_date, closed)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per (commitment, pillar). plan_id .. closed repeat the commitment's
-- columns (kept in step in the same transactions) so summary('pillar') is a
-- GROUP BY over one covering index instead of a join over every commitment.
CREATE TABLE IF NOT EXISTS participa_commitment_pillars (
    commitment_id   VARCHAR(64)   NOT NULL,
    pillar_id       VARCHAR(64)   NOT NULL,
    position        SMALLINT UNSIGNED NOT NULL,
    plan_id         VARCHAR(64)   NOT NULL,
    depth           TINYINT UNSIGNED NOT NULL DEFAULT 0,
    progress        DECIMAL(5,2)  NOT NULL DEFAULT 0,
    due_date        DATE          NULL,
    closed          TINYINT(1)    NOT NULL DEFAULT 0,
    PRIMARY KEY (commitment_id, pillar_id),
    KEY participa_commitment_pillars_pillar (pillar_id, commitment_id),
    KEY participa_commitment_pillars_summary (plan_id, depth, pillar_id, progress, due_date, closed)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_commitment_evidence (
    commitment_id   VARCHAR(64)   NOT NULL,
    position        INT UNSIGNED  NOT NULL,
    url             VARCHAR(2000) NULL,
    reference       VARCHAR(1000) NULL COMMENT 'a document reference (oficio, acta) when there is no URL',
    description     TEXT          NULL,
    evidence_date   DATE          NULL,
    added_by        VARCHAR(191)  NULL,
    PRIMARY KEY (commitment_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_commitment_milestones (
    commitment_id   VARCHAR(64)   NOT NULL,
    position        INT UNSIGNED  NOT NULL,
    title           VARCHAR(1000) NOT NULL,
    due_date        DATE          NULL,
    done            TINYINT(1)    NOT NULL DEFAULT 0,
    PRIMARY KEY (commitment_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The history: one chain over every commitment. seq is assigned under the
-- lock of participa_commitment_chain (one row), so events form a total order
-- with no gaps; hash = SHA-256(canonical encoding incl. prev_hash).
-- Append-only: participa never updates or deletes these rows.
CREATE TABLE IF NOT EXISTS participa_commitment_events (
    seq             BIGINT UNSIGNED NOT NULL,
    commitment_id   VARCHAR(64)   NOT NULL,
    action          VARCHAR(32)   NOT NULL COMMENT 'create, update, rollup, import, agreement',
    actor           VARCHAR(191)  NOT NULL,
    at              DATETIME(6)   NOT NULL,
    changes         MEDIUMTEXT    NOT NULL COMMENT 'canonical JSON {"field":[old,new],...}',
    note            TEXT          NOT NULL,
    prev_hash       CHAR(64)      NOT NULL,
    hash            CHAR(64)      NOT NULL,
    PRIMARY KEY (seq),
    KEY participa_commitment_events_commitment (commitment_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_commitment_chain (
    id              TINYINT UNSIGNED NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    hash            CHAR(64)      NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT IGNORE INTO participa_commitment_chain (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE IF NOT EXISTS participa_assemblies (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    territory_id    VARCHAR(191)  NOT NULL,
    held_on         DATE          NOT NULL,
    place           VARCHAR(500)  NOT NULL,
    attendance      INT UNSIGNED  NOT NULL COMMENT 'people present (the list may name only some)',
    agenda          TEXT          NULL,
    minutes         MEDIUMTEXT    NULL,
    recorded_by     VARCHAR(191)  NOT NULL,
    created_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY participa_assemblies_territory (territory_id, held_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_assembly_attendance (
    assembly_id     BIGINT UNSIGNED NOT NULL,
    position        INT UNSIGNED  NOT NULL,
    name            VARCHAR(500)  NOT NULL COMMENT 'a participant id or a name as written in the list',
    PRIMARY KEY (assembly_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_agreements (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    assembly_id     BIGINT UNSIGNED NOT NULL,
    position        INT UNSIGNED  NOT NULL,
    text            TEXT          NOT NULL,
    commitment_id   VARCHAR(64)   NULL COMMENT 'the commitment it became',
    PRIMARY KEY (id),
    UNIQUE KEY participa_agreements_position (assembly_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
