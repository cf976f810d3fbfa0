--TEST--
Participa\Tally::count(): majority judgment, median grades and the standard tie-break
--EXTENSIONS--
participa
--FILE--
<?php
// A and B share the median 3; removing medians one at a time, B's next
// differing median (4) beats A's (3).
$ga = [1, 2, 3, 3, 4];
$gb = [2, 2, 3, 4, 4];
$ballots = [];
foreach ($ga as $i => $g) {
    $ballots[] = ['A' => $g, 'B' => $gb[$i], 'C' => 1];
}
$r = Participa\Tally::count('majority_judgment', $ballots, ['min' => 0, 'max' => 5]);
echo json_encode([$r->winners, $r->ranking, $r->details['medians']]), "\n";
echo json_encode($r->details['grades']['A']), "\n";
// a missing grade counts as the lowest
$r = Participa\Tally::count('majority_judgment', [['A' => 5], ['A' => 5], ['B' => 3]], ['max' => 5]);
echo json_encode([$r->winners, $r->details['medians']]), "\n";
?>
--EXPECT--
[["B"],[["B"],["A"],["C"]],{"A":3,"B":3,"C":1}]
{"1":1,"2":1,"3":2,"4":1}
[["A"],{"A":5,"B":0}]
