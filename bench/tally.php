<?php
/*
 * Participa\Tally::count() against a straightforward pure-PHP count of the
 * same method, in the same process, on ballots from
 * shared/data/ballots/gen_ballots.py (100,000 ballots, 10 candidates, seed
 * 42; 1,000,000 for schulze). Prints milliseconds and the ratio, and the
 * memory growth per ballot for the 1M schulze count.
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
