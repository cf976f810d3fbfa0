-- participa participatory processes: who closed a process, how, and when its
-- secret ballots were sealed.
--
-- closed_by: the participant named by Process::close($by); NULL when close()
-- was called without one or when the process closed itself.
-- closed_how: 'call' (Process::close(), also run by tally()/results()/
-- exportBallots() once voting is over) or 'schedule' (the first call after
-- the voting phase ended, or `participa close-due` from cron).
-- sealed_at: secret processes only; set once the close has removed every
-- link between a participant and a ballot (receipts, idempotency keys,
-- versions) and rewritten the ballot tables (ALTER TABLE ... FORCE: new
-- files, rows in primary key order, no transaction id shared with a voter
-- row; see ext/io/process_store.c). A closed secret process with
-- sealed_at NULL (a close interrupted halfway, or closed before this
-- migration) is sealed again by the next call that touches it.

ALTER TABLE participa_processes
    ADD COLUMN IF NOT EXISTS closed_by  VARCHAR(191) NULL COMMENT 'who called close($by); NULL: unnamed caller or the schedule',
    ADD COLUMN IF NOT EXISTS closed_how ENUM('call','schedule') NULL COMMENT 'set with closed_at',
    ADD COLUMN IF NOT EXISTS sealed_at  DATETIME(6) NULL COMMENT 'secret: links removed and ballot tables rewritten';
