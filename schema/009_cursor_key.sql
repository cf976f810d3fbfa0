-- participa: secrets the extension makes for itself (never configuration,
-- never shown). 'cursor_key' signs the paging cursors of threads and of the
-- moderation queue and log (HMAC-SHA256, ext/core/comment_tree.c), so an
-- edited cursor, or one taken from another thread, node, sort or filter, is
-- refused. The first reader that finds no key stores 32 random bytes (hex)
-- from PHP's CSPRNG; INSERT IGNORE on the primary key makes concurrent first
-- readers keep one. Deleting the row rotates the key: every cursor given out
-- before stops working (pages start again from the first one).
CREATE TABLE IF NOT EXISTS participa_secrets (
    name            VARCHAR(64)  NOT NULL,
    value           VARCHAR(128) NOT NULL COMMENT 'hex',
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
