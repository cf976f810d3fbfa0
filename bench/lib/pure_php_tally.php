<?php
/*
 * Straightforward pure-PHP counts of the same methods, the baseline that
 * bench/tally.php times against Participa\Tally::count(). Written the way a
 * careful PHP developer would (arrays keyed by candidate, no deliberate
 * slowness), for full strict rankings such as 'E>A>C>B>D'.
 */
namespace PurePhpTally;

/** @return array{0: string[], 1: array<int, string[]>} candidates and parsed rankings */
function parse(array $ballots): array
{
    $rankings = [];
    $cands = [];
    foreach ($ballots as $b) {
        $r = explode('>', $b);
        foreach ($r as $c) {
            $cands[$c] = true;
        }
        $rankings[] = $r;
    }
    return [array_keys($cands), $rankings];
}

/** Schulze (winning votes); returns the winners. */
function schulze(array $ballots): array
{
    [$cands, $rankings] = parse($ballots);
    $d = [];
    foreach ($cands as $i) {
        foreach ($cands as $j) {
            $d[$i][$j] = 0;
        }
    }
    foreach ($rankings as $r) {
        $n = count($r);
        for ($x = 0; $x < $n; $x++) {
            for ($y = $x + 1; $y < $n; $y++) {
                $d[$r[$x]][$r[$y]]++;
            }
        }
    }
    $p = [];
    foreach ($cands as $i) {
        foreach ($cands as $j) {
            $p[$i][$j] = ($i !== $j && $d[$i][$j] > $d[$j][$i]) ? $d[$i][$j] : 0;
        }
    }
    foreach ($cands as $k) {
        foreach ($cands as $i) {
            if ($i === $k) {
                continue;
            }
            foreach ($cands as $j) {
                if ($j !== $i && $j !== $k) {
                    $p[$i][$j] = max($p[$i][$j], min($p[$i][$k], $p[$k][$j]));
                }
            }
        }
    }
    $winners = [];
    foreach ($cands as $i) {
        $ok = true;
        foreach ($cands as $j) {
            if ($i !== $j && $p[$j][$i] > $p[$i][$j]) {
                $ok = false;
                break;
            }
        }
        if ($ok) {
            $winners[] = $i;
        }
    }
    return $winners;
}

/** Instant-runoff; returns the winner. */
function irv(array $ballots): array
{
    [$cands, $rankings] = parse($ballots);
    $out = [];
    while (true) {
        $tally = array_fill_keys(array_diff($cands, array_keys($out)), 0);
        $active = 0;
        foreach ($rankings as $r) {
            foreach ($r as $c) {
                if (!isset($out[$c])) {
                    $tally[$c]++;
                    $active++;
                    break;
                }
            }
        }
        arsort($tally);
        $best = array_key_first($tally);
        if ($tally[$best] * 2 > $active || count($tally) === 1) {
            return [$best];
        }
        asort($tally);
        $out[array_key_first($tally)] = true;
    }
}

/** STV, Droop quota, weighted inclusive Gregory with float transfer values. */
function stv(array $ballots, int $seats): array
{
    [$cands, $rankings] = parse($ballots);
    $quota = intdiv(count($rankings), $seats + 1) + 1;
    $hopeful = array_fill_keys($cands, true);
    $elected = [];
    $value = array_fill(0, count($rankings), 1.0);
    $pos = array_fill(0, count($rankings), 0);
    $pile = array_fill_keys($cands, []);
    foreach ($rankings as $i => $r) {
        $pile[$r[0]][] = $i;
    }
    $votes = function ($c) use (&$pile, &$value) {
        $s = 0.0;
        foreach ($pile[$c] as $i) {
            $s += $value[$i];
        }
        return $s;
    };
    $move = function ($from) use (&$pile, &$pos, &$rankings, &$hopeful) {
        foreach ($pile[$from] as $i) {
            $r = $rankings[$i];
            do {
                $pos[$i]++;
            } while ($pos[$i] < count($r) && !isset($hopeful[$r[$pos[$i]]]));
            if ($pos[$i] < count($r)) {
                $pile[$r[$pos[$i]]][] = $i;
            }
        }
        $pile[$from] = [];
    };
    while (count($elected) < $seats) {
        if (count($hopeful) + count($elected) <= $seats) {
            foreach ($hopeful as $c => $_) {
                $elected[] = $c;
            }
            break;
        }
        $tally = [];
        foreach ($hopeful as $c => $_) {
            $tally[$c] = $votes($c);
        }
        arsort($tally);
        $top = array_key_first($tally);
        if ($tally[$top] >= $quota) {
            $elected[] = $top;
            unset($hopeful[$top]);
            $tv = ($tally[$top] - $quota) / $tally[$top];
            foreach ($pile[$top] as $i) {
                $value[$i] *= $tv;
            }
            $move($top);
            continue;
        }
        asort($tally);
        $low = array_key_first($tally);
        unset($hopeful[$low]);
        $move($low);
    }
    return $elected;
}
