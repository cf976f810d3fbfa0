<?php

/** @generate-class-entries */

namespace Participa {

/**
 * The site's participants: opaque host ids (e.g. "wp:42") with a territory,
 * roles and a status.
 *
 * @strict-properties
 * @not-serializable
 */
final class Participants
{
    private function __construct() {}

    /**
     * Creates or updates a participant. $territory must be a territory of the
     * YAML; $roles role ids of the YAML (they replace the roles previously
     * given through the API; YAML assignments stay). Returns get($id).
     */
    public function upsert(string $id, string $territory, array $roles = []): array {}

    /**
     * ['id', 'territory', 'status' (active|banned), 'roles' (API + YAML
     * assignments, or the default role), 'permissions', 'known'] or null for
     * an id with neither a record nor a YAML assignment.
     */
    public function get(string $id): ?array {}

    /** Bans a participant ($moderator needs 'moderate'); logged. */
    public function ban(string $id, string $moderator, string $reason = ''): void {}

    /** Lifts a ban ($moderator needs 'moderate'); logged. */
    public function unban(string $id, string $moderator, string $reason = ''): void {}
}

}
