<?php
// A plain PHP site showing every participa fragment (docs/fragments/plain-php.md).
// All the host writes is its user mapping and its routing: who is signed in, what
// each page shows, where forms go. The site comes from the participa.config INI.
declare(strict_types=1);

// --- users: this demo has no login; ?como=ana picks a person and a cookie keeps it
$people = ['ana' => 'Ana López', 'beto' => 'Alberto Ruiz', 'gabi' => 'Gabriela Soto', 'elena' => 'Elena Mora (enlace)',
    'fer' => 'Fernanda Gil (enlace)', 'hugo' => 'Hugo Téllez', 'diego' => 'Diego Ríos (servidor público)', 'carla' => 'Carla Vega (moderación)',
    'sofia' => 'Sofía Luna (facilitadora)', 'nadie' => 'Sin sesión'];
$who = $_GET['como'] ?? $_COOKIE['como'] ?? 'ana';
$who = isset($people[$who]) ? $who : 'ana';
if (isset($_GET['como'])) {
    setcookie('como', $who, ['path' => '/', 'samesite' => 'Lax', 'httponly' => true]);
}
$me = $who === 'nadie' ? null : "demo:$who";
$names = function (array $ids) use ($people): array {
    $out = [];
    foreach ($ids as $id) {
        $key = substr((string) $id, 5);
        $out[$id] = $people[$key] ?? (str_starts_with($key, 'vecino-') ? 'Vecina o vecino ' . substr($key, 7) : 'Participante');
    }
    return $out;
};
$token = hash_hmac('sha256', $who, __DIR__ . php_uname());  // the host's own form token

// --- routing: ?pagina=<key> picks a page; a page shows some fragments
$site = Participa\Site::open();
$base = 'http://' . $_SERVER['HTTP_HOST'];
$page = (string) ($_GET['pagina'] ?? 'inicio');
$pages = ['inicio' => 'Inicio', 'todo' => 'Todos los fragmentos', 'hilo' => 'Hilo', 'moderacion' => 'Moderación',
    'boletas' => 'Boletas', 'estado' => 'Mi participación', 'comprobante' => 'Comprobante', 'resultados' => 'Resultados',
    'papel' => 'Boletas en papel', 'compromiso' => 'Compromiso', 'plan' => 'Plan', 'asamblea' => 'Asambleas'];
$page = isset($pages[$page]) ? $page : 'inicio';
// Each fragment's Host: links come back to this page; forms post here with the
// fragment's instance (?f=), so a refusal goes back to the form that was sent.
$host = function (string $instance, ?array $outcome = null) use ($base, $page, $token, $names): Participa\Host {
    return new Participa\Host(['url' => "$base/?pagina=$page&{params}", 'here' => "$base/?pagina=$page",
        'post_url' => "$base/?pagina=$page&f=$instance", 'token' => ['name' => 'demo_token', 'value' => $token],
        'params' => ['cursor' => 'desde', 'replies' => 'respuestas', 'receipt' => 'comprobante', 'view' => 'vista'],
        'names' => $names, 'instance' => $instance, 'heading' => 2, 'lang' => 'es'] + ($outcome ? ['outcome' => $outcome] : []));
};
// The fragment's own query parameters (the names given in 'params' above) go back to it.
$query = array_filter(['cursor' => $_GET['desde'] ?? null, 'replies' => $_GET['respuestas'] ?? null, 'view' => $_GET['vista'] ?? null]);
$ballots = ['consulta-parque', 'consulta-talleres', 'eleccion-comite', 'consulta-prioridades', 'consulta-juicio', 'pp-2026', 'consenso-plan'];
$results = ['consulta-en-vivo', 'resultado-pluralidad', 'resultado-pp', 'resultado-irv', 'resultado-stv', 'resultado-schulze'];
$each = function (array $ids, string $show) use ($site, $me): array {
    foreach ($ids as $id) {
        $list["$show-$id"] = [$id, $site->process($id), 'html', [$me, ['show' => $show]]];
    }
    return $list;
};
$fragments = [   // page => [instance => [title, object, method, arguments after the Host]]
    'hilo' => ['hilo' => ['Comentarios sobre PAL-01', $site->thread('commitment', 'PAL-01'), 'html', [$me, $query]]],
    'moderacion' => ['moderacion' => ['Cola de moderación', $site->moderation(), 'html', [$me ?? 'demo:nadie']]],
    'boletas' => $each($ballots, 'ballot'),
    'estado' => ['estado' => ['Mi participación en el presupuesto participativo', $site->process('pp-2026'), 'html', [$me, ['show' => 'status']]]],
    'comprobante' => ['comprobante' => ['Verificar un comprobante', $site->process('pp-2026'), 'html', [$me, ['show' => 'receipt', 'receipt' => (string) ($_GET['comprobante'] ?? '')]]]],
    'resultados' => $each($results, 'results'),
    'papel' => ['papel' => ['Captura de boletas en papel', $site->process('pp-2026'), 'html', [$me, ['show' => 'paper']]]],
    'compromiso' => ['compromiso' => ['Compromiso PAL-01', $site->commitments(), 'html', ['PAL-01', $me, ['thread' => $query]]]],
    'plan' => ['plan' => ['Tablero del plan', $site->commitments(), 'planHtml', ['pal-2026']]],
    'asamblea' => ['asamblea' => ['Asambleas', $site->commitments(), 'assemblyHtml', ['san-miguel-teotongo', $me]]],
];
$show = $page === 'todo' ? array_merge(...array_values($fragments)) : ($fragments[$page] ?? []);

// --- forms: check the host's token, let participa act, redirect (POST, then GET)
$outcome = null;
$posted = (string) ($_GET['f'] ?? '');
if ($_SERVER['REQUEST_METHOD'] === 'POST' && isset($show[$posted]) && class_exists('Participa\Request')) {
    if (!hash_equals($token, (string) ($_POST['demo_token'] ?? ''))) {
        http_response_code(403);
        exit('El formulario caducó; vuelve a cargar la página.');
    }
    $outcome = (new Participa\Request($site, $host($posted)))->handle($_POST, $me);
    if ($outcome['ok']) {
        header('Location: ' . $outcome['redirect'], true, 303);
        exit;
    }
    http_response_code(422);
}

// A fragment, or a visible note where this build of participa does not have it yet.
function render(string $instance, array $f, callable $host, ?array $outcome): string
{
    [$title, $object, $method, $args] = $f;
    if (!class_exists('Participa\Host') || !method_exists($object, $method)) {
        return '<p class="ejemplo-pendiente">Aún no disponible en esta versión: <code>' . get_class($object) . "::$method()</code> ($title).</p>";
    }
    try {
        return $object->$method($host($instance, $outcome), ...$args);
    } catch (Participa\Exception $e) {
        return '<p class="ejemplo-error" role="alert">' . htmlspecialchars("$title: " . $e->getMessage()) . '</p>';
    }
}

$e = fn(string $s): string => htmlspecialchars($s, ENT_QUOTES);
?>
<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?= $e($pages[$page]) ?>: participa en PHP simple</title>
<link rel="stylesheet" href="/participa/participa.css">
<link rel="stylesheet" href="/ejemplo.css">
<script src="/participa/participa.js" defer></script>
</head>
<body>
<header class="ejemplo-cabecera">
  <p class="ejemplo-sitio"><a href="/">Colonia San Miguel Teotongo</a></p>
  <form method="get" action="/" class="ejemplo-usuario">
    <input type="hidden" name="pagina" value="<?= $e($page) ?>">
    <label for="como">Participar como</label>
    <select id="como" name="como">
<?php foreach ($people as $key => $name): ?>
      <option value="<?= $e($key) ?>"<?= $key === $who ? ' selected' : '' ?>><?= $e($name) ?></option>
<?php endforeach ?>
    </select>
    <button type="submit">Cambiar</button>
  </form>
  <nav aria-label="Páginas del ejemplo">
    <ul>
<?php foreach ($pages as $key => $label): ?>
      <li><a class="ejemplo-pagina" href="/?pagina=<?= $e($key) ?>"<?= $key === $page ? ' aria-current="page"' : '' ?>><?= $e($label) ?></a></li>
<?php endforeach ?>
    </ul>
  </nav>
</header>
<main id="contenido">
<h1><?= $e($pages[$page]) ?></h1>
<?php if ($page === 'inicio'): ?>
<p>Un sitio en PHP simple (nginx y php-fpm) con los fragmentos de participa. Elige una página arriba; «Todos los fragmentos» los reúne.</p>
<?php endif ?>
<?php if ($outcome && !$outcome['ok']): ?>
<p class="ejemplo-error" role="alert"><?= $e((string) ($outcome['message'] ?? 'No se pudo completar la acción.')) ?></p>
<?php endif ?>
<?php foreach ($show as $instance => $f): ?>
<?= render($instance, $f, $host, $instance === $posted ? $outcome : null) ?>
<?php endforeach ?>
</main>
</body>
</html>
