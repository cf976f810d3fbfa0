<?php

/** @generate-class-entries */

namespace Participa {

/**
 * A municipality's site: its validated YAML configuration (parsed once per
 * process and cached until the file changes) and its database.
 *
 * @strict-properties
 * @not-serializable
 */
final class Site
{
    private function __construct() {}

    /**
     * Opens the site described by $configPath (default: the participa.config
     * INI setting). Throws ConfigException listing every problem of a bad file.
     * The file is read through PHP's streams (open_basedir applies); it must be
     * a regular file of at most 16 MiB.
     */
    public static function open(?string $configPath = null): Site {}

    /**
     * Validates a configuration file without opening it, as `participa check`
     * does: every problem open() reports, and moderation rules whose patterns
     * backtrack catastrophically, do too much work for the time budget, or
     * match any comment (each pattern is run on adversarial texts). Returns a
     * list of problems, each ['file' => string, 'line' => int, 'column' =>
     * int, 'message' => string] (line 0: no position); an empty list means
     * the file is valid. Never throws for a bad file.
     */
    public static function check(string $configPath): array {}

    /** Versions: participa, php, mariadb_client, libyaml, pcre2. */
    public static function versions(): array {}

    /**
     * Per-process counters: config_parses, config_cache_hits, db_connects,
     * db_prepares, db_executes, db_retries, pid.
     */
    public static function stats(): array {}

    /**
     * Applies the schema migrations not yet applied (safe to run from several
     * processes at once), then mirrors the YAML's territories and standing
     * role assignments into the database. Returns the names of the migrations
     * this call applied.
     */
    public function migrate(): array {}

    /** name, locale, timezone, config file, database name, counts. */
    public function info(): array {}

    /** The roles of the YAML: id => ['name' => ..., 'permissions' => [...], 'votes' => bool]. */
    public function roles(): array {}

    /**
     * The territory tree: a list of roots, each ['id', 'name', 'kind',
     * 'children' => [...]].
     */
    public function territories(): array {}

    /** One territory with its parent id and depth, or null if unknown. */
    public function territory(string $id): ?array {}

    /**
     * Whether $territory lies inside $ancestor (or is it). Throws
     * NotFoundException for an unknown id. O(1).
     */
    public function territoryWithin(string $territory, string $ancestor): bool {}

    /**
     * The deliberation thread of a subject ('commitment', 'PAL-07'), created
     * on first use. Needs the database (one query).
     */
    public function thread(string $subjectType, string $subjectId): Thread {}

    /** The moderation queue and log. */
    public function moderation(): Moderation {}

    /** Participants: territory, roles, bans. */
    public function participants(): Participants {}

    /** Commitment tracking: plans' commitments, history, summaries, open data, assemblies. */
    public function commitments(): Commitments {}

    /**
     * A participatory process of the YAML (`processes:`), by id. Throws
     * NotFoundException for an unknown id. Needs the database (one query).
     */
    public function process(string $id): Process {}
}

}
