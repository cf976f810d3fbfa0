<?php
/*
 * Equal Shares with Add1 on Świecie 2023 (2,553 voters, 22 projects):
 * participa (Participa\Tally::count, C core) against a straightforward
 * pure-PHP implementation (bench/lib/pure_php_pb.php), in the same run.
 *
 *   php -d extension=modules/participa.so bench/pb.php [reps]
 *
 * Times are end to end from the PHP arrays (ballots as lists of project
 * ids), best and median of the repetitions. Data: $PARTICIPA_SHARED_DIR or
 * ../shared next to the repository.
 */
require __DIR__ . '/lib/pure_php_pb.php';

$reps = (int)($argv[1] ?? 15);
$dir = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../shared') . '/data/pabulib';
$d = Participa\Pabulib::read("$dir/Poland_Swiecie_2023.pb");
$budget = (int)$d['meta']['budget'];
$projects = [];
foreach ($d['projects'] as $id => $p) {
    $projects[(string)$id] = $p['cost'];
}
$ballots = [];
foreach ($d['votes'] as $v) {
    $ballots[] = array_map('strval', $v['vote']);
}
$city = array_map('strval', array_keys(array_filter($d['projects'], fn($p) => $p['selected'] === '1')));
sort($city);

function timeit(callable $f, int $reps): array
{
    $t = [];
    for ($i = 0; $i < $reps; $i++) {
        $t0 = hrtime(true);
        $out = $f();
        $t[] = (hrtime(true) - $t0) / 1e6;
    }
    sort($t);
    return [$t[0], $t[intdiv(count($t), 2)], $out];
}

[$cBest, $cMed, $r] = timeit(fn() => Participa\Tally::count('pb_equal_shares', $ballots,
    ['budget' => $budget, 'projects' => $projects, 'completion' => 'add1']), $reps);
[$pBest, $pMed, $p] = timeit(fn() => ParticipaBench\equal_shares_add1($projects, $ballots, $budget), max(1, intdiv($reps, 5)));

$ours = array_map('strval', $r->winners);
sort($ours);
$theirs = $p['winners'];
sort($theirs);
printf("Świecie 2023, Equal Shares + Add1 (%d voters, %d projects)\n", count($ballots), count($projects));
printf("  participa (C core):   best %8.2f ms  median %8.2f ms  (%d runs of MES, per-voter budget %s)\n",
    $cBest, $cMed, $r->details['runs'] ?? 0, json_encode($r->details['per_voter_budget'] ?? null));
printf("  pure PHP:             best %8.2f ms  median %8.2f ms  (%d runs)\n", $pBest, $pMed, $p['runs']);
printf("  ratio (best):         %.1fx faster\n", $pBest / $cBest);
printf("  same as the city:     participa %s, pure PHP %s\n", $ours === $city ? 'yes' : 'NO',
    $theirs === $city ? 'yes' : 'NO');
printf("  target <= 20 ms:      %s\n", $cBest <= 20 ? 'met' : 'NOT met');
