-- participa instruments (questionnaires and scorecards, issue 18): responses and
-- their answers, drafts and submissions.
--
-- One response per respondent and subject: respondent_key is '' for the
-- subject's own answer (the institution answers once, whichever of its people
-- writes it) and the participant's id for a corroboration or an evaluation;
-- the unique key holds it, and every write locks that row first
-- (io/instrument/instrument_store.c), so a draft and its submission commit
-- whole or not at all. Answers are stored as their canonical text
-- (core/instrument/instrument.h): scores are always recomputed from them
-- under the YAML in force, never stored. A new table only: nothing to
-- backfill on a site with data; IF NOT EXISTS makes a rerun harmless.
-- Storage rules: InnoDB, a primary key, utf8mb4, times in UTC as DATETIME(6).

CREATE TABLE IF NOT EXISTS participa_instrument_responses (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    instrument_id   VARCHAR(64)   NOT NULL,
    subject_id      VARCHAR(191)  NOT NULL,
    kind            TINYINT UNSIGNED NOT NULL COMMENT '0 self, 1 corroboration, 2 evaluation (pt_instr_kind)',
    respondent_key  VARCHAR(191)  NOT NULL COMMENT 'empty for self (one per subject), else the participant',
    participant_id  VARCHAR(191)  NOT NULL COMMENT 'who wrote it last',
    status          TINYINT UNSIGNED NOT NULL DEFAULT 1 COMMENT '1 draft, 2 submitted (pt_instr_status)',
    created_at      DATETIME(6)   NOT NULL,
    updated_at      DATETIME(6)   NOT NULL,
    submitted_at    DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY participa_instrument_responses_one (instrument_id, subject_id, kind, respondent_key),
    KEY participa_instrument_responses_status (instrument_id, status, subject_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_instrument_answers (
    response_id     BIGINT UNSIGNED NOT NULL,
    item_id         VARCHAR(64)   NOT NULL,
    value           TEXT          NULL COMMENT 'canonical text; NULL: cleared in a draft',
    evidence        VARCHAR(1000) NULL COMMENT 'a URL or reference',
    PRIMARY KEY (response_id, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
