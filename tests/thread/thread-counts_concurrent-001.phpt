--TEST--
Thread::page() counts: exact after 4 workers post roots into one thread while 2 others fold its counters and a moderator hides and restores (one-statement roots, schema 007)
--EXTENSIONS--
participa
pcntl
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$yaml = str_replace('rate_limit: 5/h', 'rate_limit: none', threads_test_yaml());
$path = participa_test_config('thread_counts_concurrent_001', $yaml);
$site = Participa\Site::open($path);
$site->migrate();
$t = $site->thread('commitment', 'PAL-07');
$tid = $t->info()['id'];
$first = $t->post('wp:0', 'La primera');

// 7 workers started together by a pipe barrier (not the clock)
$codes = threads_test_race(7, function (int $w) use ($path) {
    $s = Participa\Site::open($path);
    $th = $s->thread('commitment', 'PAL-07');
    $th->info();
    return [$s, $th, participa_test_admin('pt_thread_counts_concurrent_001')];
}, function (int $w, array $ready) use ($tid, $first) {
    [$s, $th, $folder] = $ready;
    try {
        for ($i = 0; $i < 150; $i++) {
            if ($w < 4) {
                $th->post("wp:w$w", "Raíz $w-$i");
            } elseif ($w <= 5) {
                $folder->query("CALL participa_fold_thread_counts($tid)");
            } elseif ($i % 2 === 0) {
                $s->moderation()->hide($first['id'], 'wp:mod', 'prueba');
            } else {
                $s->moderation()->restore($first['id'], 'wp:mod', 'prueba');
            }
        }
        return 0;
    } catch (Throwable $e) {
        fwrite(STDERR, "worker $w: " . $e->getMessage() . "\n");
        return 1;
    }
});
$failed = count(array_filter($codes));
echo "workers failed: $failed\n";
// opened after the fork: a mysqli connection a child inherits is closed by its exit
$db = participa_test_admin('pt_thread_counts_concurrent_001');
$rows = implode(' ', array_map('intval', $db->query("SELECT SUM(status = 'published'), SUM(status = 'hidden'), "
    . "SUM(depth = 0 AND public = 1) FROM participa_comments WHERE thread_id = $tid")->fetch_row()));
$c = $t->page(['viewer' => 'wp:mod', 'limit' => 1])['counts'];
echo "rows: $rows\n";
echo "seen equals rows: ", "{$c['published']} {$c['hidden']} {$c['roots']}" === $rows ? 'yes' : "NO ({$c['published']} {$c['hidden']} {$c['roots']})", "\n";
$db->query("CALL participa_fold_thread_counts($tid)");
$stored = implode(' ', $db->query("SELECT published_count, hidden_count, root_count FROM participa_threads WHERE id = $tid")->fetch_row());
echo "stored after a last fold equals rows: ", $stored === $rows ? 'yes' : "NO ($stored)", "\n";
participa_test_drop('thread_counts_concurrent_001');
?>
--EXPECT--
workers failed: 0
rows: 601 0 601
seen equals rows: yes
stored after a last fold equals rows: yes
