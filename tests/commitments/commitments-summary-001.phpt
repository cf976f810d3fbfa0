--TEST--
Commitments::summary(): the seed document's theme table from 62 commitments; pillars, status, agency, plan; late counts
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
require __DIR__ . '/commitments_62.inc';
$site = commitments_test_site('cm_summary_001', cm62_themes_yaml());
$c = $site->commitments();
cm62_load($c);
// two sub-commitments: only top-level commitments are counted by default
$c->upsert(['id' => 'PAL-01.1', 'plan' => 'pal-2026', 'parent' => 'PAL-01', 'title' => 'Subcompromiso', 'theme' => 'justicia'], 'wp:fun');

$s = $c->summary('theme', ['plan' => 'pal-2026', 'as_of' => '2026-11-01']);
echo "total: {$s['total']}\n";
$byKey = array_column($s['groups'], null, 'key');
$sum = 0;
foreach (CM62_THEMES as [$id, $label, $count, $doc]) {
    $g = $byKey[$id];
    $sum += $g['count'];
    $docValue = (float) rtrim($doc, '%');
    $decimals = str_contains($doc, '.') ? 1 : 0;
    if (round($g['percent'], $decimals) == $docValue) {
        $how = 'rounds to the document';
    } elseif (floor($g['percent'] * 10 ** $decimals) / 10 ** $decimals == $docValue) {
        $how = 'the document truncates (rounding gives ' . round($g['percent'], $decimals) . '%)';
    } else {
        $how = 'MISMATCH';
    }
    printf("%-32s %2d %2d %6.2f%% doc %-5s %s\n", $g['label'], $g['count'], $count, $g['percent'], $doc, $how);
}
echo "sum of counts: $sum, sum of percents: ", round(array_sum(array_column($s['groups'], 'percent')), 2), "\n";

$p = $c->summary('pillar', ['plan' => 'pal-2026']);
echo "pillars (total {$p['total']}): ";
foreach ($p['groups'] as $g) { echo $g['key'], '=', $g['count'], ' ', $g['percent'], '%; '; }
echo "\nsum of pillar percents > 100: ", var_export(array_sum(array_column($p['groups'], 'percent')) > 100, true), "\n";

$st = $c->summary('status', ['as_of' => '2026-11-01']);
foreach ($st['groups'] as $g) { echo $g['label'], ': ', $g['count'], ' late=', $g['late'], ' avg=', $g['avg_progress'], "\n"; }
$late = array_filter($c->list(['plan' => 'pal-2026', 'roots' => true, 'as_of' => '2026-11-01', 'light' => 'late', 'full' => false]), fn($r) => true);
echo count($late), " late by the traffic light, ", array_sum(array_column($st['groups'], 'late')), " in the summary\n";
$a = $c->summary('agency');
foreach ($a['groups'] as $g) { echo $g['label'], ': ', $g['count'], "\n"; }
$pl = $c->summary('plan', ['all_levels' => true]);
echo $pl['groups'][0]['label'], ': ', $pl['groups'][0]['count'], " (all levels)\n";
$t = $c->summary('territory');
echo $t['groups'][0]['label'], ': ', $t['groups'][0]['count'], "\n";
try { $c->summary('color'); } catch (ValueError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }

// Cached summaries follow every change: a theme moves, a roll-up moves the pillar averages.
$before = array_column($c->summary('theme', ['plan' => 'pal-2026'])['groups'], 'count', 'key');
$c->update('PAL-02', ['theme' => 'justicia'], 'wp:fun');
$after = array_column($c->summary('theme', ['plan' => 'pal-2026'])['groups'], 'count', 'key');
echo "presupuesto {$before['presupuesto']} -> {$after['presupuesto']}, justicia {$before['justicia']} -> {$after['justicia']}\n";
$c->update('PAL-01.1', ['progress' => 100], 'wp:fun');
$ok = true;
foreach ($c->summary('pillar', ['plan' => 'pal-2026'])['groups'] as $g) {
    $rows = $c->list(['plan' => 'pal-2026', 'pillar' => $g['key'], 'roots' => true, 'full' => false]);
    $avg = round(array_sum(array_column($rows, 'progress')) / count($rows), 2);
    $ok = $ok && count($rows) === $g['count'] && abs($avg - $g['avg_progress']) < 0.006;
}
echo "PAL-01 now ", $c->get('PAL-01')['progress'], "; pillar summary agrees with the commitments: ", var_export($ok, true), "\n";
participa_test_drop('cm_summary_001');
?>
--EXPECT--
total: 62
Presupuesto y Hacienda Pública  13 13  20.97% doc 21%   rounds to the document
Medio Ambiente                    8  8  12.90% doc 13%   rounds to the document
Grupos Vulnerables                5  5   8.06% doc 8%    rounds to the document
Rendición de Cuentas             5  5   8.06% doc 8%    rounds to the document
Fortalecimiento de Capacidades    3  3   4.84% doc 5%    rounds to the document
Contraloría Social               4  4   6.45% doc 6.4%  the document truncates (rounding gives 6.5%)
Desarrollo Municipal              3  3   4.84% doc 5%    rounds to the document
Desarrollo Urbano                 3  3   4.84% doc 5%    rounds to the document
Educación                        5  5   8.06% doc 8%    rounds to the document
Justicia                          3  3   4.84% doc 5%    rounds to the document
Seguridad Pública                3  3   4.84% doc 5%    rounds to the document
Parlamento Abierto                2  2   3.23% doc 3%    rounds to the document
Desarrollo social                 1  1   1.61% doc 1.6%  rounds to the document
Desarrollo Económico             1  1   1.61% doc 1.6%  rounds to the document
Gobierno Abierto                  1  1   1.61% doc 1.6%  rounds to the document
Infraestructura                   1  1   1.61% doc 1.6%  rounds to the document
Mejora Regulatoria                1  1   1.61% doc 1.6%  rounds to the document
sum of counts: 62, sum of percents: 99.98
pillars (total 62): innovacion=12 19.35%; participacion=26 41.94%; rendicion=25 40.32%; transparencia=25 40.32%; 
sum of pillar percents > 100: true
Por iniciar: 62 late=8 avg=50.9
8 late by the traffic light, 8 in the summary
Dirección General de Administración y Finanzas: 31
Dirección General de Obras: 31
Plan de Acción Local de Gobierno Abierto 2026-2027: 63 (all levels)
(sin asignar): 62
ValueError: Participa\Commitments::summary(): Argument #1 ($by) must be one of theme, pillar, status, territory, agency, plan
presupuesto 13 -> 12, justicia 3 -> 4
PAL-01 now 100; pillar summary agrees with the commitments: true
