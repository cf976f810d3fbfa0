--TEST--
Participa\Pabulib::write(): round trip of the real instances and of built data
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
$tmp = tempnam(sys_get_temp_dir(), 'pb');
foreach (glob("$dir/*.pb") as $file) {
    $d = Participa\Pabulib::read($file);
    Participa\Pabulib::write($tmp, $d);
    var_dump(Participa\Pabulib::read($tmp) === $d);
}
// built by hand: quoting, None, missing cells, points, int ids
$data = [
    'meta' => ['description' => 'Presupuesto participativo; colonia "Centro"', 'budget' => 1000,
               'vote_type' => 'cumulative', 'comment' => null],
    'projects' => [
        1 => ['cost' => 600, 'name' => "Parque\nnuevo"],
        'b2' => ['cost' => 450.5, 'name' => 'Biblioteca', 'category' => 'cultura'],
    ],
    'votes' => [
        'v1' => ['vote' => ['1', 'b2'], 'points' => [3, 2]],
        'v2' => ['vote' => [], 'points' => []],
        7 => ['vote' => '1', 'points' => '5'],
    ],
];
Participa\Pabulib::write($tmp, $data);
echo file_get_contents($tmp);
$back = Participa\Pabulib::read($tmp);
var_dump($back['projects'][1]['name'] === "Parque\nnuevo", $back['projects']['b2']['cost'],
    $back['projects'][1]['category'], $back['votes'][7], $back['meta']['comment']);
unlink($tmp);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
META
key;value
description;"Presupuesto participativo; colonia ""Centro"""
budget;1000
vote_type;cumulative
comment;None
PROJECTS
project_id;cost;name;category
1;600;"Parque
nuevo";None
b2;450.5;Biblioteca;cultura
VOTES
voter_id;vote;points
v1;1,b2;3,2
v2;;
7;1;5
bool(true)
float(450.5)
NULL
array(2) {
  ["vote"]=>
  array(1) {
    [0]=>
    string(1) "1"
  }
  ["points"]=>
  array(1) {
    [0]=>
    int(5)
  }
}
NULL
