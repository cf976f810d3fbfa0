--TEST--
Commitments::update(): status transitions and who may make them per YAML, default progress, refusals in Spanish
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_update_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-02', 'plan' => 'pal-2026', 'title' => 'Contraloría social de obras', 'theme' => 'contraloria-social'], 'wp:fun');
$c->upsert(['id' => 'PAL-02.1', 'plan' => 'pal-2026', 'parent' => 'PAL-02', 'title' => 'Comités de obra'], 'wp:fun');

commitments_test_refused('citizen upsert', fn() => $c->upsert(['id' => 'X-1', 'plan' => 'pal-2026', 'title' => 'x'], 'wp:99'));
commitments_test_refused('jump to cumplido', fn() => $c->update('PAL-02.1', ['status' => 'cumplido'], 'wp:fun'));
commitments_test_refused('facilitator starts', fn() => $c->update('PAL-02.1', ['status' => 'en-proceso'], 'wp:fac'));
$r = $c->update('PAL-02.1', ['status' => 'en-proceso'], 'wp:fun', 'arranque');
echo $r['status'], ' ', $r['progress'], " (default progress of the status)\n";
echo $c->get('PAL-02')['progress'], " rolled up\n";
$r = $c->update('PAL-02.1', ['status' => 'cumplido', 'progress' => 90], 'wp:fun');
echo $r['status'], ' ', $r['progress'], " (explicit progress wins)\n";
commitments_test_refused('reopen', fn() => $c->update('PAL-02.1', ['status' => 'en-proceso'], 'wp:fun'));
commitments_test_refused('parent progress', fn() => $c->update('PAL-02', ['progress' => 50], 'wp:fun'));
commitments_test_refused('facilitator edits title', fn() => $c->update('PAL-02', ['title' => 'Otro'], 'wp:fac'));
$r = $c->update('PAL-02', ['status' => 'cancelado'], 'wp:fac', 'sin presupuesto');
echo $r['status'], ' light=', $r['light'], "\n";
commitments_test_refused('unknown theme', fn() => $c->update('PAL-02.1', ['theme' => 'deportes'], 'wp:fun'));
commitments_test_refused('unknown pillar', fn() => $c->update('PAL-02.1', ['pillars' => ['transparencia', 'apertura']], 'wp:fun'));
commitments_test_refused('bad date', fn() => $c->update('PAL-02.1', ['due_date' => '2026-02-30'], 'wp:fun'));
commitments_test_refused('progress 120', fn() => $c->update('PAL-02.1', ['progress' => 120], 'wp:fun'));
commitments_test_refused('due before start', fn() => $c->update('PAL-02.1', ['start_date' => '2026-05-01', 'due_date' => '2026-04-01'], 'wp:fun'));
commitments_test_refused('unknown field', fn() => $c->update('PAL-02.1', ['responsable' => 'x'], 'wp:fun'));
commitments_test_refused('change plan', fn() => $c->update('PAL-02.1', ['plan' => 'agenda-teotongo'], 'wp:fun'));
commitments_test_refused('unknown id', fn() => $c->update('PAL-99', ['progress' => 5], 'wp:fun'));
commitments_test_refused('unknown parent', fn() => $c->upsert(['id' => 'PAL-03.1', 'plan' => 'pal-2026', 'parent' => 'PAL-03', 'title' => 'x'], 'wp:fun'));
commitments_test_refused('move', fn() => $c->upsert(['id' => 'PAL-02.1', 'plan' => 'pal-2026', 'parent' => null, 'title' => 'x'], 'wp:fun'));
commitments_test_refused('other plan parent', fn() => $c->upsert(['id' => 'AG-1', 'plan' => 'agenda-teotongo', 'parent' => 'PAL-02', 'title' => 'x'], 'wp:fun'));
commitments_test_refused('bad id', fn() => $c->upsert(['id' => 'PAL 04', 'plan' => 'pal-2026', 'title' => 'x'], 'wp:fun'));
participa_test_drop('cm_update_001');
?>
--EXPECT--
citizen upsert: Participa\NotAllowedException: No tienes permiso para modificar compromisos.
jump to cumplido: Participa\InvalidArgumentException: No se permite pasar del estado «Por iniciar» al estado «Cumplido».
facilitator starts: Participa\NotAllowedException: Tu rol no permite pasar un compromiso del estado «Por iniciar» al estado «En proceso».
en-proceso 10 (default progress of the status)
10 rolled up
cumplido 90 (explicit progress wins)
reopen: Participa\InvalidArgumentException: No se permite pasar del estado «Cumplido» al estado «En proceso».
parent progress: Participa\InvalidArgumentException: El avance de 'PAL-02' se calcula de sus 1 subcompromisos; actualiza los subcompromisos.
facilitator edits title: Participa\NotAllowedException: No tienes permiso para modificar compromisos.
cancelado light=closed
unknown theme: Participa\InvalidArgumentException: tema desconocido 'deportes'
unknown pillar: Participa\InvalidArgumentException: pilar desconocido 'apertura'
bad date: Participa\InvalidArgumentException: due_date: se esperaba una fecha AAAA-MM-DD válida, se recibió '2026-02-30'
progress 120: Participa\InvalidArgumentException: progress: se esperaba un porcentaje de 0 a 100 (hasta dos decimales), se recibió '120'
due before start: Participa\InvalidArgumentException: due_date (2026-04-01) es anterior a start_date (2026-05-01)
unknown field: Participa\InvalidArgumentException: campo desconocido 'responsable'
change plan: Participa\InvalidArgumentException: plan no se puede cambiar con update()
unknown id: Participa\NotFoundException: No existe el compromiso 'PAL-99'.
unknown parent: Participa\NotFoundException: No existe el compromiso padre 'PAL-03'.
move: Participa\ConflictException: No se puede cambiar el compromiso padre de 'PAL-02.1'.
other plan parent: Participa\ConflictException: El compromiso padre 'PAL-02' pertenece a otro plan.
bad id: Participa\InvalidArgumentException: id no es válido: se admiten de 1 a 64 caracteres (letras, dígitos, '_', '.', ':' y '-', empezando con letra o dígito).
