--TEST--
Participa\Instrument: the INFOEM response rate (117 of 125 = 93.6 %) and every score equal to a recount of the raw answers after random drafts, changes and corroborations
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/instrument_test.inc';
$n = 125;
$t = "territories:\n  - { id: edomex, name: Estado de México, kind: estado }\n";
$a = '';
for ($k = 1; $k <= $n; $k++) {
    $region = 'region-' . (($k - 1) % 5 + 1);
    if ($k <= 5) {
        $t .= "  - { id: $region, name: Región $k, kind: region, parent: edomex }\n";
    }
    $t .= "  - { id: m$k, name: Municipio $k, kind: municipio, parent: $region }\n";
    $a .= "  - { participant: \"wp:m$k\", role: enlace, territory: m$k }\n";
}
$yaml = $t . <<<Y
roles:
  ciudadano: { can: [comment] }
  enlace: { can: [comment] }
assignments:
$a
instruments:
  - id: infoem
    title: Apertura
    about: territory
    level: municipio
    group_by: region
    respondents:
      self: { role: enlace, opens: 2020-01-01 }
      corroboration:
    thresholds: [{ at: 60, label: Media }, { at: 85, label: Alta }]
    dimensions:
      - id: d1
        title: Uno
        items:
          - { id: a, text: A, scale: yes_no }
          - { id: b, text: B, scale: partial, points: 3 }
      - id: d2
        title: Dos
        items:
          - { id: c, text: C, scale: numeric, min: 0, max: 7, points: 10 }
          - { id: e, text: E, scale: choice, weight: 2, options: [{ id: x, points: 0 }, { id: y, points: 2 }, { id: z, points: 5 }] }
Y;
$site = instr_site('instr_rate_001', $yaml);
$i = $site->instrument('infoem');
mt_srand(18);
// units of 1/14 point (lcm of 2 for partial 3 and 7 for 10 points over 0..7), weight included
$unit = 14;
$points = [
    'a' => fn($v) => $v ? 14 : 0,
    'b' => fn($v) => ['yes' => 42, 'partial' => 21, 'no' => 0][$v],
    'c' => fn($v) => 10 * 14 * $v / 7,
    'e' => fn($v) => 2 * 14 * ['x' => 0, 'y' => 2, 'z' => 5][$v],
];
$dimOf = ['a' => 0, 'b' => 0, 'c' => 1, 'e' => 1];
function answer(string $item)
{
    return match ($item) {
        'a' => (bool) mt_rand(0, 1),
        'b' => ['yes', 'partial', 'no'][mt_rand(0, 2)],
        'c' => mt_rand(0, 7),
        'e' => ['x', 'y', 'z'][mt_rand(0, 2)],
    };
}
$self = [];
for ($k = 1; $k <= $n; $k++) {
    if ($k > 117) {
        if ($k <= 120) {
            $i->saveDraft("wp:m$k", "m$k", ['a' => answer('a')]);   // three drafts never submitted
        }
        continue;
    }
    $ans = [];
    foreach (['a', 'b', 'c', 'e'] as $item) {
        $ans[$item] = answer($item);
    }
    // a draft first, changed, then the rest at submission
    $i->saveDraft("wp:m$k", "m$k", ['a' => answer('a'), 'c' => answer('c')]);
    $i->saveDraft("wp:m$k", "m$k", ['a' => $ans['a'], 'c' => $ans['c']]);
    $i->submit("wp:m$k", "m$k", ['b' => $ans['b'], 'e' => $ans['e']]);
    $self["m$k"] = $ans;
}
// 45 corroborations over 18 municipalities, each a random subset of the items
$corr = [];
for ($c = 0; $c < 45; $c++) {
    $m = 'm' . (1 + ($c % 18) * 6);
    $ans = [];
    foreach (['a', 'b', 'c', 'e'] as $item) {
        if (mt_rand(0, 2)) {
            $ans[$item] = answer($item);
        }
    }
    if (!$ans) {
        $ans['a'] = answer('a');
    }
    $i->corroborate("wp:c$c", $m, $ans);
    $corr[$m][] = $ans;
}

$r = $i->report();
$x = $r['responses'];
echo "self: {$x['self']['submitted']} of {$x['subjects']} = ", instr_fig($x['self']['rate']), ", {$x['self']['drafts']} drafts\n";
echo "corroboration: {$x['corroboration']['submitted']} about {$x['corroboration']['subjects']} municipalities\n";

// the recount, in whole units
$bad = 0;
$reach = [60 => 0, 85 => 0];
foreach ($r['subjects'] as $s) {
    $id = $s['id'];
    if (!isset($self[$id])) {
        $bad += $s['responded'] ? 1 : 0;
        continue;
    }
    $dims = [0, 0];
    foreach ($self[$id] as $item => $v) {
        $dims[$dimOf[$item]] += $points[$item]($v);
    }
    $total = array_sum($dims);
    // max: 14 + 42 + 140 + 140 = 336 units = 24 points
    foreach ($reach as $at => $_) {
        $reach[$at] += $total * 100 >= $at * 336 ? 1 : 0;
    }
    // in lowest terms: total / unit
    $g = $total;
    for ($h = $unit; $h; [$g, $h] = [$h, $g % $h]) {
    }
    $want = intdiv($total, $g ?: 1) . '/' . intdiv($unit, $g ?: 1);
    $got = $s['self']['total']['num'] . '/' . $s['self']['total']['den'];
    $bad += $want !== $got ? 1 : 0;
    foreach ($s['self']['dimensions'] as $d => $dim) {
        $bad += $dim['points']['num'] * $unit !== $dims[$d] * $dim['points']['den'] ? 1 : 0;
    }
    if (isset($corr[$id])) {
        $sum = 0;
        foreach ($corr[$id] as $ans) {
            foreach ($self[$id] as $item => $v) {
                $sum += $points[$item]($ans[$item] ?? $v);
            }
        }
        $cn = count($corr[$id]);
        $c = $s['corroboration'];
        // sum / (cn * unit) == num / den
        $bad += $c['responses'] !== $cn || $c['total']['num'] * $cn * $unit !== $sum * $c['total']['den'] ? 1 : 0;
        foreach ($c['disagreements'] as $d) {
            $agree = count(array_filter($corr[$id], fn($ans) => array_key_exists($d['item'], $ans) && $ans[$d['item']] === $self[$id][$d['item']]));
            $answered = count(array_filter($corr[$id], fn($ans) => array_key_exists($d['item'], $ans)));
            $bad += $d['agree'] !== $agree || $d['corroborations'] !== $answered || $agree * 2 > $answered ? 1 : 0;
        }
    } elseif ($s['corroboration'] !== null) {
        $bad++;
    }
}
foreach ($r['thresholds'] as $t) {
    $bad += $t['subjects'] !== $reach[$t['at']] ? 1 : 0;
}
echo "figures that differ from the recount: $bad\n";
$csv = array_map('str_getcsv', array_filter(explode("\n", str_replace("\r", '', $i->export('csv')))));
echo 'csv rows: ', count($csv) - 1, ' (117 x 3 self + 18 x 3 corroboration)', "\n";
$total = 0;
foreach (array_slice($csv, 1) as $row) {
    $total += $row[4] === 'self' && $row[6] === 'total' ? 1 : 0;
}
echo "csv self totals: $total\n";
participa_test_drop('instr_rate_001');
?>
--EXPECT--
self: 117 of 125 = 117/125 (93.6 %), 3 drafts
corroboration: 45 about 18 municipalities
figures that differ from the recount: 0
csv rows: 405 (117 x 3 self + 18 x 3 corroboration)
csv self totals: 117
