--TEST--
Participa\Process::html() results of a budget split by district: every pot's section (who votes in it, its budget, ballots, what was assigned and left, its funded projects, the budget bar and each project's reason), accessible headings one level down, Spanish first and English; the ballot form shows each viewer only their pots' projects; the district rules alike on both cast paths (issue 19, item 3)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/district_test.inc';
require __DIR__ . '/../fragments/results_test.inc';
$site = pt_proc_site('process-district-003', pt_district_processes());
pt_district_people($site);
$p = $site->process('pp');
// the ballot form shows each viewer their district's projects and the city-wide pot's, their budgets as the limit
foreach (['n:4', 's:1', 'm:1'] as $who) {
    $form = $p->html(results_host('pp'), $who, ['show' => 'ballot']);
    preg_match_all('/name="[^"]*choice[^"]*" value="([^"]+)"/', $form, $m);
    preg_match('/data-participa-limit="(\d+)"/', $form, $l);
    echo "form for $who: ", implode(' ', $m[1]), "; limit {$l[1]}\n";
}
foreach (['1', '0'] as $fast) {
    ini_set('participa.cast_fast_path', $fast);
    echo "-- cast_fast_path $fast\n";
    pt_try(fn() => $p->cast($fast ? 's:3' : 'n:3', [$fast ? 'n-luz' : 's-cancha']));
    pt_try(fn() => $p->cast('m:1', ['n-parque']));
}
ini_set('participa.cast_fast_path', '1');
foreach ([['n:1', ['n-parque', 'n-luz', 'c-biblio']], ['n:2', ['n-luz', 'c-bici']], ['n:3', ['n-parque']],
          ['n:4', ['n-huerto']], ['s:1', ['s-cancha', 'c-bici']], ['s:2', ['s-mercado']]] as [$who, $b]) {
    pt_try(fn() => $p->cast($who, $b));
}
ini_set('participa.cast_fast_path', '0');
pt_try(fn() => $p->cast('m:1', ['c-bici']));
$p->close();
$p->tally();
$html = $p->html(results_host('pp'), null, ['show' => 'results']);
$from = strpos($html, '<div class="participa-subtitulo" role="heading" aria-level="4">Cómo se repartió');
$to = strpos($html, '<div class="participa-subtitulo" role="heading" aria-level="4">Desempates');
echo substr($html, $from, $to - $from);
$en = $p->html(results_host('pp', 'en'), null, ['show' => 'results']);
preg_match_all('/<section class="participa-distrito".*?<\/dl>/s', $en, $m);
foreach ($m[0] as $s) echo results_text($s), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-district-003'); ?>
--EXPECT--
form for n:4: n-parque n-luz n-huerto c-biblio c-bici; limit 3000
form for s:1: s-cancha s-mercado c-biblio c-bici; limit 2800
form for m:1: c-biblio c-bici; limit 2000
-- cast_fast_path 1
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de Zona Norte, pero vives en Zona Sur; solo puedes votar en el presupuesto de tu distrito y en el de toda la ciudad.
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de Zona Norte, y tu lugar de residencia registrado no está en ninguno de los distritos de este presupuesto; solo puedes votar en el presupuesto de toda la ciudad.
-- cast_fast_path 0
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de Zona Sur, pero vives en Zona Norte; solo puedes votar en el presupuesto de tu distrito y en el de toda la ciudad.
Participa\InvalidArgumentException: Boleta inválida: la boleta elige proyectos de Zona Norte, y tu lugar de residencia registrado no está en ninguno de los distritos de este presupuesto; solo puedes votar en el presupuesto de toda la ciudad.
ok v1
ok v1
ok v1
ok v1
ok v1
ok v1
ok v1
<div class="participa-subtitulo" role="heading" aria-level="4">Cómo se repartió el presupuesto</div>
      <p>El presupuesto de $3,800 se divide en 2 bolsas de distrito y una de toda la ciudad. Cada persona vota en la bolsa de su distrito y en la de toda la ciudad; cada bolsa se cuenta por separado, con su propio presupuesto.</p>
      <section class="participa-distrito" id="pp-resultados-distrito-11" aria-labelledby="pp-resultados-distrito-encabezado-12">
        <div class="participa-subtitulo" role="heading" aria-level="5" id="pp-resultados-distrito-encabezado-12">Zona Norte</div>
        <p>Bolsa del distrito: votan en ella solo quienes viven en él.</p>
        <dl class="participa-datos" aria-label="Datos de la bolsa">
          <div><dt>Presupuesto</dt> <dd>$1,000</dd></div>
          <div><dt>Boletas contadas</dt> <dd>4</dd></div>
          <div><dt>Asignado</dt> <dd>$700</dd></div>
          <div><dt>Sin asignar</dt> <dd>$300</dd></div>
        </dl>
        <div class="participa-subtitulo" role="heading" aria-level="6">Proyectos financiados</div>
        <ul class="participa-ganadoras">
          <li>Luminarias del norte</li>
          <li>Huerto de Norte 1</li>
        </ul>
        <div class="participa-subtitulo" role="heading" aria-level="6">Cómo se repartió el presupuesto</div>
        <p>El presupuesto de $1,000 se reparte en partes iguales entre las 4 personas que votaron. Cada proyecto se paga solo con el dinero de quienes lo apoyaron, a partes iguales; en cada ronda se financia el proyecto que menos cuesta a cada persona que lo apoya, hasta que el dinero de sus simpatizantes ya no alcanza para ningún otro. Parte de cada persona: $250.</p>
        <p>Para aprovechar mejor el presupuesto, el conteo subió la parte de cada persona a $300 mientras lo financiado siguiera cabiendo en el presupuesto.</p>
        <div class="participa-grafica" id="pp-resultados-presupuesto-3">
          <svg class="participa-presupuesto" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 76" width="100%" role="img" aria-labelledby="pp-resultados-titulo-4 pp-resultados-descripcion-5">
            <title id="pp-resultados-titulo-4">Uso del presupuesto</title>
            <desc id="pp-resultados-descripcion-5">Se asignaron $700 de $1,000 (70.0 %); sobran $300.</desc>
            <rect x="0.5" y="4.5" width="359" height="28" fill="#ffffff" stroke="#1a1a1a"></rect>
            <rect x="0" y="5" width="144" height="27" fill="#1d5b8f" stroke="#ffffff" stroke-width="1"><title>Luminarias del norte: $400</title></rect>
            <rect x="144" y="5" width="108" height="27" fill="#4f86b8" stroke="#ffffff" stroke-width="1"><title>Huerto de Norte 1: $300</title></rect>
            <text x="0" y="52" font-size="13" fill="currentColor">Asignado: $700 de $1,000 (70.0 %)</text>
            <text x="0" y="70" font-size="13" fill="currentColor">Sin asignar: $300</text>
          </svg>
        </div>
        <div class="participa-tabla-envoltura" role="region" tabindex="0" aria-labelledby="pp-resultados-tabla-6">
          <table class="participa-tabla">
            <caption id="pp-resultados-tabla-6">Cada proyecto: su costo, cuántas personas lo apoyaron, si se financia y por qué</caption>
            <thead><tr><th scope="col">Proyecto</th><th scope="col">Costo</th><th scope="col">Apoyos</th><th scope="col">¿Se financia?</th><th scope="col">Por qué</th></tr></thead>
            <tbody>
              <tr class="participa-fila--ganadora"><th scope="row">Luminarias del norte</th><td class="">$400</td><td class="">2</td><td class="">Sí</td><td class="">Financiado en la ronda 1: quienes lo apoyaron (2) pagaron hasta $200 cada quien de su parte del presupuesto.</td></tr>
              <tr class="participa-fila--ganadora"><th scope="row">Huerto de Norte 1</th><td class="">$300</td><td class="">1</td><td class="">Sí</td><td class="">Financiado en la ronda 2: quienes lo apoyaron (1) pagaron hasta $300 cada quien de su parte del presupuesto.</td></tr>
              <tr class=""><th scope="row">Parque del norte</th><td class="">$600</td><td class="">2</td><td class="">No</td><td class="">Quienes lo apoyaron ya habían gastado parte de su dinero en otros proyectos financiados y lo que les quedaba no alcanzaba para pagarlo; tampoco cabía en lo que sobró del presupuesto ($300).</td></tr>
            </tbody>
          </table>
        </div>
        <div class="participa-grafica" id="pp-resultados-apoyos-7">
          <svg class="participa-barras" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 146" width="100%" role="img" aria-labelledby="pp-resultados-titulo-8 pp-resultados-descripcion-9">
            <title id="pp-resultados-titulo-8">Apoyos por proyecto</title>
            <desc id="pp-resultados-descripcion-9">Parque del norte: 2 (50.0 %); Luminarias del norte: 2 (50.0 %) — Financiado; Huerto de Norte 1: 1 (25.0 %) — Financiado.</desc>
            <g class="participa-barra">
              <text x="0" y="18" font-size="14" fill="currentColor">Parque del norte</text>
              <rect x="0" y="24" width="220" height="16" fill="#7f9fc2"></rect>
              <text x="226" y="37" font-size="13" fill="currentColor">2 (50.0 %)</text>
            </g>
            <g class="participa-barra participa-barra--ganadora">
              <text x="0" y="64" font-size="14" fill="currentColor">✓ Luminarias del norte</text>
              <rect x="0" y="70" width="220" height="16" fill="#1d5b8f"></rect>
              <text x="226" y="83" font-size="13" fill="currentColor">2 (50.0 %)</text>
            </g>
            <g class="participa-barra participa-barra--ganadora">
              <text x="0" y="110" font-size="14" fill="currentColor">✓ Huerto de Norte 1</text>
              <rect x="0" y="116" width="110" height="16" fill="#1d5b8f"></rect>
              <text x="116" y="129" font-size="13" fill="currentColor">1 (25.0 %)</text>
            </g>
          </svg>
        </div>
        <div class="participa-tabla-envoltura" role="region" tabindex="0" aria-labelledby="pp-resultados-tabla-10">
          <table class="participa-tabla">
            <caption id="pp-resultados-tabla-10">Apoyos por proyecto (el porcentaje es de las personas que votaron)</caption>
            <thead><tr><th scope="col">Opción</th><th scope="col">Apoyos</th><th scope="col">Porcentaje de quienes votaron</th><th scope="col">Costo</th><th scope="col">Resultado</th></tr></thead>
            <tbody>
              <tr class=""><th scope="row">Parque del norte</th><td class="">2</td><td class="">50.0 %</td><td class="">$600</td><td class=""></td></tr>
              <tr class="participa-fila--ganadora"><th scope="row">Luminarias del norte</th><td class="">2</td><td class="">50.0 %</td><td class="">$400</td><td class="">Financiado</td></tr>
              <tr class="participa-fila--ganadora"><th scope="row">Huerto de Norte 1</th><td class="">1</td><td class="">25.0 %</td><td class="">$300</td><td class="">Financiado</td></tr>
            </tbody>
          </table>
        </div>
      </section>
      <section class="participa-distrito" id="pp-resultados-distrito-21" aria-labelledby="pp-resultados-distrito-encabezado-22">
        <div class="participa-subtitulo" role="heading" aria-level="5" id="pp-resultados-distrito-encabezado-22">Zona Sur</div>
        <p>Bolsa del distrito: votan en ella solo quienes viven en él.</p>
        <dl class="participa-datos" aria-label="Datos de la bolsa">
          <div><dt>Presupuesto</dt> <dd>$800</dd></div>
          <div><dt>Boletas contadas</dt> <dd>2</dd></div>
          <div><dt>Asignado</dt> <dd>$400</dd></div>
          <div><dt>Sin asignar</dt> <dd>$400</dd></div>
        </dl>
        <div class="participa-subtitulo" role="heading" aria-level="6">Proyectos financiados</div>
        <ul class="participa-ganadoras">
          <li>Mercado del sur</li>
        </ul>
        <div class="participa-subtitulo" role="heading" aria-level="6">Cómo se repartió el presupuesto</div>
        <p>El presupuesto de $800 se reparte en partes iguales entre las 2 personas que votaron. Cada proyecto se paga solo con el dinero de quienes lo apoyaron, a partes iguales; en cada ronda se financia el proyecto que menos cuesta a cada persona que lo apoya, hasta que el dinero de sus simpatizantes ya no alcanza para ningún otro. Parte de cada persona: $400.</p>
        <div class="participa-grafica" id="pp-resultados-presupuesto-13">
          <svg class="participa-presupuesto" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 76" width="100%" role="img" aria-labelledby="pp-resultados-titulo-14 pp-resultados-descripcion-15">
            <title id="pp-resultados-titulo-14">Uso del presupuesto</title>
            <desc id="pp-resultados-descripcion-15">Se asignaron $400 de $800 (50.0 %); sobran $400.</desc>
            <rect x="0.5" y="4.5" width="359" height="28" fill="#ffffff" stroke="#1a1a1a"></rect>
            <rect x="0" y="5" width="180" height="27" fill="#1d5b8f" stroke="#ffffff" stroke-width="1"><title>Mercado del sur: $400</title></rect>
            <text x="0" y="52" font-size="13" fill="currentColor">Asignado: $400 de $800 (50.0 %)</text>
            <text x="0" y="70" font-size="13" fill="currentColor">Sin asignar: $400</text>
          </svg>
        </div>
        <div class="participa-tabla-envoltura" role="region" tabindex="0" aria-labelledby="pp-resultados-tabla-16">
          <table class="participa-tabla">
            <caption id="pp-resultados-tabla-16">Cada proyecto: su costo, cuántas personas lo apoyaron, si se financia y por qué</caption>
            <thead><tr><th scope="col">Proyecto</th><th scope="col">Costo</th><th scope="col">Apoyos</th><th scope="col">¿Se financia?</th><th scope="col">Por qué</th></tr></thead>
            <tbody>
              <tr class="participa-fila--ganadora"><th scope="row">Mercado del sur</th><td class="">$400</td><td class="">1</td><td class="">Sí</td><td class="">Financiado en la ronda 1: quienes lo apoyaron (1) pagaron hasta $400 cada quien de su parte del presupuesto.</td></tr>
              <tr class=""><th scope="row">Cancha del sur</th><td class="">$500</td><td class="">1</td><td class="">No</td><td class="">Aun juntando toda su parte ($400 cada quien), quienes lo apoyaron (1) reunían $400, menos que su costo.</td></tr>
            </tbody>
          </table>
        </div>
        <div class="participa-grafica" id="pp-resultados-apoyos-17">
          <svg class="participa-barras" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 100" width="100%" role="img" aria-labelledby="pp-resultados-titulo-18 pp-resultados-descripcion-19">
            <title id="pp-resultados-titulo-18">Apoyos por proyecto</title>
            <desc id="pp-resultados-descripcion-19">Cancha del sur: 1 (50.0 %); Mercado del sur: 1 (50.0 %) — Financiado.</desc>
            <g class="participa-barra">
              <text x="0" y="18" font-size="14" fill="currentColor">Cancha del sur</text>
              <rect x="0" y="24" width="220" height="16" fill="#7f9fc2"></rect>
              <text x="226" y="37" font-size="13" fill="currentColor">1 (50.0 %)</text>
            </g>
            <g class="participa-barra participa-barra--ganadora">
              <text x="0" y="64" font-size="14" fill="currentColor">✓ Mercado del sur</text>
              <rect x="0" y="70" width="220" height="16" fill="#1d5b8f"></rect>
              <text x="226" y="83" font-size="13" fill="currentColor">1 (50.0 %)</text>
            </g>
          </svg>
        </div>
        <div class="participa-tabla-envoltura" role="region" tabindex="0" aria-labelledby="pp-resultados-tabla-20">
          <table class="participa-tabla">
            <caption id="pp-resultados-tabla-20">Apoyos por proyecto (el porcentaje es de las personas que votaron)</caption>
            <thead><tr><th scope="col">Opción</th><th scope="col">Apoyos</th><th scope="col">Porcentaje de quienes votaron</th><th scope="col">Costo</th><th scope="col">Resultado</th></tr></thead>
            <tbody>
              <tr class=""><th scope="row">Cancha del sur</th><td class="">1</td><td class="">50.0 %</td><td class="">$500</td><td class=""></td></tr>
              <tr class="participa-fila--ganadora"><th scope="row">Mercado del sur</th><td class="">1</td><td class="">50.0 %</td><td class="">$400</td><td class="">Financiado</td></tr>
            </tbody>
          </table>
        </div>
      </section>
      <section class="participa-distrito" id="pp-resultados-distrito-31" aria-labelledby="pp-resultados-distrito-encabezado-32">
        <div class="participa-subtitulo" role="heading" aria-level="5" id="pp-resultados-distrito-encabezado-32">Municipio</div>
        <p>Bolsa de toda la ciudad: vota en ella cualquier persona del proceso.</p>
        <dl class="participa-datos" aria-label="Datos de la bolsa">
          <div><dt>Presupuesto</dt> <dd>$2,000</dd></div>
          <div><dt>Boletas contadas</dt> <dd>4</dd></div>
          <div><dt>Asignado</dt> <dd>$700</dd></div>
          <div><dt>Sin asignar</dt> <dd>$1,300</dd></div>
        </dl>
        <div class="participa-subtitulo" role="heading" aria-level="6">Proyectos financiados</div>
        <ul class="participa-ganadoras">
          <li>Ciclovía</li>
        </ul>
        <div class="participa-subtitulo" role="heading" aria-level="6">Cómo se repartió el presupuesto</div>
        <p>El presupuesto de $2,000 se reparte en partes iguales entre las 4 personas que votaron. Cada proyecto se paga solo con el dinero de quienes lo apoyaron, a partes iguales; en cada ronda se financia el proyecto que menos cuesta a cada persona que lo apoya, hasta que el dinero de sus simpatizantes ya no alcanza para ningún otro. Parte de cada persona: $500.</p>
        <div class="participa-grafica" id="pp-resultados-presupuesto-23">
          <svg class="participa-presupuesto" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 76" width="100%" role="img" aria-labelledby="pp-resultados-titulo-24 pp-resultados-descripcion-25">
            <title id="pp-resultados-titulo-24">Uso del presupuesto</title>
            <desc id="pp-resultados-descripcion-25">Se asignaron $700 de $2,000 (35.0 %); sobran $1,300.</desc>
            <rect x="0.5" y="4.5" width="359" height="28" fill="#ffffff" stroke="#1a1a1a"></rect>
            <rect x="0" y="5" width="126" height="27" fill="#1d5b8f" stroke="#ffffff" stroke-width="1"><title>Ciclovía: $700</title></rect>
            <text x="0" y="52" font-size="13" fill="currentColor">Asignado: $700 de $2,000 (35.0 %)</text>
            <text x="0" y="70" font-size="13" fill="currentColor">Sin asignar: $1,300</text>
          </svg>
        </div>
        <div class="participa-tabla-envoltura" role="region" tabindex="0" aria-labelledby="pp-resultados-tabla-26">
          <table class="participa-tabla">
            <caption id="pp-resultados-tabla-26">Cada proyecto: su costo, cuántas personas lo apoyaron, si se financia y por qué</caption>
            <thead><tr><th scope="col">Proyecto</th><th scope="col">Costo</th><th scope="col">Apoyos</th><th scope="col">¿Se financia?</th><th scope="col">Por qué</th></tr></thead>
            <tbody>
              <tr class="participa-fila--ganadora"><th scope="row">Ciclovía</th><td class="">$700</td><td class="">3</td><td class="">Sí</td><td class="">Financiado en la ronda 1: quienes lo apoyaron (3) pagaron hasta $233.33 cada quien de su parte del presupuesto.</td></tr>
              <tr class=""><th scope="row">Biblioteca central</th><td class="">$1,500</td><td class="">1</td><td class="">No</td><td class="">Aun juntando toda su parte ($500 cada quien), quienes lo apoyaron (1) reunían $500, menos que su costo.</td></tr>
            </tbody>
          </table>
        </div>
        <div class="participa-grafica" id="pp-resultados-apoyos-27">
          <svg class="participa-barras" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 100" width="100%" role="img" aria-labelledby="pp-resultados-titulo-28 pp-resultados-descripcion-29">
            <title id="pp-resultados-titulo-28">Apoyos por proyecto</title>
            <desc id="pp-resultados-descripcion-29">Ciclovía: 3 (75.0 %) — Financiado; Biblioteca central: 1 (25.0 %).</desc>
            <g class="participa-barra participa-barra--ganadora">
              <text x="0" y="18" font-size="14" fill="currentColor">✓ Ciclovía</text>
              <rect x="0" y="24" width="220" height="16" fill="#1d5b8f"></rect>
              <text x="226" y="37" font-size="13" fill="currentColor">3 (75.0 %)</text>
            </g>
            <g class="participa-barra">
              <text x="0" y="64" font-size="14" fill="currentColor">Biblioteca central</text>
              <rect x="0" y="70" width="73.3" height="16" fill="#7f9fc2"></rect>
              <text x="79.3" y="83" font-size="13" fill="currentColor">1 (25.0 %)</text>
            </g>
          </svg>
        </div>
        <div class="participa-tabla-envoltura" role="region" tabindex="0" aria-labelledby="pp-resultados-tabla-30">
          <table class="participa-tabla">
            <caption id="pp-resultados-tabla-30">Apoyos por proyecto (el porcentaje es de las personas que votaron)</caption>
            <thead><tr><th scope="col">Opción</th><th scope="col">Apoyos</th><th scope="col">Porcentaje de quienes votaron</th><th scope="col">Costo</th><th scope="col">Resultado</th></tr></thead>
            <tbody>
              <tr class="participa-fila--ganadora"><th scope="row">Ciclovía</th><td class="">3</td><td class="">75.0 %</td><td class="">$700</td><td class="">Financiado</td></tr>
              <tr class=""><th scope="row">Biblioteca central</th><td class="">1</td><td class="">25.0 %</td><td class="">$1,500</td><td class=""></td></tr>
            </tbody>
          </table>
        </div>
      </section>
      Zona Norte District pot: only those who live in the district vote in it. Budget $1,000 Ballots counted 4 Assigned $700 Unassigned $300
Zona Sur District pot: only those who live in the district vote in it. Budget $800 Ballots counted 2 Assigned $400 Unassigned $400
Municipio City-wide pot: anyone in the process votes in it. Budget $2,000 Ballots counted 4 Assigned $700 Unassigned $1,300
