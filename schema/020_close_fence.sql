-- participa participatory processes: close() fenced across Galera nodes.
--
-- Why. On one server close() takes the process row exclusively and every
-- cast holds it shared, so a cast either commits before close() or sees the
-- process closed. On a Galera cluster row locks are per node: a cast through
-- another node that read the process as open before that node applied the
-- close commits after it (a ballot cast after close, a voter still linked to
-- a secret ballot). Galera decides between two writes only when they write
-- the same row (certification: the later one in the cluster's order aborts).
--
-- Every cast already writes one row of participa_box_segments (its
-- receipt's segment, schema 016). On Galera close() ends with a fence
-- (ext/io/process/process_store.c: close_fence_unit): one statement that
-- writes every one of the process's 1,024 segment rows, inserting the
-- missing ones with v = 0, moving this column and leaving v (the box's
-- version, the count summaries' key) as it is. A cast that did not see the
-- close then collides with the fence and is replayed (and refused), or the
-- fence collides with a cast that committed first and is replayed until it
-- sees it, so the links the fence's transaction clears include it.
--
-- A row with v = 0 holds no box write: readers of the versions skip it, as
-- they would a missing row. Backfill: none (0 for every existing row).

ALTER TABLE participa_box_segments
    ADD COLUMN IF NOT EXISTS fence INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'close() fences on Galera (schema 020)';
