--TEST--
Participa\Process::cast(): a caster killed by SIGKILL leaves no partial ballot; a killed server raises DatabaseException and keeps every acknowledged ballot
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php
require __DIR__ . '/../helpers/participa_test.php';
if (!is_executable('/usr/sbin/mariadbd') && !is_executable('/usr/bin/mariadbd')) echo "skip mariadbd is not installed\n";
elseif (!function_exists('proc_open') || !function_exists('posix_kill')) echo "skip needs proc_open and posix\n";
?>
--FILE--
<?php
// Starts its own private server: killing the suite's shared one would break the tests beside this one.
require __DIR__ . '/process_test.inc';
$dir = sys_get_temp_dir() . '/participa-proc-fault-' . getmypid();
$lib = PARTICIPA_REPO . '/scripts/lib/mariadb.sh';
function sh(string $lib, string $cmd): int {
    exec('bash -c ' . escapeshellarg("source $lib; $cmd") . ' 2>&1', $out, $rc);
    if ($rc !== 0) echo implode("\n", $out), "\n";
    return $rc;
}
sh($lib, "pt_mariadb_start $dir && pt_mariadb_sql $dir 'CREATE DATABASE participa'");
$yaml = "site:\n  name: Fallas\ndatabase:\n  socket: $dir/mysqld.sock\n  name: participa\n  user: root\n" . pt_proc_yaml(<<<P
  - { id: fallas, title: Fallas, kind: election, method: irv, candidates: [a, b, c, d, e], vote_changes: true,
      phases: { voting: [2020-01-01, 2099-12-31] } }
P);
$path = participa_test_yaml('process-cast_restart-001', $yaml);
Participa\Site::open($path)->migrate();
$db = new mysqli('localhost', 'root', null, 'participa', 0, "$dir/mysqld.sock");
$rows = [];
for ($i = 1; $i <= 3000; $i++) $rows[] = "('wp:$i', 'norte', 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
$db->query("INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) VALUES " . implode(',', $rows));
$db->close();

function worker(string $path, int $w, int $from, int $to, string $log, int $maxErrors): array {
    $cmd = participa_test_php_command([__DIR__ . '/cast_worker.inc', $path, 'fallas', (string) $w, (string) $from, (string) $to, $log, '10', (string) $maxErrors]);
    $proc = proc_open($cmd, [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    return [$proc, proc_get_status($proc)['pid']];
}
// until the worker has logged $n lines or has stopped: its progress, not the clock, ends the wait
function wait_for_acks(string $log, int $n, $proc): void {
    while (count(@file($log) ?: []) < $n && proc_get_status($proc)['running']) usleep(25000);
}
function check(string $dir, string $log, string $what): void {
    $db = new mysqli('localhost', 'root', null, 'participa', 0, "$dir/mysqld.sock");
    $q = fn(string $sql) => $db->query($sql)->fetch_row()[0];
    $voters = $q("SELECT COUNT(*) FROM participa_voters");
    $box = $q("SELECT COUNT(*) FROM participa_ballot_box");
    $joined = $q("SELECT COUNT(*) FROM participa_voters v JOIN participa_ballot_box b ON b.receipt = v.ballot_ref");
    $acked = $missing = $dberr = 0;
    foreach (file($log, FILE_IGNORE_NEW_LINES) as $line) {
        $f = explode(' ', $line);
        if ($f[0] === 'err') { $dberr += $f[2] === 'Participa\DatabaseException'; continue; }
        $acked++;
        $r = $db->query("SELECT ballot, version FROM participa_ballot_box WHERE receipt = '{$f[4]}'")->fetch_row();
        // a later change may have replaced it, never an older version
        if (!$r || (int) $r[1] < (int) $f[2]) $missing++;
    }
    echo "$what: voters == ballots == joined: ", ($voters == $box && $box == $joined) ? 'yes' : "no ($voters/$box/$joined)",
        "; acknowledged > 0: ", $acked > 0 ? 'yes' : 'no', "; acknowledged but missing: $missing",
        ($dberr ? "; DatabaseException seen: yes" : ""), "\n";
    $db->close();
}

// 1. a caster killed with SIGKILL in the middle of casting
$log1 = "$dir/w1.log";
[$proc, $pid] = worker($path, 1, 1, 1500, $log1, 1000);
wait_for_acks($log1, 20, $proc);
posix_kill($pid, SIGKILL);
proc_close($proc);
check($dir, $log1, "caster killed");

// 2. the server killed (SIGKILL) while a caster runs: casts fail with DatabaseException
$log2 = "$dir/w2.log";
[$proc, $pid] = worker($path, 2, 1501, 3000, $log2, 3);
wait_for_acks($log2, 20, $proc);
posix_kill((int) file_get_contents("$dir/mariadbd.pid"), SIGKILL);
proc_close($proc);    // the worker stops after 3 failed casts
sh($lib, "pt_mariadb_start $dir");
check($dir, $log2, "server killed and restarted");

// 3. after the restart: this process's old connection fails once, then reconnects
try {
    Participa\Site::open($path)->process('fallas');
} catch (Participa\DatabaseException $e) {
}
echo Participa\Site::open($path)->process('fallas')->cast('wp:2999', 'e>d')['version'] >= 1 ? "cast after restart: ok\n" : "";
sh($lib, "pt_mariadb_stop $dir");
exec('rm -rf ' . escapeshellarg($dir));
?>
--EXPECT--
caster killed: voters == ballots == joined: yes; acknowledged > 0: yes; acknowledged but missing: 0
server killed and restarted: voters == ballots == joined: yes; acknowledged > 0: yes; acknowledged but missing: 0; DatabaseException seen: yes
cast after restart: ok
