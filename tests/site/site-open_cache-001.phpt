--TEST--
Participa\Site::open(): 1,000 opens parse the file once; a changed file is reloaded
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$yaml = "site:\n  name: Caché\ndatabase:\n  socket: /tmp/x.sock\n  name: p\n  user: p\n";
$path = participa_test_yaml('site-open_cache-001', $yaml, participa_test_unique_path('site-open_cache-001'));
$before = Participa\Site::stats();
for ($i = 0; $i < 1000; $i++) {
    $site = Participa\Site::open($path);
}
$after = Participa\Site::stats();
echo "parses: ", $after['config_parses'] - $before['config_parses'], "\n";
echo "cache hits: ", $after['config_cache_hits'] - $before['config_cache_hits'], "\n";

// A Site opened before the change keeps its configuration; the next open sees the new file.
$old = Participa\Site::open($path);
file_put_contents($path, str_replace('Caché', 'Recargado', $yaml));
clearstatcache();   // "Recargado" is longer than "Caché": the size tells the cache, no clock needed
$new = Participa\Site::open($path);
echo $old->info()['name'], " -> ", $new->info()['name'], "\n";
echo "parses: ", Participa\Site::stats()['config_parses'] - $after['config_parses'], "\n";
Participa\Site::open($path);
echo "parses: ", Participa\Site::stats()['config_parses'] - $after['config_parses'], "\n";
unset($old, $site);
echo $new->info()['name'], "\n";
unlink($path);
?>
--EXPECT--
parses: 1
cache hits: 999
Caché -> Recargado
parses: 1
parses: 1
Recargado
