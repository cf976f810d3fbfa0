--TEST--
phpinfo(): participa shows its version, library versions and configuration state
--EXTENSIONS--
participa
--INI--
participa.config=/etc/participa/site.yaml
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$start = strpos($info, "\nparticipa\n");
echo substr($info, $start + 1, strpos($info, "Directive", $start) - $start - 1);
$v = Participa\Site::versions();
var_dump($v['participa'] === phpversion('participa'));
?>
--EXPECTF--
participa

participa support => enabled
participa version => %d.%d.%d
MariaDB/MySQL client library => %s
libyaml version => 0.%d.%d
PCRE2 version => 10.%d %s
configuration file => /etc/participa/site.yaml
configuration loaded => not yet (no Site::open() in this process)

bool(true)
