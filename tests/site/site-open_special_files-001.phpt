--TEST--
Participa\Site::open() and ::check(): a FIFO, a directory or a device is an error, not a blocked read
--EXTENSIONS--
participa
posix
--FILE--
<?php
// Before: fopen() of a FIFO waited for a writer forever, and /dev/zero was
// read up to the size cap. Now each is refused from a stat(), without opening.
$dir = sys_get_temp_dir() . '/participa-special-' . getmypid() . '-' . uniqid();
mkdir($dir);
$fifo = "$dir/config.yaml";
var_dump(posix_mkfifo($fifo, 0600));
$paths = ['fifo' => $fifo, 'directory' => $dir, 'device' => '/dev/zero', 'null device' => '/dev/null'];
foreach ($paths as $what => $path) {
    try {
        Participa\Site::open($path);
        echo "$what: opened\n";
    } catch (Participa\ConfigException $e) {
        $p = $e->getProblems();
        echo "$what: ", count($p), " problem at line {$p[0]['line']}: {$p[0]['message']}\n";
    }
    $p = Participa\Site::check($path);
    echo "$what, check: ", count($p), " problem at line {$p[0]['line']}: {$p[0]['message']}\n";
}
unlink($fifo);
rmdir($dir);
?>
--EXPECT--
bool(true)
fifo: 1 problem at line 0: cannot read the configuration: it is a named pipe (FIFO), not a regular file
fifo, check: 1 problem at line 0: cannot read the configuration: it is a named pipe (FIFO), not a regular file
directory: 1 problem at line 0: cannot read the configuration: it is a directory, not a file
directory, check: 1 problem at line 0: cannot read the configuration: it is a directory, not a file
device: 1 problem at line 0: cannot read the configuration: it is a device, not a regular file
device, check: 1 problem at line 0: cannot read the configuration: it is a device, not a regular file
null device: 1 problem at line 0: cannot read the configuration: it is a device, not a regular file
null device, check: 1 problem at line 0: cannot read the configuration: it is a device, not a regular file
