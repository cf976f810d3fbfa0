<?php
// Benchmark: loading the configuration of a municipality at Iztapalapa's scale
// (examples/iztapalapa-large.yaml: 13 directorates, 130 territories, 6,500
// blocks) — the first Site::open() in a worker parses and validates it, every
// later one is a cache hit costing one stat(). Also times the territory
// containment check used for eligibility, against a pure-PHP parent walk
// measured in the same run.
//
//   php -d extension=modules/participa.so bench/site_open.php [config.yaml]

$path = $argv[1] ?? __DIR__ . '/../examples/iztapalapa-large.yaml';
if (!is_file($path)) {
    fwrite(STDERR, "no $path: run scripts/gen-large-example\n");
    exit(1);
}

function ms(float $seconds): string { return sprintf('%.3f ms', $seconds * 1000); }

// First load: parse + validate (what a worker pays once per file change).
$t = hrtime(true);
$site = Participa\Site::open($path);
$first = (hrtime(true) - $t) / 1e9;
$info = $site->info();
printf("config: %s (%d territories, %d roles)\n", basename($path), $info['territories'], $info['roles']);
printf("first Site::open() (parse + validate): %s\n", ms($first));

// Forced reloads, to average the parse cost over several runs.
$runs = 20;
$t = hrtime(true);
for ($i = 0; $i < $runs; $i++) {
    touch($path, time() + 10 + $i);
    clearstatcache();
    Participa\Site::open($path);
}
$reload = (hrtime(true) - $t) / 1e9 / $runs;
printf("reload after touch, mean of %d: %s\n", $runs, ms($reload));

// Cached opens.
$n = 100000;
$t = hrtime(true);
for ($i = 0; $i < $n; $i++) {
    Participa\Site::open($path);
}
$cached = (hrtime(true) - $t) / 1e9 / $n;
printf("cached Site::open(), mean of %d: %.2f us (%.0fx cheaper than a parse)\n", $n, $cached * 1e6, $reload / $cached);
$stats = Participa\Site::stats();
printf("parses in this process: %d, cache hits: %d\n", $stats['config_parses'], $stats['config_cache_hits']);

// Containment: participa's O(1) nested-set check vs walking parents in PHP.
$ids = [];
$parent = [];
$walk = function (array $nodes, ?string $p) use (&$walk, &$ids, &$parent) {
    foreach ($nodes as $node) {
        $ids[] = $node['id'];
        $parent[$node['id']] = $p;
        $walk($node['children'], $node['id']);
    }
};
$walk($site->territories(), null);
mt_srand(42);
$pairs = [];
for ($i = 0; $i < 200000; $i++) {
    $pairs[] = [$ids[mt_rand(0, count($ids) - 1)], $ids[mt_rand(0, 143)]];
}
$t = hrtime(true);
$yes = 0;
foreach ($pairs as [$inner, $outer]) {
    $yes += $site->territoryWithin($inner, $outer) ? 1 : 0;
}
$native = (hrtime(true) - $t) / 1e9;
$t = hrtime(true);
$yesPhp = 0;
foreach ($pairs as [$inner, $outer]) {
    for ($x = $inner; $x !== null; $x = $parent[$x]) {
        if ($x === $outer) { $yesPhp++; break; }
    }
}
$php = (hrtime(true) - $t) / 1e9;
printf("containment, %d checks: participa %s (%.0f ns each), PHP parent walk %s; ratio %.1fx; same answers: %s\n",
    count($pairs), ms($native), $native / count($pairs) * 1e9, ms($php), $php / $native, $yes === $yesPhp ? 'yes' : 'NO');
