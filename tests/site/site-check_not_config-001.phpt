--TEST--
Participa\Site::open() and ::check(): a file that is not a participa configuration is never quoted
--EXTENSIONS--
participa
--FILE--
<?php
// participa.config pointed at /etc/shadow, a .env file or a key store must
// not print its lines into an exception or a log: one problem, with the
// position only. (Before: "found 'root:$6$...'", "unknown key 'password'",
// "duplicate key 'hunter2'".)
$files = [
    'shadow' => "root:\$6\$hunter2salt\$c2VjcmV0LWhhc2g:19800:0:99999:7:::\ndaemon:*:19800:0:99999:7:::\n",
    'passwd line' => "hunter2:x:1000:1000::/home/hunter2:/bin/sh\n",
    '.env' => "DB_PASSWORD=hunter2-secreto\nAPI_KEY=hunter2\n",
    'json' => "{\"password\": \"hunter2-secreto\"}\n",
    'list' => "- hunter2\n- otro\n",
    'anchor' => "clave: &hunter2 valor\n",
    'tag' => "clave: !hunter2 valor\n",
    'duplicate' => "hunter2: 1\nhunter2: 2\n",
    'bad byte' => "clave: hunter2\xff\n",
];
foreach ($files as $what => $text) {
    $path = tempnam(sys_get_temp_dir(), 'participa-notconfig-');
    file_put_contents($path, $text);
    $problems = Participa\Site::check($path);
    $leak = str_contains(json_encode($problems), 'hunter2') || str_contains(json_encode($problems), 'c2VjcmV0');
    try {
        Participa\Site::open($path);
        echo "$what: opened\n";
    } catch (Participa\ConfigException $e) {
        $leak = $leak || str_contains($e->getMessage(), 'hunter2') || str_contains(json_encode($e->getProblems()), 'hunter2');
    }
    printf("%s: %d problem at %d:%d%s\n", $what, count($problems), $problems[0]['line'], $problems[0]['column'],
        $leak ? ', QUOTES THE FILE' : '');
    unlink($path);
}
?>
--EXPECT--
shadow: 1 problem at 1:1
passwd line: 1 problem at 1:1
.env: 1 problem at 1:1
json: 1 problem at 1:1
list: 1 problem at 1:1
anchor: 1 problem at 1:8
tag: 1 problem at 1:8
duplicate: 1 problem at 2:1
bad byte: 1 problem at 1:15
