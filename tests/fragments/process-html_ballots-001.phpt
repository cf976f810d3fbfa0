--TEST--
Participa\Process::html(): the ballot form of every counting method, from a real site (labels, unique ids, no raw codes)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/process_fragment.inc';
$site = pf_site('process-html_ballots-001');
foreach (['alcaldia', 'parques', 'pp', 'irv', 'stv', 'schulze', 'borda', 'score', 'mj', 'mocion'] as $id) {
    $html = $site->process($id)->html(pf_host("p-$id"), 'wp:1');
    pf_check($html, $id);
    echo "  ", pf_fields($html), "\n";
    preg_match('/<p class="participa-instrucciones"[^>]*>([^<]*)</', $html, $m);
    echo "  ", $m[1], "\n";
}
// approval: the limit is said; budget: costs as pesos, the limit and the hooks of participa.js
$pp = $site->process('pp')->html(pf_host('p-pp'), 'wp:1');
preg_match_all('/data-participa-(limit|cost)="(\d+)"/', $pp, $m);
echo "pp hooks: ", implode(' ', array_map(fn($a, $b) => "$a=$b", $m[1], $m[2])), "\n";
echo "pp total: ", str_contains($pp, '<output id="p-pp-boleta-total" data-participa-total>$0</output>') ? 'yes' : 'no',
    ", over message hidden: ", preg_match('/data-participa-over hidden>[^<]+</', $pp) ? 'yes' : 'no', "\n";
echo "pp text: ", preg_match('/Presupuesto total: \$1,000,000 Luminarias en la calle 5 \(\$600,000\) Huerto comunitario \(\$500,000\)/', pf_text($pp)) ? 'costs and budget in pesos' : pf_text($pp), "\n";
// ranked: a numbered select per place with every option; majority judgment: the grades in Spanish
$stv = $site->process('stv')->html(pf_host('p-stv'), 'wp:1');
preg_match_all('/<label for="p-stv-boleta-lugar-\d">([^<]*)</', $stv, $m);
echo "stv places: ", implode(' | ', $m[1]), "\n";
echo "stv options per place: ", substr_count($stv, '<option value="b"'), " x Bruno\n";
$mj = $site->process('mj')->html(pf_host('p-mj'), 'wp:1');
preg_match_all('/<option value="j1=(\d)">([^<]*)</', $mj, $m);
echo "mj grades: ", implode(', ', array_map(fn($g, $n) => "$g $n", $m[1], $m[2])), "\n";
$score = $site->process('score')->html(pf_host('p-score'), 'wp:1');
preg_match_all('/<option value="m1=(\d)">/', $score, $m);
echo "score grades: ", implode(' ', $m[1]), "\n";
// consensus: four stances, a reason; the facilitator has a voice, not a vote
$pal = $site->process('pal')->html(pf_host('p-pal'), 'st:facilitadora');
pf_check($pal, 'pal');
echo "  ", pf_fields($pal), "\n";
preg_match_all('/<label for="p-pal-boleta-postura-\d">([^<]*)</', $pal, $m);
echo "  stances: ", implode(' | ', $m[1]), "\n";
echo "  ", preg_match('/<p class="participa-nota">([^<]*)</', $pal, $n) ? $n[1] : 'no note', "\n";
echo "  button: ", preg_match('/<button[^>]*>([^<]*)</', $pal, $n) ? $n[1] : '-', "\n";
$member = $site->process('pal')->html(pf_host('p-pal'), 'st:2');
echo "member button: ", preg_match('/<button[^>]*>([^<]*)</', $member, $n) ? $n[1] : '-', "\n";
// English
$en = $site->process('mj')->html(pf_host('p-mj', ['lang' => 'en']), 'wp:1');
preg_match_all('/<option value="j1=(\d)">([^<]*)</', $en, $m);
echo "en: ", preg_match('/<p class="participa-instrucciones"[^>]*>([^<]*)</', $en, $i) ? $i[1] : '-', " / ", implode(', ', $m[2]), "\n";
// after voting in a live poll, 'auto' shows the results, marked preliminary while voting is open
$site->process('parques')->cast('wp:2', ['p2', 'p3']);
$html = $site->process('parques')->html(pf_host('p-parques'), 'wp:2');
pf_check($html, 'parques after voting');
echo "  part: ", preg_match('/class="participa-parte" id="([^"]*)"/', $html, $m) ? $m[1] : '-', ", banner: ",
    preg_match('/<p class="participa-preliminar" role="status">(.*?)<\/p>/', $html, $m) ? pf_text($m[1]) : 'none', "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-html_ballots-001'); ?>
--EXPECT--
alcaldia: 8 ids, 3 fields, 1 forms: ok
  radio choice x3
  Marca una sola opción.
parques: 8 ids, 3 fields, 1 forms: ok
  checkbox choice[] x3
  Marca las opciones que apruebas, hasta 2.
pp: 10 ids, 3 fields, 1 forms: ok
  checkbox choice[] x3
  Marca los proyectos que quieres financiar; el total no puede pasar del presupuesto.
irv: 8 ids, 3 fields, 1 forms: ok
  select rank[] x3
  Ordena las opciones: en la 1.ª preferencia, la que más quieres. No tienes que llenar todos los lugares.
stv: 9 ids, 4 fields, 1 forms: ok
  select rank[] x4
  Ordena las opciones: en la 1.ª preferencia, la que más quieres. No tienes que llenar todos los lugares.
schulze: 8 ids, 3 fields, 1 forms: ok
  select rank[] x3
  Ordena las opciones: en la 1.ª preferencia, la que más quieres. No tienes que llenar todos los lugares.
borda: 8 ids, 3 fields, 1 forms: ok
  select rank[] x3
  Ordena las opciones: en la 1.ª preferencia, la que más quieres. No tienes que llenar todos los lugares.
score: 7 ids, 2 fields, 1 forms: ok
  select score[] x2
  Califica cada opción de 0 a 5; 5 es la mejor.
mj: 7 ids, 2 fields, 1 forms: ok
  select score[] x2
  Da una calificación a cada opción. Una opción sin calificar cuenta como «A rechazar».
mocion: 12 ids, 4 fields, 1 forms: ok
  radio stance x3, textarea reason x1
  Elige tu postura sobre la propuesta.
pp hooks: limit=1000000 cost=600000 cost=500000 cost=250000
pp total: yes, over message hidden: yes
pp text: costs and budget in pesos
stv places: 1.ª preferencia | 2.ª preferencia | 3.ª preferencia | 4.ª preferencia
stv options per place: 4 x Bruno
mj grades: 5 Excelente, 4 Muy bien, 3 Bien, 2 Aceptable, 1 Insuficiente, 0 A rechazar
score grades: 5 4 3 2 1 0
pal: 14 ids, 5 fields, 1 forms: ok
  radio stance x4, textarea reason x1
  stances: Estoy de acuerdo | Me hago a un lado | Estoy en desacuerdo | Bloqueo la propuesta
  Tienes voz, pero no voto: tu postura y tu razón quedan registradas, pero no se cuentan.
  button: Registrar mi postura
member button: Votar
en: Give each option a grade. An option left ungraded counts as “Reject”. / Excellent, Very good, Good, Acceptable, Poor, Reject
parques after voting: 9 ids, 0 fields, 0 forms: ok
  part: p-parques-results, banner: Resultados preliminares. La votación sigue abierta: estos números pueden cambiar hasta el cierre.
