--TEST--
templates/: tally-result.html over a TallyResult->toArray(), comment-thread.html (+ comment.html) over a Thread::page()-shaped array
--EXTENSIONS--
participa
--FILE--
<?php
use Participa\Template;
$dir = __DIR__ . '/../../templates';
$tpl = fn($name) => file_get_contents("$dir/$name.html");

$r = Participa\Tally::count('irv', [['a', 'b'], ['b', 'a'], ['c', 'b']])->toArray();
echo Template::render($tpl('tally-result'), $r + ['titulo' => 'Consulta <parque>']);
$r = Participa\Tally::count('plurality', [['a'], ['b'], ['a'], ['b']])->toArray();
echo Template::render($tpl('tally-result'), $r + ['metodo' => 'mayoría simple']);

// The shape Thread::page() returns (keys the templates use), built by hand: no database here.
$c = fn($id, $body, $replies = [], $more = null) => [
    'id' => $id, 'parent_id' => null, 'depth' => 0, 'status' => 'published',
    'author' => "wp:$id", 'body' => $body, 'notice' => null, 'alignment' => $id == 1 ? 'for' : null,
    'official' => $id == 2, 'up' => 3, 'down' => 1, 'reply_count' => count($replies) + ($more ? 2 : 0),
    'created_iso' => '2026-01-01T16:00:01.000Z', 'created_text' => '1 de enero de 2026, 10:00', 'replies' => $replies, 'more' => $more, 'more_count' => $more ? 2 : 0,
];
$deleted = ['id' => 3, 'parent_id' => null, 'author' => null, 'body' => null, 'notice' => 'comentario eliminado',
    'alignment' => null, 'official' => false, 'up' => 0, 'down' => 0, 'created_iso' => null, 'created_text' => null,
    'replies' => [], 'more' => null, 'more_count' => 0];
$page = ['comments' => [$c(1, 'Hola <script>alert(1)</script>', [$c(2, 'Respuesta "oficial"')], 'abc'), $deleted],
    'next' => 'xyz', 'counts' => ['published' => 3, 'held' => 0, 'hidden' => 0, 'deleted' => 1, 'roots' => 2]];
$partials = ['comment' => $tpl('comment')];
echo Template::render($tpl('comment-thread'), $page, $partials);
echo Template::render($tpl('comment-thread'), ['comments' => [], 'next' => null,
    'counts' => ['published' => 0, 'held' => 0, 'hidden' => 0, 'deleted' => 0, 'roots' => 0]], $partials);
?>
--EXPECT--
<section class="participa-resultado" lang="es" aria-labelledby="participa-resultado-titulo">
  <h2 id="participa-resultado-titulo">Consulta &lt;parque&gt;</h2>
  <p>Método de conteo: <code>irv</code>.</p>
  <p>Boletas contadas: 3.</p>
  <h3>Opciones ganadoras</h3>
  <ul class="participa-ganadoras">
    <li>b</li>
  </ul>
  <h3>Clasificación</h3>
  <ol class="participa-clasificacion" aria-label="Clasificación completa; las opciones del mismo lugar empataron">
    <li><span class="participa-opcion">b</span> </li>
    <li><span class="participa-opcion">a</span> </li>
    <li><span class="participa-opcion">c</span> </li>
  </ol>
  <h3>Desempates</h3>
  <ul class="participa-desempates">
    <li>Empate entre <span class="participa-opcion">a</span> <span class="participa-opcion">b</span> <span class="participa-opcion">c</span> resuelto por la regla «candidate order» en la ronda 1.</li>
  </ul>
</section>
<section class="participa-resultado" lang="es" aria-labelledby="participa-resultado-titulo">
  <h2 id="participa-resultado-titulo">Resultado</h2>
  <p>Método de conteo: mayoría simple.</p>
  <p>Boletas contadas: 4, en blanco: 0.</p>
  <h3>Opciones ganadoras</h3>
  <ul class="participa-ganadoras">
    <li>a</li>
  </ul>
  <h3>Clasificación</h3>
  <ol class="participa-clasificacion" aria-label="Clasificación completa; las opciones del mismo lugar empataron">
    <li><span class="participa-opcion">a</span> <span class="participa-opcion">b</span> <span class="participa-empate">(empate)</span></li>
  </ol>
  <h3>Desempates</h3>
  <ul class="participa-desempates">
    <li>Empate entre <span class="participa-opcion">a</span> <span class="participa-opcion">b</span> resuelto por la regla «candidate order».</li>
  </ul>
</section>
<section class="participa-hilo" lang="es" aria-labelledby="participa-hilo-titulo">
  <h2 id="participa-hilo-titulo">Comentarios</h2>
  <p class="participa-hilo-cuenta">Comentarios publicados: 3. Conversaciones: 2.</p>
  <ol class="participa-comentarios">
    <li id="comentario-1" class="participa-comentario" data-postura="for">
      <article aria-labelledby="comentario-1-autor">
        <header>
          <h3 id="comentario-1-autor">wp:1</h3>
          <p>Publicado el <time datetime="2026-01-01T16:00:01.000Z">1 de enero de 2026, 10:00</time></p>
        </header>
        <p class="participa-cuerpo">Hola &lt;script&gt;alert(1)&lt;/script&gt;</p>
        <p class="participa-votos">
          <span aria-label="Votos a favor: 3">▲ 3</span>
          <span aria-label="Votos en contra: 1">▼ 1</span>
        </p>
      </article>
      <ol class="participa-respuestas" aria-label="Respuestas">
        <li id="comentario-2" class="participa-comentario participa-oficial">
          <article aria-labelledby="comentario-2-autor">
            <header>
              <h3 id="comentario-2-autor">wp:2</h3>
              <p class="participa-insignia">Respuesta oficial</p>
              <p>Publicado el <time datetime="2026-01-01T16:00:01.000Z">1 de enero de 2026, 10:00</time></p>
            </header>
            <p class="participa-cuerpo">Respuesta &quot;oficial&quot;</p>
            <p class="participa-votos">
              <span aria-label="Votos a favor: 3">▲ 3</span>
              <span aria-label="Votos en contra: 1">▼ 1</span>
            </p>
          </article>
        </li>
      </ol>
      <p><a class="participa-mas-respuestas" href="?respuestas=1&amp;cursor=abc" data-cursor="abc">Ver más respuestas (2)</a></p>
    </li>
    <li id="comentario-3" class="participa-comentario">
      <p class="participa-aviso"><em>comentario eliminado</em></p>
    </li>
  </ol>
  <p><a class="participa-mas" href="?cursor=xyz" data-cursor="xyz">Ver más comentarios</a></p>
</section>
<section class="participa-hilo" lang="es" aria-labelledby="participa-hilo-titulo">
  <h2 id="participa-hilo-titulo">Comentarios</h2>
  <p class="participa-hilo-cuenta">Comentarios publicados: 0. Conversaciones: 0.</p>
  <p>Todavía no hay comentarios. Sé la primera persona en opinar.</p>
</section>
