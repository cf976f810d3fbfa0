<?php
/*
 * Simultaneous posters in one thread: throughput of Thread::post() (roots,
 * moderation on) next to a bare prepared INSERT of the same row, with 1, 2
 * and 4 worker processes, in the same run.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so bench/threads_concurrent.php [--posts N]
 *
 * Each worker opens its own connection, waits for a common start instant,
 * and stores --posts rows (default 600) as fast as it can; the figure is
 * rows per second from the start instant to the last worker's exit. The
 * bare side runs before and after each post side and their mean is the
 * baseline. Durable commits (innodb_flush_log_at_trx_commit as the server
 * has it, printed). A root post does not write the thread row (schema 007),
 * so posters do not take turns on it; 'full' (participa.post_fast_path=0,
 * the client-side transaction that counts in the thread row) is printed
 * for comparison.
 *
 * Uses database pt_bench_threads_concurrent (created and dropped).
 */
require __DIR__ . '/../tests/helpers/participa_test.php';
require __DIR__ . '/lib/threads_bench.php';

$posts = 600;
foreach ($argv as $i => $a) {
    if ($a === '--posts' && isset($argv[$i + 1])) {
        $posts = max(50, (int) $argv[$i + 1]);
    }
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}
$yaml = threads_bench_yaml();
$path = participa_test_config('bench_threads_concurrent', $yaml);
$site = Participa\Site::open($path);
$site->migrate();
$body = THREADS_BENCH_BODY;
$first = $site->thread('commitment', 'PAL-07')->post('wp:first', $body);
$stored = [$first['body'], implode(',', $first['redactions'])];
unset($site);

function run_side(string $side, int $workers, int $posts, string $path, string $body, array $stored): float
{
    $start = microtime(true) + 0.3;
    $pids = [];
    for ($w = 0; $w < $workers; $w++) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            $site = Participa\Site::open($path);
            $t = $site->thread('commitment', 'PAL-07');
            $tid = $t->info()['id'];
            $db = participa_test_admin('pt_bench_threads_concurrent');
            $st = $db->prepare("INSERT INTO participa_comments (thread_id, parent_id, root_id, depth, author, body, "
                . "alignment, status, public, redactions, idempotency_key, created_at) "
                . "VALUES (?, 0, 0, 0, ?, ?, NULL, 'published', 1, ?, NULL, UTC_TIMESTAMP(6))");
            ini_set('participa.post_fast_path', $side === 'full' ? '0' : '1');
            time_sleep_until($start);
            for ($i = 0; $i < $posts; $i++) {
                $author = "wp:$side$w-$i";
                if ($side === 'bare') {
                    $st->bind_param('isss', $tid, $author, $stored[0], $stored[1]);
                    $st->execute();
                } else {
                    $t->post($author, $body);
                }
            }
            exit(0);
        }
        $pids[] = $pid;
    }
    $failed = 0;
    foreach ($pids as $pid) {
        pcntl_waitpid($pid, $status);
        $failed += pcntl_wexitstatus($status) !== 0;
    }
    if ($failed) {
        fwrite(STDERR, "$failed $side workers failed\n");
        exit(1);
    }
    return $workers * $posts / (microtime(true) - $start);
}

$admin = participa_test_admin('pt_bench_threads_concurrent');
printf("one thread, %d rows per worker, innodb_flush_log_at_trx_commit=%s\n", $posts,
    $admin->query("SELECT @@innodb_flush_log_at_trx_commit")->fetch_row()[0]);
$admin->close();
foreach ([1, 2, 4] as $workers) {
    $line = [];
    foreach (['post', 'full'] as $side) {
        $before = run_side('bare', $workers, $posts, $path, $body, $stored);
        $rate = run_side($side, $workers, $posts, $path, $body, $stored);
        $after = run_side('bare', $workers, $posts, $path, $body, $stored);
        $bare = ($before + $after) / 2;
        $line[] = sprintf("%s %.0f/s (%.2f of bare %.0f/s)", $side, $rate, $rate / $bare, $bare);
    }
    printf("  %d worker%s: %s\n", $workers, $workers > 1 ? 's' : ' ', implode('; ', $line));
}
$site = Participa\Site::open($path);
$t = $site->thread('commitment', 'PAL-07');
$admin = participa_test_admin('pt_bench_threads_concurrent');
$recount = (int) $admin->query("SELECT COUNT(*) FROM participa_comments WHERE status = 'published' "
    . "AND author NOT LIKE 'wp:bare%'")->fetch_row()[0];
printf("  published count page() reports equals a recount of the rows (%d): %s\n", $recount,
    $t->page(['limit' => 1])['counts']['published'] === $recount ? 'yes' : 'NO');
$admin->close();
participa_test_drop('bench_threads_concurrent');
