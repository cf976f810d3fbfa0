-- participa commitment tracking: summaries in constant time, and the writes of
-- an update of a deep commitment in one round trip after its locking reads.
--
-- 1. participa_commitment_counts holds, for every grouping summary() offers,
--    how many commitments fall in each group and the sum of their progress,
--    split by level (roots, deeper) and by the date from which each would be
--    late. summary() then reads a few rows per group instead of aggregating
--    every commitment. Every write keeps the counters in its own
--    transaction: the client takes the old state of every commitment it
--    changes out and puts the new one in (io/commitment/commitment_counts.c),
--    merged into a few rows, applied by one statement or by
--    participa_commitment_update(). Writes are serialised by the history
--    head's lock (participa_commitment_chain), so they never interleave.
--    participa_commitment_recount() is the recount from the rows themselves;
--    this migration runs it to fill the table on a site that has data, and
--    tests/commitments/commitments-counts-001.phpt holds the counters to it.
--    The pillar rows repeat their commitment's progress, due date and closed
--    flag; they are brought in step first, so both count the same.
--
--    The covering indexes of 004 that served the old aggregate (progress,
--    due date and closed in every key) go: each change of progress rewrote
--    four index entries of the row and of every ancestor. Narrower indexes
--    (plan, level, group) stay for list()'s filters.
--
-- 2. participa_commitment_update(): the write phase of Commitments::update()
--    of an existing commitment whose pillar list stays as it is. The client
--    has already locked the head, the commitment and the children of its
--    ancestors, run its checks and computed the roll-up (core's rule) and
--    every event's hash; this procedure only stores what it is given, so the
--    stored events are byte for byte what the hashes cover. It writes the
--    row and its pillar rows, the ancestors' progress, the events, moves the
--    head and applies the counters' deltas, each list in one statement over
--    participa_commitment_slots: one round trip from the client instead of
--    five or more.
--
-- Commitment ids are 1..64 of [A-Za-z0-9_.:-] (pt_commitment_id_check), so
-- '/' separates them in the list parameters (as in the path column); the
-- roll-up's changes texts ({"progress":["12.50","13.00"]}) and hashes hold
-- no '/' either.
--
-- SQL SECURITY INVOKER, CREATE ROUTINE to create, EXECUTE to call (as
-- 006_post_procedure.sql). Only participa_commitment_recount_all() starts
-- and ends a transaction; the others run inside the client's.

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

-- 1..255: the rows of participa_commitment_update()'s lists, so each list is
-- stored by one statement (a join on the slot number) instead of a loop.
CREATE TABLE IF NOT EXISTS participa_commitment_slots (
    i               TINYINT UNSIGNED NOT NULL,
    PRIMARY KEY (i)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT IGNORE INTO participa_commitment_slots (i)
SELECT a.d * 16 + b.d + 1 FROM
    (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
     UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11
     UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) a,
    (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
     UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11
     UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) b
 WHERE a.d * 16 + b.d + 1 <= 255;

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

DROP PROCEDURE IF EXISTS participa_commitment_update //

-- The write phase of one update (see the top of this file). Values are the
-- canonical texts the client hashed; the ancestors' lists are '/'-joined,
-- nearest ancestor first, in the order of their events (at most 16);
-- p_counts is pt_commitment_counts_pack()'s text: lines of "dim TAB plan TAB
-- level TAB group TAB open_due TAB n TAB sum" (at most 255). Each list is
-- stored by one statement over participa_commitment_slots.
CREATE PROCEDURE participa_commitment_update(
    IN p_id            VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_title         MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_description   MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_problem       MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_objective     MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_agency        MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_actors        MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_theme         MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_pillars       MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_territory     MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_start         VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_due           VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_budget        VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_weight        VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_status        MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_progress      VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_verification  MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_closed        TINYINT,
    IN p_evidence      INT UNSIGNED,
    IN p_milestones    INT UNSIGNED,
    IN p_at            VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_pillar_rows   TINYINT,      -- 1: its pillar rows take the new progress, due date and closed flag
    IN p_anc_ids       TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- ancestors whose progress changes
    IN p_anc_progress  TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- their new progress
    IN p_anc_pillared  TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- those of them with pillar rows
    IN p_seq           BIGINT UNSIGNED,                                         -- the commitment's event
    IN p_action        VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_actor         VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_changes       MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_note          MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_prev          CHAR(64)     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_hash          CHAR(64)     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_anc_changes   TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- the ancestors' events: changes
    IN p_anc_hashes    TEXT         CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- and hashes (seq p_seq + 1, ...)
    IN p_counts        MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
    COMMENT 'participa: stores one commitment update, its roll-up, events and counters (inside the client transaction)'
BEGIN
    DECLARE v_tab   CHAR(1) CHARACTER SET utf8mb4 DEFAULT CHAR(9 USING utf8mb4);
    DECLARE v_nl    CHAR(1) CHARACTER SET utf8mb4 DEFAULT CHAR(10 USING utf8mb4);
    DECLARE v_n     INT DEFAULT IF(p_anc_ids IS NULL OR p_anc_ids = '', 0,
                                   CHAR_LENGTH(p_anc_ids) - CHAR_LENGTH(REPLACE(p_anc_ids, '/', '')) + 1);
    DECLARE v_np    INT DEFAULT IF(p_anc_pillared IS NULL OR p_anc_pillared = '', 0,
                                   CHAR_LENGTH(p_anc_pillared) - CHAR_LENGTH(REPLACE(p_anc_pillared, '/', '')) + 1);
    DECLARE v_lines INT DEFAULT 0;

    UPDATE participa_commitments
       SET title = p_title, description = p_description, problem = p_problem, objective = p_objective,
           agency_id = p_agency, actors = p_actors, theme_id = p_theme, pillars = p_pillars,
           territory_id = p_territory, start_date = p_start, due_date = p_due, budget = p_budget,
           weight = p_weight, status = p_status, progress = p_progress, verification = p_verification,
           closed = p_closed, evidence_count = p_evidence, milestone_count = p_milestones, updated_at = p_at
     WHERE id = p_id;
    IF p_pillar_rows = 1 THEN
        UPDATE participa_commitment_pillars SET progress = p_progress, due_date = p_due, closed = p_closed
         WHERE commitment_id = p_id;
    END IF;
    INSERT INTO participa_commitment_events (seq, commitment_id, action, actor, at, changes, note, prev_hash, hash)
    VALUES (p_seq, p_id, p_action, p_actor, p_at, p_changes, p_note, p_prev, p_hash);

    IF v_n > 0 THEN
        UPDATE participa_commitment_slots s
          JOIN participa_commitments c ON c.id = SUBSTRING_INDEX(SUBSTRING_INDEX(p_anc_ids, '/', s.i), '/', -1)
           SET c.progress = SUBSTRING_INDEX(SUBSTRING_INDEX(p_anc_progress, '/', s.i), '/', -1), c.updated_at = p_at
         WHERE s.i <= v_n;
        IF v_np > 0 THEN
            UPDATE participa_commitment_slots s
              JOIN participa_commitment_pillars p
                ON p.commitment_id = SUBSTRING_INDEX(SUBSTRING_INDEX(p_anc_pillared, '/', s.i), '/', -1)
              JOIN participa_commitments c ON c.id = p.commitment_id
               SET p.progress = c.progress
             WHERE s.i <= v_np;
        END IF;
        INSERT INTO participa_commitment_events (seq, commitment_id, action, actor, at, changes, note, prev_hash, hash)
        SELECT p_seq + s.i, SUBSTRING_INDEX(SUBSTRING_INDEX(p_anc_ids, '/', s.i), '/', -1), 'rollup', p_actor, p_at,
               SUBSTRING_INDEX(SUBSTRING_INDEX(p_anc_changes, '/', s.i), '/', -1), p_id,
               IF(s.i = 1, p_hash, SUBSTRING_INDEX(SUBSTRING_INDEX(p_anc_hashes, '/', s.i - 1), '/', -1)),
               SUBSTRING_INDEX(SUBSTRING_INDEX(p_anc_hashes, '/', s.i), '/', -1)
          FROM participa_commitment_slots s
         WHERE s.i <= v_n
         ORDER BY s.i;
    END IF;
    UPDATE participa_commitment_chain
       SET seq = p_seq + v_n, hash = IF(v_n = 0, p_hash, SUBSTRING_INDEX(p_anc_hashes, '/', -1))
     WHERE id = 1;

    IF p_counts IS NOT NULL AND p_counts <> '' THEN
        SET v_lines = CHAR_LENGTH(p_counts) - CHAR_LENGTH(REPLACE(p_counts, v_nl, ''));
        INSERT INTO participa_commitment_counts (dim, plan_id, level, k, open_due, n, progress_sum)
        SELECT CAST(SUBSTRING_INDEX(l.line, v_tab, 1) AS UNSIGNED),
               SUBSTRING_INDEX(SUBSTRING_INDEX(l.line, v_tab, 2), v_tab, -1),
               CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(l.line, v_tab, 3), v_tab, -1) AS UNSIGNED),
               SUBSTRING_INDEX(SUBSTRING_INDEX(l.line, v_tab, 4), v_tab, -1),
               SUBSTRING_INDEX(SUBSTRING_INDEX(l.line, v_tab, 5), v_tab, -1),
               CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(l.line, v_tab, 6), v_tab, -1) AS SIGNED),
               SUBSTRING_INDEX(l.line, v_tab, -1)
          FROM (SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(p_counts, v_nl, s.i), v_nl, -1) AS line
                  FROM participa_commitment_slots s WHERE s.i <= v_lines) l
         WHERE TRUE
        ON DUPLICATE KEY UPDATE n = n + VALUES(n), progress_sum = progress_sum + VALUES(progress_sum);
        IF LOCATE(CONCAT(v_tab, '-'), p_counts) > 0 THEN
            -- a group that lost its last commitment goes
            DELETE c FROM participa_commitment_counts c
              JOIN participa_commitment_slots s ON s.i <= v_lines
             WHERE c.n = 0
               AND c.dim = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(p_counts, v_nl, s.i), v_nl, -1), v_tab, 1) AS UNSIGNED)
               AND c.plan_id = SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(p_counts, v_nl, s.i), v_nl, -1), v_tab, 2), v_tab, -1)
               AND c.level = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(p_counts, v_nl, s.i), v_nl, -1), v_tab, 3), v_tab, -1) AS UNSIGNED)
               AND c.k = SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(p_counts, v_nl, s.i), v_nl, -1), v_tab, 4), v_tab, -1)
               AND c.open_due = SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(p_counts, v_nl, s.i), v_nl, -1), v_tab, 5), v_tab, -1);
        END IF;
    END IF;
END //

DELIMITER ;

CALL participa_commitment_recount_all();
