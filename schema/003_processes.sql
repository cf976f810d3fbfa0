-- participa participatory processes: processes (mirrored from the YAML),
-- options added through the API, who voted, the ballot box, ballot versions,
-- idempotency keys, paper batches with double entry, and results.
-- Storage rules: InnoDB, a primary key, utf8mb4, times in UTC as DATETIME(6).
-- AUTO_INCREMENT values are identifiers only, never counts or an order.
--
-- Secret ballots: participa_voters records THAT someone voted (and when);
-- participa_ballot_box holds WHAT was voted, with no participant, no time and
-- a random receipt as its key (not AUTO_INCREMENT), so neither an id nor the
-- physical order nor a timestamp relates a ballot to a voter. While a voter
-- may still change their vote, participa_voters.ballot_ref and
-- participa_cast_keys.receipt hold their receipt; close() clears both, after
-- which no query can join a participant to a ballot.

CREATE TABLE IF NOT EXISTS participa_processes (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    code            VARCHAR(64)  NOT NULL COMMENT 'the id in the YAML',
    kind            VARCHAR(32)  NOT NULL,
    method          VARCHAR(32)  NOT NULL,
    secret          TINYINT(1)   NOT NULL,
    definition_sha  CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'digest of the YAML definition last seen',
    closed_at       DATETIME(6)  NULL COMMENT 'set by close(): no more ballots, receipt links cleared',
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY participa_processes_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_process_options (
    process_id      BIGINT UNSIGNED NOT NULL,
    option_id       VARCHAR(64)  NOT NULL,
    name            VARCHAR(255) NOT NULL,
    cost            BIGINT       NULL COMMENT 'participatory budgets',
    territory_id    VARCHAR(191) NULL,
    proposed_by     VARCHAR(191) NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (process_id, option_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per participant per process: the unique key IS the one-person-one-vote rule.
CREATE TABLE IF NOT EXISTS participa_voters (
    process_id      BIGINT UNSIGNED NOT NULL,
    participant_id  VARCHAR(191) NOT NULL,
    voted_at        DATETIME(6)  NOT NULL COMMENT 'first ballot; later changes are not timed here',
    ballot_ref      CHAR(26)     CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'receipt, kept only while the vote may change (secret: cleared at close)',
    PRIMARY KEY (process_id, participant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The ballots. No participant (except `voter` in PUBLIC processes), no time,
-- a random key: see the header.
CREATE TABLE IF NOT EXISTS participa_ballot_box (
    process_id      BIGINT UNSIGNED NOT NULL,
    receipt         CHAR(26)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT '130 random bits, base32',
    ballot          VARCHAR(8000) NOT NULL COMMENT 'canonical encoding: a>b=c, a,b, a:4,b:2 or a stance',
    role            VARCHAR(64)  NULL COMMENT 'stance ballots: the role the voter took part in',
    reason          TEXT         NULL COMMENT 'stance ballots: the reason given',
    voter           VARCHAR(191) NULL COMMENT 'public processes only',
    channel         ENUM('web','paper') NOT NULL,
    batch_id        VARCHAR(64)  NULL COMMENT 'paper: the batch it was entered in',
    version         INT UNSIGNED NOT NULL DEFAULT 1,
    PRIMARY KEY (process_id, receipt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Earlier versions of a changed ballot (the current one is in the box).
CREATE TABLE IF NOT EXISTS participa_ballot_versions (
    process_id      BIGINT UNSIGNED NOT NULL,
    receipt         CHAR(26)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version         INT UNSIGNED NOT NULL,
    ballot          VARCHAR(8000) NOT NULL,
    role            VARCHAR(64)  NULL,
    reason          TEXT         NULL,
    PRIMARY KEY (process_id, receipt, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A retried cast with the same key answers with the same receipt.
CREATE TABLE IF NOT EXISTS participa_cast_keys (
    process_id      BIGINT UNSIGNED NOT NULL,
    participant_id  VARCHAR(191) NOT NULL,
    idem_key        VARCHAR(191) NOT NULL,
    receipt         CHAR(26)     CHARACTER SET ascii COLLATE ascii_bin NULL COMMENT 'cleared at close (secret)',
    version         INT UNSIGNED NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (process_id, participant_id, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Paper ballots from an in-person vote, entered twice by two people.
CREATE TABLE IF NOT EXISTS participa_paper_batches (
    process_id      BIGINT UNSIGNED NOT NULL,
    batch_id        VARCHAR(64)  NOT NULL,
    assembly        VARCHAR(191) NOT NULL,
    tally_sheet     VARCHAR(191) NOT NULL,
    status          ENUM('pending','mismatch','counted') NOT NULL,
    first_by        VARCHAR(191) NOT NULL,
    second_by       VARCHAR(191) NULL,
    ballot_count    INT UNSIGNED NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (process_id, batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_paper_entries (
    process_id      BIGINT UNSIGNED NOT NULL,
    batch_id        VARCHAR(64)  NOT NULL,
    entry           TINYINT UNSIGNED NOT NULL COMMENT '1: first entry, 2: the second person',
    position        INT UNSIGNED NOT NULL COMMENT '0-based place of the ballot in the batch',
    ballot          VARCHAR(8000) NOT NULL,
    reason          TEXT         NULL,
    PRIMARY KEY (process_id, batch_id, entry, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every count, kept: the latest (computed_at, id) is the current one.
CREATE TABLE IF NOT EXISTS participa_results (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    process_id      BIGINT UNSIGNED NOT NULL,
    method          VARCHAR(32)  NOT NULL,
    ballots         INT UNSIGNED NOT NULL COMMENT 'ballots counted',
    web_ballots     INT UNSIGNED NOT NULL,
    paper_ballots   INT UNSIGNED NOT NULL,
    digest          CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'SHA-256 of the canonical ballot list',
    final           TINYINT(1)   NOT NULL COMMENT '1 when counted after close',
    result          MEDIUMTEXT   NOT NULL COMMENT 'JSON: method, options, counts, winners, ranking, details, tieBreaks',
    computed_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY participa_results_process (process_id, computed_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
