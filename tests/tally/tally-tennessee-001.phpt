--TEST--
Participa\Tally::count(): the Tennessee capital example under plurality, IRV, Borda and the Condorcet methods
--EXTENSIONS--
participa
--FILE--
<?php
$ballots = [
    ['weight' => 42, 'ballot' => ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville']],
    ['weight' => 26, 'ballot' => ['Nashville', 'Chattanooga', 'Knoxville', 'Memphis']],
    ['weight' => 15, 'ballot' => ['Chattanooga', 'Knoxville', 'Nashville', 'Memphis']],
    ['weight' => 17, 'ballot' => ['Knoxville', 'Chattanooga', 'Nashville', 'Memphis']],
];
foreach (['plurality', 'irv', 'borda', 'schulze', 'ranked_pairs', 'copeland'] as $m) {
    $r = Participa\Tally::count($m, $ballots);
    printf("%-12s %s  (%s)\n", $m, implode(',', $r->winners),
        implode(' > ', array_map(fn($t) => implode('=', $t), $r->ranking)));
}
$r = Participa\Tally::count('borda', $ballots);
print_r($r->details['points']);
$r = Participa\Tally::count('irv', $ballots);
foreach ($r->details['rounds'] as $round) {
    echo $round['round'], ': ', json_encode($round['tallies']), ' ',
        $round['eliminated'] ?? ('elected ' . $round['elected']), "\n";
}
echo json_encode(Participa\Tally::count('plurality', $ballots)->details['counts']), "\n";
?>
--EXPECT--
plurality    Memphis  (Memphis > Nashville > Knoxville > Chattanooga)
irv          Knoxville  (Knoxville > Memphis > Nashville > Chattanooga)
borda        Nashville  (Nashville > Chattanooga > Memphis > Knoxville)
schulze      Nashville  (Nashville > Chattanooga > Knoxville > Memphis)
ranked_pairs Nashville  (Nashville > Chattanooga > Knoxville > Memphis)
copeland     Nashville  (Nashville > Chattanooga > Knoxville > Memphis)
Array
(
    [Memphis] => 126
    [Nashville] => 194
    [Chattanooga] => 173
    [Knoxville] => 107
)
1: {"Memphis":42,"Nashville":26,"Chattanooga":15,"Knoxville":17} Chattanooga
2: {"Memphis":42,"Nashville":26,"Knoxville":32} Nashville
3: {"Memphis":42,"Knoxville":58} elected Knoxville
{"Memphis":42,"Nashville":26,"Chattanooga":15,"Knoxville":17}
