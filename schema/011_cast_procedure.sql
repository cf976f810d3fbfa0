-- participa participatory processes: casting a ballot in one round trip.
--
-- Process::cast() used to be a client-side transaction of five round trips
-- (START, the facts query, the voters row, the box row, COMMIT). This
-- procedure does the common case, a first ballot of an eligible participant
-- while the process is open, in one: it takes the same locks, checks the
-- facts the client's rules depend on in the statement that writes the voters
-- row, writes the ballot box row (and the idempotency key's row), and commits.
--
-- It decides only "yes", answering with no row. Whenever a cast is not plainly a first ballot of an
-- eligible participant (the process closed, a ban, no role that votes here,
-- a territory outside the process's or not registered, an earlier ballot, an
-- idempotency key already used) it rolls back and answers 0, and the client
-- runs its full transaction, whose checks give the resident the precise
-- refusal (or change the vote, or answer a replay). So this procedure may be
-- stricter than the client's rules, never looser;
-- tests/process/process-cast_fast-001.phpt holds it to that.
--
-- The rows are the full path's, written the same way in one transaction:
-- the voters row (voted_at; ballot_ref only while the vote may change), the
-- box row (no participant unless the process is public, no time, the
-- client's random receipt as its key), the key's row. What the secret
-- ballot needs at close (ext/io/process/process_store.c: unlink, seal) is
-- unchanged, and the process row is held shared until COMMIT as
-- lock_process() holds it, so close() (FOR UPDATE) never interleaves.
--
-- Residence: participa_territory_marks is a copy of the YAML's territory
-- tree, keyed by the digest of its nested-set numbering (pre, post, id of
-- every territory; core/site/territory.c), so a site whose YAML changes gets
-- a new copy and a worker still on the old YAML keeps using the old one. A
-- territory lies inside the process's when its pre falls in the process's
-- [pre, post]. The row with territory_id '' marks a copy as complete; the
-- client writes a missing copy in one transaction (all rows, the mark last)
-- when the procedure answers 2.
--
-- The box row's columns are the procedure's last parameters, in the order
-- of box_row() in ext/io/process/process_store.c: a column added there takes
-- a parameter here (a later migration redefines the procedure); until then
-- the CALL fails on the number of arguments and every cast takes the full
-- path.
--
-- SQL SECURITY INVOKER, as participa_post_comment (schema 006).

CREATE TABLE IF NOT EXISTS participa_territory_marks (
    tree            CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'SHA-256 of the numbering',
    territory_id    VARCHAR(191) NOT NULL COMMENT 'empty: the mark that the copy is complete',
    pre             INT UNSIGNED NOT NULL,
    post            INT UNSIGNED NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (tree, territory_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

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
    -- the box changed: its version moves (PT_PROCESS_BOX_CHANGED_SQL, io/process/process_reads.h;
    -- the table is schema 012's: a procedure resolves its tables when it runs, after every migration)
    INSERT INTO participa_box_versions (process_id, shard, v) VALUES (p_process, FLOOR(RAND() * 16), 1)
        ON DUPLICATE KEY UPDATE v = v + 1;
    IF p_idempotency IS NOT NULL THEN
        INSERT INTO participa_cast_keys (process_id, participant_id, idem_key, receipt, version, created_at)
        VALUES (p_process, p_voter, p_idempotency, p_receipt, 1, UTC_TIMESTAMP(6));
    END IF;
    -- stored: no answer row (each SELECT costs about as much as an IF)
    COMMIT;
END //

DELIMITER ;
