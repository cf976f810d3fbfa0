--TEST--
Participa\Site::open(): each broken example throws ConfigException at the position participa check prints
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
chdir(PARTICIPA_REPO);   // the .expected files name paths relative to the repository
$files = glob('examples/broken/*.yaml');
echo count($files) >= 10 ? "enough examples\n" : "too few examples\n";
foreach ($files as $yaml) {
    $expected = file(substr($yaml, 0, -5) . '.expected', FILE_IGNORE_NEW_LINES);
    try {
        Participa\Site::open($yaml);
        echo "$yaml: no exception\n";
        continue;
    } catch (Participa\ConfigException $e) {
        $where = "{$e->getFile()}:{$e->getLine()}:{$e->getColumn()}: ";
        $lines = array_map(fn($p) => "{$p['file']}:{$p['line']}:{$p['column']}: {$p['message']}", $e->getProblems());
        if (!str_starts_with($expected[0], $where)) {
            echo "$yaml: thrown at $where, expected {$expected[0]}\n";
        } elseif ($lines !== $expected) {
            echo "$yaml: problems differ from the .expected file\n";
        } elseif (!str_starts_with($e->getMessage(), $expected[0])) {
            echo "$yaml: message does not start with the first problem\n";
        }
    }
}
echo "done\n";
?>
--EXPECT--
enough examples
done
