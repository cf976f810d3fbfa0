<?php

/** @generate-class-entries */

namespace Participa {

/**
 * A participatory process of the YAML (`processes:`): casting, paper
 * batches, counting and publishing. Get one with Site::process($id).
 *
 * @strict-properties
 * @not-serializable
 */
final class Process
{
    private function __construct() {}

    /**
     * The definition: id, title, kind, method, territory, roles, body,
     * phases (local and UTC), secrecy, vote_changes, results_visibility,
     * channels, candidates, state (proposals, voting, closed ...),
     * closed_at (UTC), closed_by, closed_how ('call' or 'schedule') and, for
     * secret processes, sealed.
     */
    public function info(): array {}

    /**
     * Casts $participant's ballot over the web. Returns the receipt:
     * ['process', 'receipt', 'version', 'changed', 'replayed', 'voice_only'].
     * $meta['idempotency_key'] makes a retried request return the same
     * receipt without voting twice. Throws NotAllowedException (not
     * eligible, role without vote, voting not open), ConflictException
     * (already voted and changes are not allowed) or InvalidArgumentException
     * (the ballot breaks the method's rules); messages are in Spanish.
     */
    public function cast(string $participant, mixed $ballot, array $meta = []): array {}

    /**
     * Whether $receipt is in the ballot box; the stored ballot
     * (['receipt', 'ballot', 'reason', 'channel', 'version']) or null.
     */
    public function verifyReceipt(string $receipt): ?array {}

    /**
     * Proposes an option (candidate, project) during the proposals phase:
     * $option = ['id' => ..., 'name' => ... (or 'title'), 'cost' => ...
     * (participatory budgets: required, positive, within the budget),
     * 'territory' => ... (optional, inside the process's territory)].
     * The proposer needs the `propose` permission and, like a voter, must
     * live inside the process's territory (or belong to its body). It then
     * takes part in casting, counting and exports like the YAML's options,
     * after them. The id is the idempotency key: proposing the same option
     * again returns it with 'replayed' => true. Returns ['process', 'id',
     * 'name', 'cost' (budgets), 'territory', 'source' => 'api',
     * 'proposed_by', 'created_at', 'replayed']. Throws NotAllowedException
     * (phase, permission, eligibility, closed, too many proposals),
     * ConflictException (the id is taken or was withdrawn) or
     * InvalidArgumentException (the option's fields); messages in Spanish.
     */
    public function propose(string $participant, array $option): array {}

    /**
     * Every option: the YAML's, then those proposed through the API (in the
     * order they take part in ballots), withdrawn ones included: ['id',
     * 'name', 'cost' (budgets), 'territory', 'source' => 'yaml'|'api',
     * 'status' => 'active'|'withdrawn', 'proposed_by', 'created_at',
     * 'withdrawn_at', 'withdrawn_by', 'reason'].
     */
    public function options(): array {}

    /**
     * An official (permission manage_processes) withdraws an option proposed
     * through the API, with a reason, before voting opens. The option stays
     * listed by options() as withdrawn and takes no part in the vote.
     * Idempotent (a second call returns 'replayed' => true). Returns
     * ['process', 'id', 'status' => 'withdrawn', 'withdrawn_by',
     * 'withdrawn_at', 'replayed']. Throws NotAllowedException (permission,
     * voting started, an option of the YAML), NotFoundException or
     * InvalidArgumentException (no reason).
     */
    public function withdraw(string $official, string $optionId, string $reason): array {}

    /**
     * Enters one batch of paper ballots from an in-person vote. The first
     * entry waits for a second person's entry of the same batch; when both
     * match the ballots are counted, otherwise each differing ballot is
     * reported with both readings and who entered each. Returns ['batch',
     * 'status' => 'pending'|'mismatch'|'counted', 'entry', 'ballots',
     * 'header_mismatch', 'count_mismatch', 'first_by', 'second_by',
     * 'mismatches' => [['position' (1-based), 'this' (this call's reading),
     * 'other' (the other entry's), 'first', 'first_by', 'second',
     * 'second_by' (+ 'first_reason', 'second_reason' for stances)], ...]];
     * a reading is null where that entry has no ballot at the position.
     */
    public function enterPaperBatch(string $official, string $batchId, string $assembly, string $tallySheet, array $ballots): array {}

    /**
     * Ends voting now (before the YAML's end if needed) and records who
     * ended it ($by, a participant id, or null). For a secret process every
     * link between a voter and a ballot is removed (receipts, idempotency
     * keys, versions) and the ballot tables are rewritten so no physical
     * trace links them either. Casts running meanwhile either commit first
     * or are refused. A process also closes itself: the first call after its
     * voting phase ends, or Process::closeDue() from cron.
     */
    public function close(?string $by = null): void {}

    /**
     * For cron (`participa close-due FILE`): closes every process of $site
     * whose voting phase has ended and seals closed secret processes not yet
     * sealed. Returns one row per process it changed: ['process',
     * 'closed_at', 'closed_how' => 'schedule'|'call', 'closed_now',
     * 'sealed'], or ['process', 'error'] for a process that failed (the
     * others still run).
     */
    public static function closeDue(Site $site): array {}

    /**
     * Counts every ballot in the box, streamed from the database into the
     * engine, and stores the result with the SHA-256 of the canonical ballot
     * list (see results()).
     */
    public function tally(): TallyResult {}

    /**
     * The result, if the visibility rule lets $participant (or anyone, when
     * null) see it: method, options, winners, ranking, details, tieBreaks,
     * ballots, web, paper, digest, computed_at, final.
     */
    public function results(?string $participant = null): array {}

    /**
     * The anonymised ballots as 'csv', 'json' or 'pabulib' text, in the
     * canonical order, so anyone can recount and recompute the digest.
     */
    public function exportBallots(string $format): string {}
}

}
