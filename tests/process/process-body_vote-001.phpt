--TEST--
Participa\Process: a council vote held by a body of bodies: only its members in office on the vote's first day vote (through the one-round-trip cast and the full path alike); a resident with the vote permission, a member whose term ended and an unknown id are refused; quorum and majority over the body's electorate
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$members = '';
foreach (range(1, 5) as $i) {
    $members .= "      - { participant: \"c:$i\", role: vocal, sector: citizen, start: 2019-06-01, end: 2030-12-31 }\n";
}
$members .= "      - { participant: \"c:6\", role: vocal, sector: government, start: 2019-01-01, end: 2019-12-31 }\n";
$site = pt_proc_site('tb-body-vote-001', <<<P
  - { id: consejo, title: Consejo, kind: council_vote, method: majority, options: { threshold: absolute },
      electorate: 5, quorum: 1/2, results_visibility: live, phases: { voting: [2020-01-01, 2099-12-31] } }
bodies:
  - id: cm
    name: el Consejo Municipal
    votes: { processes: [consejo], role: enlace }
    members:
$members
P);
$pp = $site->participants();
$pp->upsert('wp:1', 'norte', ['ciudadano']);      // may vote elsewhere, not a member
$pp->upsert('c:1', 'sur', []);
$c = $site->process('consejo');
foreach (['wp:1', 'c:6', 'x:9'] as $who) {
    try {
        $c->cast($who, 'yes');
        echo "$who: cast\n";
    } catch (Participa\Exception $e) {
        echo "$who: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
$c->cast('c:1', 'yes');
$c->cast('c:2', 'yes');
echo $c->results()['details']['outcome'], "\n";   // 2 of 5: no quorum
$c->cast('c:3', 'yes');
$r = $c->results();
echo $r['details']['outcome'], " with ", $r['ballots'], " ballots\n";
participa_test_drop('tb-body-vote-001');
?>
--EXPECT--
wp:1: Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso.
c:6: Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso.
x:9: Participa\NotAllowedException: Solo integrantes de el Consejo Municipal participan en este proceso.
no_quorum
approved with 3 ballots
