<?php
// Fills the plain PHP example's database with something to look at: residents, a
// commented commitment (one comment held for review), ballots in the counted
// processes (then closed and tallied), a live poll, a paper batch entered once
// (waiting for its second entry) and one whose entries disagree, a plan with
// commitments on time, at risk and late, an assembly. Idempotent enough to run
// on a fresh database; scripts/browser-test runs it once.
//   php -d extension=modules/participa.so -d participa.config=SITE.yaml examples/plain-php/seed.php

$site = Participa\Site::open();
$site->migrate();
$people = $site->participants();
foreach (['ana', 'beto', 'gabi', 'hugo'] as $who) {
    $people->upsert("demo:$who", 'san-miguel-teotongo', ['ciudadano']);
}
$people->upsert('demo:elena', 'san-miguel-teotongo', ['enlace']);
$people->upsert('demo:fer', 'san-miguel-teotongo', ['enlace']);
$people->upsert('demo:diego', 'teotongo', ['funcionario']);
$people->upsert('demo:sofia', 'teotongo', ['facilitador']);
$people->upsert('demo:carla', 'teotongo', ['moderador']);
for ($i = 1; $i <= 24; $i++) {
    $people->upsert("demo:vecino-$i", $i % 3 ? 'san-miguel-teotongo' : 'buenavista', ['ciudadano']);
}

// The plan: a parent with two actions, one late and one at risk, one done.
$c = $site->commitments();
$year = (int) date('Y');
$c->upsert(['id' => 'PAL-01', 'plan' => 'pal-2026', 'title' => 'Alumbrado público con contraloría social',
    'description' => "Sustituir las luminarias de la colonia.\nLos comités vecinales verifican cada entrega.",
    'objective' => 'Calles iluminadas y seguras', 'verification' => 'Actas de entrega firmadas por los comités',
    'theme' => 'contraloria-social', 'pillars' => ['rendicion', 'participacion'], 'agency' => 'obras',
    'territory' => 'san-miguel-teotongo', 'budget' => '1250000.50',
    'start_date' => ($year - 1) . '-02-01', 'due_date' => ($year + 1) . '-12-31'], 'demo:diego', 'Alta');
$c->upsert(['id' => 'PAL-01.1', 'plan' => 'pal-2026', 'parent' => 'PAL-01', 'title' => 'Instalar comités de contraloría',
    'theme' => 'contraloria-social', 'start_date' => ($year - 1) . '-02-01', 'due_date' => ($year - 1) . '-06-30',
    'milestones' => [['title' => 'Convocatoria publicada', 'due' => ($year - 1) . '-03-01', 'done' => true],
                     ['title' => 'Cinco comités instalados', 'due' => ($year - 1) . '-06-30', 'done' => false]]],
    'demo:diego');
$c->upsert(['id' => 'PAL-01.2', 'plan' => 'pal-2026', 'parent' => 'PAL-01', 'title' => 'Sustituir 120 luminarias',
    'theme' => 'contraloria-social', 'weight' => 3, 'start_date' => ($year - 1) . '-03-01', 'due_date' => ($year + 1) . '-06-30'],
    'demo:diego');
$c->update('PAL-01.1', ['status' => 'en-proceso', 'progress' => 80], 'demo:diego', 'Cuatro de cinco comités');
$c->update('PAL-01.2', ['status' => 'en-proceso', 'progress' => 10,
    'add_evidence' => ['url' => 'https://example.org/acta-1.pdf', 'description' => 'Acta de entrega parcial', 'date' => ($year - 1) . '-09-10']],
    'demo:diego', 'Primer lote');
$c->upsert(['id' => 'PAL-02', 'plan' => 'pal-2026', 'title' => 'Presupuesto abierto en formato de datos',
    'theme' => 'presupuesto', 'pillars' => ['transparencia'], 'agency' => 'participacion-ciudadana',
    'start_date' => ($year - 1) . '-01-15', 'due_date' => ($year - 1) . '-12-15'], 'demo:diego');
$c->update('PAL-02', ['status' => 'en-proceso', 'progress' => 100], 'demo:diego');
$c->update('PAL-02', ['status' => 'cumplido'], 'demo:diego', 'Publicado');
$c->upsert(['id' => 'PAL-03', 'plan' => 'pal-2026', 'title' => 'Huertos escolares', 'theme' => 'medio-ambiente',
    'pillars' => ['participacion'], 'start_date' => ($year - 1) . '-01-10', 'due_date' => ($year - 1) . '-11-30'], 'demo:diego');

// A thread on the commitment: several roots, replies, an official answer, a held comment.
$t = $site->thread('commitment', 'PAL-01');
$texts = ['En la calle 5 siguen sin luz desde hace meses.', 'Gracias por publicar las actas, así podemos revisar.',
    'Propongo que el comité revise también el parque.', '¿Cuándo llega el segundo lote?',
    "Las luminarias nuevas funcionan bien.\nAunque una parpadea en la esquina con Reforma.",
    'Mi calle no aparece en el calendario.', 'Que se priorice la zona de la escuela.', 'Buen avance, sigamos.'];
for ($i = 1; $i <= 17; $i++) {   // 25 roots in all: more than one page
    $texts[] = "Opinión número $i sobre el alumbrado de mi calle.";
}
$ids = [];
foreach ($texts as $i => $body) {
    $who = ['demo:ana', 'demo:beto', 'demo:gabi', 'demo:hugo'][$i % 4];
    $ids[] = $t->post($who, $body, ['alignment' => ['against', 'for', 'neutral'][$i % 3], 'idempotency_key' => "seed-$i"])['id'];
}
$r = $t->post('demo:diego', 'La calle 5 está en el segundo lote, programado para diciembre.', ['parent' => $ids[0], 'idempotency_key' => 'seed-r1']);
$t->markOfficial($r['id'], 'demo:diego');
$t->post('demo:beto', 'Gracias por la respuesta.', ['parent' => $ids[0], 'idempotency_key' => 'seed-r2']);
$t->post('demo:gabi', 'Yo también lo vi, en la 5 y en la 7.', ['parent' => $ids[0], 'idempotency_key' => 'seed-r3']);
$t->post('demo:hugo', 'Qué idiota el que diseñó esto', ['parent' => $ids[1], 'idempotency_key' => 'seed-held']);
$t->react($ids[0], 'demo:gabi', 'up');
$t->react($ids[0], 'demo:hugo', 'up');
$t->react($ids[2], 'demo:ana', 'down');

// Counted processes: ballots, then close and tally.
$voters = array_map(fn($i) => "demo:vecino-$i", range(1, 24));
$ballots = [
    'resultado-pp' => fn($i) => [['bancas', 'mural'], ['techado'], ['techado', 'arboles'], ['bancas', 'arboles', 'mural'], ['mural']][$i % 5],
    'resultado-irv' => fn($i) => [['ana-g', 'eva-r', 'luis-m'], ['luis-m', 'ana-g'], ['eva-r', 'luis-m', 'ana-g'], ['juan-s', 'eva-r'], ['ana-g', 'luis-m']][$i % 5],
    'resultado-stv' => fn($i) => [['marta', 'pedro'], ['pedro', 'ines'], ['ines', 'marta'], ['raul', 'ines', 'pedro'], ['marta', 'raul']][$i % 5],
    'resultado-schulze' => fn($i) => [['la-esperanza', 'los-fresnos', 'benito-juarez'], ['los-fresnos', 'benito-juarez', 'la-esperanza'], ['benito-juarez', 'la-esperanza', 'los-fresnos'], ['la-esperanza', 'benito-juarez', 'los-fresnos']][$i % 4],
    'resultado-pluralidad' => fn($i) => [['verde'], ['azul'], ['verde'], ['ocre'], ['verde'], ['azul']][$i % 6][0],
];
foreach ($ballots as $process => $ballot) {
    $p = $site->process($process);
    if ($p->info()['state'] === 'voting') {
        foreach ($voters as $i => $voter) {
            $p->cast($voter, $ballot($i), ['idempotency_key' => "seed-$process-$i"]);
        }
        $p->close('demo:diego');
    }
    $p->tally();
}
// A live public poll (preliminary results), a consensus with a block, a receipt to check.
$live = $site->process('consulta-en-vivo');
foreach (array_slice($voters, 0, 7) as $i => $voter) {
    $live->cast($voter, $i % 3 ? 'sabado' : 'domingo', ['idempotency_key' => "seed-live-$i"]);
}
$consensus = $site->process('consenso-plan');
$consensus->cast('demo:diego', ['stance' => 'agree'], ['idempotency_key' => 'seed-c1']);
$consensus->cast('demo:fer', ['stance' => 'block', 'reason' => 'Faltan metas medibles en el eje 2'], ['idempotency_key' => 'seed-c2']);
$receipt = $site->process('pp-2026')->cast('demo:gabi', ['luminarias', 'huerto'], ['idempotency_key' => 'seed-pp-gabi'])['receipt'];

// Paper ballots: lote-1 entered once (waits for a second person), lote-2 twice with a mismatch.
$pp = $site->process('pp-2026');
$pp->enterPaperBatch('demo:elena', 'lote-1', 'asamblea-smt', 'acta-101', [['luminarias'], ['cancha'], ['huerto', 'captacion']]);
$pp->enterPaperBatch('demo:elena', 'lote-2', 'asamblea-smt', 'acta-102', [['luminarias'], ['huerto']]);
$pp->enterPaperBatch('demo:fer', 'lote-2', 'asamblea-smt', 'acta-102', [['luminarias'], ['cancha']]);

// An assembly whose agreements become commitments of the local agenda.
if (!$c->assemblies('san-miguel-teotongo')) {
    $c->recordAssembly(['territory' => 'san-miguel-teotongo', 'held_on' => ($year - 1) . '-03-14', 'place' => 'Explanada de la parroquia',
        'attendance' => 42, 'attendees' => ['demo:elena', 'demo:fer', 'demo:ana'],
        'agenda' => "1. Alumbrado\n2. Presupuesto participativo", 'minutes' => 'Se revisó el avance del alumbrado y se votaron dos acuerdos.',
        'agreements' => ['Revisar la calle 5 cada mes', 'Publicar el calendario de obras en la parroquia']], 'demo:elena');
}
file_put_contents(getenv('PARTICIPA_PLAIN_RECEIPT') ?: 'php://stdout', $receipt . "\n");
echo "seeded\n";
