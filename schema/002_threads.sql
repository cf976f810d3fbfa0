-- participa deliberation threads: threads on any subject, nested comments,
-- versions, reactions, flags, mentions and the moderation log.
-- Storage rules: InnoDB, a primary key, utf8mb4, times in UTC as DATETIME(6).
-- AUTO_INCREMENT values are identifiers only: order is always (time, id), id
-- being a tie-break that makes keyset cursors total, never a sequence.

CREATE TABLE IF NOT EXISTS participa_threads (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    subject_type    VARCHAR(64)  NOT NULL COMMENT 'commitment, process, project, assembly, post ...',
    subject_id      VARCHAR(191) NOT NULL,
    premoderate     TINYINT(1)   NOT NULL DEFAULT 0 COMMENT '1: every new comment is held for review',
    published_count INT NOT NULL DEFAULT 0,
    held_count      INT NOT NULL DEFAULT 0,
    hidden_count    INT NOT NULL DEFAULT 0,
    deleted_count   INT NOT NULL DEFAULT 0,
    rejected_count  INT NOT NULL DEFAULT 0,
    root_count      INT NOT NULL DEFAULT 0 COMMENT 'roots that hold a public place (published, hidden, deleted)',
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY participa_threads_subject (subject_type, subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_comments (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    thread_id       BIGINT UNSIGNED NOT NULL,
    parent_id       BIGINT NOT NULL DEFAULT 0 COMMENT '0 for a root',
    root_id         BIGINT NOT NULL DEFAULT 0 COMMENT 'the root above a reply; 0 for a root',
    depth           TINYINT NOT NULL DEFAULT 0 COMMENT '0 for a root',
    author          VARCHAR(191) NOT NULL,
    body            MEDIUMTEXT   NOT NULL COMMENT 'as published: after redaction',
    alignment       ENUM('for','neutral','against') NULL,
    status          ENUM('published','held','rejected','hidden','deleted') NOT NULL,
    public          TINYINT(1)   NOT NULL COMMENT '1 when status holds a public place: published, hidden, deleted',
    rule            VARCHAR(191) NULL COMMENT 'the moderation rule that held or rejected it',
    rule_message    VARCHAR(1000) NULL,
    redactions      VARCHAR(1000) NULL COMMENT 'names of the redact rules applied, comma separated',
    official_answer TINYINT(1)   NOT NULL DEFAULT 0,
    official_by     VARCHAR(191) NULL,
    up_count        INT NOT NULL DEFAULT 0,
    down_count      INT NOT NULL DEFAULT 0,
    agree_count     INT NOT NULL DEFAULT 0,
    disagree_count  INT NOT NULL DEFAULT 0,
    pass_count      INT NOT NULL DEFAULT 0,
    reply_count     INT NOT NULL DEFAULT 0 COMMENT 'direct replies holding a public place',
    flag_count      INT NOT NULL DEFAULT 0,
    wilson          DOUBLE       NOT NULL DEFAULT 0 COMMENT 'Wilson lower bound of up/down, stored so top sorts over an index',
    controversial   DOUBLE       NOT NULL DEFAULT 0,
    version         INT UNSIGNED NOT NULL DEFAULT 1,
    idempotency_key VARCHAR(191) NULL,
    created_at      DATETIME(6)  NOT NULL,
    edited_at       DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY participa_comments_idempotency (thread_id, author, idempotency_key),
    KEY participa_comments_oldest (thread_id, parent_id, created_at, id),
    KEY participa_comments_top (thread_id, parent_id, wilson, created_at, id),
    KEY participa_comments_discussed (thread_id, parent_id, reply_count, created_at, id),
    KEY participa_comments_controversial (thread_id, parent_id, controversial, created_at, id),
    -- covers the replies window of a page (root, depth, visibility, per-parent
    -- order): the window reads no table rows, only the kept ones are joined back
    KEY participa_comments_root (root_id, depth, thread_id, public, status, parent_id, created_at, author),
    KEY participa_comments_author (author, created_at),
    KEY participa_comments_status (status, created_at),
    KEY participa_comments_flagged (flag_count, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_comment_versions (
    comment_id      BIGINT UNSIGNED NOT NULL,
    version         INT UNSIGNED NOT NULL,
    body            MEDIUMTEXT   NOT NULL,
    status          VARCHAR(16)  NOT NULL COMMENT 'status when this version was replaced',
    created_at      DATETIME(6)  NOT NULL COMMENT 'when this version was written',
    replaced_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (comment_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_reactions (
    comment_id      BIGINT UNSIGNED NOT NULL,
    participant     VARCHAR(191) NOT NULL,
    vote            TINYINT      NOT NULL DEFAULT 0 COMMENT '-1, 0 or +1',
    stance          ENUM('agree','disagree','pass') NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (comment_id, participant),
    KEY participa_reactions_participant (participant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_flags (
    comment_id      BIGINT UNSIGNED NOT NULL,
    participant     VARCHAR(191) NOT NULL,
    reason          VARCHAR(1000) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (comment_id, participant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_mentions (
    comment_id      BIGINT UNSIGNED NOT NULL,
    participant     VARCHAR(191) NOT NULL,
    PRIMARY KEY (comment_id, participant),
    KEY participa_mentions_participant (participant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS participa_moderation_log (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    action          VARCHAR(32)  NOT NULL COMMENT 'approve, reject, hide, restore, ban, unban, hold, auto_hide, premoderate ...',
    moderator       VARCHAR(191) NOT NULL COMMENT 'participant id, or "participa" for automatic actions',
    comment_id      BIGINT UNSIGNED NULL,
    thread_id       BIGINT UNSIGNED NULL,
    participant     VARCHAR(191) NULL COMMENT 'the participant acted upon (bans), or the comment author',
    reason          VARCHAR(1000) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY participa_moderation_log_time (created_at, id),
    KEY participa_moderation_log_comment (comment_id, created_at),
    KEY participa_moderation_log_moderator (moderator, created_at),
    KEY participa_moderation_log_participant (participant, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
