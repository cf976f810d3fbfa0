-- participa commitment tracking: summaries in constant time.
--
-- participa_commitment_counts holds, for every grouping summary() offers,
-- how many commitments fall in each group and the sum of their progress,
-- split by level (roots, deeper) and by the date from which each would be
-- late. summary() then reads a few rows per group instead of aggregating
-- every commitment. Every write keeps the counters in its own
-- transaction: the client takes the old state of every commitment it
-- changes out and puts the new one in (io/commitment/commitment_counts.c),
-- merged into a few rows, applied by one statement. Writes are
-- serialised by the history head's lock (participa_commitment_chain), so
-- they never interleave.
-- participa_commitment_recount() is the recount from the rows themselves;
-- this migration runs it to fill the table on a site that has data, and
-- tests/commitments/commitments-counts-001.phpt holds the counters to it.
-- The pillar rows repeat their commitment's progress, due date and closed
-- flag; they are brought in step first, so both count the same.
--
-- The covering indexes of 004 that served the old aggregate (progress,
-- due date and closed in every key) go: each change of progress rewrote
-- four index entries of the row and of every ancestor. Narrower indexes
-- (plan, level, group) stay for list()'s filters.
--
-- The procedures: SQL SECURITY INVOKER, CREATE ROUTINE to create, EXECUTE to
-- call (as 006_post_procedure.sql).

CREATE TABLE IF NOT EXISTS participa_commitment_counts (
    dim             TINYINT UNSIGNED NOT NULL COMMENT '0 theme, 1 pillar, 2 status, 3 territory, 4 agency, 5 plan (pt_commitment_by)',
    plan_id         VARCHAR(64)   NOT NULL,
    level           TINYINT UNSIGNED NOT NULL COMMENT '0: depth 0 (roots), 1: deeper',
    k               VARCHAR(191)  NOT NULL COMMENT 'the group: the column''s value, empty for NULL',
    open_due        DATE          NOT NULL COMMENT 'the due date of an open commitment below 100 %, else 9999-12-31 (never late)',
    n               BIGINT        NOT NULL DEFAULT 0,
    progress_sum    DECIMAL(20,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, plan_id, level, k, open_due)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

UPDATE participa_commitment_pillars p JOIN participa_commitments c ON c.id = p.commitment_id
   SET p.plan_id = c.plan_id, p.depth = c.depth, p.progress = c.progress, p.due_date = c.due_date, p.closed = c.closed
 WHERE p.plan_id <> c.plan_id OR p.depth <> c.depth OR p.progress <> c.progress OR NOT (p.due_date <=> c.due_date)
    OR p.closed <> c.closed;

ALTER TABLE participa_commitments
    DROP INDEX IF EXISTS participa_commitments_theme,
    DROP INDEX IF EXISTS participa_commitments_status,
    DROP INDEX IF EXISTS participa_commitments_agency,
    DROP INDEX IF EXISTS participa_commitments_territory,
    ADD INDEX IF NOT EXISTS participa_commitments_plan_theme (plan_id, depth, theme_id),
    ADD INDEX IF NOT EXISTS participa_commitments_plan_status (plan_id, depth, status),
    ADD INDEX IF NOT EXISTS participa_commitments_plan_agency (plan_id, depth, agency_id),
    ADD INDEX IF NOT EXISTS participa_commitments_plan_territory (plan_id, depth, territory_id);

ALTER TABLE participa_commitment_pillars
    DROP INDEX IF EXISTS participa_commitment_pillars_summary;

DELIMITER //

DROP PROCEDURE IF EXISTS participa_commitment_recount //

-- The counters of plan p_plan (NULL: every plan) recounted from the rows.
-- Inside the caller's transaction; a writer holds the history head's lock.
CREATE PROCEDURE participa_commitment_recount(
    IN p_plan  VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
    COMMENT 'participa: recounts the summary counters of a plan (NULL: all) from the commitments'
BEGIN
    DELETE FROM participa_commitment_counts WHERE p_plan IS NULL OR plan_id = p_plan;

    INSERT INTO participa_commitment_counts (dim, plan_id, level, k, open_due, n, progress_sum)
    SELECT d.dim, c.plan_id, IF(c.depth = 0, 0, 1) AS lv,
           CASE d.dim WHEN 0 THEN COALESCE(c.theme_id, '') WHEN 2 THEN c.status
                      WHEN 3 THEN COALESCE(c.territory_id, '') WHEN 4 THEN COALESCE(c.agency_id, '')
                      ELSE c.plan_id END AS g,
           IF(c.closed = 0 AND c.progress < 100 AND c.due_date IS NOT NULL, c.due_date, DATE '9999-12-31') AS od,
           COUNT(*), SUM(c.progress)
      FROM participa_commitments c
      JOIN (SELECT 0 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) d
     WHERE p_plan IS NULL OR c.plan_id = p_plan
     GROUP BY d.dim, c.plan_id, lv, g, od;

    INSERT INTO participa_commitment_counts (dim, plan_id, level, k, open_due, n, progress_sum)
    SELECT 1, p.plan_id, IF(p.depth = 0, 0, 1) AS lv, p.pillar_id,
           IF(p.closed = 0 AND p.progress < 100 AND p.due_date IS NOT NULL, p.due_date, DATE '9999-12-31') AS od,
           COUNT(*), SUM(p.progress)
      FROM participa_commitment_pillars p
     WHERE p_plan IS NULL OR p.plan_id = p_plan
     GROUP BY p.plan_id, lv, p.pillar_id, od;
END //

DROP PROCEDURE IF EXISTS participa_commitment_recount_all //

-- Every counter recounted in a transaction of its own, under the history
-- head's lock (this migration's backfill; an operator's repair after rows
-- were loaded by hand in SQL). Never call it inside a transaction: it commits.
CREATE PROCEDURE participa_commitment_recount_all()
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
    COMMENT 'participa: recounts every summary counter in its own transaction'
BEGIN
    DECLARE v_seq BIGINT UNSIGNED DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    SELECT seq INTO v_seq FROM participa_commitment_chain WHERE id = 1 FOR UPDATE;
    CALL participa_commitment_recount(NULL);
    COMMIT;
END //

DELIMITER ;

CALL participa_commitment_recount_all();
