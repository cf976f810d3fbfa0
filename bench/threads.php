<?php
/*
 * Deliberation threads at 100,000 comments.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so bench/threads.php [--comments N] [--reps N] [--keep]
 *
 * 1. Generates one thread of N comments (default 100,000): roots with replies
 *    nested up to depth 4, inserted by bulk SQL through mysqli (counters,
 *    reply counts and Wilson scores consistent with what participa keeps).
 * 2. Times page 1 and page 50 (20 roots, their replies to depth 4, 3 per node)
 *    with a warm database, for the 'oldest' and 'top' sorts, and counts the
 *    SQL round trips of each page from Site::stats()['db_executes']. The four
 *    pages are timed in interleaved rounds (--reps, default 200), so a burst
 *    of load on the machine hits all of them alike; medians are printed.
 * 3. Times posting through Thread::post() with the moderation rules on
 *    (phone / e-mail / CURP redaction, a hold and a reject rule) next to a
 *    bare prepared INSERT of the same row (the redacted body and redaction
 *    names post() stores) through mysqli, both with durable commits
 *    (innodb_flush_log_at_trx_commit=1, autocommit), in the same run,
 *    interleaved in blocks (alternating which goes first) so both see the
 *    same disk and cache state; prints the overall ratio and the median of
 *    the per-block ratios (robust to bursts of load on the machine).
 *
 * --keep leaves the database for inspection.
 *
 * Uses the database helper of the PHPT suite (tests/helpers/participa_test.php):
 * it creates and drops database pt_bench_threads.
 */
require __DIR__ . '/../tests/helpers/participa_test.php';
require __DIR__ . '/lib/threads_bench.php';

$n = 100000;
$reps = 200;
foreach ($argv as $i => $a) {
    if ($a === '--comments' && isset($argv[$i + 1])) {
        $n = max(1000, (int) $argv[$i + 1]);
    }
    if ($a === '--reps' && isset($argv[$i + 1])) {
        $reps = max(5, (int) $argv[$i + 1]);
    }
}
if (participa_test_server() === null) {
    fwrite(STDERR, "set PARTICIPA_TEST_SOCKET (or PARTICIPA_TEST_DSN) to a MariaDB server\n");
    exit(2);
}
ini_set('memory_limit', '2G');

$yaml = threads_bench_yaml();

$site = Participa\Site::open(participa_test_config('bench_threads', $yaml));
$site->migrate();
$thread = $site->thread('commitment', 'PAL-07');
$tid = $thread->info()['id'];
$db = participa_test_admin('pt_bench_threads');
$db->query("SET SESSION unique_checks = 1");
$flush = $db->query("SELECT @@innodb_flush_log_at_trx_commit")->fetch_row()[0];

/* ---- 1. generate ------------------------------------------------------- */

function wilson(int $up, int $down): float
{
    $n = $up + $down;
    if ($n === 0) {
        return 0.0;
    }
    $z = 1.959964;
    $p = $up / $n;
    return ($p + $z * $z / (2 * $n) - $z * sqrt(($p * (1 - $p) + $z * $z / (4 * $n)) / $n)) / (1 + $z * $z / $n);
}

mt_srand(42);
$t0 = hrtime(true);
$perRoot = 20;                       // a root and 19 replies
$roots = intdiv($n, $perRoot);
$base = strtotime('2026-01-01 00:00:00');
$id = 0;
$rows = [];
$batch = [];
$flushRows = function () use (&$batch, $db) {
    if (!$batch) {
        return;
    }
    $db->query('INSERT INTO participa_comments (id, thread_id, parent_id, root_id, depth, author, body, status, public, '
        . 'up_count, down_count, reply_count, wilson, controversial, created_at) VALUES ' . implode(',', $batch));
    $batch = [];
};
$published = 0;
for ($r = 0; $r < $roots; $r++) {
    // one root and its subtree: each reply picks a parent among the nodes
    // above depth 4 so far (earlier nodes, so times increase down the tree)
    $nodes = [];
    for ($k = 0; $k < $perRoot && $id < $n; $k++) {
        $id++;
        if ($k === 0) {
            $parent = 0;
            $depth = 0;
        } else {
            $candidates = array_keys(array_filter($nodes, fn($x) => $x['depth'] < 4));
            $pid = $candidates[mt_rand(0, count($candidates) - 1)];
            $parent = $pid;
            $depth = $nodes[$pid]['depth'] + 1;
            $nodes[$pid]['replies']++;
        }
        $up = mt_rand(0, 20);
        $down = mt_rand(0, 8);
        $nodes[$id] = ['parent' => $parent, 'depth' => $depth, 'replies' => 0, 'up' => $up, 'down' => $down,
            'at' => $base + $r * 60 + $k];
    }
    $rootId = array_key_first($nodes);
    foreach ($nodes as $cid => $x) {
        $controversy = ($x['up'] > 0 && $x['down'] > 0) ? ($x['up'] + $x['down']) ** (min($x['up'], $x['down']) / max($x['up'], $x['down'])) : 0.0;
        $batch[] = sprintf("(%d,%d,%d,%d,%d,'wp:%d','Comentario generado %d sobre el alumbrado de la calle %d','published',1,%d,%d,%d,%.17g,%.17g,'%s.%06d')",
            $cid, $tid, $x['parent'], $x['parent'] ? $rootId : 0, $x['depth'], mt_rand(1, 5000), $cid, mt_rand(1, 300),
            $x['up'], $x['down'], $x['replies'], wilson($x['up'], $x['down']), $controversy,
            gmdate('Y-m-d H:i:s', $x['at']), $cid % 1000000);
        $published++;
        if (count($batch) === 2000) {
            $flushRows();
        }
    }
}
$flushRows();
$db->query("UPDATE participa_threads SET published_count = $published, root_count = $roots WHERE id = $tid");
$db->query("ANALYZE TABLE participa_comments");
$genMs = (hrtime(true) - $t0) / 1e6;
$count = $db->query("SELECT COUNT(*), MAX(depth) FROM participa_comments WHERE thread_id = $tid")->fetch_row();
printf("generated %d comments (%d roots, replies to depth %d) in %.1f s\n", $count[0], $roots, $count[1], $genMs / 1000);

/* ---- 2. pages ---------------------------------------------------------- */

function executes(): int
{
    return Participa\Site::stats()['db_executes'];
}

function count_comments(array $cs): int
{
    $k = 0;
    foreach ($cs as $c) {
        $k += 1 + count_comments($c['replies']);
    }
    return $k;
}

$cases = [];
foreach (['oldest', 'top'] as $sort) {
    $opts = ['sort' => $sort, 'limit' => 20, 'viewer' => 'wp:17'];
    $cases["$sort 1"] = $opts;
    $cursor = null;
    for ($i = 1; $i < 50; $i++) {
        $cursor = $thread->page($opts + ['cursor' => $cursor])['next'];
    }
    $cases["$sort 50"] = $opts + ['cursor' => $cursor];
}
$times = [];
$trips = [];
$rows = [];
foreach ($cases as $k => $opts) {
    $thread->page($opts);   // warm: statements prepared, pages in the buffer pool
    $thread->page($opts);
}
for ($i = 0; $i < $reps; $i++) {
    foreach ($cases as $k => $opts) {
        // the previous page is freed before the clock starts: assigning over
        // it inside the timed region charged this page with destroying the
        // last one's ~250 arrays
        unset($p);
        $e = executes();
        $s = hrtime(true);
        $p = $thread->page($opts);
        $times[$k][] = (hrtime(true) - $s) / 1e6;
        $trips[$k] = executes() - $e;
        $rows[$k] = count_comments($p['comments']);
    }
}
$med = [];
foreach ($times as $k => $ts) {
    sort($ts);
    $med[$k] = $ts[intdiv(count($ts), 2)];
}
printf("\npage of 20 roots with replies (depth 4, 3 per node), warm, median of %d interleaved rounds:\n", $reps);
foreach (['oldest', 'top'] as $sort) {
    printf("  %-7s page 1: %6.2f ms, %d round trips, %d comments | page 50: %6.2f ms, %d round trips, %d comments\n",
        $sort, $med["$sort 1"], $trips["$sort 1"], $rows["$sort 1"], $med["$sort 50"], $trips["$sort 50"], $rows["$sort 50"]);
}

/* ---- 3. posting ------------------------------------------------------- */

// The bare INSERT stores the same row Thread::post() stores: same table and
// indexes, same columns, the redacted body and the redaction names post()
// stores, its own created_at from the server clock; autocommit, so each row
// is one durable commit like each post. Only the author differs (unique per
// row on every side, like a new participant per post).
//
// Sides, interleaved in blocks (the order rotates every block):
//   post        Thread::post() of a root, moderation on (the bench's YAML):
//               the one-statement root (schema 007), which leaves the
//               thread's counters to the occasional fold (included here)
//   reply       Thread::post() of a reply to a root of the generated thread
//               (the procedure: it keeps the parent's reply count)
//   rate        as post, through a Site whose YAML also sets rate_limit: 10/h
//               (the procedure, whose exact limit adds a locking read)
//   full        as post with participa.post_fast_path=0: the client-side
//               transaction (START, facts, INSERT, counters, COMMIT)
//   stmt        a reference, not participa: the post side's own statement
//               (INSERT ... SELECT ... LOCK IN SHARE MODE RETURNING, as in
//               ext/io/thread/thread_store.c) through mysqli: what the server's
//               checks cost, without participa's client work (moderation,
//               the answer) and without the folds
//   bare        the bare prepared INSERT (mysqli)
//   floor       a reference, not participa: a procedure that only inserts
//               the same row and adds it to the thread's counters in one
//               transaction (START, UPDATE, INSERT, COMMIT, the new id),
//               with no check at all: the least any design that counts in
//               the write transaction can cost (the procedure paths do).
$body = THREADS_BENCH_BODY;
$first = $thread->post('wp:first', $body);
$storedBody = $first['body'];
$storedRedactions = implode(',', $first['redactions']);
$stmt = $db->prepare("INSERT INTO participa_comments (thread_id, parent_id, root_id, depth, author, body, alignment, "
    . "status, public, rule, rule_message, redactions, idempotency_key, created_at) "
    . "VALUES (?, 0, 0, 0, ?, ?, NULL, 'published', 1, NULL, NULL, ?, NULL, UTC_TIMESTAMP(6))");
$db->autocommit(true);
$db->query("DROP PROCEDURE IF EXISTS bench_floor_post");
$db->query("CREATE PROCEDURE bench_floor_post(IN p_thread BIGINT UNSIGNED, "
    . "IN p_author VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, "
    . "IN p_body MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, "
    . "IN p_redactions VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin) "
    . "BEGIN START TRANSACTION; "
    . "UPDATE participa_threads SET published_count = published_count + 1, root_count = root_count + 1 WHERE id = p_thread; "
    . "INSERT INTO participa_comments (thread_id, parent_id, root_id, depth, author, body, alignment, status, public, "
    . "rule, rule_message, redactions, idempotency_key, created_at) VALUES (p_thread, 0, 0, 0, p_author, p_body, NULL, "
    . "'published', 1, NULL, NULL, p_redactions, NULL, UTC_TIMESTAMP(6)); "
    . "COMMIT; SELECT LAST_INSERT_ID(); END");
$floor = $db->prepare("CALL bench_floor_post(?, ?, ?, ?)");
$own = $db->prepare("INSERT INTO participa_comments (thread_id, parent_id, root_id, depth, author, body, alignment, "
    . "status, public, redactions, idempotency_key, created_at, counted_at_insert) "
    . "SELECT t.id, 0, 0, 0, ?, ?, NULL, 'published', 1, ?, NULL, UTC_TIMESTAMP(6), 0 "
    . "FROM participa_threads t LEFT JOIN participa_participants p ON p.id = ? "
    . "WHERE t.id = ? AND t.premoderate = 0 AND (p.status IS NULL OR p.status <> 'banned') "
    . "LOCK IN SHARE MODE RETURNING id, created_at");
$rateSite = Participa\Site::open(participa_test_config('bench_threads',
    str_replace('rate_limit: none', 'rate_limit: 10/h', $yaml), false));
$rateThread = $rateSite->thread('commitment', 'PAL-07');
$replyTo = (int) $db->query("SELECT id FROM participa_comments WHERE thread_id = $tid AND parent_id = 0 ORDER BY id LIMIT 1 OFFSET 100")->fetch_row()[0];
$sides = ['post', 'reply', 'rate', 'full', 'floor', 'stmt', 'bare'];
$blocks = 20;
$per = 50;
$sum = array_fill_keys($sides, 0.0);
$blockRatios = array_fill_keys($sides, []);
$k = 0;
for ($b = 0; $b < $blocks; $b++) {
    $order = array_merge(array_slice($sides, $b % count($sides)), array_slice($sides, 0, $b % count($sides)));
    $ms = [];
    foreach ($order as $side) {
        ini_set('participa.post_fast_path', $side === 'full' ? '0' : '1');
        $s = hrtime(true);
        for ($i = 0; $i < $per; $i++) {
            $k++;
            switch ($side) {
                case 'post':
                case 'full':
                    $thread->post("wp:$side$k", $body);
                    break;
                case 'reply':
                    $thread->post("wp:reply$k", $body, ['parent' => $replyTo]);
                    break;
                case 'rate':
                    $rateThread->post("wp:rate$k", $body);
                    break;
                case 'floor':
                    $author = "wp:floor$k";
                    $floor->bind_param('isss', $tid, $author, $storedBody, $storedRedactions);
                    $floor->execute();
                    $floor->get_result()->fetch_row();
                    while ($floor->more_results()) {
                        $floor->next_result();
                    }
                    break;
                case 'stmt':
                    $author = "wp:stmt$k";
                    $own->bind_param('ssssi', $author, $storedBody, $storedRedactions, $author, $tid);
                    $own->execute();
                    $own->get_result()->fetch_row();
                    break;
                default:
                    $author = "wp:bare$k";
                    $stmt->bind_param('isss', $tid, $author, $storedBody, $storedRedactions);
                    $stmt->execute();
            }
        }
        $ms[$side] = (hrtime(true) - $s) / 1e6;
    }
    ini_set('participa.post_fast_path', '1');
    foreach ($sides as $side) {
        $sum[$side] += $ms[$side];
        $blockRatios[$side][] = $ms[$side] / $ms['bare'];
    }
}
$total = $blocks * $per;
$trips = [];
foreach (['post' => [], 'reply' => ['parent' => $replyTo]] as $side => $opts) {
    $e = executes();
    $thread->post("wp:trips$side", $body, $opts);
    $trips[$side] = executes() - $e;
}
ini_set('participa.post_fast_path', '0');
$e = executes();
$thread->post('wp:tripsfull', $body);
$trips['full'] = executes() - $e;
ini_set('participa.post_fast_path', '1');
$redacted = $db->query("SELECT body FROM participa_comments WHERE author = 'wp:post1'")->fetch_row()[0];
// (the bare side inserts rows without counting them, as a bare INSERT does;
// they are left out of the recount, and the 'floor' side counts its own)
$recount = (int) $db->query("SELECT COUNT(*) FROM participa_comments WHERE thread_id = $tid "
    . "AND status = 'published' AND author NOT LIKE 'wp:bare%'")->fetch_row()[0];
// (the stmt side's rows are unfolded roots like the post side's: counted)
$seen = $thread->page(['limit' => 1])['counts']['published'];
$db->query("CALL participa_fold_thread_counts($tid)");
$stored = (int) $db->query("SELECT published_count FROM participa_threads WHERE id = $tid")->fetch_row()[0];
$check = $seen === $recount && $stored === $recount;
$db->query("DROP PROCEDURE IF EXISTS bench_floor_post");
printf("\nposting (innodb_flush_log_at_trx_commit=%s, %d each, interleaved in blocks of %d):\n", $flush, $total, $per);
$labels = [
    'post' => sprintf('Thread::post() root, moderation on (%d round trip)', $trips['post']),
    'reply' => sprintf('Thread::post() reply (%d round trip)', $trips['reply']),
    'rate' => 'Thread::post() root, rate limit 10/h on',
    'full' => sprintf('full transaction, post_fast_path=0 (%d + START/COMMIT)', $trips['full']),
    'floor' => 'reference: INSERT + counters only, one CALL (no checks)',
    'stmt' => "reference: the root's own statement through mysqli",
    'bare' => 'bare prepared INSERT (mysqli, autocommit)',
];
foreach ($sides as $side) {
    sort($blockRatios[$side]);
    if ($side === 'bare') {
        printf("  %-56s %.3f ms\n", $labels[$side], $sum[$side] / $total);
    } else {
        printf("  %-56s %.3f ms  ratio to bare %.2f (median of %d block ratios %.2f)\n", $labels[$side],
            $sum[$side] / $total, $sum[$side] / $sum['bare'], $blocks, $blockRatios[$side][intdiv($blocks, 2)]);
    }
}
printf("  root post / its statement alone %.2f (participa's client work and the folds); "
    . "reply / floor %.2f\n", $sum['post'] / $sum['stmt'], $sum['reply'] / $sum['floor']);
printf("  stored body: %s\n", $redacted);
printf("  published count page() reports, and the stored counter after a fold, equal a recount of the rows (%d): %s\n",
    $recount, $check ? 'yes' : 'NO');

$db->close();
if (!in_array('--keep', $argv, true)) {
    participa_test_drop('bench_threads');
}
