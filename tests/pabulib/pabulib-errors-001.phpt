--TEST--
Participa\Pabulib: bad content is InvalidArgumentException with the line, I/O is RuntimeException
--EXTENSIONS--
participa
--FILE--
<?php
$tmp = tempnam(sys_get_temp_dir(), 'pb');
$cases = [
    "PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\na;1\nb;1,9\n",
    "PROJECTS\nproject_id;cost\n1;5\n1;6\nVOTES\nvoter_id;vote\n",
    "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;cinco\nVOTES\nvoter_id;vote\n",
    "PROJECTS\nproject_id;cost;name\n1;5\nVOTES\nvoter_id;vote\n",
    "PROJECTS\nproject_id;cost\n1;5;\"abierta\nVOTES\nvoter_id;vote\n",
    "hola\n",
    "PROJECTS\nproject_id;cost\n1;5\n",
];
foreach ($cases as $c) {
    file_put_contents($tmp, $c);
    try {
        Participa\Pabulib::read($tmp);
        echo "read\n";
    } catch (Participa\InvalidArgumentException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Participa\Pabulib::read(__DIR__ . '/does-not-exist.pb');
} catch (Participa\RuntimeException $e) {
    echo get_class($e), "\n";
}
foreach ([
    ['projects' => [], 'votes' => []],
    ['projects' => ['1' => ['cost' => 5]], 'votes' => ['a' => ['vote' => ['2']]]],
    ['projects' => ['1' => ['cost' => 'mucho']], 'votes' => []],
    ['projects' => ['1' => ['cost' => 5]]],
    ['projects' => ['1' => ['cost' => 5, 'name' => 'None']], 'votes' => []],
    ['projects' => ['1' => 'x'], 'votes' => []],
    ['projects' => ['1' => ['name' => 'sin costo']], 'votes' => []],
] as $data) {
    try {
        Participa\Pabulib::write($tmp, $data);
        echo "written\n";
    } catch (Participa\InvalidArgumentException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Participa\Pabulib::write('/nonexistent-dir/x.pb', ['projects' => ['1' => ['cost' => 5]], 'votes' => []]);
} catch (Participa\RuntimeException $e) {
    echo get_class($e), "\n";
}
unlink($tmp);
?>
--EXPECT--
Participa\InvalidArgumentException: line 7: vote names unknown project "9"
Participa\InvalidArgumentException: line 4: duplicate project_id "1"
Participa\InvalidArgumentException: line 6: cost must be a non-negative number
Participa\InvalidArgumentException: line 3: 2 fields where the header has 3
Participa\InvalidArgumentException: line 3: unterminated quoted field
Participa\InvalidArgumentException: line 1: expected META, PROJECTS or VOTES
Participa\InvalidArgumentException: the file needs PROJECTS and VOTES sections
Participa\RuntimeException
written
Participa\InvalidArgumentException: line 8: vote names unknown project "2"
Participa\InvalidArgumentException: line 5: cost must be a non-negative number
Participa\InvalidArgumentException: Pabulib::write(): the data has no 'votes'
Participa\InvalidArgumentException: pabulib: the text "None" cannot be written (it reads back as absent)
Participa\InvalidArgumentException: Pabulib::write(): each entry of 'projects' must be an array of columns
Participa\InvalidArgumentException: line 5: cost must be a non-negative number
Participa\RuntimeException
