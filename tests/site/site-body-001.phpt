--TEST--
Participa\Site::body(): a council fed by two boards' results and the INAI rule of a Technical Secretariat on a date (members in office, quorum, rotation, sectors, the rule and its problem); every refusal: unknown body, a date that is not one, and a bodies: section that breaks a rule
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
// the example against the test server (the council's seats are read from the boards' stored counts: none yet)
$yaml = preg_replace('/\A.*?\nterritories:/s', "territories:", file_get_contents(PARTICIPA_REPO . '/examples/bodies-slp.yaml'));
$site = Participa\Site::open(participa_test_config('tresp-site-body-001', $yaml));
$site->migrate();

$c = $site->body('consejo', '2026-04-10');
echo "{$c['name']}: {$c['members']} in office, quorum {$c['quorum']}, votes ", implode(',', $c['votes']), "\n";
foreach ($c['seats'] as $s) {
    printf("  %s %s %s %s..%s %s\n", $s['participant'] ?? '(winner of ' . $s['process'] . ')', $s['role'], $s['sector'],
        $s['start'], $s['end'], $s['in_office'] ? 'in office' : 'out');
}
// before the boards' term only the YAML member sits
echo "march: ", $site->body('consejo', '2026-03-15')['members'], " in office\n";

foreach (['2026-03-15', '2026-07-15', '2026-08-01', '2027-01-01'] as $d) {
    $b = $site->body('stl', $d);
    printf("%s: %d members, quorum %d, rotation %s, transparency %d, rules %s%s\n", $d, $b['members'], $b['quorum'],
        $b['rotation'] ?? '-', $b['sectors']['transparency'], $b['rules_met'] ? 'met' : 'not met',
        $b['problem'] ? " ({$b['problem']})" : '');
}

// refusals
foreach ([['nada', '2026-01-01'], ['stl', '2026-02-30'], ['stl', '10/04/2026'], ['stl', '']] as [$id, $d]) {
    try {
        $site->body($id, $d);
        echo "no exception\n";
    } catch (Participa\Exception $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
// a configuration whose body breaks a rule is refused at its line and column (examples/broken/bad-bodies.yaml
// lists every rule; site-open_broken-001 compares all of them)
try {
    Participa\Site::open(PARTICIPA_REPO . '/examples/broken/bad-bodies.yaml');
} catch (Participa\ConfigException $e) {
    echo count($e->getProblems()), " problems, first at {$e->getLine()}:{$e->getColumn()}\n";
}
try {
    Participa\Site::open(PARTICIPA_REPO . '/examples/broken/bad-responsibilities.yaml');
} catch (Participa\ConfigException $e) {
    echo count($e->getProblems()), " problems, first at {$e->getLine()}:{$e->getColumn()}\n";
}
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('tresp-site-body-001'); ?>
--EXPECT--
Consejo Municipal de Participación: 1 in office, quorum 1, votes consejo-2026-04
  wp:10 secretaria-tecnica government 2026-01-01..2027-12-31 in office
  (winner of junta-d001) presidencia citizen 2026-04-01..2029-03-31 out
  (winner of junta-d002) presidencia citizen 2026-04-01..2029-03-31 out
march: 1 in office
2026-03-15: 3 members, quorum 2, rotation wp:20, transparency 1, rules met
2026-07-15: 2 members, quorum 1, rotation wp:21, transparency 0, rules not met (Secretariado Técnico Local necesita al menos 1 integrante(s) del sector transparency y tiene 0)
2026-08-01: 3 members, quorum 2, rotation wp:21, transparency 1, rules met
2027-01-01: 0 members, quorum 0, rotation -, transparency 0, rules not met (Secretariado Técnico Local necesita al menos 1 integrante(s) del sector government y tiene 0)
Participa\NotFoundException: No existe el órgano «nada».
Participa\InvalidArgumentException: La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).
Participa\InvalidArgumentException: La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).
Participa\InvalidArgumentException: La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).
17 problems, first at 32:58
7 problems, first at 22:5
