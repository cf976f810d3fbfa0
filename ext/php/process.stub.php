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
     * channels, candidates, state (proposals, voting, closed ...).
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
     * Enters one batch of paper ballots from an in-person vote. The first
     * entry waits for a second person's entry of the same batch; when both
     * match the ballots are counted, otherwise each differing ballot is
     * reported. Returns ['batch', 'status' => 'pending'|'mismatch'|'counted',
     * 'entry', 'ballots', 'header_mismatch', 'count_mismatch',
     * 'mismatches' => [['position' (1-based), 'this' (this entry's reading)], ...]].
     */
    public function enterPaperBatch(string $official, string $batchId, string $assembly, string $tallySheet, array $ballots): array {}

    /** Ends voting now (before the YAML's end if needed) and, for secret processes, unlinks voters from ballots. */
    public function close(): void {}

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
