--TEST--
templates/commitment.html over a real Commitments::view(): state and light in words, an accessible progress bar, milestones, evidence (link or reference), child actions, official answers and the thread
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../commitments/commitments_test.inc';
$site = commitments_test_site('tpl_commitment_001');
$c = $site->commitments();
// done (100 %, rolled up from its only child): lights that do not depend on the day the test runs
$c->upsert(['id' => 'PAL-09', 'plan' => 'pal-2026', 'title' => 'Alumbrado público <en colonias>',
    'description' => 'Reparar las luminarias & postes.', 'agency' => 'obras', 'theme' => 'contraloria-social',
    'start_date' => '2026-01-01', 'due_date' => '2026-12-31', 'progress' => 100,
    'milestones' => [['title' => 'Censo', 'due' => '2026-04-30', 'done' => true], ['title' => 'Compra de lámparas', 'due' => null, 'done' => false]],
    'evidence' => [['url' => 'https://example.org/acta.pdf?a=1&b=2', 'description' => 'Acta de entrega', 'date' => '2026-03-10'],
                   ['reference' => 'Oficio DGO/123/2026']]], 'wp:fun');
$c->upsert(['id' => 'PAL-09.1', 'plan' => 'pal-2026', 'parent' => 'PAL-09', 'title' => 'Censo de luminarias'], 'wp:fun');
$c->update('PAL-09.1', ['progress' => 100], 'wp:fun');   // the parent's progress rolls up from it
$t = $site->thread('commitment', 'PAL-09');
$q = $t->post('wp:101', '¿Cuándo llegan a la calle Lirios?');
$a = $t->post('wp:fun', 'La segunda quincena de abril.', ['parent' => $q['id']]);
$t->markOfficial($a['id'], 'wp:fun');

$dir = __DIR__ . '/../../templates';
$html = Participa\Template::render(file_get_contents("$dir/commitment.html"), $c->view('PAL-09'),
    ['comment-thread' => file_get_contents("$dir/comment-thread.html"), 'comment' => file_get_contents("$dir/comment.html")]);
// comment ids and publication times change from run to run
$html = preg_replace(['~comentario-\d+~', '~<time datetime="[^"]*Z">[^<]*</time>~'], ['comentario-N', '<time>(hora)</time>'], $html);
echo implode("\n", array_filter(array_map('rtrim', explode("\n", $html)), 'strlen')), "\n";
participa_test_drop('tpl_commitment_001');
?>
--EXPECT--
<article class="participa-compromiso" lang="es" aria-labelledby="compromiso-PAL-09-titulo">
  <header>
    <p class="participa-clave">Compromiso PAL-09</p>
    <h2 id="compromiso-PAL-09-titulo">Alumbrado público &lt;en colonias&gt;</h2>
    <p class="participa-estado">
      Estado: <strong>Por iniciar</strong>
      <span class="participa-semaforo participa-semaforo-done">Cumplido</span>
    </p>
  </header>
  <p class="participa-avance">
    <label for="compromiso-PAL-09-avance">Avance</label>
    <progress id="compromiso-PAL-09-avance" max="100" value="100">100 %</progress>
    <span>100 %</span>
  </p>
  <dl class="participa-datos">
    <dt>Responsable</dt>
    <dd>Dirección General de Obras</dd>
    <dt>Tema</dt>
    <dd>Contraloría Social</dd>
    <dt>Inicio</dt>
    <dd><time datetime="2026-01-01">2026-01-01</time></dd>
    <dt>Fecha comprometida</dt>
    <dd><time datetime="2026-12-31">2026-12-31</time></dd>
    <dt>Nivel de cumplimiento</dt>
    <dd>Completo</dd>
  </dl>
  <p class="participa-descripcion">Reparar las luminarias &amp; postes.</p>
  <h3>Hitos</h3>
  <ol class="participa-hitos">
    <li><span class="participa-hito-cumplido">Cumplido:</span> Censo (<time datetime="2026-04-30">2026-04-30</time>)</li>
    <li><span class="participa-hito-pendiente">Pendiente:</span> Compra de lámparas</li>
  </ol>
  <h3>Evidencia</h3>
  <ul class="participa-evidencia">
    <li><a href="https://example.org/acta.pdf?a=1&amp;b=2" rel="noopener">Acta de entrega</a> (<time datetime="2026-03-10">2026-03-10</time>)</li>
    <li>Oficio DGO/123/2026</li>
  </ul>
  <h3>Acciones que lo integran</h3>
  <ul class="participa-subcompromisos">
    <li><a href="?compromiso=PAL-09.1">PAL-09.1: Censo de luminarias</a>, Por iniciar, avance 100 %</li>
  </ul>
  <h3>Respuestas oficiales</h3>
  <blockquote class="participa-oficial" cite="#comentario-N">
    <p>La segunda quincena de abril.</p>
    <footer>wp:fun</footer>
  </blockquote>
  <section class="participa-hilo" lang="es" aria-labelledby="participa-hilo-titulo">
    <h2 id="participa-hilo-titulo">Comentarios</h2>
    <p class="participa-hilo-cuenta">Comentarios publicados: 2. Conversaciones: 1.</p>
    <ol class="participa-comentarios">
      <li id="comentario-N" class="participa-comentario">
        <article aria-labelledby="comentario-N-autor">
          <header>
            <h3 id="comentario-N-autor">wp:101</h3>
            <p>Publicado el <time>(hora)</time></p>
          </header>
          <p class="participa-cuerpo">¿Cuándo llegan a la calle Lirios?</p>
          <p class="participa-votos">
            <span aria-label="Votos a favor: 0">▲ 0</span>
            <span aria-label="Votos en contra: 0">▼ 0</span>
          </p>
        </article>
        <ol class="participa-respuestas" aria-label="Respuestas">
          <li id="comentario-N" class="participa-comentario participa-oficial">
            <article aria-labelledby="comentario-N-autor">
              <header>
                <h3 id="comentario-N-autor">wp:fun</h3>
                <p class="participa-insignia">Respuesta oficial</p>
                <p>Publicado el <time>(hora)</time></p>
              </header>
              <p class="participa-cuerpo">La segunda quincena de abril.</p>
              <p class="participa-votos">
                <span aria-label="Votos a favor: 0">▲ 0</span>
                <span aria-label="Votos en contra: 0">▼ 0</span>
              </p>
            </article>
          </li>
        </ol>
      </li>
    </ol>
  </section>
</article>
