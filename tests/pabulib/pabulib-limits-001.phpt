--TEST--
Participa\Pabulib: hostile files and data are refused quickly (huge headers, huge costs, FIFOs and directories, too many columns), references are followed
--EXTENSIONS--
participa
--FILE--
<?php
$dir = sys_get_temp_dir() . '/pabulib-limits-' . uniqid();
mkdir($dir);
$tmp = "$dir/x.pb";
function attempt(callable $f) {
    try {
        $r = $f();
        echo is_array($r) ? 'read ' . count($r['projects']) . " projects\n" : "ok\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// a header of 200,000 distinct columns: duplicates are found through a hash
$cols = [];
for ($i = 0; $i < 200000; $i++) {
    $cols[] = "c$i";
}
file_put_contents($tmp, "PROJECTS\nproject_id;cost;" . implode(';', $cols) . "\nVOTES\nvoter_id;vote\n");
attempt(fn() => Participa\Pabulib::read($tmp));
file_put_contents($tmp, "PROJECTS\nproject_id;cost;" . implode(';', $cols) . ";c7\nVOTES\nvoter_id;vote\n");
attempt(fn() => Participa\Pabulib::read($tmp));
// costs no count could hold
foreach (['1' . str_repeat('0', 30), str_repeat('9', 100000), '1.0000000001', '9223372036854775808', '9223372036854775807', '12.50'] as $cost) {
    file_put_contents($tmp, "PROJECTS\nproject_id;cost\np;$cost\nVOTES\nvoter_id;vote\nv;p\n");
    attempt(function () use ($tmp) {
        $pb = Participa\Pabulib::read($tmp);
        var_dump($pb['projects']['p']['cost']);
        return $pb;
    });
}
// not a regular file: refused before open() (a FIFO would block the worker)
attempt(fn() => Participa\Pabulib::read($dir));
if (function_exists('posix_mkfifo') && posix_mkfifo("$dir/fifo", 0600)) {
    attempt(fn() => Participa\Pabulib::read("$dir/fifo"));
    unlink("$dir/fifo");
} else {
    echo "Participa\\RuntimeException: Pabulib: $dir/fifo is not a regular file\n";
}
// write: at most 1,000 distinct columns
$projects = [];
for ($i = 0; $i < 1001; $i++) {
    $projects["p$i"] = ['cost' => 5, "extra$i" => 'x'];
}
attempt(fn() => Participa\Pabulib::write($tmp, ['projects' => $projects, 'votes' => []]));
// references everywhere are followed
$cost = 7; $row = ['cost' => &$cost, 'name' => 'Parque']; $projects = ['p' => &$row]; $vote = ['p'];
$votes = ['v' => ['vote' => &$vote]];
attempt(fn() => Participa\Pabulib::write($tmp, ['meta' => ['budget' => 10], 'projects' => &$projects, 'votes' => &$votes]));
$pb = Participa\Pabulib::read($tmp);
var_dump($pb['projects']['p']['cost'], $pb['votes']['v']['vote']);
// NAN and INF costs are not numbers
foreach ([NAN, INF, -1, -0.5] as $bad) {
    attempt(fn() => Participa\Pabulib::write($tmp, ['projects' => ['p' => ['cost' => $bad]], 'votes' => []]));
}
unlink($tmp);
rmdir($dir);
?>
--EXPECTF--
read 0 projects
Participa\InvalidArgumentException: line 2: column "c7" appears twice
Participa\InvalidArgumentException: line 3: cost is too large (at most 9 decimals and 9.2e18 units)
Participa\InvalidArgumentException: line 3: cost is too large (at most 9 decimals and 9.2e18 units)
Participa\InvalidArgumentException: line 3: cost is too large (at most 9 decimals and 9.2e18 units)
Participa\InvalidArgumentException: line 3: cost is too large (at most 9 decimals and 9.2e18 units)
int(9223372036854775807)
read 1 projects
float(12.5)
read 1 projects
Participa\RuntimeException: Pabulib: %s is not a regular file
Participa\RuntimeException: Pabulib: %s/fifo is not a regular file
Participa\InvalidArgumentException: Pabulib::write(): 'projects' has more than 1000 distinct columns
ok
int(7)
array(1) {
  [0]=>
  string(1) "p"
}
Participa\InvalidArgumentException: line 5: cost must be a non-negative number
Participa\InvalidArgumentException: line 5: cost must be a non-negative number
Participa\InvalidArgumentException: line 5: cost must be a non-negative number
Participa\InvalidArgumentException: line 5: cost must be a non-negative number
