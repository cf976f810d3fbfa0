--TEST--
Participa\Process::cast(): every refusal has its exception and a Spanish message
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-cast_refusals-001', <<<P
  - { id: abierto, title: Abierto, kind: poll, method: approval, territory: norte, options: { max_choices: 2 },
      candidates: [a, b, c], phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: cerrado, title: Cerrado, kind: poll, method: plurality, candidates: [a, b], phases: { voting: [2020-01-01, 2020-01-31] } }
  - { id: futuro, title: Futuro, kind: poll, method: plurality, candidates: [a, b], phases: { voting: [2099-01-01, 2099-12-31] } }
  - { id: papel, title: Solo papel, kind: poll, method: plurality, candidates: [a, b], channels: [paper],
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: enlaces, title: Solo enlaces, kind: poll, method: plurality, candidates: [a, b], roles: [enlace],
      phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
$pp->upsert('wp:1', 'norte-1', ['ciudadano']);
$pp->upsert('wp:2', 'sur', ['ciudadano']);
$pp->upsert('wp:4', 'norte', ['funcionario']);
$pp->upsert('wp:5', 'norte', ['ciudadano']);
$pp->upsert('mod:1', 'municipio', ['moderador']);
$pp->ban('wp:5', 'mod:1', 'spam');
$p = $site->process('abierto');
echo "-- eligibility\n";
pt_try(fn() => $p->cast('wp:2', ['a']));            // lives outside the territory
pt_try(fn() => $p->cast('wp:3', ['a']));            // unknown: default role, no territory
pt_try(fn() => $p->cast('wp:4', ['a']));            // role without vote
pt_try(fn() => $p->cast('wp:5', ['a']));            // banned
pt_try(fn() => $site->process('enlaces')->cast('wp:1', 'a'));   // role not among the process's roles
echo "-- phases and channels\n";
pt_try(fn() => $site->process('cerrado')->cast('wp:1', 'a'));
pt_try(fn() => $site->process('futuro')->cast('wp:1', 'a'));
pt_try(fn() => $site->process('papel')->cast('wp:1', 'a'));
echo "-- invalid ballots (the tally engine's rules)\n";
pt_try(fn() => $p->cast('wp:1', ['a', 'b', 'c']));  // max_choices
pt_try(fn() => $p->cast('wp:1', ['z']));
pt_try(fn() => $p->cast('wp:1', ['a', 'a']));
pt_try(fn() => $p->cast('wp:1', ['weight' => 5, 'ballot' => ['a']]));
echo "-- one vote\n";
pt_try(fn() => $p->cast('wp:1', ['a']));
pt_try(fn() => $p->cast('wp:1', ['b']));            // vote changes not allowed here
echo "-- arguments\n";
pt_try(fn() => $p->cast('', ['a']));
pt_try(fn() => $p->cast('wp:1', ['a'], ['otra' => 1]));
pt_try(fn() => $site->process('no-existe'));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-cast_refusals-001'); ?>
--EXPECT--
-- eligibility
Participa\NotAllowedException: Este proceso es solo para quienes viven en Zona Norte.
Participa\NotAllowedException: Para votar en este proceso necesitas registrar tu territorio (colonia o manzana).
Participa\NotAllowedException: Tu rol no tiene voto en este proceso.
Participa\NotAllowedException: Tu cuenta está suspendida; no puedes votar.
Participa\NotAllowedException: Tu rol no tiene voto en este proceso.
-- phases and channels
Participa\NotAllowedException: La votación de este proceso ya cerró.
Participa\NotAllowedException: La votación aún no abre: empieza el 2099-01-01 00:00.
Participa\NotAllowedException: Este proceso no recibe votos por internet; se vota en papel en la asamblea.
-- invalid ballots (the tally engine's rules)
Participa\InvalidArgumentException: Boleta inválida: demasiadas aprobaciones (3, máximo 2)
Participa\InvalidArgumentException: Boleta inválida: candidato desconocido 'z'
Participa\InvalidArgumentException: Boleta inválida: candidato repetido 'a'
Participa\InvalidArgumentException: Boleta inválida: una persona, un voto (no se aceptan pesos).
-- one vote
ok v1
Participa\ConflictException: Ya emitiste tu voto en este proceso y no se puede cambiar.
-- arguments
Participa\InvalidArgumentException: El identificador del participante no es válido: está vacío.
ValueError: Participa\Process::cast(): Argument #3 ($meta) may only contain "idempotency_key"
Participa\NotFoundException: No existe el proceso 'no-existe'.
