-- participa participatory processes: the box's version.
--
-- Why. Process::tally() and a live results() stream every box row (1,000,000
-- rows for a city's election) into the count and the digest (SHA-256 over
-- every row in receipt order), and results() under live visibility did so on
-- every call. A count of a box that did not change since this worker last
-- counted it is reused instead (ext/core/process/count.h: the per-worker
-- cache of counts, keyed by the process and valid for one version).
--
-- participa_box_versions: the box's version, the sum of v over up to 16
-- shards per process. Every write of a box row (a cast, a change of vote, a
-- paper batch, an erasure rewriting the voter column) adds 1 to a shard drawn
-- at random, in its own transaction, with one statement
-- (ext/io/process/process_reads.h: PT_PROCESS_BOX_CHANGED_SQL); the shards
-- keep two casts from waiting for each other's commit on one row. A
-- transaction that rolls back (a killed worker) takes its bump with it. The
-- sum only grows, so a version never comes back. The rows hold counters
-- only: nothing about any ballot. A count reads the version and the rows in
-- one REPEATABLE READ snapshot.
--
-- Backfill: none needed. A box with no version row has version 0; its first
-- count in a worker reads it whole, and the next write moves the version on.

CREATE TABLE IF NOT EXISTS participa_box_versions (
    process_id      BIGINT UNSIGNED NOT NULL,
    shard           TINYINT UNSIGNED NOT NULL COMMENT '0-15, drawn per write',
    v               BIGINT UNSIGNED NOT NULL COMMENT 'box writes that landed on this shard',
    PRIMARY KEY (process_id, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
