--TEST--
Participa\Process::exportBallots(): csv, json and pabulib recount to the same digest and result
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-export-001', <<<P
  - { id: ranked, title: Ranked, kind: election, method: schulze, candidates: [a, b, c, d],
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - id: pp
    title: "Presupuesto; 2026"
    kind: participatory_budget
    method: pb_equal_shares
    options: { budget: 1000, completion: add1, over_budget: allow }
    phases: { voting: [2020-01-01, 2099-12-31] }
    projects:
      - { id: p1, cost: 600, name: "Luminarias; calle 5" }
      - { id: p2, cost: 400 }
      - { id: p3, cost: 300 }
  - { id: cons, title: Consenso, kind: consensus, method: consensus, body: secretariado, phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
mt_srand(7);
$cands = ['a', 'b', 'c', 'd'];
$r = $site->process('ranked');
$pb = $site->process('pp');
for ($i = 1; $i <= 40; $i++) {
    $pp->upsert("wp:$i", 'norte', ['ciudadano']);
    shuffle($cands);
    $r->cast("wp:$i", array_slice($cands, 0, mt_rand(1, 4)));
    $pb->cast("wp:$i", array_slice(['p1', 'p2', 'p3'], mt_rand(0, 2)));
}
$c = $site->process('cons');
$c->cast('st:1', ['stance' => 'block', 'reason' => "No.\tFalta\\el\nestudio"]);
$c->cast('st:2', 'agree');

// digest version 2 (docs/internals/recount-and-digest.md), from the published rows alone: the version 1
// lines, grouped by the receipt's first two characters, each group hashed in receipt order, then the list
function digest_of(array $rows): string {
    $esc = fn(?string $s) => strtr($s ?? '', ["\\" => "\\\\", "\t" => "\\t", "\n" => "\\n", "\r" => "\\r"]);
    usort($rows, fn($a, $b) => strcmp($a['receipt'], $b['receipt']));
    $groups = [];
    foreach ($rows as $row) {
        $line = implode("\t", [$row['receipt'], $esc($row['ballot']), $esc($row['role']), $esc($row['reason']), $esc($row['voter'])]) . "\n";
        $seg = substr($row['receipt'], 0, 2);
        $groups[$seg] = ($groups[$seg] ?? ['n' => 0, 'text' => '']);
        $groups[$seg]['n']++;
        $groups[$seg]['text'] .= $line;
    }
    ksort($groups, SORT_STRING);
    $list = '';
    foreach ($groups as $seg => $g) {
        $list .= $esc((string) $seg) . "\t" . $g['n'] . "\t" . hash('sha256', $g['text']) . "\n";
    }
    return hash('sha256', $list);
}
function csv_rows(string $csv): array {
    $lines = fopen('php://memory', 'r+'); fwrite($lines, $csv); rewind($lines);
    $head = fgetcsv($lines, null, ',', '"', '');
    $rows = [];
    while (($f = fgetcsv($lines, null, ',', '"', '')) !== false) {
        $row = array_combine($head, $f);
        foreach (['role', 'reason', 'voter'] as $k) if ($row[$k] === '') $row[$k] = null;
        $rows[] = $row;
    }
    return $rows;
}

foreach (['ranked', 'pp', 'cons'] as $id) {
    $p = $site->process($id);
    pt_try(fn() => $p->exportBallots('csv'));      // secret ballots stay closed while voting is open
    $p->close();
    $res = $p->results();
    $json = json_decode($p->exportBallots('json'), true);
    $csv = csv_rows($p->exportBallots('csv'));
    echo "$id: {$res['ballots']} ballots; json digest ", $json['digest'] === $res['digest'] ? 'same' : 'DIFFERENT',
        "; recomputed from json ", digest_of($json['ballots']) === $res['digest'] ? 'same' : 'DIFFERENT',
        "; from csv ", digest_of($csv) === $res['digest'] ? 'same' : 'DIFFERENT', "\n";
    // recount with the published data alone
    $ballots = array_column($json['ballots'], 'ballot');
    $opts = $json['options'];
    if ($id === 'pp') {
        $ballots = array_map(fn($b) => $b === '' ? [] : explode(',', $b), $ballots);
    } elseif ($id === 'cons') {
        $ballots = array_map(fn($b) => ['stance' => $b['ballot'], 'role' => $b['role'], 'reason' => $b['reason'], 'voter' => $b['voter']], $json['ballots']);
    }
    $recount = Participa\Tally::count($json['method'], $ballots, $opts);
    echo "  recount winners ", json_encode($recount->winners) === json_encode($res['winners']) ? 'same' : 'DIFFERENT',
        ", ranking ", json_encode($recount->ranking) === json_encode($res['ranking']) ? 'same' : 'DIFFERENT', "\n";
    $again = $p->exportBallots('csv');
    echo "  export is stable: ", $again === $p->exportBallots('csv') ? 'yes' : 'no', "\n";
}
$pab = $site->process('pp')->exportBallots('pabulib');
$tmp = sys_get_temp_dir() . '/process-export-001.pb';
file_put_contents($tmp, $pab);
$parsed = Participa\Pabulib::read($tmp);
unlink($tmp);
echo "pabulib: ", count($parsed['votes']), " votes, ", count($parsed['projects']), " projects, name ", $parsed['projects']['p1']['name'], "\n";
pt_try(fn() => $site->process('ranked')->exportBallots('pabulib'));
pt_try(fn() => $site->process('ranked')->exportBallots('xml'));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-export-001'); ?>
--EXPECT--
Participa\NotAllowedException: Las boletas de una votación secreta se publican cuando cierra la votación.
ranked: 40 ballots; json digest same; recomputed from json same; from csv same
  recount winners same, ranking same
  export is stable: yes
Participa\NotAllowedException: Las boletas de una votación secreta se publican cuando cierra la votación.
pp: 40 ballots; json digest same; recomputed from json same; from csv same
  recount winners same, ranking same
  export is stable: yes
ok
cons: 2 ballots; json digest same; recomputed from json same; from csv same
  recount winners same, ranking same
  export is stable: yes
pabulib: 40 votes, 3 projects, name Luminarias; calle 5
ValueError: Participa\Process::exportBallots(): Argument #1 ($format) "pabulib" exports approval ballots only (this process uses schulze)
ValueError: Participa\Process::exportBallots(): Argument #1 ($format) must be "csv", "json" or "pabulib"
