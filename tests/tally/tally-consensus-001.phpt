--TEST--
Participa\Tally::count(): consensus with a block, a voice-only facilitator and a quorum
--EXTENSIONS--
participa
--FILE--
<?php
$opts = ['voice_only_roles' => ['facilitador'], 'block_requires_reason' => true];
$ballots = [
    ['stance' => 'agree', 'role' => 'vecina', 'voter' => 'ana'],
    ['stance' => 'agree', 'role' => 'vecino', 'voter' => 'beto'],
    ['stance' => 'abstain', 'role' => 'vecina', 'voter' => 'carla'],
    ['stance' => 'block', 'role' => 'facilitador', 'voter' => 'dora', 'reason' => 'falta el dictamen'],
];
$r = Participa\Tally::count('consensus', $ballots, $opts);
echo json_encode([$r->winners, $r->details['outcome'], $r->details['counts']]), "\n";
echo json_encode($r->details['voice_only']), "\n";
$ballots[] = ['stance' => 'block', 'role' => 'vecino', 'voter' => 'eli', 'reason' => 'afecta el parque'];
$r = Participa\Tally::count('consensus', $ballots, $opts);
echo json_encode([$r->winners, $r->details['outcome'], $r->details['blocks'][0]['reason']]), "\n";
try {
    Participa\Tally::count('consensus', [['stance' => 'block', 'role' => 'vecino']], $opts);
} catch (Participa\InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$r = Participa\Tally::count('consensus', array_slice($ballots, 0, 3), $opts + ['eligible' => 10, 'quorum' => '1/2']);
echo json_encode([$r->winners, $r->details['outcome'], $r->details['quorum']]), "\n";
?>
--EXPECT--
[["approved"],"approved",{"agree":2,"abstain":1,"disagree":0,"block":0}]
[{"index":3,"voter":"dora","role":"facilitador","stance":"block","reason":"falta el dictamen","weight":1}]
[[],"blocked","afecta el parque"]
Participa\InvalidArgumentException: boleta 0: un bloqueo debe dar una razón
[[],"no_quorum",{"required":5,"took_part":3,"met":false}]
