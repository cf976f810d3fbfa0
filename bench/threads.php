<?php
/*
 * Deliberation threads at 100,000 comments.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock php -d extension=modules/participa.so bench/threads.php [--comments N] [--reps N] [--conversation N] [--keep]
 *
 * 1. Generates one thread of N comments (default 100,000): roots with replies
 *    nested up to depth 4, inserted by bulk SQL through mysqli (counters,
 *    reply counts and Wilson scores consistent with what participa keeps).
 *    With --conversation C (default 4,000; 0: none) a second thread of N
 *    comments too: the same generator for N - k*C comments, then one
 *    conversation of C replies on each of the k roots the pages below show
 *    first (a root per sort and page, the same root counted once): half of
 *    them direct replies to the root's first reply (a node with ~C/2
 *    replies), the rest anywhere below it to depth 4. They hang below the
 *    root's reply, so the root's own keys (reply count, scores, time) and so
 *    its place in every sort stay as they were.
 * 2. Times page 1 and page 50 (20 roots, their replies to depth 4, 3 per node)
 *    with a warm database, for every sort, on the thread without and the
 *    thread with the conversations, and counts the SQL round trips of each
 *    page from Site::stats()['db_executes']. Next to each page, the bare
 *    SQL: the statements that page sent (captured once from the server's
 *    general log, parameters in place) prepared through mysqli and run and
 *    fetched whole, in the same rounds. Every page and its bare SQL are timed
 *    in interleaved rounds (--reps, default 200; which goes first alternates),
 *    so a burst of load on the machine hits all of them alike; medians are
 *    printed, with the ratio and whether the targets hold (at most 5 ms, at
 *    most 1.5x the bare SQL).
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
$conv = 4000;
foreach ($argv as $i => $a) {
    if ($a === '--conversation' && isset($argv[$i + 1])) {
        $conv = max(0, (int) $argv[$i + 1]);
    }
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

/*
 * One thread of $n comments, ids from $firstId: roots of 20 (a root and 19
 * replies, each below a node above depth 4 so far). Returns [roots, last id].
 */
function generate_thread(mysqli $db, int $tid, int $n, int $firstId): array
{
    mt_srand(42);
    $perRoot = 20;                       // a root and 19 replies
    $roots = intdiv($n + $perRoot - 1, $perRoot);
    $base = strtotime('2026-01-01 00:00:00');
    $id = $firstId - 1;
    $made = 0;
    $batch = [];
    for ($r = 0; $r < $roots; $r++) {
        // one root and its subtree: each reply picks a parent among the nodes
        // above depth 4 so far (earlier nodes, so times increase down the tree)
        $nodes = [];
        for ($k = 0; $k < $perRoot && $made < $n; $k++) {
            $id++;
            $made++;
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
            $batch[] = comment_values($cid, $tid, $x['parent'], $x['parent'] ? $rootId : 0, $x['depth'], $x['up'],
                $x['down'], $x['replies'], $x['at'], $cid % 1000000);
            if (count($batch) === 2000) {
                insert_comments($db, $batch);
            }
        }
    }
    insert_comments($db, $batch);
    $db->query("UPDATE participa_threads SET published_count = published_count + $made, root_count = root_count + $roots WHERE id = $tid");
    return [$roots, $id];
}

function comment_values(int $cid, int $tid, int $parent, int $root, int $depth, int $up, int $down, int $replies,
    int $at, int $us): string
{
    $controversy = ($up > 0 && $down > 0) ? ($up + $down) ** (min($up, $down) / max($up, $down)) : 0.0;
    return sprintf("(%d,%d,%d,%d,%d,'wp:%d','Comentario generado %d sobre el alumbrado de la calle %d','published',1,%d,%d,%d,%.17g,%.17g,'%s.%06d')",
        $cid, $tid, $parent, $root, $depth, mt_rand(1, 5000), $cid, mt_rand(1, 300),
        $up, $down, $replies, wilson($up, $down), $controversy, gmdate('Y-m-d H:i:s', $at), $us);
}

function insert_comments(mysqli $db, array &$batch): void
{
    if ($batch) {
        $db->query('INSERT INTO participa_comments (id, thread_id, parent_id, root_id, depth, author, body, status, public, '
            . 'up_count, down_count, reply_count, wilson, controversial, created_at) VALUES ' . implode(',', $batch));
    }
    $batch = [];
}

/*
 * A conversation of $c replies below root $root of thread $tid (ids from
 * $firstId, times after every generated one): half of them replies to the
 * root's first reply, the others to any node of it below depth 4. The
 * parents' reply counts follow; the root's own row does not change.
 */
function add_conversation(mysqli $db, int $tid, int $root, int $c, int $firstId, int $seed): int
{
    mt_srand($seed);
    $host = (int) $db->query("SELECT id FROM participa_comments WHERE root_id = $root AND depth = 1 "
        . "ORDER BY created_at, id LIMIT 1")->fetch_row()[0];
    $nodes = [$host => 1];
    foreach ($db->query("SELECT id, depth FROM participa_comments WHERE root_id = $root AND depth > 1") as $r) {
        $nodes[(int) $r['id']] = (int) $r['depth'];
    }
    $open = array_keys(array_filter($nodes, fn($d) => $d < 4));
    $at = strtotime('2027-01-01 00:00:00');
    $replies = [];
    $batch = [];
    $id = $firstId - 1;
    for ($k = 0; $k < $c; $k++) {
        $id++;
        $parent = mt_rand(0, 1) ? $host : $open[mt_rand(0, count($open) - 1)];
        $depth = $nodes[$parent] + 1;
        $nodes[$id] = $depth;
        if ($depth < 4) {
            $open[] = $id;
        }
        $replies[$parent] = ($replies[$parent] ?? 0) + 1;
        $batch[] = [$id, $parent, $depth, mt_rand(0, 20), mt_rand(0, 8), $at + intdiv($k, 1000), $k % 1000 * 1000 + 1];
    }
    $rows = [];
    foreach ($batch as [$cid, $parent, $depth, $up, $down, $t, $us]) {
        $rows[] = comment_values($cid, $tid, $parent, $root, $depth, $up, $down, 0, $t, $us);
        if (count($rows) === 2000) {
            insert_comments($db, $rows);
        }
    }
    insert_comments($db, $rows);
    // the replies' own reply counts
    foreach ($replies as $parent => $k) {
        $db->query("UPDATE participa_comments SET reply_count = reply_count + $k WHERE id = $parent");
    }
    $db->query("UPDATE participa_threads SET published_count = published_count + $c WHERE id = $tid");
    return $id;
}

$t0 = hrtime(true);
[$roots, $lastId] = generate_thread($db, $tid, $n, 1);
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

$sorts = ['oldest', 'newest', 'top', 'discussed', 'controversial'];

/* The options of page 1 and page 50 of $t for every sort (page 50 through
 * the cursors of the 49 before it), and the first root of each. */
function page_cases(Participa\Thread $t, array $sorts): array
{
    $cases = [];
    foreach ($sorts as $sort) {
        $opts = ['sort' => $sort, 'limit' => 20, 'viewer' => 'wp:17'];
        $cursor = null;
        for ($i = 1; $i <= 50; $i++) {
            $p = $t->page($opts + ['cursor' => $cursor]);
            if ($i === 1 || $i === 50) {
                $cases["$sort $i"] = ['opts' => $opts + ['cursor' => $cursor], 'roots' => array_column($p['comments'], 'id')];
            }
            $cursor = $p['next'];
        }
    }
    return $cases;
}

$sides = ['without' => ['thread' => $thread, 'cases' => page_cases($thread, $sorts)]];
if ($conv > 0) {
    // the second thread: N - k*C generated comments, then a conversation
    // on the first root with replies of each page below
    $convThread = $site->thread('commitment', 'PAL-08');
    $ctid = $convThread->info()['id'];
    $t0 = hrtime(true);
    $k = 2 * count($sorts);
    [, $lastId] = generate_thread($db, $ctid, max(1000, $n - $k * $conv), $lastId + 1);
    $cases = page_cases($convThread, $sorts);
    $hosts = [];
    foreach ($cases as $name => $case) {
        foreach ($case['roots'] as $root) {
            $has = (int) $db->query("SELECT COUNT(*) FROM participa_comments WHERE root_id = $root AND depth = 1")->fetch_row()[0];
            if ($has > 0) {
                $hosts[$root][] = $name;
                break;
            }
        }
    }
    foreach (array_keys($hosts) as $i => $root) {
        $lastId = add_conversation($db, $ctid, $root, $conv, $lastId + 1, 1000 + $i);
    }
    $db->query("ANALYZE TABLE participa_comments");
    $cases = page_cases($convThread, $sorts);
    foreach ($hosts as $root => $names) {
        foreach ($names as $name) {
            if (!in_array($root, $cases[$name]['roots'], true)) {
                fwrite(STDERR, "the conversation on root $root left page $name\n");
                exit(1);
            }
        }
    }
    $count = $db->query("SELECT COUNT(*) FROM participa_comments WHERE thread_id = $ctid")->fetch_row();
    printf("generated a second thread of %d comments: %d conversations of %d replies, one on a root of each page below, in %.1f s\n",
        $count[0], count($hosts), $conv, (hrtime(true) - $t0) / 1e9);
    $sides['with'] = ['thread' => $convThread, 'cases' => $cases];
}

/*
 * The bare SQL of each page: the statements it sends, as the server's general
 * log records them (Execute, with the parameters in place), prepared through
 * mysqli here and, in the rounds, executed and fetched whole. The server
 * writes a statement's parameters into the log only when the log was on as it
 * was prepared, and this process's statements are prepared already (and must
 * stay as they are: logging would slow them), so a forked child, whose first
 * use opens its own connection, sends every page twice with the log on; the
 * second time is kept (the first also holds what a new connection reads once).
 */
function page_statements(mysqli $db, array $sides): array
{
    $old = $db->query("SELECT @@log_output, @@general_log")->fetch_row();
    $db->query("SET GLOBAL log_output = 'TABLE'");
    $db->query("TRUNCATE TABLE mysql.general_log");
    $db->query("SET GLOBAL general_log = 1");
    $pid = pcntl_fork();
    if ($pid === 0) {
        foreach ([1, 2] as $pass) {
            foreach ($sides as $x) {
                foreach ($x['cases'] as $case) {
                    $x['thread']->page($case['opts']);
                }
            }
        }
        // no destructors: the parent's mysqli connection must not be closed
        posix_kill(posix_getpid(), SIGKILL);
    }
    pcntl_waitpid($pid, $status);
    $db->query("SET GLOBAL general_log = {$old[1]}");
    $db->query("SET GLOBAL log_output = '{$old[0]}'");
    $pages = [];
    foreach ($db->query("SELECT argument FROM mysql.general_log WHERE command_type = 'Execute' ORDER BY event_time") as $r) {
        if (str_starts_with($r['argument'], 'SELECT t.published_count')) {
            $pages[] = [];   // every page starts with the counts
        }
        if ($pages) {
            $pages[count($pages) - 1][] = $r['argument'];
        }
    }
    $db->query("TRUNCATE TABLE mysql.general_log");
    $keys = [];
    foreach ($sides as $side => $x) {
        foreach ($x['cases'] as $name => $case) {
            $keys[] = "$side $name";
        }
    }
    if (count($pages) !== 2 * count($keys)) {
        fwrite(STDERR, sprintf("the general log holds %d pages, not %d\n", count($pages), 2 * count($keys)));
        exit(1);
    }
    return array_combine($keys, array_slice($pages, count($keys)));
}

$bare = [];
foreach (page_statements($db, $sides) as $key => $statements) {
    $bare[$key] = array_map(fn($q) => $db->prepare($q), $statements);
}

$times = [];
$trips = [];
$shown = [];
$fetched = [];
foreach ($sides as $side => $x) {
    foreach ($x['cases'] as $name => $case) {
        $x['thread']->page($case['opts']);   // warm: statements prepared, pages in the buffer pool
    }
}
for ($i = 0; $i < $reps; $i++) {
    foreach ($sides as $side => $x) {
        foreach ($x['cases'] as $name => $case) {
            $key = "$side $name";
            foreach ($i % 2 ? ['bare', 'participa'] : ['participa', 'bare'] as $who) {
                // the previous page is freed before the clock starts
                unset($p, $rs);
                if ($who === 'participa') {
                    $e = executes();
                    $s = hrtime(true);
                    $p = $x['thread']->page($case['opts']);
                    $times[$key]['participa'][] = (hrtime(true) - $s) / 1e6;
                    $trips[$key] = executes() - $e;
                    $shown[$key] = count_comments($p['comments']);
                } else {
                    $s = hrtime(true);
                    $rs = [];
                    foreach ($bare[$key] as $st) {
                        $st->execute();
                        $rs[] = $st->get_result()->fetch_all();
                    }
                    $times[$key]['bare'][] = (hrtime(true) - $s) / 1e6;
                    $fetched[$key] = array_sum(array_map('count', $rs));
                }
            }
        }
    }
}
function median(array $ts): float
{
    sort($ts);
    return $ts[intdiv(count($ts), 2)];
}
$load = sys_getloadavg();
printf("\npage of 20 roots with replies (depth 4, 3 per node), warm, median of %d interleaved rounds (load average %.2f %.2f %.2f):\n",
    $reps, $load[0], $load[1], $load[2]);
printf("  %-26s %9s %9s %6s %6s %6s %5s %6s %6s\n", '', 'participa', 'bare SQL', 'ratio', '<=5ms', '<=1.5x', 'trips', 'shown', 'rows');
$held = ['ms' => 0, 'ratio' => 0, 'all' => 0];
foreach ($sides as $side => $x) {
    foreach ($x['cases'] as $name => $case) {
        $key = "$side $name";
        $pm = median($times[$key]['participa']);
        $bm = median($times[$key]['bare']);
        $held['all']++;
        $held['ms'] += $pm <= 5.0;
        $held['ratio'] += $pm <= 1.5 * $bm;
        printf("  %-26s %6.2f ms %6.2f ms %6.2f %6s %6s %5d %6d %6d\n", ($side === 'with' ? "with $conv: " : 'without: ') . $name,
            $pm, $bm, $pm / $bm, $pm <= 5.0 ? 'yes' : 'NO', $pm <= 1.5 * $bm ? 'yes' : 'NO', $trips[$key], $shown[$key], $fetched[$key]);
    }
}
printf("  pages at most 5 ms: %d of %d; within 1.5x of their bare SQL: %d of %d\n", $held['ms'], $held['all'], $held['ratio'], $held['all']);

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
