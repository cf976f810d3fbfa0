--TEST--
Participa\Tally::count(): results are never silently wrong (threshold/quorum in (0, 1], signed integer keys, blank ballots in STV)
--EXTENSIONS--
participa
--FILE--
<?php
function attempt(callable $f) {
    try {
        $r = $f();
        return $r;
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        return null;
    }
}
// everyone voted against: a threshold of 0 must not approve the motion
$against = ['no', 'no', 'no'];
foreach ([0, '0', '0/3', 0.0, '0.0', 1.5, '3/2', '1.5', 2, -0.5, NAN, INF, -INF, 1e-9] as $t) {
    attempt(fn() => Participa\Tally::count('majority', $against, ['threshold' => $t]));
}
foreach ([0, '0/1', 1.01, NAN] as $q) {
    attempt(fn() => Participa\Tally::count('majority', $against, ['quorum' => $q, 'eligible' => 10]));
    attempt(fn() => Participa\Tally::count('consensus', $against, ['quorum' => $q, 'eligible' => 10]));
}
attempt(fn() => Participa\Tally::count('consensus', ['agree'], ['threshold' => 0]));
// what is in (0, 1] still works, 1 included
$r = Participa\Tally::count('majority', ['yes', 'yes', 'no'], ['threshold' => '2/3']);
var_dump($r->winners, $r->details['required']);
$r = Participa\Tally::count('majority', ['yes', 'yes', 'no'], ['threshold' => 1]);
var_dump($r->details['outcome']);
$r = Participa\Tally::count('majority', ['yes', 'no'], ['threshold' => 0.5, 'quorum' => '1', 'eligible' => 2]);
var_dump($r->details['outcome'], $r->details['quorum']['met']);
// a huge electorate and a precise fraction: no overflow in 'required'
$r = Participa\Tally::count('majority', ['yes'], ['threshold' => '0.123456789', 'base' => 'eligible', 'eligible' => 1000000000000]);
var_dump($r->details['required']);

// integer keys are signed: candidate -5 is '-5', not 18446744073709551611
$r = Participa\Tally::count('score', [[-5 => 3, 7 => 1], [-5 => 1]], []);
var_dump($r->winners, array_keys($r->details['totals']));
$r = Participa\Tally::count('pb_greedy', [[-5], [-5, 3]], ['budget' => 10, 'projects' => [-5 => 4, 3 => 7]]);
var_dump($r->winners);
$r = Participa\Tally::count('plurality', [[-5], [-5], [3]]);
var_dump($r->winners);

// options passed by reference are dereferenced
$seats = 2; $cands = ['A', 'B', 'C']; $th = '2/3';
$r = Participa\Tally::count('approval', [['A'], ['B', 'A'], ['C']], ['seats' => &$seats, 'candidates' => &$cands]);
echo implode(',', $r->winners), "\n";
$r = Participa\Tally::count('majority', ['yes', 'yes', 'no'], ['threshold' => &$th]);
echo implode(',', $r->winners), "\n";

// blank ballots are not valid votes: Meek and WIGM agree (A, C), nothing is exhausted
$b = [['weight' => 40, 'ballot' => 'A>C'], ['weight' => 30, 'ballot' => 'B'],
      ['weight' => 29, 'ballot' => 'C'], ['weight' => 60, 'ballot' => '']];
foreach (['meek', 'wigm'] as $t) {
    $r = Participa\Tally::count('stv', $b, ['seats' => 2, 'transfer' => $t]);
    printf("%s: %s valid=%d exhausted=%s quota=%s\n", $t, implode(',', $r->winners), $r->details['valid'],
        $r->details['stages'][0]['exhausted'], $t === 'meek' ? $r->details['stages'][0]['quota'] : $r->details['quota']);
}
?>
--EXPECT--
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "quorum" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
ValueError: Participa\Tally::count(): Argument #3 ($options) option "threshold" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'
array(1) {
  [0]=>
  string(8) "approved"
}
int(2)
string(8) "rejected"
string(8) "approved"
bool(true)
int(123456789000)
array(1) {
  [0]=>
  string(2) "-5"
}
array(2) {
  [0]=>
  int(-5)
  [1]=>
  int(7)
}
array(1) {
  [0]=>
  string(2) "-5"
}
array(1) {
  [0]=>
  string(2) "-5"
}
A,B
approved
meek: A,C valid=99 exhausted=0 quota=33.000000001
wigm: A,C valid=99 exhausted=0 quota=34
