<?php

/** @generate-class-entries */

namespace Participa {

/**
 * The moderation queue of a site. Every action is checked against the
 * moderator's 'moderate' permission and recorded with moderator, time and
 * reason in the moderation log.
 *
 * @strict-properties
 * @not-serializable
 */
final class Moderation
{
    private function __construct() {}

    /**
     * $filters: 'status' (held|hidden|flagged|rejected, default held),
     * 'subject_type', 'subject_id', 'limit' (1..200, default 50), 'cursor'.
     * Returns ['items' => [...], 'next' => ?string], oldest first.
     */
    public function queue(array $filters = []): array {}

    /** held or hidden -> published. */
    public function approve(int $commentId, string $moderator, string $reason = ''): array {}

    /** held, hidden or published -> rejected. */
    public function reject(int $commentId, string $moderator, string $reason = ''): array {}

    /** published or held -> hidden. */
    public function hide(int $commentId, string $moderator, string $reason = ''): array {}

    /** hidden or rejected -> published. */
    public function restore(int $commentId, string $moderator, string $reason = ''): array {}

    /** Bans a participant: they may no longer post, edit, react or flag. */
    public function ban(string $participant, string $moderator, string $reason = ''): void {}

    /** Lifts a ban. */
    public function unban(string $participant, string $moderator, string $reason = ''): void {}

    /**
     * The log, newest first. $filters: 'comment' (int), 'moderator',
     * 'participant', 'limit' (1..200, default 50), 'cursor'.
     * Returns ['entries' => [...], 'next' => ?string].
     */
    public function log(array $filters = []): array {}
}

}
