--TEST--
Participa\Tally::count(): a tally of raw ballot strings equals the tally of the same ballots grouped with weights, written as lists, or with more candidates than a compact profile holds
--EXTENSIONS--
participa
--FILE--
<?php
// Raw strings take the fast paths (the mask table, compact keys, irv's sets, stv's piles);
// grouped {weight, ballot} ballots keep weights (no piles), lists of ids and tiers go through
// the general parser. All must give the same result; only details.ballots counts the rows.
mt_srand(17);
function ballot(array $ids): string
{
    shuffle($ids);
    $k = mt_rand(0, 9) === 0 ? 0 : mt_rand(1, count($ids));
    $s = '';
    for ($i = 0; $i < $k; $i++) {
        $s .= ($i ? (mt_rand(0, 7) === 0 ? '=' : '>') : '') . $ids[$i];
    }
    return $s;
}
function as_list(string $s): array
{
    if ($s === '') {
        return [];
    }
    return array_map(fn($g) => str_contains($g, '=') ? explode('=', $g) : $g, explode('>', $s));
}
function same(Participa\TallyResult $a, Participa\TallyResult $b): bool
{
    $x = $a->toArray();
    $y = $b->toArray();
    unset($x['details']['ballots'], $y['details']['ballots']);
    return $x === $y;
}
$cases = [['schulze', []], ['irv', []], ['stv', ['seats' => 2]], ['stv', ['seats' => 3, 'quota' => 'hare']],
    ['stv', ['seats' => 2, 'transfer' => 'meek']], ['borda', []], ['ranked_pairs', []]];
foreach ([5, 10, 14, 18] as $m) {
    $ids = array_slice(str_split('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 0, $m);
    $raw = [];
    for ($i = 0; $i < 3000; $i++) {
        $raw[] = mt_rand(0, 2) === 0 ? 'A>' . ballot(array_slice($ids, 1)) : ballot($ids);
    }
    $raw = array_map(fn($s) => rtrim($s, '>'), $raw);
    $grouped = [];
    foreach (array_count_values($raw) as $s => $n) {
        $grouped[] = ['weight' => $n, 'ballot' => (string)$s];
    }
    $lists = array_map('as_list', $raw);
    foreach ($cases as [$method, $opts]) {
        $a = Participa\Tally::count($method, $raw, $opts);
        $b = Participa\Tally::count($method, $grouped, $opts);
        $c = Participa\Tally::count($method, $lists, $opts);
        printf("%2d %-12s %-40s %s %s %s\n", $m, $method, json_encode($opts), same($a, $b) ? 'same' : 'DIFFERENT',
            same($a, $c) ? 'same' : 'DIFFERENT', implode(',', $a->winners));
    }
}
?>
--EXPECTF--
 5 schulze      []                                       same same %s
 5 irv          []                                       same same %s
 5 stv          {"seats":2}                              same same %s
 5 stv          {"seats":3,"quota":"hare"}               same same %s
 5 stv          {"seats":2,"transfer":"meek"}            same same %s
 5 borda        []                                       same same %s
 5 ranked_pairs []                                       same same %s
10 schulze      []                                       same same %s
10 irv          []                                       same same %s
10 stv          {"seats":2}                              same same %s
10 stv          {"seats":3,"quota":"hare"}               same same %s
10 stv          {"seats":2,"transfer":"meek"}            same same %s
10 borda        []                                       same same %s
10 ranked_pairs []                                       same same %s
14 schulze      []                                       same same %s
14 irv          []                                       same same %s
14 stv          {"seats":2}                              same same %s
14 stv          {"seats":3,"quota":"hare"}               same same %s
14 stv          {"seats":2,"transfer":"meek"}            same same %s
14 borda        []                                       same same %s
14 ranked_pairs []                                       same same %s
18 schulze      []                                       same same %s
18 irv          []                                       same same %s
18 stv          {"seats":2}                              same same %s
18 stv          {"seats":3,"quota":"hare"}               same same %s
18 stv          {"seats":2,"transfer":"meek"}            same same %s
18 borda        []                                       same same %s
18 ranked_pairs []                                       same same %s
