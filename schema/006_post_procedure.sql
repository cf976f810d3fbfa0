-- participa deliberation threads: posting a comment in one round trip.
--
-- Thread::post() used to be a client-side transaction of five round trips
-- (START, the facts query, INSERT, the counters, COMMIT). This procedure does
-- the common case, a comment the moderation rules publish, in one: it takes
-- the locks, re-checks the facts the client's rules depend on, inserts, keeps
-- the thread's counters and the parent's reply count, and commits.
--
-- It decides only "yes". Whenever a post is not plainly publishable (thread
-- or subject pre-moderated, a banned participant, no role that may comment,
-- the rate limit reached, a parent that is missing, elsewhere, not published
-- or too deep, an idempotency key already used) it rolls back and answers id
-- 0, and the client runs its full transaction, whose checks give the person
-- the precise refusal. So this procedure may be stricter than the client's
-- checks, never looser; tests/threads/thread-post_fast-001.phpt holds it to
-- that, and thread-post_rate-001.phpt to the exact rate limit below.
--
-- The rate limit is exact: when it is on, the transaction runs at REPEATABLE
-- READ and reads the participant's recent comments with FOR UPDATE, whose
-- next-key locks cover the place the new row goes. Two simultaneous posts by
-- one participant cannot both take the last slot: one waits or deadlocks,
-- and the client replays it (1213), when it sees the other's row.
--
-- Text parameters are utf8mb4_bin like the tables' columns, so comparisons
-- match byte for byte and use the indexes, whatever the database's default.
--
-- SQL SECURITY INVOKER: it runs with the privileges of the connected user,
-- so dropping or renaming the user who migrated does not break posting.
-- Creating it needs the CREATE ROUTINE privilege (and EXECUTE to call it);
-- unlike triggers and stored functions, procedures need no SUPER privilege
-- when binary logging is on.

DELIMITER //

DROP PROCEDURE IF EXISTS participa_post_comment //

CREATE PROCEDURE participa_post_comment(
    IN p_thread        BIGINT UNSIGNED,
    IN p_parent        BIGINT,
    IN p_author        VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_body          MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_alignment     VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_redactions    VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_idempotency   VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_assigned      TINYINT,        -- 1: the YAML assigns this participant a role that may comment
    IN p_comment_roles VARCHAR(4000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- the YAML's roles that may comment, comma separated
    IN p_default       TINYINT,        -- 1: without any role, the default role may comment
    IN p_known_roles   VARCHAR(4000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,  -- every role the YAML defines, comma separated
    IN p_rate_window   INT,            -- seconds; 0: no rate limit
    IN p_rate_count    INT,            -- comments allowed in the window
    IN p_max_depth     INT)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
    COMMENT 'participa: publishes a comment in one round trip, or answers id 0 for the full path'
proc: BEGIN
    DECLARE v_now     DATETIME(6) DEFAULT UTC_TIMESTAMP(6);
    DECLARE v_recent  INT DEFAULT 0;
    DECLARE v_root    BIGINT DEFAULT 0;
    DECLARE v_depth   INT DEFAULT 0;
    DECLARE v_id      BIGINT UNSIGNED DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    IF p_rate_window > 0 THEN
        SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
    END IF;
    START TRANSACTION;

    IF p_rate_window > 0 THEN
        SELECT COUNT(*) INTO v_recent FROM participa_comments
         WHERE author = p_author AND created_at > v_now - INTERVAL p_rate_window SECOND
           FOR UPDATE;
        IF v_recent >= p_rate_count THEN
            ROLLBACK;
            SELECT 0, 0, 0, CAST(v_now AS CHAR);
            LEAVE proc;
        END IF;
    END IF;

    -- One statement checks the thread (there, not pre-moderated) and the
    -- author (not banned, a role that may comment), counts the comment and
    -- locks the thread row: it changes no row when any check fails. Every
    -- statement of a procedure costs a noticeable part of the INSERT itself,
    -- so the checks share one.
    UPDATE participa_threads
       SET published_count = published_count + 1, root_count = root_count + IF(p_parent = 0, 1, 0)
     WHERE id = p_thread AND premoderate = 0
       AND NOT EXISTS (SELECT 1 FROM participa_participants WHERE id = p_author AND status = 'banned')
       AND (p_assigned <> 0
            OR EXISTS (SELECT 1 FROM participa_participant_roles
                        WHERE participant_id = p_author AND FIND_IN_SET(role, p_comment_roles))
            OR (p_default <> 0 AND NOT EXISTS (SELECT 1 FROM participa_participant_roles
                        WHERE participant_id = p_author AND FIND_IN_SET(role, p_known_roles))));
    IF ROW_COUNT() = 0 THEN
        ROLLBACK;
        SELECT 0, 0, 0, CAST(v_now AS CHAR);
        LEAVE proc;
    END IF;

    IF p_parent <> 0 THEN
        -- the parent is locked by its reply count, which it gets only when it
        -- is a published comment of this thread with room for a reply below it
        UPDATE participa_comments SET reply_count = reply_count + 1
         WHERE id = p_parent AND thread_id = p_thread AND status = 'published' AND depth + 1 <= p_max_depth;
        IF ROW_COUNT() = 0 THEN
            ROLLBACK;
            SELECT 0, 0, 0, CAST(v_now AS CHAR);
            LEAVE proc;
        END IF;
        SELECT IF(root_id = 0, id, root_id), depth + 1 INTO v_root, v_depth
          FROM participa_comments WHERE id = p_parent;
    END IF;

    -- nested, not "AND": a condition with a subquery opens its table even
    -- when the first operand already decides
    IF p_idempotency IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM participa_comments
                    WHERE thread_id = p_thread AND author = p_author AND idempotency_key = p_idempotency) THEN
            ROLLBACK;
            SELECT 0, 0, 0, CAST(v_now AS CHAR);
            LEAVE proc;
        END IF;
    END IF;

    INSERT INTO participa_comments (thread_id, parent_id, root_id, depth, author, body, alignment, status,
                                    public, redactions, idempotency_key, created_at)
    VALUES (p_thread, p_parent, v_root, v_depth, p_author, p_body, p_alignment, 'published',
            1, p_redactions, p_idempotency, v_now);
    SET v_id = LAST_INSERT_ID();
    COMMIT;
    SELECT v_id, v_root, v_depth, CAST(v_now AS CHAR);
END //

DELIMITER ;
