--TEST--
Participa\Exception: the exception hierarchy
--EXTENSIONS--
participa
--FILE--
<?php
foreach (['InvalidArgumentException', 'RuntimeException', 'ConfigException', 'DatabaseException',
          'NotAllowedException', 'ConflictException', 'NotFoundException'] as $name) {
    $class = "Participa\\$name";
    $r = new ReflectionClass($class);
    printf("%-28s parent=%-28s final=%s marker=%s\n", $name, $r->getParentClass()->getName(),
        $r->isFinal() ? 'yes' : 'no', $r->implementsInterface('Participa\Exception') ? 'yes' : 'no');
}
var_dump((new ReflectionClass('Participa\Exception'))->isInterface());
$e = new Participa\DatabaseException('x', 1213);
var_dump($e->getSqlState(), $e->getCode());
?>
--EXPECT--
InvalidArgumentException     parent=InvalidArgumentException     final=no marker=yes
RuntimeException             parent=RuntimeException             final=no marker=yes
ConfigException              parent=Participa\RuntimeException   final=yes marker=yes
DatabaseException            parent=Participa\RuntimeException   final=yes marker=yes
NotAllowedException          parent=Participa\RuntimeException   final=yes marker=yes
ConflictException            parent=Participa\RuntimeException   final=yes marker=yes
NotFoundException            parent=Participa\RuntimeException   final=yes marker=yes
bool(true)
string(0) ""
int(1213)
