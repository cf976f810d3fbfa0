--TEST--
Commitments::planHtml(): the INAI's 62-commitment plan imported, its theme table as the document has it (with the counts per status), the same figures as summary(), pillars, lights in words, milestones, late first
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/commitments_fragments.inc';
$site = commitments_test_site('plan_dashboard_inai_001', cm62_themes_yaml());
$c = $site->commitments();
$r = $c->import(fragments_inai_csv(), 'csv');
echo "imported: {$r['applied']}, errors: ", count($r['errors']), "\n";
$html = $c->planHtml(fragments_host('p1'), 'pal-2026', ['as_of' => '2026-11-01']);
fragments_check($html);
echo "codes shown: ", fragments_codes($html), "\n";
echo preg_match('/<p class="participa-periodo">Vigencia: 1 de enero de 2026 – 31 de diciembre de 2027<\/p>/u', $html) ? "period in Spanish\n" : "no period\n";
preg_match('/<progress id="p1-plan-avance" max="100" value="([\d.]+)">([^<]+)<\/progress>/', $html, $m);
echo "overall: {$m[2]} ({$m[1]})\n";

// The document's table: themes as rows, commitments and percentage, then one column per status.
$rows = fragments_table($html, 'Compromisos de primer nivel por temática y estado');
echo implode(' | ', $rows[0]), "\n";
$sum = fn(array $r) => array_sum(array_slice($r, 3, 4));
foreach (array_slice($rows, 1) as $row) {
    printf("%-31s %2s %6s  %s%s\n", $row[0], $row[1], $row[2], implode(' ', array_slice($row, 3)),
        $sum($row) == $row[1] ? '' : '  STATUS CELLS DO NOT ADD UP');
}

// The same figures as summary(): count per theme, its percentage to one decimal, the statuses.
$s = $c->summary('theme', ['plan' => 'pal-2026', 'as_of' => '2026-11-01']);
$table = array_column(array_slice($rows, 1, -1), null, 0);
$bad = 0;
foreach ($s['groups'] as $g) {
    $t = $table[$g['label']] ?? null;
    $pct = rtrim(rtrim(number_format($g['percent'], 1, '.', ''), '0'), '.') . ' %';
    if (!$t || (int)$t[1] !== $g['count'] || $t[2] !== $pct) {
        $bad++;
        echo "differs: {$g['label']} {$g['count']} $pct\n";
    }
}
echo count($s['groups']), " themes in summary(), $bad differ from the table; total {$s['total']} = ", end($rows)[1], "\n";
$st = array_column($c->summary('status', ['plan' => 'pal-2026'])['groups'], 'count', 'label');
$total = end($rows);
echo "status totals: ", implode(', ', array_map(fn($h, $n) => "$h $n", array_slice($rows[0], 3, 4), array_slice($total, 3, 4))),
    array_slice($total, 3, 4) == array_map(fn($h) => (string)($st[$h] ?? 0), array_slice($rows[0], 3, 4)) ? " (as summary('status'))" : ' (NOT as summary)', "\n";

// The chart draws the same numbers: one bar per table row, its <title> the row's figures.
preg_match('/<svg role="img" aria-labelledby="p1-plan-tematicas-titulo p1-plan-tematicas-desc"[^>]*>\s*<title id="p1-plan-tematicas-titulo">([^<]*)<\/title>\s*<desc id="p1-plan-tematicas-desc">([^<]*)<\/desc>/', $html, $svg);
echo "chart: {$svg[1]}; desc ", strlen($svg[2]) > 40 ? 'present' : 'missing', "\n";
preg_match_all('/<g>\s*<title>([^<]*): (\d+) \(([^)]*)\)<\/title>/', substr($html, strpos($html, 'p1-plan-tematicas-titulo'), strpos($html, 'id="p1-plan-pilares"') - strpos($html, 'p1-plan-tematicas-titulo')), $bars, PREG_SET_ORDER);
$same = 0;
foreach ($bars as $i => $b) {
    $same += isset($rows[$i + 1]) && $rows[$i + 1][0] === $b[1] && $rows[$i + 1][1] === $b[2] && $rows[$i + 1][2] === $b[3];
}
echo count($bars), " bars, $same as the table rows\n";

// Pillars: once per pillar, so the percentages add up to more than 100.
$p = fragments_table($html, 'Compromisos de primer nivel por pilar de gobierno abierto');
$ps = array_column($c->summary('pillar', ['plan' => 'pal-2026'])['groups'], 'count', 'label');
foreach (array_slice($p, 1) as $row) {
    echo "  {$row[0]}: {$row[1]} {$row[2]}", (int)$row[1] === ($ps[$row[0]] ?? -1) ? '' : ' (NOT as summary)', "\n";
}
echo str_contains($html, 'La suma de los porcentajes pasa de cien porque un compromiso puede atender varios pilares.') ? "the document's footnote\n" : "no footnote\n";

// Lights in words, the count of each.
preg_match_all('/<li class="participa-semaforo participa-semaforo-(\w+)"><span aria-hidden="true">[^<]+<\/span> <strong>([^<]+)<\/strong>: ([^<]+)<\/li>/u', $html, $l, PREG_SET_ORDER);
foreach ($l as $x) { echo "  {$x[2]}: {$x[3]}\n"; }
$late = count($c->list(['plan' => 'pal-2026', 'light' => 'late', 'as_of' => '2026-11-01', 'full' => false]));
echo "late by list(): $late\n";

// Milestones on the timeline: words and dates, the one past due without being met.
preg_match_all('/<li class="participa-hito participa-hito-(\w+)"><span class="participa-hito-estado">([^<]+)<\/span> <time datetime="([\d-]+)">([^<]+)<\/time>: ([^(]+) \(/u', $html, $ms, PREG_SET_ORDER);
foreach ($ms as $x) { echo "  {$x[2]}, {$x[4]}: ", trim($x[5]), "\n"; }
echo str_contains($html, '<title id="p1-plan-hitos-titulo">Hitos del plan en el tiempo</title>') ? "timeline titled\n" : "timeline untitled\n";

// Late commitments first, by due date; then the others.
preg_match_all('/<tr>\s*<th scope="row"><a href="\/consulta\/\?view=([^"]+)">[^<]*<\/a>.*?<td>(?:<span class="participa-semaforo participa-semaforo-(\w+)">)?/s',
    substr($html, strpos($html, 'id="p1-plan-lista"')), $order, PREG_SET_ORDER);
$lights = array_map(fn($x) => $x[2] ?? '', $order);
$firstOther = array_search(true, array_map(fn($x) => $x !== 'late', $lights), true);
echo count($order), " rows; the first $firstOther are late: ", implode(' ', array_slice(array_column($order, 1), 0, $firstOther)), "\n";
echo "no late row after them: ", in_array('late', array_slice($lights, $firstOther), true) ? 'WRONG' : 'yes', "\n";
echo "sub-commitment marked: ", preg_match('/PAL-01\.2<\/a>: Presupuesto abierto en línea <span class="participa-nota">\(Acción de <a href="\/consulta\/\?view=PAL-01">PAL-01<\/a>\)/u', $html) ? 'yes' : 'no', "\n";
commitments_test_refused('unknown plan', fn() => $c->planHtml(fragments_host('p2'), 'pal-1999'));
commitments_test_refused('bad as_of', fn() => $c->planHtml(fragments_host('p2'), 'pal-2026', ['as_of' => '1/11/2026']));
echo "size: ", strlen($html) < 80000 ? 'under 80 KB' : strlen($html), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('plan_dashboard_inai_001'); ?>
--EXPECT--
imported: 64, errors: 0
html: 13 ids, all unique
html: raw ids none
html: 0 forms, all with the token
codes shown: none
period in Spanish
overall: 24.3 % (24.27)
Temática | Compromisos | Porcentaje | Por iniciar | En proceso | Cumplido | Cancelado | Con retraso
Presupuesto y Hacienda Pública 13   21 %  8 3 1 1 1
Medio Ambiente                   8 12.9 %  5 2 1 0 2
Grupos Vulnerables               5  8.1 %  3 1 0 1 0
Rendición de Cuentas            5  8.1 %  3 1 1 0 1
Fortalecimiento de Capacidades   3  4.8 %  1 1 0 1 0
Contraloría Social              4  6.5 %  3 0 1 0 1
Desarrollo Municipal             3  4.8 %  2 1 0 0 0
Desarrollo Urbano                3  4.8 %  2 0 0 1 1
Educación                       5  8.1 %  3 1 1 0 1
Justicia                         3  4.8 %  2 1 0 0 0
Seguridad Pública               3  4.8 %  1 0 1 1 0
Parlamento Abierto               2  3.2 %  1 1 0 0 1
Desarrollo social                1  1.6 %  1 0 0 0 0
Desarrollo Económico            1  1.6 %  1 0 0 0 0
Gobierno Abierto                 1  1.6 %  0 1 0 0 0
Infraestructura                  1  1.6 %  1 0 0 0 0
Mejora Regulatoria               1  1.6 %  1 0 0 0 0
Total                           62  100 %  38 13 6 5 8
17 themes in summary(), 0 differ from the table; total 62 = 62
status totals: Por iniciar 38, En proceso 13, Cumplido 6, Cancelado 5 (as summary('status'))
chart: Compromisos por temática y estado; desc present
17 bars, 17 as the table rows
  Transparencia: 25 40.3 %
  Participación ciudadana: 26 41.9 %
  Rendición de cuentas: 25 40.3 %
  Innovación: 12 19.4 %
the document's footnote
  Con retraso: 9 compromisos
  En tiempo: 44 compromisos
  Cumplido: 6 compromisos
  Cerrado: 5 compromisos
late by list(): 9
  Cumplido, 1 de marzo de 2020: Mesa de cocreación instalada
  Vencido, 15 de septiembre de 2020: Informe de medio término
  Pendiente, 30 de junio de 2099: Cierre del compromiso
timeline titled
64 rows; the first 9 are late: PAL-49 PAL-14 PAL-28 PAL-01.2 PAL-42 PAL-07 PAL-56 PAL-21 PAL-35
no late row after them: yes
sub-commitment marked: yes
unknown plan: Participa\NotFoundException: No existe el plan 'pal-1999'.
bad as_of: Participa\InvalidArgumentException: as_of: se esperaba una fecha AAAA-MM-DD
size: under 80 KB