--TEST--
Participa\Process::exportBallots('pabulib', ['pot' => ...]): one Pabulib file per district (its projects, budget and ballots, each restricted to the pot) that Participa\Pabulib::read() reads back and whose count by Participa\Tally equals the process's result for that pot, with pb_greedy; an unknown pot and the option on another format are refused (issue 19, item 3)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/district_test.inc';
$site = pt_proc_site('process-district-002', pt_district_processes('pb_greedy'));
pt_district_people($site);
$p = $site->process('pp');
foreach ([['n:1', ['n-parque', 'n-luz', 'c-biblio']], ['n:2', ['n-luz', 'c-bici']], ['n:3', ['n-parque']],
          ['n:4', ['n-huerto']], ['s:1', ['s-cancha', 'c-bici']], ['s:2', ['s-mercado']],
          ['m:1', ['c-bici']]] as [$who, $ballot]) {
    pt_try(fn() => $p->cast($who, $ballot));
}
pt_try(fn() => $p->cast('s:3', ['s-cancha', 's-mercado', 'c-bici']));   // 900 > 800: greedy limits it too
$p->close();
$p->tally();
$res = $p->results();
$byPot = array_column($res['details']['pots'], null, 'pot');
foreach (['norte', 'sur', 'municipio'] as $id) {
    $path = participa_test_unique_path("process-district-002-$id", '.pb');
    file_put_contents($path, $p->exportBallots('pabulib', ['pot' => $id]));
    $pb = Participa\Pabulib::read($path);
    unlink($path);
    $m = $pb['meta'];
    printf("%s: unit %s, subunit %s, pot %s, budget %s, %s projects (%s), %s votes\n", $id, $m['unit'],
        $m['subunit'] ?? '-', $m['pot'], $m['budget'], $m['num_projects'], implode(' ', array_keys($pb['projects'])), $m['num_votes']);
    $costs = array_map(fn($x) => (int)$x['cost'], $pb['projects']);
    $votes = array_values(array_map(fn($v) => $v['vote'], $pb['votes']));
    $r = Participa\Tally::count('pb_greedy', $votes, ['budget' => (int)$m['budget'], 'projects' => $costs])->toArray();
    echo "  file's count = process's pot: ", $r['winners'] === $byPot[$id]['winners'] ? 'yes' : 'no', " (", implode(' ', $r['winners']), ")\n";
    echo "  digest of the whole box: ", $m['digest_sha256'] === $res['digest'] ? 'yes' : 'no', "\n";
}
foreach ([fn() => $p->exportBallots('pabulib', ['pot' => 'oriente']), fn() => $p->exportBallots('csv', ['pot' => 'norte']),
          fn() => $p->exportBallots('pabulib', ['pot' => 7])] as $f) {
    try { $f(); echo "no refusal\n"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
$whole = $p->exportBallots('pabulib');
echo "whole file: ", preg_match('/num_votes;(\d+)/', $whole, $mm) ? $mm[1] : '?', " votes\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-district-002'); ?>
--EXPECT--
ok v1
ok v1
ok v1
ok v1
ok v1
ok v1
ok v1
Participa\InvalidArgumentException: Boleta inválida: los proyectos elegidos de Zona Sur cuestan 900 en total y su presupuesto es de 800.
norte: unit Municipio, subunit Zona Norte, pot norte, budget 1000, 3 projects (n-parque n-luz n-huerto), 4 votes
  file's count = process's pot: yes (n-luz n-parque)
  digest of the whole box: yes
sur: unit Municipio, subunit Zona Sur, pot sur, budget 800, 2 projects (s-cancha s-mercado), 2 votes
  file's count = process's pot: yes (s-mercado)
  digest of the whole box: yes
municipio: unit Municipio, subunit -, pot municipio, budget 2000, 2 projects (c-biblio c-bici), 4 votes
  file's count = process's pot: yes (c-bici)
  digest of the whole box: yes
Participa\NotFoundException: No existe la bolsa 'oriente' en este proceso.
Participa\InvalidArgumentException: La opción 'pot' solo se aplica a la exportación pabulib.
TypeError: La opción 'pot' debe ser una cadena (se recibió int).
whole file: 7 votes
