-- participa participatory processes: the box's version, and the count's
-- input kept compactly while the box does not change.
--
-- Why. Process::tally() streamed every box row (1,000,000 rows for a city's
-- election) to build the count's profile and the digest: reading rows one by
-- one bounded it. The count needs only each distinct ballot text with its
-- number (and its channel, for the web/paper split). The published digest
-- (SHA-256 over every row in receipt order, unchanged) needs every row, so it
-- can only be reused, never maintained: it is recomputed by reading the rows
-- whenever the box changed since it was last computed.
--
-- participa_box_versions: the box's version, the sum of v over up to 16
-- shards per process. Every write of a box row (a cast, a change of vote, a
-- paper batch, an erasure rewriting the voter column) adds 1 to a shard drawn
-- at random, in its own transaction, with one statement
-- (ext/io/process/process_reads.c: PT_PROCESS_BOX_CHANGED_SQL); the shards
-- keep two casts from waiting for each other's commit on one row. A
-- transaction that rolls back (a killed worker) takes its bump with it. The
-- rows hold counters only: nothing about any ballot.
--
-- participa_count_snapshots: what the last full read of the box found, for
-- the version it read (in the same snapshot): the digest, the ballot counts
-- (all, web, paper) and the distinct (channel, ballot text) with their
-- numbers, packed in parts of at most 4 MB (ext/core/process/count.h). A
-- count whose version equals the stored one reads these few rows instead of
-- the box; any other count reads the box as before and replaces them. No
-- receipt and no voter are kept: for a secret process only texts and counts,
-- which the published export and result already show; the rows are written
-- by a count, never in a voter's transaction.
--
-- Backfill: none needed. A box with no version row has version 0; its first
-- count reads it and stores the snapshot for version 0, which the next write
-- moves past.

CREATE TABLE IF NOT EXISTS participa_box_versions (
    process_id      BIGINT UNSIGNED NOT NULL,
    shard           TINYINT UNSIGNED NOT NULL COMMENT '0-15, drawn per write',
    v               BIGINT UNSIGNED NOT NULL COMMENT 'box writes that landed on this shard',
    PRIMARY KEY (process_id, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_count_snapshots (
    process_id      BIGINT UNSIGNED NOT NULL,
    part            INT UNSIGNED NOT NULL COMMENT '0 .. parts-1',
    parts           INT UNSIGNED NOT NULL,
    box_version     BIGINT UNSIGNED NOT NULL COMMENT 'participa_box_versions sum when the box was read',
    ballots         BIGINT UNSIGNED NOT NULL,
    web_ballots     BIGINT UNSIGNED NOT NULL,
    paper_ballots   BIGINT UNSIGNED NOT NULL,
    digest          CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'SHA-256 of the canonical ballot list',
    data            MEDIUMBLOB   NOT NULL COMMENT 'distinct ballots: varint(n*2+paper) varint(len) text, repeated',
    computed_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (process_id, part)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
