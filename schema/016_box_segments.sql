-- participa participatory processes: the box in segments, and a summary per segment.
--
-- Why. A count of a box read every row (1,000,000 for a city's election):
-- the digest was one SHA-256 over every ballot in receipt order, so one
-- changed ballot meant reading and hashing them all again. The box is now
-- cut in segments by the first two characters of the receipt (receipts are
-- 26 random base32 characters: at most 1,024 segments, about 1,000 ballots
-- each at 1,000,000), each with its own version, and a count keeps a summary
-- per segment computed at that version; the next count reads only the rows
-- of the segments whose version moved since
-- (docs/internals/recount-and-digest.md; ext/io/process/process_reads.c).
--
-- participa_box_segments replaces schema 012's 16 random shards: the
-- version of the segment of every box row a write touches moves by one in
-- the write's transaction (PT_PROCESS_BOX_CHANGED_SQL, io/process/process_reads.h):
-- a cast moves its receipt's segment (one row, as the random shard did: two
-- casts in different segments never wait for each other), a change of vote
-- its ballot's, a counted paper batch and an erasure of the voter column
-- each segment they touched, in one statement. The box's version is the sum;
-- it only grows. A transaction that rolls back takes its bumps with it.
-- participa_box_versions (012) stays, unused, for a worker still on the
-- earlier build until it restarts.
--
-- participa_box_summaries: what a count needs of a segment, computed by a
-- count from the segment's rows at the segment's version (version): its
-- ballots (web, paper), the SHA-256 of its digest lines (version 1 lines in
-- receipt order: the digest, version 2, is the SHA-256 over the segments'
-- lines) and its profile, the segment's ballots in receipt order without
-- receipt or time in a compact binary form (core/process/count.h: candidate
-- numbers for a plain ranking, else the stored text with its role and
-- reason; the voter only where the box itself holds it, a public process).
-- A summary whose version is not the segment's is never used; a blob that
-- does not parse is recomputed from the rows. The table holds nothing the
-- box does not hold, and less: no receipt.
--
-- participa_cast_ballot (011) is redefined with the segment instead of
-- FLOOR(RAND() * 16); everything else is unchanged (one round trip).
--
-- Backfill: a version row (v = 1) for every segment that has box rows. No
-- summary: the first count of each box reads it whole and writes them.

CREATE TABLE IF NOT EXISTS participa_box_segments (
    process_id      BIGINT UNSIGNED NOT NULL,
    segment         CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'the first two characters of the receipts',
    v               BIGINT UNSIGNED NOT NULL COMMENT 'writes of this segment''s box rows',
    PRIMARY KEY (process_id, segment)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_box_summaries (
    process_id      BIGINT UNSIGNED NOT NULL,
    segment         CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version         BIGINT UNSIGNED NOT NULL COMMENT 'the segment''s v this summary was computed at',
    ballots         INT UNSIGNED NOT NULL,
    web             INT UNSIGNED NOT NULL,
    paper           INT UNSIGNED NOT NULL,
    digest          CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'SHA-256 of the segment''s digest lines',
    profile         MEDIUMBLOB   NOT NULL COMMENT 'the ballots in receipt order, no receipt (core/process/count.h)',
    PRIMARY KEY (process_id, segment)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT IGNORE INTO participa_box_segments (process_id, segment, v)
SELECT process_id, LEFT(receipt, 2), 1 FROM participa_ballot_box GROUP BY process_id, LEFT(receipt, 2);

DELIMITER //

DROP PROCEDURE IF EXISTS participa_cast_ballot //

CREATE PROCEDURE participa_cast_ballot(
    IN p_voter         VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_keep_ref      TINYINT,        -- 1: voters.ballot_ref keeps the receipt (the vote may change)
    IN p_idempotency   VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_roles_rule    TINYINT,        -- 0: the YAML gives the vote, stored roles cannot change it;
                                       -- 1: the default role votes unless a stored role in p_roles (known, no vote here);
                                       -- 2: only a stored role in p_roles (one that votes here) gives the vote
    IN p_roles         VARCHAR(4000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- role ids, comma separated
    IN p_tree          CHAR(64) CHARACTER SET ascii COLLATE ascii_bin,           -- NULL: no residence rule
    IN p_lo            INT UNSIGNED,   -- the process's territory: [pre, post]
    IN p_hi            INT UNSIGNED,
    -- the box row, as box_row() builds it
    IN p_process       BIGINT UNSIGNED,
    IN p_receipt       CHAR(26) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_ballot        VARCHAR(8000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_role          VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_reason        TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_box_voter     VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
    COMMENT 'participa: casts a first ballot in one round trip (no answer row), or answers 0 (2: no territory copy) for the full path'
proc: BEGIN
    DECLARE v_rows INT DEFAULT 0;
    -- an earlier ballot of this participant (or a used key): the full path explains
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SELECT 0;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    -- One statement locks the process row shared (as lock_process()), checks
    -- that it is open, the participant (no ban, the residence, a role that
    -- votes here) and writes the voters row, whose unique key is the one
    -- vote: it writes nothing when a check fails. Every statement, table and
    -- subquery of a procedure costs a noticeable part of the INSERT itself,
    -- so each rule of the roles has its own statement, with joins only.
    IF p_roles_rule = 0 THEN
        INSERT INTO participa_voters (process_id, participant_id, voted_at, ballot_ref)
        SELECT p.id, p_voter, UTC_TIMESTAMP(6), IF(p_keep_ref <> 0, p_receipt, NULL)
          FROM participa_processes p
          LEFT JOIN participa_participants pp ON pp.id = p_voter
          LEFT JOIN participa_territory_marks m ON m.tree = p_tree AND m.territory_id = pp.territory_id
         WHERE p.id = p_process AND p.closed_at IS NULL
           AND (pp.status IS NULL OR pp.status <> 'banned')
           AND (p_tree IS NULL OR (m.territory_id <> '' AND m.pre BETWEEN p_lo AND p_hi))
          LOCK IN SHARE MODE;
        -- here, not after END IF: a jump may reset ROW_COUNT()
        SET v_rows = ROW_COUNT();
    ELSEIF p_roles_rule = 1 THEN
        -- stricter than the rule (a stored role that votes beside one that
        -- does not is left to the full path), never looser
        INSERT INTO participa_voters (process_id, participant_id, voted_at, ballot_ref)
        SELECT p.id, p_voter, UTC_TIMESTAMP(6), IF(p_keep_ref <> 0, p_receipt, NULL)
          FROM participa_processes p
          LEFT JOIN participa_participants pp ON pp.id = p_voter
          LEFT JOIN participa_territory_marks m ON m.tree = p_tree AND m.territory_id = pp.territory_id
          LEFT JOIN participa_participant_roles r ON r.participant_id = p_voter AND FIND_IN_SET(r.role, p_roles)
         WHERE p.id = p_process AND p.closed_at IS NULL
           AND (pp.status IS NULL OR pp.status <> 'banned')
           AND (p_tree IS NULL OR (m.territory_id <> '' AND m.pre BETWEEN p_lo AND p_hi))
           AND r.participant_id IS NULL
          LOCK IN SHARE MODE;
        SET v_rows = ROW_COUNT();
    ELSE
        INSERT INTO participa_voters (process_id, participant_id, voted_at, ballot_ref)
        SELECT p.id, p_voter, UTC_TIMESTAMP(6), IF(p_keep_ref <> 0, p_receipt, NULL)
          FROM participa_processes p
          LEFT JOIN participa_participants pp ON pp.id = p_voter
          LEFT JOIN participa_territory_marks m ON m.tree = p_tree AND m.territory_id = pp.territory_id
          JOIN participa_participant_roles r ON r.participant_id = p_voter AND FIND_IN_SET(r.role, p_roles)
         WHERE p.id = p_process AND p.closed_at IS NULL
           AND (pp.status IS NULL OR pp.status <> 'banned')
           AND (p_tree IS NULL OR (m.territory_id <> '' AND m.pre BETWEEN p_lo AND p_hi))
         LIMIT 1
          LOCK IN SHARE MODE;
        SET v_rows = ROW_COUNT();
    END IF;
    IF v_rows = 0 THEN
        ROLLBACK;
        IF p_tree IS NOT NULL THEN
            IF NOT EXISTS (SELECT 1 FROM participa_territory_marks WHERE tree = p_tree AND territory_id = '') THEN
                SELECT 2;
                LEAVE proc;
            END IF;
        END IF;
        SELECT 0;
        LEAVE proc;
    END IF;

    INSERT INTO participa_ballot_box (process_id, receipt, ballot, role, reason, voter, channel, version)
    VALUES (p_process, p_receipt, p_ballot, p_role, p_reason, p_box_voter, 'web', 1);
    -- the box changed: its receipt's segment's version moves (PT_PROCESS_BOX_CHANGED_SQL,
    -- io/process/process_reads.h; schema 016)
    INSERT INTO participa_box_segments (process_id, segment, v) VALUES (p_process, LEFT(p_receipt, 2), 1)
        ON DUPLICATE KEY UPDATE v = v + 1;
    IF p_idempotency IS NOT NULL THEN
        INSERT INTO participa_cast_keys (process_id, participant_id, idem_key, receipt, version, created_at)
        VALUES (p_process, p_voter, p_idempotency, p_receipt, 1, UTC_TIMESTAMP(6));
    END IF;
    -- stored: no answer row (each SELECT costs about as much as an IF)
    COMMIT;
END //

DELIMITER ;
