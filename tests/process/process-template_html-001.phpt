--TEST--
Participa\Site::processTemplateHtml(): a template's summary as an accessible fragment (Spanish first, English on request): a caption, row and column headers with scope, figures right-aligned by class and formatted, turnout to one decimal, an open vote, one with no residents, winners by name, names escaped; the refusals
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$path = participa_test_config('tt-process-template_html-001', <<<YAML
territories:
  - id: slp
    name: San Luis
    children:
      - { id: d-001, name: Demarcación 1, kind: demarcacion }
      - { id: d-002, name: "Colonia <Centro> & Sur", kind: demarcacion }
      - { id: d-003, name: Demarcación 3, kind: demarcacion }
roles:
  ciudadano: { can: [vote] }
processes:
  - id: jpc
    title: Junta de {territory}
    for_each: { kind: demarcacion }
    kind: election
    method: plurality
    phases: { voting: [2020-01-01, 2099-12-31] }
    candidates:
      - { id: ana, name: Ana López, territory: d-001 }
      - { id: beto, name: Beto, territory: d-001 }
      - { id: carla, name: "Carla \"la Güera\"", territory: d-002 }
      - { id: dora, name: Dora, territory: d-003 }
YAML);
$site = Participa\Site::open($path);
$site->migrate();
$db = participa_test_admin('pt_tt_process_template_html_001');   // 1,234 residents in d-001, 3 in d-002, none in d-003
$rows = [];
for ($i = 1; $i <= 1234; $i++) {
    $rows[] = "('wp:$i', 'd-001', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
}
foreach (['a', 'b', 'c'] as $x) {
    $rows[] = "('wp:$x', 'd-002', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
}
$db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES " . implode(',', $rows));
for ($i = 1; $i <= 8; $i++) {   // 8 of 1,234: 0.648 % is 0.6 %
    $site->process('jpc.d-001')->cast("wp:$i", $i % 3 ? 'ana' : 'beto');
}
$site->process('jpc.d-002')->cast('wp:a', 'carla');   // 2 of 3: 66.7 %
$site->process('jpc.d-002')->cast('wp:b', 'carla');
$site->process('jpc.d-001')->close();
$site->process('jpc.d-001')->tally();
$es = new Participa\Host(['url' => '/juntas/?{params}', 'instance' => 'jpc']);
echo $site->processTemplateHtml($es, 'jpc'), "\n";
$en = new Participa\Host(['url' => '/juntas/?{params}', 'instance' => 'jpc', 'lang' => 'en', 'heading' => 3]);
$html = $site->processTemplateHtml($en, 'jpc');
foreach (['<caption id="jpc-plantilla-tabla">Turnout and winners in 3 territories</caption>',
    '<div role="heading" aria-level="3" class="participa-titulo" id="jpc-plantilla-titulo">Junta de each territory</div>',
    '<td class="participa-numero">1,234</td><td class="participa-numero">8</td><td class="participa-numero">0.6 %</td><td>Closed</td><td>Ana López</td>',
    '<td>Open</td><td><span class="participa-nota">No final count</span></td>',
    '<td>1 of 3 closed</td><td>1 of 3 counted</td>'] as $want) {
    echo strpos($html, $want) !== false ? "en ok\n" : "en missing: $want\n";
}
// the table's figures are the summary's
$s = $site->processTemplate('jpc');
echo $s['totals']['voters'], ' ', $s['totals']['residents'], ' ', substr_count($html, '<th scope="row">'), "\n";
pt_try(fn() => $site->processTemplateHtml($es, 'nada'));
pt_try(fn() => $site->processTemplateHtml($es, 'jpc.d-001'));
pt_try(fn() => $site->processTemplateHtml($es, ' jpc'));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('tt-process-template_html-001'); ?>
--EXPECT--
<article class="participa participa-plantilla" id="jpc-plantilla" lang="es" aria-labelledby="jpc-plantilla-titulo">
  <header class="participa-encabezado">
    <div role="heading" aria-level="2" class="participa-titulo" id="jpc-plantilla-titulo">Junta de cada territorio</div>
  </header>
  <section class="participa-seccion">
    <div role="heading" aria-level="3" class="participa-subtitulo">En resumen</div>
    <dl class="participa-datos">
      <div><dt>Procesos, uno por territorio</dt><dd>3</dd></div>
      <div><dt>Votaciones cerradas</dt><dd>1</dd></div>
      <div><dt>Con conteo final</dt><dd>1</dd></div>
      <div><dt>Votantes</dt><dd>10</dd></div>
      <div><dt>Participación</dt><dd>0.8 %</dd></div>
    </dl>
  </section>
  <div class="participa-tabla-envoltura" role="region" tabindex="0" aria-labelledby="jpc-plantilla-tabla">
    <table class="participa-tabla">
      <caption id="jpc-plantilla-tabla">Participación y ganadores en 3 territorios</caption>
      <thead>
        <tr><th scope="col">Territorio</th><th scope="col" class="participa-numero">Residentes</th><th scope="col" class="participa-numero">Votantes</th><th scope="col" class="participa-numero">Participación</th><th scope="col">Votación</th><th scope="col">Ganadores</th></tr>
      </thead>
      <tbody>
        <tr><th scope="row">Demarcación 1</th><td class="participa-numero">1,234</td><td class="participa-numero">8</td><td class="participa-numero">0.6 %</td><td>Cerrada</td><td>Ana López</td></tr>
        <tr><th scope="row">Colonia &lt;Centro&gt; &amp; Sur</th><td class="participa-numero">3</td><td class="participa-numero">2</td><td class="participa-numero">66.7 %</td><td>Abierta</td><td><span class="participa-nota">Sin conteo final</span></td></tr>
        <tr><th scope="row">Demarcación 3</th><td class="participa-numero">0</td><td class="participa-numero">0</td><td class="participa-numero">—</td><td>Abierta</td><td><span class="participa-nota">Sin conteo final</span></td></tr>
      </tbody>
      <tfoot>
        <tr><th scope="row">Total</th><td class="participa-numero">1,237</td><td class="participa-numero">10</td><td class="participa-numero">0.8 %</td><td>1 de 3 cerradas</td><td>1 de 3 contadas</td></tr>
      </tfoot>
    </table>
  </div>
</article>

en ok
en ok
en ok
en ok
en ok
10 1237 4
Participa\NotFoundException: No existe la plantilla de procesos 'nada'.
Participa\NotFoundException: No existe la plantilla de procesos 'jpc.d-001'.
Participa\InvalidArgumentException: El identificador de la plantilla no es válido: empieza con un espacio.
