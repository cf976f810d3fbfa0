-- participa deliberation threads: a root comment in one statement, its
-- thread's counters kept exact without writing the thread row.
--
-- Why. Every post used to add itself to participa_threads' counters in the
-- same transaction as its INSERT. On the machines we measured, that UPDATE
-- alone costs 15-25 % of a bare INSERT, and it makes the thread row a hot
-- spot: posters to one thread took turns on it (2-4 simultaneous posters
-- reached 0.56-0.60 of the bare INSERT's throughput).
--
-- How. A root comment that the rules publish is now stored by one
-- INSERT ... SELECT (ext/io/thread_store.c, the one-statement root) that
-- reads the thread row with a shared lock and stores counted_at_insert = 0:
-- it is not in the thread's stored counters yet. The counters are completed
-- by the rows not yet folded into them: counted_at_insert = 0 and an id
-- above the thread's folded_upto. Readers add those (pt_ts_counts_get: one
-- short range of participa_comments_unfolded, in the same statement as the
-- stored counters), so what they report is exact at every instant. Now and
-- then (one such root in 64, chosen by a hash of its id) the poster calls
-- participa_fold_thread_counts, which adds the unfolded rows to the stored
-- counters and moves folded_upto past them: a single-row UPDATE, no comment
-- row is written.
--
-- Why folded_upto is exact. The fold holds the thread row exclusively while
-- it reads. A one-statement root takes its shared lock before its id is
-- given out and keeps it until it commits, so while the fold reads, no such
-- root holds an id without being visible, and every later one gets a larger
-- id than the fold can see. (On Galera the lock is per node; see README.)
--
-- Every other write path (replies, rate-limited posts, held and rejected
-- comments) keeps counting in its own transaction and stores
-- counted_at_insert = 1, the default. A status change of a comment that is
-- not folded yet leaves the stored counters alone: readers count the comment
-- with its new status, and the fold later adds it once, with the status it
-- has then.

ALTER TABLE participa_threads
    ADD COLUMN folded_upto BIGINT UNSIGNED NOT NULL DEFAULT 0
        COMMENT 'comments with counted_at_insert = 0 and an id up to this one are in the counters';

ALTER TABLE participa_comments
    ADD COLUMN counted_at_insert TINYINT NOT NULL DEFAULT 1
        COMMENT '1: its insert added it to the thread counters; 0: a fold adds it (see folded_upto)',
    ADD KEY participa_comments_unfolded (thread_id, counted_at_insert, id, status, depth);

DELIMITER //

DROP PROCEDURE IF EXISTS participa_fold_thread_counts //

CREATE PROCEDURE participa_fold_thread_counts(IN p_thread BIGINT UNSIGNED)
    MODIFIES SQL DATA
    SQL SECURITY INVOKER
    COMMENT 'participa: adds a thread''s unfolded comments to its stored counters'
BEGIN
    DECLARE v_upto BIGINT UNSIGNED;
    DECLARE v_max BIGINT UNSIGNED;
    DECLARE v_pub, v_held, v_hid, v_del, v_rej, v_roots INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    -- the sum must see every row committed once the lock is held: a fresh
    -- snapshot per statement, whatever the session's level
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;
    SELECT folded_upto INTO v_upto FROM participa_threads WHERE id = p_thread FOR UPDATE;
    SELECT MAX(id), COALESCE(SUM(status = 'published'), 0), COALESCE(SUM(status = 'held'), 0),
           COALESCE(SUM(status = 'hidden'), 0), COALESCE(SUM(status = 'deleted'), 0),
           COALESCE(SUM(status = 'rejected'), 0),
           COALESCE(SUM(depth = 0 AND status IN ('published', 'hidden', 'deleted')), 0)
      INTO v_max, v_pub, v_held, v_hid, v_del, v_rej, v_roots
      FROM participa_comments
     WHERE thread_id = p_thread AND counted_at_insert = 0 AND id > v_upto;
    IF v_max IS NOT NULL THEN
        UPDATE participa_threads
           SET published_count = published_count + v_pub, held_count = held_count + v_held,
               hidden_count = hidden_count + v_hid, deleted_count = deleted_count + v_del,
               rejected_count = rejected_count + v_rej, root_count = root_count + v_roots,
               folded_upto = v_max
         WHERE id = p_thread;
    END IF;
    COMMIT;
END //

DELIMITER ;
