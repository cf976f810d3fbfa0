<?php

/** @generate-class-entries */

namespace Participa {

/**
 * Counts ballots under one of the tally methods (plurality, approval,
 * score, majority_judgment, borda, irv, stv, schulze, ranked_pairs,
 * copeland, majority, consensus, pb_greedy, pb_equal_shares).
 *
 * @strict-properties
 * @not-serializable
 */
final class Tally
{
    private function __construct() {}

    /**
     * Counts $ballots with $method. Candidates are $options['candidates']
     * when given, else the ids the ballots name, in first-seen order.
     * Throws ValueError for an unknown method or option, and
     * InvalidArgumentException naming the ballot for an invalid ballot
     * (unless $options['invalid'] is 'count').
     */
    public static function count(string $method, array $ballots, array $options = []): TallyResult {}
}

/**
 * The outcome of a count: winners in order of election or rank, the
 * ranking as a list of tiers, method-specific details and every tie that
 * had to be broken.
 *
 * @strict-properties
 * @not-serializable
 */
final class TallyResult
{
    public readonly string $method;
    public readonly array $winners;
    public readonly array $ranking;
    public readonly array $details;
    public readonly array $tieBreaks;

    private function __construct() {}

    /** The same data as a JSON-ready array. */
    public function toArray(): array {}
}

}
