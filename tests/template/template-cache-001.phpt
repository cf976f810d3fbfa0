--TEST--
Participa\Template: the compiled-template cache is bounded in bytes and entries, evicts the least recently used, never evicts what the running call uses, and compiles what does not fit for one call only
--EXTENSIONS--
participa
--FILE--
<?php
use Participa\Template;

$info = Template::cacheInfo();
printf("límites: %d plantillas, %d bytes, %d por plantilla\n", $info['max_entries'], $info['max_bytes'], $info['max_entry_bytes']);
$max = $info['max_bytes'];
// ~64 KB of source, 8,000 ops: about 320 KB compiled and cached (source, ops and key).
$big = fn($i) => str_repeat("<p>$i {{x}}</p>\n", 4000);
$delta = function ($before) {
    $now = Template::cacheInfo();
    return implode(' ', array_map(fn($k) => "$k+" . ($now[$k] - $before[$k]), ['hits', 'misses', 'evictions', 'uncached']));
};

// 1. 300 distinct templates: the cache never holds more than its bytes and entries.
$peak = 0;
$before = Template::cacheInfo();
for ($i = 0; $i < 300; $i++) {
    $out = Template::render($big($i), ['x' => 'a']);
    if ($out !== str_repeat("<p>$i a</p>\n", 4000)) echo "salida incorrecta en $i\n";
    $peak = max($peak, Template::cacheInfo()['bytes']);
}
$info = Template::cacheInfo();
echo "entradas <= 256: ", var_export($info['entries'] <= 256, true), "; bytes <= máximo: ", var_export($peak <= $max, true),
    "; casi lleno: ", var_export($peak > $max / 2, true), "\n";
echo $delta($before), "\n";

// 2. Least recently used first: A stays while it is used, B (used once) goes.
$a = '<p>A {{x}}</p>';
$b = '<p>B {{x}}</p>';
Template::render($b, ['x' => 1]);
Template::render($a, ['x' => 1]);
$before = Template::cacheInfo();
for ($i = 300; $i < 400; $i++) {
    Template::render($big($i), ['x' => 'a']);
    if ($i % 5 == 0) Template::render($a, ['x' => 2]);
}
echo "A usada 20 veces entre 100 nuevas: ", $delta($before), "\n";
$before = Template::cacheInfo();
echo Template::render($a, ['x' => 3]), Template::render($b, ['x' => 3]), "\n";
echo "A sigue, B salió: ", $delta($before), "\n";

// 3. Larger than one entry may be: compiled for the call, freed after it, compiled again next time.
$huge = str_repeat("<li>{{x}}</li>", intdiv($info['max_entry_bytes'], 40));
$before = Template::cacheInfo();
echo strlen(Template::render($huge, ['x' => 'y'])), ' ', strlen(Template::render($huge, ['x' => 'y'])), "\n";
echo "demasiado grande: ", $delta($before), "\n";

// 4. One call using more than the whole cache: 40 partials of ~320 KB compiled. Loading the
// later ones must not evict the earlier ones (or the main template) while the call runs.
$partials = [];
$main = '';
for ($i = 0; $i < 40; $i++) {
    $partials["p$i"] = $big(1000 + $i);
    $main .= "{{>p$i}}";
}
$main .= '<p>{{x}}</p>';
$before = Template::cacheInfo();
$out = Template::render($main, ['x' => 'z'], $partials);
$expect = '';
for ($i = 0; $i < 40; $i++) $expect .= str_repeat("<p>" . (1000 + $i) . " z</p>\n", 4000);
echo "llamada mayor que la caché: ", var_export($out === $expect . '<p>z</p>', true), ', ',
    var_export(Template::cacheInfo()['bytes'] <= $max, true), "\n";
$d = Template::cacheInfo();
echo "sin caché en esa llamada: ", var_export($d['uncached'] > $before['uncached'], true), "\n";

// 5. The process's memory stays bounded: 60 distinct templates of 0.9 MB (each about 1.8 MB cached)
// would keep 108 MB with a cache bounded only by its number of entries.
$rss = function () {
    return preg_match('/^VmRSS:\s+(\d+) kB/m', (string) @file_get_contents('/proc/self/status'), $m) ? (int) $m[1] * 1024 : 0;
};
if (getenv('USE_ZEND_ALLOC') === '0' || !$rss()) {
    echo "memoria acotada\n";   // under valgrind (or without /proc) the resident size says nothing
} else {
    $r0 = $rss();
    for ($i = 0; $i < 60; $i++) {
        $src = str_repeat(chr(65 + $i % 26), 900000) . "{{x}}$i";
        if (Template::render($src, ['x' => '']) !== substr($src, 0, 900000) . $i) echo "salida incorrecta\n";
        unset($src);
    }
    $grown = $rss() - $r0;
    echo $grown < 48 * 1024 * 1024 ? "memoria acotada\n" : "creció " . intdiv($grown, 1048576) . " MB\n";
}
$info = Template::cacheInfo();
echo "al final: ", var_export($info['entries'] <= 256 && $info['bytes'] <= $max, true), "\n";
?>
--EXPECTF--
límites: 256 plantillas, 8388608 bytes, 2097152 por plantilla
entradas <= 256: true; bytes <= máximo: true; casi lleno: true
hits+0 misses+300 evictions+%d uncached+0
A usada 20 veces entre 100 nuevas: hits+20 misses+100 evictions+%d uncached+0
<p>A 3</p><p>B 3</p>
A sigue, B salió: hits+1 misses+1 evictions+%d uncached+0
%d %d
demasiado grande: hits+0 misses+2 evictions+0 uncached+2
llamada mayor que la caché: true, true
sin caché en esa llamada: true
memoria acotada
al final: true
