--TEST--
Participa\Site::open() and ::check(): each broken example gives the problems participa check prints
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
chdir(PARTICIPA_REPO);   // the .expected files name paths relative to the repository
$files = glob('examples/broken/*.yaml');
echo count($files) >= 10 ? "enough examples\n" : "too few examples\n";
$format = fn($p) => "{$p['file']}:{$p['line']}:{$p['column']}: {$p['message']}";
foreach ($files as $yaml) {
    $expected = file(substr($yaml, 0, -5) . '.expected', FILE_IGNORE_NEW_LINES);
    // Site::check() is participa check: every problem, the moderation probe included
    if (array_map($format, Participa\Site::check($yaml)) !== $expected) {
        echo "$yaml: Site::check() differs from the .expected file\n";
    }
    // Site::open() makes every check but the probe (a slow rule is held at run time)
    $opening = array_values(array_filter($expected,
        fn($l) => !preg_match("/: moderation rule '[^']*'(: the pattern (backtracks|does too much)| matches any comment)/", $l)));
    try {
        Participa\Site::open($yaml);
        if ($opening) {
            echo "$yaml: no exception\n";
        }
        continue;
    } catch (Participa\ConfigException $e) {
        $where = "{$e->getFile()}:{$e->getLine()}:{$e->getColumn()}: ";
        $lines = array_map($format, $e->getProblems());
        if (!$opening) {
            echo "$yaml: Site::open() threw: {$e->getMessage()}\n";
        } elseif (!str_starts_with($opening[0], $where)) {
            echo "$yaml: thrown at $where, expected {$opening[0]}\n";
        } elseif ($lines !== $opening) {
            echo "$yaml: problems differ from the .expected file\n";
        } elseif (!str_starts_with($e->getMessage(), $opening[0])) {
            echo "$yaml: message does not start with the first problem\n";
        }
    }
}
echo "done\n";
?>
--EXPECT--
enough examples
done
