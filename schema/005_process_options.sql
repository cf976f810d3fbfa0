-- participa participatory processes: options proposed through the API during
-- a process's proposals phase (Process::propose), kept in
-- participa_process_options (003), and their official withdrawal
-- (Process::withdraw). A withdrawn option keeps its row (who proposed it, who
-- withdrew it and why stay public); it no longer takes part in casting,
-- counting or exports, and its id cannot be proposed again.
-- API options follow the YAML's candidates in (created_at, option_id) order:
-- the order the canonical ballot encoding uses, fixed once voting opens.

ALTER TABLE participa_process_options
    ADD COLUMN IF NOT EXISTS withdrawn_at    DATETIME(6)  NULL COMMENT 'set by an official withdrawal (before voting)',
    ADD COLUMN IF NOT EXISTS withdrawn_by    VARCHAR(191) NULL,
    ADD COLUMN IF NOT EXISTS withdraw_reason TEXT         NULL;
