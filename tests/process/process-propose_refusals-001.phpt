--TEST--
Participa\Process::propose() and withdraw(): every refusal has its exception and a Spanish message
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/propose_test.inc';
$name = 'process-propose_refusals-001';
$site = pt_prop_site($name, <<<P
  - { id: pp, title: Presupuesto, kind: participatory_budget, method: pb_greedy, options: { budget: 1000 },
      territory: norte, projects: [ { id: luminarias, name: Luminarias, cost: 400 } ],
      phases: { proposals: [2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
  - { id: poll, title: Encuesta, kind: poll, method: plurality,
      phases: { proposals: [2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
  - { id: sin-propuestas, title: Sin propuestas, kind: poll, method: plurality, candidates: [a, b],
      phases: { voting: [2099-01-01, 2099-12-31] } }
  - { id: consenso, title: Consenso, kind: consensus, method: consensus,
      phases: { proposals: [2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
  - { id: temprano, title: Temprano, kind: poll, method: plurality,
      phases: { proposals: [2098-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
  - { id: tarde, title: Tarde, kind: poll, method: plurality,
      phases: { proposals: [2020-01-01, 2020-01-31], voting: [2099-01-01, 2099-12-31] } }
  - { id: consejo, title: Consejo, kind: poll, method: plurality, body: consejo,
      phases: { proposals: [2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
  - { id: cerrado, title: Cerrado, kind: poll, method: plurality,
      phases: { proposals: [2020-01-01, 2098-12-31], voting: [2099-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
$pp->upsert('wp:1', 'norte-1', ['ciudadano']);
$pp->upsert('wp:2', 'norte', ['ciudadano']);
$pp->upsert('wp:sur', 'sur', ['ciudadano']);
$pp->upsert('wp:vecino', 'norte', ['vecino']);
$pp->upsert('wp:ban', 'norte', ['ciudadano']);
$pp->upsert('mod:1', 'municipio', ['moderador']);
$pp->upsert('of:1', 'municipio', ['funcionario']);
$pp->ban('wp:ban', 'mod:1', 'spam');
$p = $site->process('pp');
$ok = ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 300];

echo "-- the process does not take proposals now\n";
pt_try(fn() => $site->process('consenso')->propose('wp:1', ['id' => 'x', 'name' => 'X']));
pt_try(fn() => $site->process('sin-propuestas')->propose('wp:1', ['id' => 'x', 'name' => 'X']));
pt_try(fn() => $site->process('temprano')->propose('wp:1', ['id' => 'x', 'name' => 'X']));
pt_try(fn() => $site->process('tarde')->propose('wp:1', ['id' => 'x', 'name' => 'X']));
$c = $site->process('cerrado');
$c->close();
pt_try(fn() => $c->propose('wp:1', ['id' => 'x', 'name' => 'X']));

echo "-- who may propose\n";
pt_try(fn() => $p->propose('wp:vecino', $ok));            // role without `propose`
pt_try(fn() => $p->propose('wp:ban', $ok));               // banned
pt_try(fn() => $p->propose('wp:nadie', $ok));             // no territory on record (default role)
pt_try(fn() => $p->propose('wp:sur', $ok));               // lives outside the process's territory
pt_try(fn() => $site->process('consejo')->propose('wp:1', ['id' => 'x', 'name' => 'X']));   // not in the body
pt_try(fn() => $site->process('consejo')->propose('cm:1', ['id' => 'x', 'name' => 'X']));   // a member
pt_try(fn() => $site->process('poll')->propose('wp:sur', ['id' => 'x', 'name' => 'X']));    // no territory rule

echo "-- the option itself\n";
pt_try(fn() => $p->propose('wp:1', ['id' => 'Huerto!', 'name' => 'Huerto', 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'a>b', 'name' => 'Huerto', 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['name' => 'Huerto', 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => '   ', 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => str_repeat('á', 256), 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => "Huerto\x07", 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => "Huerto\xff", 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto']));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 0]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 'mucho']));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 12.5]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 1001]));
pt_try(fn() => $site->process('poll')->propose('wp:1', ['id' => 'x', 'name' => 'X', 'cost' => 10]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 300, 'territory' => 'marte']));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 300, 'territory' => 'sur']));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'title' => 'Huerto', 'cost' => 300]));
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto', 'cost' => 300, 'votos' => 3]));
pt_try(fn() => $p->propose('', $ok));

echo "-- ids already taken\n";
pt_try(fn() => $p->propose('wp:1', ['id' => 'luminarias', 'name' => 'Más luminarias', 'cost' => 300]));   // the YAML's
echo "first: ", $p->propose('wp:1', $ok)['replayed'] ? "replayed" : "stored", "\n";
pt_try(fn() => $p->propose('wp:2', $ok));                                                          // someone else
pt_try(fn() => $p->propose('wp:1', ['id' => 'huerto', 'name' => 'Huerto grande', 'cost' => 300]));  // other content
echo "same again: ", $p->propose('wp:1', $ok)['replayed'] ? "replayed" : "stored", "\n";
$p->propose('wp:2', ['id' => 'banca', 'name' => 'Bancas', 'cost' => 100]);

echo "-- withdrawals\n";
pt_try(fn() => $p->withdraw('wp:1', 'banca', 'no'));                 // no manage_processes
pt_try(fn() => $p->withdraw('of:1', 'luminarias', 'no cabe'));        // the YAML's
pt_try(fn() => $p->withdraw('of:1', 'no-existe', 'no cabe'));
pt_try(fn() => $p->withdraw('of:1', 'NO EXISTE', 'no cabe'));
pt_try(fn() => $p->withdraw('of:1', 'banca', ''));
pt_try(fn() => $p->withdraw('of:1', 'banca', '   '));
pt_try(fn() => $p->withdraw('of:1', 'banca', str_repeat('x', 4001)));
pt_try(fn() => $c->withdraw('of:1', 'x', 'cerrado'));
echo "withdrawn: ", $p->withdraw('of:1', 'banca', "Duplica\nel proyecto luminarias")['status'], "\n";
pt_try(fn() => $p->propose('wp:2', ['id' => 'banca', 'name' => 'Bancas', 'cost' => 100]));   // withdrawn id

echo "-- the limit of proposals\n";
$db = new mysqli(null, 'root', '', 'pt_process_propose_refusals_001', 0, getenv('PARTICIPA_TEST_SOCKET'));
$id = $db->query("SELECT id FROM participa_processes WHERE code = 'pp'")->fetch_row()[0];
$now = gmdate('Y-m-d H:i:s');
for ($i = 0; $i < 498; $i++) {   // 2 proposed above: 500 in all
    $db->query("INSERT INTO participa_process_options (process_id, option_id, name, cost, proposed_by, created_at) "
        . "VALUES ($id, 'relleno-$i', 'Relleno', 1, 'wp:2', '$now')");
}
pt_try(fn() => $p->propose('wp:1', ['id' => 'uno-mas', 'name' => 'Uno más', 'cost' => 10]));
echo "a retry still answers: ", $p->propose('wp:1', $ok)['replayed'] ? "replayed" : "stored", "\n";
echo "options: ", count($p->options()), ", in the vote: ", count($p->info()['candidates']), "\n";
?>
--CLEAN--
<?php require __DIR__ . '/propose_test.inc'; pt_prop_clean('process-propose_refusals-001'); ?>
--EXPECT--
-- the process does not take proposals now
Participa\NotAllowedException: Este proceso se decide con posturas; no tiene opciones que proponer.
Participa\NotAllowedException: Este proceso no recibe propuestas.
Participa\NotAllowedException: La etapa de propuestas aún no abre: empieza el 2098-01-01 00:00.
Participa\NotAllowedException: La etapa de propuestas de este proceso ya terminó.
Participa\NotAllowedException: Este proceso ya cerró; no recibe propuestas.
-- who may propose
Participa\NotAllowedException: No tienes permiso para proponer opciones.
Participa\NotAllowedException: Tu cuenta está suspendida; no puedes proponer opciones.
Participa\NotAllowedException: Para proponer en este proceso necesitas registrar tu territorio (colonia o manzana).
Participa\NotAllowedException: Este proceso es solo para quienes viven en Zona Norte.
Participa\NotAllowedException: Solo integrantes de consejo proponen opciones en este proceso.
ok
ok
-- the option itself
Participa\InvalidArgumentException: El identificador de la opción debe tener de 1 a 64 caracteres (a-z, 0-9, '_', '.', '-') y empezar con una letra o un número.
Participa\InvalidArgumentException: El identificador de la opción debe tener de 1 a 64 caracteres (a-z, 0-9, '_', '.', '-') y empezar con una letra o un número.
Participa\InvalidArgumentException: El identificador de la opción debe tener de 1 a 64 caracteres (a-z, 0-9, '_', '.', '-') y empezar con una letra o un número.
Participa\InvalidArgumentException: El nombre de la opción es obligatorio: un texto de hasta 255 caracteres, sin caracteres de control.
Participa\InvalidArgumentException: El nombre de la opción es obligatorio: un texto de hasta 255 caracteres, sin caracteres de control.
Participa\InvalidArgumentException: El nombre de la opción es obligatorio: un texto de hasta 255 caracteres, sin caracteres de control.
Participa\InvalidArgumentException: El nombre de la opción es obligatorio: un texto de hasta 255 caracteres, sin caracteres de control.
Participa\InvalidArgumentException: El nombre de la opción es obligatorio: un texto de hasta 255 caracteres, sin caracteres de control.
Participa\InvalidArgumentException: El proyecto necesita un costo.
Participa\InvalidArgumentException: El costo del proyecto debe ser una cantidad entera positiva.
Participa\InvalidArgumentException: El costo del proyecto debe ser una cantidad entera positiva.
Participa\InvalidArgumentException: El costo del proyecto debe ser una cantidad entera positiva.
Participa\InvalidArgumentException: El costo del proyecto (1001) excede el presupuesto total (1000).
Participa\InvalidArgumentException: Solo los proyectos de un presupuesto participativo tienen costo.
Participa\InvalidArgumentException: El territorio de la opción no existe.
Participa\InvalidArgumentException: La opción debe quedar dentro de Zona Norte, el territorio del proceso.
ValueError: Participa\Process::propose(): Argument #2 ($option) give "name" or "title", not both
ValueError: Participa\Process::propose(): Argument #2 ($option) may only contain "id", "name" (or "title"), "cost" and "territory"
Participa\InvalidArgumentException: El identificador del participante no es válido: está vacío.
-- ids already taken
Participa\ConflictException: Ya existe una opción con el identificador 'luminarias' en este proceso.
first: stored
Participa\ConflictException: Ya existe una opción con el identificador 'huerto' en este proceso.
Participa\ConflictException: Ya existe una opción con el identificador 'huerto' en este proceso.
same again: replayed
-- withdrawals
Participa\NotAllowedException: No tienes permiso para retirar opciones de este proceso.
Participa\NotAllowedException: La opción 'luminarias' viene de la configuración del sitio; se retira editando la configuración.
Participa\NotFoundException: No existe la opción 'no-existe' propuesta en este proceso.
Participa\NotFoundException: No existe la opción 'NO EXISTE' propuesta en este proceso.
Participa\InvalidArgumentException: Indica el motivo del retiro: un texto de hasta 4000 bytes.
Participa\InvalidArgumentException: Indica el motivo del retiro: un texto de hasta 4000 bytes.
Participa\InvalidArgumentException: Indica el motivo del retiro: un texto de hasta 4000 bytes.
Participa\NotAllowedException: Este proceso ya cerró; sus opciones ya no se pueden retirar.
withdrawn: withdrawn
Participa\ConflictException: La opción 'banca' fue retirada; proponla con otro identificador.
-- the limit of proposals
Participa\NotAllowedException: Este proceso ya recibió el máximo de 500 propuestas.
a retry still answers: replayed
options: 501, in the vote: 500