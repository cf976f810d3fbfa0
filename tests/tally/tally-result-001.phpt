--TEST--
Participa\TallyResult: readonly properties, toArray() is JSON-ready, not instantiable or serializable
--EXTENSIONS--
participa
--FILE--
<?php
$r = Participa\Tally::count('borda', [['A', ['B', 'C']], 'C', 'C>A']);
var_dump($r instanceof Participa\TallyResult, $r->method);
echo json_encode($r->toArray()), "\n";
try {
    $r->winners = [];
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
try {
    $r->extra = 1;
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
try {
    serialize($r);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
// candidates in first-seen order, or as given
echo json_encode(array_keys(Participa\Tally::count('plurality', ['Z', 'Y', 'Z'])->details['counts'])), "\n";
echo json_encode(Participa\Tally::count('plurality', ['Z'], ['candidates' => ['Y', 'Z', 'X']])->details['counts']), "\n";
?>
--EXPECT--
bool(true)
string(5) "borda"
{"method":"borda","winners":["C"],"ranking":[["C"],["A"],["B"]],"details":{"points":{"A":3.5,"B":1,"C":4.5},"ballots":3,"weight":3},"tieBreaks":[]}
Cannot modify readonly property Participa\TallyResult::$winners
Cannot create dynamic property Participa\TallyResult::$extra
Serialization of 'Participa\TallyResult' is not allowed
["Z","Y"]
{"Y":0,"Z":1,"X":0}
