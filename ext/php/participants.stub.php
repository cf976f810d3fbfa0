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
     * ['id', 'territory', 'status' (active|banned), 'roles' and 'permissions'
     * (what acts site-wide: API roles + YAML assignments without a territory,
     * or the default role), 'assignments' (every YAML assignment: role,
     * territory or null, body or null; one with a territory acts only inside
     * it), 'known'] or null for an id with neither a record nor a YAML
     * assignment.
     */
    public function get(string $id): ?array {}

    /** Bans a participant ($moderator needs 'moderate'); logged. */
    public function ban(string $id, string $moderator, string $reason = ''): void {}

    /** Lifts a ban ($moderator needs 'moderate'); logged. */
    public function unban(string $id, string $moderator, string $reason = ''): void {}

    /**
     * ARCO access: everything stored about $id, read in one transaction:
     * ['id', 'yaml_assignments', 'tables' => [section => list of rows]]
     * (participant, roles, comments, comment_versions, reactions, flags,
     * mentions, official_answers, moderation_log, votes, cast_keys,
     * public_ballots, proposals, withdrawals, paper_batches,
     * commitment_events, commitment_evidence, assemblies_recorded,
     * assembly_attendance). Never a secret ballot. An operator action.
     */
    public function export(string $id): array {}

    /**
     * ARCO cancellation: erases or anonymises $id everywhere, in one
     * transaction, except the records the law requires (returned under
     * 'kept'). Returns counts per table and the random 'pseudonym' that
     * replaced the id where a row stays. An operator action: the host
     * authenticates the request; participa checks no permission.
     */
    public function erase(string $id): array {}
}

}
