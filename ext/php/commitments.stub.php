<?php

/** @generate-class-entries */

namespace Participa {

/**
 * Commitment tracking: action plans' commitments to any depth, evidence,
 * milestones, roll-up progress, a hash-chained history, summaries, open
 * data, assemblies and their agreements. Obtained from Site::commitments().
 *
 * @strict-properties
 * @not-serializable
 */
final class Commitments
{
    private function __construct() {}

    /**
     * Creates or replaces the fields given in $commitment (id, plan, parent,
     * title, description, problem, objective, agency, actors, theme, pillars,
     * territory, start_date, due_date, budget, weight, status, progress,
     * verification, evidence, milestones) as $by (needs update_commitment;
     * a status change must be a transition the YAML allows to one of $by's
     * roles). Returns get().
     */
    public function upsert(array $commitment, string $by, string $note = ''): array {}

    /**
     * Changes an existing commitment: any field but id, plan and parent, plus
     * 'add_evidence' (one item or a list) to append evidence. Returns get().
     */
    public function update(string $id, array $changes, string $by, string $note = ''): array {}

    /**
     * One commitment with its evidence, milestones, 'light' (traffic light on
     * $asOf, default today), 'completion' (OGP level) and labels; null if unknown.
     */
    public function get(string $id, ?string $asOf = null): ?array {}

    /**
     * get() plus 'children' (direct sub-commitments) and 'thread': the
     * commitment's deliberation thread page ($threadOpts as Thread::page())
     * with 'official_answers' listed apart.
     */
    public function view(string $id, array $threadOpts = []): array {}

    /** Direct sub-commitments, by id. */
    public function children(string $id): array {}

    /**
     * Commitments matching $filters: plan, parent, theme, pillar, status,
     * agency, territory, roots (bool), light (on_track|at_risk|late|done|
     * closed|unscheduled), as_of, limit. Parents before children.
     */
    public function list(array $filters = []): array {}

    /** The events of one commitment, oldest first, with their hashes. */
    public function history(string $id): array {}

    /**
     * Walks the whole history chain recomputing every hash. ['ok', 'events',
     * 'first_bad' => null | ['seq', 'commitment', 'reason']].
     */
    public function verify(): array {}

    /**
     * Counts by theme, pillar, status, territory, agency or plan: ['by',
     * 'total', 'groups' => [['key', 'label', 'count', 'percent',
     * 'avg_progress', 'late'], ...]]. $opts: plan, as_of, all_levels
     * (default: top-level commitments only).
     */
    public function summary(string $by, array $opts = []): array {}

    /** Every field of every commitment of $plan as 'csv' (RFC 4180) or 'json'; $opts: bom (bool, CSV). */
    public function export(string $format, string $plan, array $opts = []): string {}

    /**
     * Upserts by id from an export, all rows in one transaction or none.
     * Every error of every row is listed with its row and column (JSON: the
     * field), at most 1000; with any error nothing is written. A dry run
     * runs the same write and rolls it back. ['errors' => [...], 'changes' =>
     * [['id', 'action' (create|update|unchanged), 'changes']], 'applied' => int].
     */
    public function import(string $data, string $format, bool $dryRun = false, string $by = 'participa:import'): array {}

    /**
     * Records an assembly (territory, held_on, place, attendance, attendees,
     * agenda, minutes, agreements) as $by (needs record_assembly). With
     * attendance at least assemblies.min_attendance, each agreement becomes a
     * commitment of the territory's local development agenda. Returns
     * ['id', 'commitments' => [ids]].
     */
    public function recordAssembly(array $assembly, string $by): array {}

    /** Assemblies of a territory (null: all), newest first, with attendees and agreements. */
    public function assemblies(?string $territory = null): array {}
}

}
