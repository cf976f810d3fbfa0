<?php
/*
 * A straightforward pure-PHP Method of Equal Shares (approval ballots, cost
 * utilities) with Add1 completion, written the way the reference
 * implementation on equalshares.net is: floats, per-voter budgets in an
 * array, supporters sorted by remaining budget each time a project is
 * evaluated, the "previous effective vote count" pruning. Ties: more
 * approvals, then lower cost, then input order (as participa).
 *
 * Used by bench/pb.php as the baseline that participa's C core is compared
 * with in the same process.
 */

namespace ParticipaBench;

/** @param array<string,int> $cost  @param array<string,list<int>> $approvers */
function equal_shares_fixed(int $n, array $cost, array $approvers, float $perVoter): array
{
    $budget = array_fill(0, $n, $perVoter);
    $remaining = [];           // project => previous effective vote count
    $order = array_flip(array_keys($cost));
    foreach ($cost as $p => $c) {
        if ($c > 0 && count($approvers[$p]) > 0) {
            $remaining[$p] = count($approvers[$p]);
        }
    }
    $winners = [];
    while (true) {
        $best = null;
        $bestEff = 0.0;
        arsort($remaining);
        foreach ($remaining as $p => $previous) {
            if ($previous < $bestEff) {
                break;         // cannot beat the best so far
            }
            $money = 0.0;
            foreach ($approvers[$p] as $i) {
                $money += $budget[$i];
            }
            if ($money < $cost[$p]) {
                unset($remaining[$p]);
                continue;      // not affordable, now or later
            }
            $sup = $approvers[$p];
            usort($sup, fn($a, $b) => $budget[$a] <=> $budget[$b]);
            $paid = 0.0;
            $den = count($sup);
            foreach ($sup as $i) {
                $payment = ($cost[$p] - $paid) / $den;
                if ($payment > $budget[$i]) {
                    $paid += $budget[$i];
                    $den--;
                    continue;
                }
                $eff = $cost[$p] / $payment;
                $remaining[$p] = $eff;
                $better = $best === null || $eff > $bestEff;
                if (!$better && $eff == $bestEff) {
                    $ca = count($approvers[$p]);
                    $cb = count($approvers[$best]);
                    $better = $ca > $cb || ($ca == $cb && ($cost[$p] < $cost[$best]
                        || ($cost[$p] == $cost[$best] && $order[$p] < $order[$best])));
                }
                if ($better) {
                    $best = $p;
                    $bestEff = $eff;
                }
                break;
            }
        }
        if ($best === null) {
            break;
        }
        $winners[] = $best;
        unset($remaining[$best]);
        $payment = $cost[$best] / $bestEff;
        foreach ($approvers[$best] as $i) {
            $budget[$i] = $budget[$i] > $payment ? $budget[$i] - $payment : 0.0;
        }
    }
    return $winners;
}

/**
 * Equal Shares with Add1: per-voter budget B/n, then floor(B/n) + 1, + 2, ...
 * while the outcome is not exhaustive and still fits the budget.
 *
 * @param array<string,int> $cost       project => cost
 * @param list<list<string>> $ballots   approval ballots
 * @return array{winners: list<string>, per_voter: float, runs: int}
 */
function equal_shares_add1(array $cost, array $ballots, int $total): array
{
    $n = count($ballots);
    $approvers = array_fill_keys(array_keys($cost), []);
    foreach ($ballots as $i => $ballot) {
        foreach ($ballot as $p) {
            $approvers[$p][] = $i;
        }
    }
    $supported = 0;
    foreach ($cost as $p => $c) {
        $supported += $c > 0 && $approvers[$p] ? 1 : 0;
    }
    $mes = equal_shares_fixed($n, $cost, $approvers, $total / $n);
    $perVoter = intdiv($total, $n);
    $kept = $total / $n;
    $runs = 1;
    $current = array_sum(array_map(fn($p) => $cost[$p], $mes));
    while (true) {
        $chosen = array_flip($mes);
        $exhaustive = true;
        foreach ($cost as $p => $c) {
            if (!isset($chosen[$p]) && $current + $c <= $total) {
                $exhaustive = false;
                break;
            }
        }
        if ($exhaustive || count($mes) == $supported) {
            break;
        }
        $perVoter++;
        $next = equal_shares_fixed($n, $cost, $approvers, (float)$perVoter);
        $runs++;
        $current = array_sum(array_map(fn($p) => $cost[$p], $next));
        if ($current > $total) {
            break;
        }
        $mes = $next;
        $kept = $perVoter;
    }
    return ['winners' => $mes, 'per_voter' => $kept, 'runs' => $runs];
}
