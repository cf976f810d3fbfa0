--TEST--
Participa\Site::open(): a 200,000-deep chain of parent: territories is a configuration error, not a crash; 64 levels work
--EXTENSIONS--
participa
--FILE--
<?php
// Before: the chain loaded, and Site::territories() built 200,000 nested
// PHP arrays whose destruction overflowed the worker's stack (SIGSEGV).
function chain(int $n): string
{
    $yaml = "site:\n  name: Cadena\ndatabase:\n  socket: /run/mysqld/mysqld.sock\n  name: p\n  user: p\nterritories:\n";
    $yaml .= "  - { id: t0, name: T }\n";
    for ($i = 1; $i < $n; $i++) {
        $yaml .= "  - { id: t$i, name: T, parent: t" . ($i - 1) . " }\n";
    }
    return $yaml;
}
// 200,000 levels take half a second of CPU; under valgrind (run-tests -m)
// minutes, so there 2,000 (the C test runs 200,000 under ASan).
$n = getenv('USE_ZEND_ALLOC') === '0' ? 2000 : 200000;
$path = tempnam(sys_get_temp_dir(), 'participa-deep-');
file_put_contents($path, chain($n));
try {
    $site = Participa\Site::open($path);
    $tree = $site->territories();
    unset($tree, $site);
    echo "opened\n";
} catch (Participa\ConfigException $e) {
    foreach ($e->getProblems() as $p) {
        // t64 is on line 8 + 64 whatever the length of the chain
        echo "{$p['line']}:{$p['column']}: {$p['message']}\n";
    }
}
file_put_contents($path, chain(64));
clearstatcache();
$site = Participa\Site::open($path);
$node = $site->territories()[0];
for ($depth = 1; $node['children']; $depth++) {
    $node = $node['children'][0];
}
echo "$depth levels, deepest ", $node['id'], ", depth ", $site->territory('t63')['depth'], "\n";
unlink($path);
?>
--EXPECT--
72:33: territory 't64' is nested 65 levels deep; territories may nest at most 64 levels (check the chain of parent: entries above it)
64 levels, deepest t63, depth 63
