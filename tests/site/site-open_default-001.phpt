--TEST--
Participa\Site::open(): without a path it uses participa.config, and says so when unset
--EXTENSIONS--
participa
--FILE--
<?php
try {
    Participa\Site::open();
} catch (Participa\ConfigException $e) {
    echo $e->getMessage(), "\n";
}
try {
    new ReflectionClass('Participa\Site') && Participa\Site::open("bad\0path");
} catch (ValueError $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
no configuration file: set participa.config in php.ini or pass a path to Participa\Site::open()
ValueError
