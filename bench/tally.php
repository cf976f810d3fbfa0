<?php
/*
 * Participa\Tally::count() against two baselines, in the same process, on ballots from
 * shared/data/ballots/gen_ballots.py (10 candidates, seed 42):
 *
 * 1. the parse floor (issue 17, item 5): Participa\Bench\tally_parse_floor() reads every
 *    ballot string of the same PHP array once and turns it into ranks, nothing else
 *    (ext/core/tally/tally_floor.h; only in bench builds: scripts/build --dev). Schulze, IRV
 *    and STV at 100,000 and 1,000,000 ballots, each against the floor measured interleaved
 *    with it (floor, schulze, irv, stv, floor, ...: load hits all alike), best of the rounds;
 *    the target is a ratio of at most 2;
 * 2. a straightforward pure-PHP count of the same method (bench/lib/pure_php_tally.php),
 *    100,000 ballots and 1,000,000 for schulze; the memory growth per ballot of the 1M
 *    schulze count.
 *
 *   php -d extension=/path/to/participa.so bench/tally.php [--quick]
 *
 * --quick skips the pure-PHP 1M run (it takes a long time).
 */
require __DIR__ . '/lib/pure_php_tally.php';

ini_set('memory_limit', '4G');
$gen = getenv('PARTICIPA_BALLOTS_GEN') ?: __DIR__ . '/../../shared/data/ballots/gen_ballots.py';
if (!is_file($gen)) {
    $gen = '/work/shared/data/ballots/gen_ballots.py';
}
$quick = in_array('--quick', $argv, true);

function ballots(string $gen, int $n): array
{
    $out = shell_exec(sprintf('python3 %s %d 10 42', escapeshellarg($gen), $n));
    if (!is_string($out) || $out === '') {
        fwrite(STDERR, "could not run $gen\n");
        exit(2);
    }
    return explode("\n", rtrim($out, "\n"));
}

/** Best of $reps runs, in ms, and the last result. */
function timed(callable $f, int $reps = 5): array
{
    $best = INF;
    $r = null;
    for ($i = 0; $i < $reps; $i++) {
        $t = hrtime(true);
        $r = $f();
        $best = min($best, (hrtime(true) - $t) / 1e6);
    }
    return [$best, $r];
}

/*
 * The floor and the counts, interleaved: every round times the floor, then each method, so a
 * burst of load on the shared machine hits both; best of $rounds for each.
 */
function against_floor(array $b, int $rounds): void
{
    $cases = ['schulze' => [], 'irv' => [], 'stv' => ['seats' => 3]];
    $best = ['floor' => INF] + array_fill_keys(array_keys($cases), INF);
    $winners = [];
    for ($i = 0; $i < $rounds; $i++) {
        $t = hrtime(true);
        Participa\Bench\tally_parse_floor($b);
        $best['floor'] = min($best['floor'], (hrtime(true) - $t) / 1e6);
        foreach ($cases as $m => $opts) {
            $t = hrtime(true);
            $r = Participa\Tally::count($m, $b, $opts);
            $best[$m] = min($best[$m], (hrtime(true) - $t) / 1e6);
            $winners[$m] = implode(',', $r->winners);
        }
    }
    $n = count($b);
    printf("%-28s %8.1f ms %7.1f ns/ballot\n", sprintf('parse floor (%s)', number_format($n)), $best['floor'],
        $best['floor'] * 1e6 / $n);
    foreach ($cases as $m => $_) {
        $ratio = $best[$m] / $best['floor'];
        printf("%-28s %8.1f ms %7.1f ns/ballot %6.2fx floor  %-6s %s\n", sprintf('%s (%s)', $m, number_format($n)),
            $best[$m], $best[$m] * 1e6 / $n, $ratio, $ratio <= 2.0 ? 'holds' : 'MISSES', $winners[$m]);
    }
}

if (!function_exists('Participa\\Bench\\tally_parse_floor')) {
    echo "parse floor: not in this build (Participa\\Bench\\tally_parse_floor() is in scripts/build --dev builds)\n";
} else {
    echo "against the parse floor (target: at most 2x), best of the rounds\n";
    foreach ([100000 => 21, 1000000 => 7] as $n => $rounds) {
        against_floor(ballots($gen, $n), $rounds);
    }
    echo "\n";
}

$b100k = ballots($gen, 100000);
printf("%-28s %10s %10s %8s  %s\n", 'method (ballots)', 'participa', 'pure PHP', 'ratio', 'winners');
$cases = [
    ['schulze', [], fn($b) => PurePhpTally\schulze($b)],
    ['irv', [], fn($b) => PurePhpTally\irv($b)],
    ['stv', ['seats' => 3], fn($b) => PurePhpTally\stv($b, 3)],
];
foreach ($cases as [$m, $opts, $pure]) {
    [$ms, $r] = timed(fn() => Participa\Tally::count($m, $b100k, $opts));
    [$pms, $pr] = timed(fn() => $pure($b100k), 1);
    printf("%-28s %8.1f ms %8.1f ms %7.0fx  %s%s\n", "$m (100,000)", $ms, $pms, $pms / $ms,
        implode(',', $r->winners), $pr === $r->winners ? '' : '  (pure PHP: ' . implode(',', $pr) . ')');
}
unset($b100k);

$b1m = ballots($gen, 1000000);
gc_collect_cycles();
$before = memory_get_usage();
memory_reset_peak_usage();
[$ms, $r] = timed(fn() => Participa\Tally::count('schulze', $b1m), 3);
$growth = (memory_get_peak_usage() - $before) / count($b1m);
if ($quick) {
    printf("%-28s %8.1f ms %11s %8s  %s\n", 'schulze (1,000,000)', $ms, '-', '-', implode(',', $r->winners));
} else {
    [$pms, $pr] = timed(fn() => PurePhpTally\schulze($b1m), 1);
    printf("%-28s %8.1f ms %8.1f ms %7.0fx  %s\n", 'schulze (1,000,000)', $ms, $pms, $pms / $ms, implode(',', $r->winners));
}
printf("schulze 1M peak memory growth beyond the input array: %.1f bytes/ballot\n", $growth);
