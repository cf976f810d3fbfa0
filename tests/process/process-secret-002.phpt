--TEST--
Participa\Process::close(): no counter joins a voter to a secret ballot after close (versions, idempotency keys' versions, earlier versions); public processes keep theirs (issue 13, item 1)
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$site = pt_proc_site('process-secret-002', <<<P
  - { id: sec, title: Secreta, kind: election, method: plurality, candidates: [a, b, c], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: pub, title: Pública, kind: poll, method: plurality, candidates: [a, b, c], vote_changes: true,
      secrecy: public, phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$pp = $site->participants();
$db = participa_test_admin('pt_process_secret_002');
$q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
foreach (['sec', 'pub'] as $code) {
    $p = $site->process($code);
    $pid = pt_process_db_id($db, $code);
    // wp:N changes their vote N-1 times, each request with its own key
    foreach (range(1, 6) as $n) {
        $pp->upsert("wp:$n", 'norte', ['ciudadano']);
        for ($k = 1; $k <= $n; $k++) {
            $p->cast("wp:$n", ['a', 'b', 'c'][($n + $k) % 3], ['idempotency_key' => "wp$n-$k"]);
        }
    }
    $links = fn() => $q("SELECT COUNT(*) FROM participa_cast_keys k JOIN participa_ballot_box b
        ON b.process_id = k.process_id AND b.version = k.version WHERE k.process_id = $pid AND b.version > 1");
    // how many times each person voted (their keys) against each ballot's version
    $byCount = fn() => $q("SELECT COUNT(*) FROM (SELECT participant_id, COUNT(*) n FROM participa_cast_keys
        WHERE process_id = $pid GROUP BY participant_id) c JOIN participa_ballot_box b ON b.process_id = $pid AND b.version = c.n AND c.n > 1");
    echo "-- $code, open: key version = ballot version: ", $links(), "; key count = ballot version: ", $byCount(),
        "; earlier versions: ", $q("SELECT COUNT(*) FROM participa_ballot_versions WHERE process_id = $pid"), "\n";
    $p->close();
    echo "   closed: key version = ballot version: ", $links(), "; key count = ballot version: ", $byCount(),
        "; earlier versions: ", $q("SELECT COUNT(*) FROM participa_ballot_versions WHERE process_id = $pid"),
        "; distinct ballot versions: ", $q("SELECT COUNT(DISTINCT version) FROM participa_ballot_box WHERE process_id = $pid"),
        "; voter receipts: ", $q("SELECT COUNT(*) FROM participa_voters WHERE process_id = $pid AND ballot_ref IS NOT NULL"), "\n";
    $r = $p->results();
    echo "   counted: {$r['ballots']} ballots, winner {$r['winners'][0]}\n";
}
// a retried request after close no longer shows the receipt, from any object
pt_try(fn() => Participa\Site::open(sys_get_temp_dir() . '/participa-test-process-secret-002.yaml')->process('sec')
    ->cast('wp:3', 'a', ['idempotency_key' => 'wp3-1']));
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-secret-002'); ?>
--EXPECT--
-- sec, open: key version = ballot version: 15; key count = ballot version: 5; earlier versions: 15
   closed: key version = ballot version: 0; key count = ballot version: 0; earlier versions: 0; distinct ballot versions: 1; voter receipts: 0
   counted: 6 ballots, winner a
-- pub, open: key version = ballot version: 15; key count = ballot version: 5; earlier versions: 15
   closed: key version = ballot version: 15; key count = ballot version: 5; earlier versions: 15; distinct ballot versions: 6; voter receipts: 6
   counted: 6 ballots, winner a
Participa\NotAllowedException: La votación de este proceso ya cerró.
