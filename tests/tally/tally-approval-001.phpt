--TEST--
Participa\Tally::count(): approval, score (total and mean) and plurality with seats
--EXTENSIONS--
participa
--FILE--
<?php
$r = Participa\Tally::count('approval', [['A', 'C'], ['B'], ['C', 'B'], 'C', []], ['max_choices' => 2]);
echo json_encode([$r->winners, $r->ranking, $r->details['approvals']]), "\n";
$scores = [['A' => 10, 'B' => 4], ['A' => 0, 'B' => 6, 'C' => 9], ['B' => 5]];
$r = Participa\Tally::count('score', $scores);
echo json_encode([$r->winners, $r->details['totals']]), "\n";
$r = Participa\Tally::count('score', $scores, ['aggregate' => 'mean']);
echo json_encode([$r->winners, $r->ranking, $r->details['means']]), "\n";
$r = Participa\Tally::count('plurality', ['A', 'B', 'A', 'C', 'B', 'A', 'A=B>C', ''], ['seats' => 2]);
echo json_encode([$r->winners, $r->details['counts'], $r->details['blank']]), "\n";
?>
--EXPECT--
[["C"],[["C"],["B"],["A"]],{"A":1,"C":3,"B":2}]
[["B"],{"A":10,"B":15,"C":9}]
[["C"],[["C"],["A","B"]],{"A":5,"B":5,"C":9}]
[["A","B"],{"A":3,"B":2,"C":1},2]
