<?php
// The participa demo: one municipality (examples/sample-municipality.yaml)
// exercising the three primitives against a real MariaDB. Run by scripts/demo:
//   php -d extension=modules/participa.so examples/demo.php CONFIG
// The sample's voting phases lie in the past, so scripts/demo passes a copy
// whose voting phases are moved to today (nothing else changes).

$config = $argv[1] ?? __DIR__ . '/sample-municipality.yaml';
$failures = 0;

function section(string $title): void
{
    echo "\n== $title\n";
}

function step(string $what, callable $fn): void
{
    global $failures;
    try {
        $fn();
    } catch (Participa\Exception $e) {
        $failures++;
        printf("!! %s failed: %s: %s\n", $what, get_class($e), $e->getMessage());
    }
}

$site = Participa\Site::open($config);
$info = $site->info();
printf("%s (%s, %s): %d territorios, %d roles\n", $info['name'], $info['locale'], $info['timezone'],
    $info['territories'], $info['roles']);

section('Participantes (los identifica el sitio anfitrión; participa decide qué pueden hacer)');
$residents = ['wp:101' => 'san-miguel-teotongo', 'wp:102' => 'san-miguel-teotongo', 'wp:103' => 'ixtlahuacan',
              'wp:104' => 'buenavista', 'wp:105' => 'smt-mz-002', 'wp:106' => 'granjas-esmeralda'];
step('participants', function () use ($site, $residents) {
    foreach ($residents as $id => $territory) {
        $site->participants()->upsert($id, $territory, ['ciudadano']);
    }
    $p = $site->participants()->get('wp:105');
    printf("wp:105 vive en %s (dentro de dt-teotongo-acahualtepec: %s); permisos: %s\n", $p['territory'],
        $site->territoryWithin($p['territory'], 'dt-teotongo-acahualtepec') ? 'sí' : 'no', implode(', ', $p['permissions']));
});

section('Compromisos del Plan de Acción Local');
step('commitments', function () use ($site) {
    $c = $site->commitments();
    $c->upsert(['id' => 'PAL-07', 'plan' => 'pal-2026', 'title' => 'Alumbrado público con contraloría social',
        'theme' => 'contraloria-social', 'pillars' => ['rendicion', 'participacion'], 'agency' => 'obras',
        'territory' => 'san-miguel-teotongo', 'start_date' => '2026-02-01', 'due_date' => '2026-12-31',
        'status' => 'por-iniciar'], 'wp:7', 'Alta del compromiso');
    $c->upsert(['id' => 'PAL-07.1', 'plan' => 'pal-2026', 'parent' => 'PAL-07', 'territory' => 'san-miguel-teotongo', 'title' => 'Instalar comités de contraloría',
        'theme' => 'contraloria-social', 'weight' => 1, 'status' => 'por-iniciar'], 'wp:7');
    $c->upsert(['id' => 'PAL-07.2', 'plan' => 'pal-2026', 'parent' => 'PAL-07', 'territory' => 'san-miguel-teotongo', 'title' => 'Sustituir 120 luminarias',
        'theme' => 'contraloria-social', 'weight' => 3, 'status' => 'por-iniciar'], 'wp:7');
    $c->update('PAL-07.1', ['status' => 'en-proceso', 'progress' => 80], 'wp:7', 'Comités instalados en 4 de 5 colonias');
    $c->update('PAL-07.2', ['status' => 'en-proceso', 'progress' => 40,
        'add_evidence' => ['url' => 'https://www.iztapalapa.cdmx.gob.mx/', 'description' => 'Acta de entrega parcial']],
        'wp:8', 'Primer lote instalado');
    $parent = $c->get('PAL-07');
    printf("PAL-07 avance %s%% (media ponderada de sus hitos 80%% x1 y 40%% x3), semáforo: %s\n",
        $parent['progress'], ['on_track' => 'en tiempo', 'at_risk' => 'en riesgo', 'late' => 'atrasado'][$parent['light'] ?? ''] ?? '-');
    foreach ($c->summary('theme', ['plan' => 'pal-2026'])['groups'] as $g) {
        printf("  tema %-28s %d compromiso(s), %s%%, avance medio %s%%\n", $g['label'], $g['count'], $g['percent'], $g['avg_progress']);
    }
    $v = $c->verify();
    printf("historial encadenado con SHA-256: %d eventos, %s\n", $v['events'], $v['ok'] ? 'íntegro' : 'ALTERADO');
});

section('Deliberación sobre el compromiso PAL-07');
step('threads', function () use ($site) {
    $t = $site->thread('commitment', 'PAL-07');
    $a = $t->post('wp:101', 'En la calle 5 siguen sin luz; pueden llamarme al 55 1234 5678 o escribir a maria.lopez@example.com',
        ['alignment' => 'against', 'idempotency_key' => 'demo-1']);
    printf("publicado (%s): %s\n", $a['status'], $a['body']);
    $b = $t->post('wp:102', 'Qué idiota el que diseñó esto', ['parent' => $a['id'], 'idempotency_key' => 'demo-2']);
    printf("respuesta con insulto: %s (%s)\n", $b['status'], $b['message'] ?? '');
    $t->post('wp:7', 'La calle 5 está en el segundo lote, programado para diciembre. Gracias @wp:101.',
        ['parent' => $a['id'], 'idempotency_key' => 'demo-3']);
    $answer = $t->page(['viewer' => 'wp:7'])['comments'][0]['replies'];
    $t->markOfficial(end($answer)['id'], 'wp:7');
    $t->react($a['id'], 'wp:103', 'up');
    $page = $t->page(['sort' => 'top', 'limit' => 20, 'viewer' => 'wp:103']);
    foreach ($page['comments'] as $c) {
        printf("- %s: %s\n", $c['author'], $c['body']);
        foreach ($c['replies'] as $r) {
            printf("    - %s%s: %s\n", $r['author'], $r['official'] ?? false ? ' (respuesta oficial)' : '', $r['body'] ?? $r['notice']);
        }
    }
    // The accessible fragments, as a page of the host site would print them (docs/fragments/).
    $host = new Participa\Host(['url' => '/compromisos/PAL-07/?{params}']);
    $dir = getenv('PARTICIPA_DEMO_OUT') ?: sys_get_temp_dir() . '/participa-demo';
    is_dir($dir) || mkdir($dir, 0700, true);
    $html = $t->html($host, 'wp:103');
    file_put_contents("$dir/hilo-PAL-07.html", $html);
    printf("fragmento HTML accesible del hilo (%d bytes): %s\n", strlen($html), "$dir/hilo-PAL-07.html");
    $html = $site->commitments()->html($host, 'PAL-07', 'wp:103');
    file_put_contents("$dir/compromiso-PAL-07.html", $html);
    printf("ficha pública del compromiso con su hilo (%d bytes): %s\n", strlen($html), "$dir/compromiso-PAL-07.html");
    $queue = $site->moderation()->queue(['status' => 'held']);
    printf("cola de moderación: %d comentario(s) retenido(s)\n", count($queue['items']));
});

section('Presupuesto participativo pp-2026 (Método de Partes Iguales)');
step('process', function () use ($site, $residents) {
    $p = $site->process('pp-2026');
    $ballots = [
        'wp:101' => ['luminarias-calle-5', 'captacion-lluvia'],
        'wp:102' => ['luminarias-calle-5', 'huerto-buenavista'],
        'wp:103' => ['cancha-ixtlahuacan'],
        'wp:104' => ['huerto-buenavista', 'captacion-lluvia'],
        'wp:105' => ['luminarias-calle-5', 'cancha-ixtlahuacan', 'huerto-buenavista'],
    ];
    foreach ($ballots as $who => $ballot) {
        $r = $p->cast($who, $ballot, ['idempotency_key' => "pp-$who"]);
        printf("%s votó; comprobante %s\n", $who, $r['receipt']);
    }
    try {
        $p->cast('wp:106', ['huerto-buenavista']);
    } catch (Participa\NotAllowedException $e) {
        echo "wp:106 (Granjas Esmeralda, fuera del territorio): ", $e->getMessage(), "\n";
    }
    $p->close();
    $result = $p->tally();
    echo "proyectos financiados: ", implode(', ', $result->winners), "\n";
    printf("huella SHA-256 de las boletas: %s\n", $p->results()['digest']);
});

section('Consenso del Secretariado Técnico (la persona facilitadora tiene voz, no voto)');
step('consensus', function () use ($site) {
    $p = $site->process('st-pal-2026');
    $p->cast('wp:7', ['stance' => 'agree']);
    $p->cast('wp:8', ['stance' => 'agree']);
    $p->cast('wp:12', ['stance' => 'agree']);
    $p->cast('wp:15', ['stance' => 'abstain']);
    $p->cast('wp:3', ['stance' => 'disagree', 'reason' => 'Faltan metas medibles en el eje 2']);
    $r = $p->tally();
    printf("resultado: %s; voz sin voto: %d\n", $r->details['outcome'], count($r->details['voice_only']));
});

section('Conteos: Schulze y el presupuesto real de Świecie (Pabulib)');
step('tally', function () {
    $r = Participa\Tally::count('schulze', array_merge(array_fill(0, 5, 'A>C>B>E>D'), array_fill(0, 5, 'A>D>E>C>B'),
        array_fill(0, 8, 'B>E>D>A>C'), array_fill(0, 3, 'C>A>B>E>D'), array_fill(0, 7, 'C>A>E>B>D'),
        array_fill(0, 2, 'C>B>A>D>E'), array_fill(0, 7, 'D>C>E>B>A'), array_fill(0, 8, 'E>B>A>D>C')));
    echo "Schulze (ejemplo de Wikipedia, 45 votantes): ", implode(' > ', array_merge(...$r->ranking)), "\n";
    $file = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../shared') . '/data/pabulib/Poland_Swiecie_2023.pb';
    if (!is_file($file)) {
        echo "($file no está disponible)\n";
        return;
    }
    $pb = Participa\Pabulib::read($file);
    $t = hrtime(true);
    $r = Participa\Tally::count('pb_equal_shares', array_values(array_map(fn($v) => $v['vote'], $pb['votes'])), [
        'budget' => (int) $pb['meta']['budget'], 'projects' => array_map(fn($p) => $p['cost'], $pb['projects']),
        'completion' => 'add1']);
    $ms = (hrtime(true) - $t) / 1e6;
    $city = array_keys(array_filter($pb['projects'], fn($p) => ($p['selected'] ?? '0') === '1'));
    sort($city);
    $ours = $r->winners;
    sort($ours);
    printf("Świecie 2023: %d votantes, %d proyectos financiados en %.1f ms; igual a lo que financió la ciudad: %s\n",
        count($pb['votes']), count($r->winners), $ms, $ours == $city ? 'sí' : 'NO');
});

echo $failures ? "\n$failures parte(s) del demo fallaron\n" : "\nDemo completo.\n";
exit($failures ? 1 : 0);
