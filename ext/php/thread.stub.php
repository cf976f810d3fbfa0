<?php

/** @generate-class-entries */

namespace Participa {

/**
 * The deliberation thread of one subject (commitment, process, project,
 * assembly, post ...). Obtained from Site::thread(); the thread row is
 * created on first use.
 *
 * @strict-properties
 * @not-serializable
 */
final class Thread
{
    private function __construct() {}

    /** ['id', 'subject_type', 'subject_id', 'premoderate', 'alignment'] */
    public function info(): array {}

    /**
     * Posts a comment as $participant. $opts: 'parent' (int, reply to),
     * 'alignment' (a Participa\Alignment or its value 'for'|'neutral'|'against',
     * where the subject type enables it), 'idempotency_key' (string: a retry with the same key returns the
     * stored comment instead of posting twice). Returns the stored comment
     * with 'status' (published, held or rejected), 'message' (for rejected
     * and held comments), 'redactions' and 'mentions'.
     */
    public function post(string $participant, string $body, array $opts = []): array {}

    /** Edits the author's own comment within the edit window; keeps the previous version. */
    public function edit(int $commentId, string $participant, string $body): array {}

    /** Deletes the author's own comment; it keeps its place as "comentario eliminado". */
    public function delete(int $commentId, string $participant): void {}

    /** Marks a comment as an official answer ($official needs the 'answer' permission). */
    public function markOfficial(int $commentId, string $official): void {}

    /**
     * Every version of a comment, oldest first; the last one is the current
     * text. $viewer (a participant id) sees what page() shows them: others'
     * held comments do not exist for them; hidden and deleted comments are
     * their current place only (body null); earlier versions that were not
     * published are shown only to their author and to moderators.
     */
    public function history(int $commentId, ?string $viewer = null): array {}

    /**
     * $reaction: a Participa\Reaction or its value: 'up', 'down', 'none'
     * (withdraw the vote), 'agree', 'disagree' or 'pass' (stances on the
     * statement). Returns the comment's counts and the participant's reaction.
     */
    public function react(int $commentId, string $participant, Reaction|string $reaction): array {}

    /** Flags a comment for moderators; after threads.auto_hide_after_flags flags it is hidden pending review. */
    public function flag(int $commentId, string $participant, string $reason): array {}

    /**
     * One page: $opts 'sort' (a Participa\Sort or its value:
     * oldest|newest|top|discussed|controversial),
     * 'limit' (roots, 1..100, default 20), 'cursor' (from 'next'), 'viewer'
     * (participant id: their reactions and held comments), 'depth' (reply
     * levels, default threads.max_depth), 'replies' (per node, default
     * threads.page_replies). Returns ['comments' => nested, 'next' => ?string,
     * 'counts' => [...]].
     */
    public function page(array $opts = []): array {}

    /** "More replies" of a comment: $opts 'cursor' (a node's 'more'), 'limit', 'viewer', 'depth', 'replies'
     * ('sort', if given, is Participa\Sort::Oldest or 'oldest'). */
    public function replies(int $commentId, array $opts = []): array {}

    /** Turns pre-moderation of this thread on or off ($moderator needs 'moderate'); logged. */
    public function setPremoderate(bool $on, string $moderator, string $reason = ''): void {}
}

}
