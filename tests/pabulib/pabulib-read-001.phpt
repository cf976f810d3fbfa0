--TEST--
Participa\Pabulib::read(): the four real instances, shape and counts
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
foreach (['Netherlands_Assen_2024', 'Poland_Swiecie_2023', 'Poland_Warszawa_2019_Zacisze',
          'France_Toulouse_2022_6_-_Saint-Cyprien'] as $name) {
    $d = Participa\Pabulib::read("$dir/$name.pb");
    // the file's own num_projects / num_votes agree with what was read
    printf("%-40s projects=%d/%s votes=%d/%s budget=%s\n", $name, count($d['projects']),
        $d['meta']['num_projects'], count($d['votes']), $d['meta']['num_votes'], $d['meta']['budget']);
    // approvals counted from VOTES match the PROJECTS votes column
    $count = [];
    foreach ($d['votes'] as $v) {
        foreach ($v['vote'] as $p) {
            $count[$p] = ($count[$p] ?? 0) + 1;
        }
    }
    $ok = true;
    foreach ($d['projects'] as $id => $p) {
        $ok = $ok && (int)$p['votes'] === ($count[$id] ?? 0) && is_int($p['cost']);
    }
    var_dump($ok);
}
$d = Participa\Pabulib::read("$dir/Poland_Swiecie_2023.pb");
var_dump(array_keys($d), $d['projects']['c1']['cost'], $d['votes']['v1']['vote']);
$t = Participa\Pabulib::read("$dir/France_Toulouse_2022_6_-_Saint-Cyprien.pb");
var_dump($t['projects'][37]['cost'], $t['meta']['max_length']);
?>
--EXPECT--
Netherlands_Assen_2024                   projects=14/14 votes=84/84 budget=100000
bool(true)
Poland_Swiecie_2023                      projects=22/22 votes=2553/2553 budget=1070000
bool(true)
Poland_Warszawa_2019_Zacisze             projects=14/14 votes=454/454 budget=400000
bool(true)
France_Toulouse_2022_6_-_Saint-Cyprien   projects=10/10 votes=436/436 budget=400000.0
bool(true)
array(3) {
  [0]=>
  string(4) "meta"
  [1]=>
  string(8) "projects"
  [2]=>
  string(5) "votes"
}
int(68000)
array(5) {
  [0]=>
  string(2) "c1"
  [1]=>
  string(2) "c2"
  [2]=>
  string(3) "c11"
  [3]=>
  string(3) "c21"
  [4]=>
  string(3) "c20"
}
int(40000)
string(1) "3"
