--TEST--
Tally::count('pb_equal_shares'): Equal Shares with Add1 funds exactly what Assen and Świecie funded
--EXTENSIONS--
participa
--SKIPIF--
<?php
$dir = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../../shared') . '/data/pabulib';
if (!is_file("$dir/Poland_Swiecie_2023.pb")) die('skip shared/data/pabulib not found');
?>
--FILE--
<?php
$dir = (getenv('PARTICIPA_SHARED_DIR') ?: __DIR__ . '/../../../shared') . '/data/pabulib';
foreach (['Netherlands_Assen_2024', 'Poland_Swiecie_2023'] as $name) {
    $d = Participa\Pabulib::read("$dir/$name.pb");
    $projects = array_map(fn($p) => $p['cost'], $d['projects']);
    $ballots = array_values(array_map(fn($v) => $v['vote'], $d['votes']));
    $r = Participa\Tally::count('pb_equal_shares', $ballots,
        ['budget' => (int)$d['meta']['budget'], 'projects' => $projects, 'completion' => 'add1']);
    $city = array_map('strval', array_keys(array_filter($d['projects'], fn($p) => $p['selected'] === '1')));
    $ours = array_map('strval', $r->winners);
    sort($city);
    sort($ours);
    $cost = array_sum(array_map(fn($id) => $projects[$id], $r->winners));
    printf("%s: %d funded, same as the city: %s, cost %d <= %s\n", $name, count($ours),
        $ours === $city ? 'yes' : 'NO', $cost, $d['meta']['budget']);
}
?>
--EXPECT--
Netherlands_Assen_2024: 9 funded, same as the city: yes, cost 76700 <= 100000
Poland_Swiecie_2023: 17 funded, same as the city: yes, cost 1040337 <= 1070000
