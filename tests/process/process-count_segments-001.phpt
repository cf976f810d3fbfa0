--TEST--
Participa\Process::tally(): the per-segment summaries (schema 016) equal a recount of the raw ballots after random casts, changes of vote, a paper batch and a caster killed in its transaction; a hand-edited summary is used only while its segment's version holds, a damaged one never
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_skip_without_db();
if (!function_exists('proc_open') || !function_exists('posix_kill')) echo "skip needs proc_open and posix\n";
?>
--FILE--
<?php
require __DIR__ . '/process_test.inc';
$path = participa_test_config('process-count_segments-001', pt_proc_yaml(<<<P
  - { id: irv, title: IRV, kind: election, method: irv, territory: norte, vote_changes: true, secrecy: public,
      results_visibility: live, channels: [web, paper], candidates: [a, b, c, d, e], phases: { voting: [2020-01-01, 2099-12-31] } }
  - { id: sec, title: Secreta, kind: election, method: irv, territory: norte, vote_changes: true,
      candidates: [uno, dos, tres, cuatro], phases: { voting: [2020-01-01, 2099-12-31] } }
P));
$site = Participa\Site::open($path);
$site->migrate();
$db = participa_test_admin('pt_process_count_segments_001');
for ($i = 1; $i <= 150; $i++) $site->participants()->upsert("wp:$i", 'norte-1', ['ciudadano']);
$site->participants()->upsert('enlace:1', 'norte', ['enlace']);
$site->participants()->upsert('enlace:2', 'norte', ['enlace']);
$site->participants()->upsert('wp:killed', 'norte-1', ['ciudadano']);
$procs = ['irv' => ['a', 'b', 'c', 'd', 'e'], 'sec' => ['uno', 'dos', 'tres', 'cuatro']];
$pids = [];
foreach ($procs as $code => $_) {
    $site->process($code);
    $pids[$code] = pt_process_db_id($db, $code);
}

// The recount from the raw rows: Tally::count() and digest version 2, and each segment's numbers and digest.
function recount(mysqli $db, int $pid, array $cands): array {
    $esc = fn(?string $s) => strtr((string) $s, ["\\" => "\\\\", "\t" => "\\t", "\n" => "\\n", "\r" => "\\r"]);
    $ballots = [];
    $segs = [];
    $q = $db->query("SELECT receipt, ballot, role, reason, voter, channel FROM participa_ballot_box WHERE process_id = $pid ORDER BY receipt");
    while ($r = $q->fetch_row()) {
        $ballots[] = $r[1];
        $s = substr($r[0], 0, 2);
        $segs[$s] ??= ['ballots' => 0, 'web' => 0, 'paper' => 0, 'lines' => '', 'list' => []];
        $segs[$s]['ballots']++;
        $segs[$s][$r[5]]++;
        $segs[$s]['lines'] .= $r[0] . "\t" . $esc($r[1]) . "\t" . $esc($r[2]) . "\t" . $esc($r[3]) . "\t" . $esc($r[4]) . "\n";
        $segs[$s]['list'][] = $r[1];
    }
    ksort($segs, SORT_STRING);
    $top = '';
    foreach ($segs as $s => &$g) {
        $g['digest'] = hash('sha256', $g['lines']);
        $top .= $esc((string) $s) . "\t{$g['ballots']}\t{$g['digest']}\n";
    }
    $t = Participa\Tally::count('irv', $ballots, ['candidates' => $cands]);
    return ['count' => ['winners' => $t->winners, 'ranking' => $t->ranking, 'details' => $t->details, 'tieBreaks' => $t->tieBreaks,
        'ballots' => count($ballots), 'digest' => hash('sha256', $top), 'digest_version' => 2], 'segments' => $segs];
}
// A stored profile read back by its documented format (core/process/count.h): the ballots' texts in receipt order.
function profile_ballots(string $b, array $cands): ?array {
    if (strlen($b) < 16 || substr($b, 0, 4) !== 'pts1') return null;
    $i = 13;
    $v = function () use ($b, &$i) { $x = 0; $sh = 0; do { $c = ord($b[$i++]); $x |= ($c & 127) << $sh; $sh += 7; } while ($c & 128); return $x; };
    [$n, $web, $paper] = [$v(), $v(), $v()];
    $out = [];
    for ($k = 0; $k < $n; $k++) {
        $t = ord($b[$i++]);
        if ($t >= 1 && $t <= 63) {
            $ids = [];
            for ($j = 0; $j < $t; $j++) $ids[] = $cands[ord($b[$i++])];
            $out[] = implode('>', $ids);
        } else {
            $len = $v();
            $out[] = substr($b, $i, $len);
            $i += $len;
            foreach ([1, 2, 4] as $f) if ($t & $f) $i += $v();
        }
    }
    return $i === strlen($b) ? ['n' => $n, 'web' => $web, 'paper' => $paper, 'list' => $out] : null;
}
// Every summary at its segment's current version against the recount of that segment's rows.
function check_summaries(mysqli $db, int $pid, array $cands, array $want, int &$bad, int &$seen): void {
    $q = $db->query("SELECT m.segment, m.ballots, m.web, m.paper, m.digest, m.profile FROM participa_box_summaries m
        JOIN participa_box_segments s ON s.process_id = m.process_id AND s.segment = m.segment AND s.v = m.version
        WHERE m.process_id = $pid");
    while ($r = $q->fetch_row()) {
        $g = $want['segments'][$r[0]] ?? ['ballots' => 0, 'web' => 0, 'paper' => 0, 'list' => [],
            'digest' => hash('sha256', '')];
        $p = profile_ballots($r[5], $cands);
        $seen++;
        if ([(int) $r[1], (int) $r[2], (int) $r[3], $r[4]] !== [$g['ballots'], $g['web'], $g['paper'], $g['digest']]
            || !$p || [$p['n'], $p['web'], $p['paper'], $p['list']] !== [$g['ballots'], $g['web'], $g['paper'], $g['list']]) {
            $bad++;
            echo "summary $r[0] differs\n";
        }
    }
}
$bad = $checks = $sumBad = $sums = 0;
function compare(string $what, array $got, array $want, int &$bad, int &$checks): void {
    $checks++;
    if ($got != $want) {
        $bad++;
        echo "$what: differs\n", json_encode($got), "\n", json_encode($want), "\n";
    }
}
function here(Participa\Process $p): array {
    $t = $p->tally();
    $r = $p->results();
    $d = $t->details;
    unset($d['spoiled']);
    return ['winners' => $t->winners, 'ranking' => $t->ranking, 'details' => $d, 'tieBreaks' => $t->tieBreaks,
        'ballots' => $r['ballots'], 'digest' => $r['digest'], 'digest_version' => $r['digest_version']];
}
function fresh(string $path, string $code): array {
    $r = pt_child_result(pt_child([$path, $code, 'tally']));
    if (!isset($r['ok'])) { echo "child tally: ", json_encode($r), "\n"; return []; }
    unset($r['ok']['details']['spoiled']);
    return $r['ok'];
}
$checkAll = function (string $what, bool $child = false, array $codes = ['irv']) use ($site, $db, $path, $procs, $pids, &$bad, &$checks, &$sumBad, &$sums) {
    foreach ($codes as $code) {
        $cands = $procs[$code];
        $want = recount($db, $pids[$code], $cands);
        compare("$what ($code)", $child ? fresh($path, $code) : here($site->process($code)), $want['count'], $bad, $checks);
        check_summaries($db, $pids[$code], $cands, $want, $sumBad, $sums);
    }
};

mt_srand(2016);
$voted = [];
for ($op = 0; $op < 300; $op++) {
    $code = $op % 3 ? 'irv' : 'sec';
    $who = 'wp:' . mt_rand(1, 150);
    $c = $procs[$code];
    shuffle($c);
    $site->process($code)->cast($who, implode('>', array_slice($c, 0, mt_rand(1, count($c)))));
    $voted["$code $who"] = true;
    // in this worker (its cache misses once the version moved) and in a fresh one (the stored summaries)
    if ($op % 50 === 49) $checkAll("after $op writes", $op % 100 === 99);
}
echo "changes of vote among the writes: ", 300 - count($voted) > 0 ? 'yes' : 'no', "\n";

$p = $site->process('irv');
$p->enterPaperBatch('enlace:1', 'lote-1', 'asamblea', 'acta-1', ['a>b', 'c', 'a>b', 'e>d>c']);
$p->enterPaperBatch('enlace:2', 'lote-1', 'asamblea', 'acta-1', ['a>b', 'c', 'a>b', 'e>d>c']);
$checkAll('after the paper batch');
$checkAll('after the paper batch, a fresh worker', true);

// a caster killed inside its transaction: its box row and its segment's bump roll back together
$pid = $pids['irv'];
$alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
for ($s = 0; $s < 32; $s++) {
    $db->query("INSERT IGNORE INTO participa_box_segments (process_id, segment, v) VALUES "
        . implode(',', array_map(fn($t) => "($pid, '{$alphabet[$s]}{$alphabet[$t]}', 0)", range(0, 31))));
}
$version = fn() => (int) $db->query("SELECT SUM(v) FROM participa_box_segments WHERE process_id = $pid")->fetch_row()[0];
$box = fn() => (int) $db->query("SELECT COUNT(*) FROM participa_ballot_box WHERE process_id = $pid")->fetch_row()[0];
[$v, $boxBefore] = [$version(), $box()];
$lock = participa_test_admin('pt_process_count_segments_001');
$lock->begin_transaction();
$lock->query("SELECT * FROM participa_box_segments WHERE process_id = $pid FOR UPDATE")->fetch_all();
$child = pt_child([$path, 'irv', 'cast', 'wp:killed', 'e>d'], ['participa.cast_fast_path' => '0']);
echo "worker waiting inside its transaction: ", pt_wait_until(fn() => pt_lock_waits($db) > 0, [$child]) ? 'yes' : 'no', "\n";
posix_kill(proc_get_status($child[0])['pid'], SIGKILL);
pt_child_result($child);
$lock->commit();
pt_wait_until(fn() => (int) $db->query("SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST l
    ON l.ID = t.trx_mysql_thread_id WHERE l.DB = DATABASE() AND t.trx_mysql_thread_id <> CONNECTION_ID()")->fetch_row()[0] === 0, []);
echo "after the kill: box unchanged: ", $box() === $boxBefore ? 'yes' : 'no', ", version unchanged: ", $version() === $v ? 'yes' : 'no', "\n";
$checkAll('after the kill (every segment read: most have no summary)');
$checkAll('after the kill, a fresh worker (the empty segments have summaries now)', true);
$p->cast('wp:killed', 'e>d');
$checkAll('after the retried cast', true);

// a summary edited by hand (well formed: one ballot's first choice changed) is what a count uses while its
// segment's version holds (the version is the contract, as for any row), and is replaced once it moves
$want = recount($db, $pid, $procs['irv']);
$row = null;
foreach ($db->query("SELECT m.segment, m.profile FROM participa_box_summaries m JOIN participa_box_segments s
    ON s.process_id = m.process_id AND s.segment = m.segment AND s.v = m.version WHERE m.process_id = $pid AND m.ballots = 1
    ORDER BY m.segment")->fetch_all() as $r) {
    if (ord($r[1][16]) === 1) { $row = $r; break; }
}
$edited = $row[1];
$edited[17] = chr((ord($edited[17]) + 1) % 5);
$st = $db->prepare("UPDATE participa_box_summaries SET profile = ? WHERE process_id = $pid AND segment = ?");
$st->bind_param('ss', $edited, $row[0]);
$st->execute();
echo "the edited summary is used while its version holds: ", fresh($path, 'irv')['details'] != $want['count']['details'] ? 'yes' : 'no', "\n";
$db->query("INSERT INTO participa_box_segments (process_id, segment, v) VALUES ($pid, '{$row[0]}', 1) ON DUPLICATE KEY UPDATE v = v + 1");
compare('the edited segment\'s version moved', fresh($path, 'irv'), $want['count'], $bad, $checks);
echo "its summary recomputed from the rows: ",
    $db->query("SELECT profile FROM participa_box_summaries WHERE process_id = $pid AND segment = '{$row[0]}'")->fetch_row()[0] === $row[1] ? 'yes' : 'no', "\n";

// a damaged summary at the current version is never used: the segment's rows are read and the summary written anew
$seg = $db->query("SELECT m.segment FROM participa_box_summaries m JOIN participa_box_segments s ON s.process_id = m.process_id
    AND s.segment = m.segment AND s.v = m.version WHERE m.process_id = $pid AND m.ballots > 0 ORDER BY m.segment DESC LIMIT 1")->fetch_row()[0];
foreach (["pts1garbage", "", substr($want['segments'][$seg]['lines'], 0, 40), "pts1\x02"] as $junk) {
    $st = $db->prepare("UPDATE participa_box_summaries SET profile = ? WHERE process_id = $pid AND segment = ?");
    $st->bind_param('ss', $junk, $seg);
    $st->execute();
    compare('a damaged summary', fresh($path, 'irv'), $want['count'], $bad, $checks);
}
check_summaries($db, $pid, $procs['irv'], $want, $sumBad, $sums);

// the secret process (its results once closed): counted from its summaries, which hold no receipt and no participant
$site->process('sec')->close();
$checkAll('the secret process, closed', false, ['sec']);
$checkAll('the secret process, closed, a fresh worker', true, ['sec']);
$leak = 0;
$blobs = implode("\n", array_column($db->query("SELECT profile FROM participa_box_summaries WHERE process_id = {$pids['sec']}")->fetch_all(), 0));
foreach ($db->query("SELECT receipt FROM participa_ballot_box WHERE process_id = {$pids['sec']}")->fetch_all() as [$r]) $leak += str_contains($blobs, substr($r, 2, 10));
$leak += str_contains($blobs, 'wp:');
echo "the secret process's summaries hold no receipt and no participant: ", $leak === 0 && $blobs !== '' ? 'yes' : 'no', "\n";
echo "counts compared: ", $checks > 15 ? 'more than 15' : $checks, ", differing: $bad; summaries compared: ", $sums > 100 ? 'more than 100' : $sums, ", differing: $sumBad\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('process-count_segments-001'); ?>
--EXPECT--
changes of vote among the writes: yes
worker waiting inside its transaction: yes
after the kill: box unchanged: yes, version unchanged: yes
the edited summary is used while its version holds: yes
its summary recomputed from the rows: yes
the secret process's summaries hold no receipt and no participant: yes
counts compared: more than 15, differing: 0; summaries compared: more than 100, differing: 0
