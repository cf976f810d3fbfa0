--TEST--
Participa\Exception::publicMessage(): operational failures give residents a generic text (English on an en site), getMessage() keeps the details
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';

// every class has it, through the marker interface
$m = (new ReflectionClass('Participa\Exception'))->getMethod('publicMessage');
echo $m->getDeclaringClass()->getName(), ' ', $m->isAbstract() ? 'abstract' : 'concrete', "\n";
foreach (['InvalidArgumentException', 'RuntimeException', 'ConfigException', 'DatabaseException',
          'NotAllowedException', 'ConflictException', 'NotFoundException'] as $name) {
    $e = new ("Participa\\$name")("SELECT secret FROM users WHERE pw = 'x' -- /run/mysqld/mysqld.sock");
    printf("%-26s %s | %s\n", $name, $e->publicMessage(), var_export($e->getIndex(), true));
}

// a database that cannot be reached: the operator's text names the socket
// and the user, the resident's does not
$dir = sys_get_temp_dir() . '/participa-nodb-' . getmypid() . '-' . uniqid();
foreach (['es_MX', 'en_US'] as $locale) {
    $path = participa_test_yaml("exceptions-public_message-001-$locale",
        "site:\n  name: Prueba\n  locale: $locale\ndatabase:\n  socket: $dir/mysqld.sock\n  name: participa\n  user: secretuser\n");
    $site = Participa\Site::open($path);
    try {
        $site->migrate();
    } catch (Participa\DatabaseException $e) {
        echo "$locale: ", $e->publicMessage(), "\n";
        echo "  operator text names socket and user: ",
            var_export(str_contains($e->getMessage(), "$dir/mysqld.sock") && str_contains($e->getMessage(), 'secretuser'), true), "\n";
        echo "  public text names neither: ",
            var_export(!str_contains($e->publicMessage(), $dir) && !str_contains($e->publicMessage(), 'secretuser'), true), "\n";
        echo "  code ", $e->getCode(), ", index ", var_export($e->getIndex(), true), "\n";
    }
    unlink($path);
}

// a configuration error: the operator sees the problem, a resident does not
// (a file that does not load has no locale: the last Site's, en_US, holds)
$path = participa_test_yaml('exceptions-public_message-001-bad',
    "site:\n  nmae: Typo\ndatabase:\n  socket: $dir/mysqld.sock\n  name: participa\n  user: secretuser\n");
try {
    Participa\Site::open($path);
} catch (Participa\ConfigException $e) {
    echo str_contains($e->getMessage(), 'nmae') ? "config: operator text names the key\n" : "config: ?\n";
    echo "config: ", $e->publicMessage(), "\n";
}
unlink($path);
?>
--EXPECT--
Participa\Exception abstract
InvalidArgumentException   Los datos enviados no son válidos. Revísalos e inténtalo de nuevo. | NULL
RuntimeException           No pudimos completar la operación en este momento. Inténtalo más tarde. | NULL
ConfigException            No pudimos completar la operación en este momento. Inténtalo más tarde. | NULL
DatabaseException          No pudimos completar la operación en este momento. Inténtalo más tarde. | NULL
NotAllowedException        No tienes permiso para hacer esto. | NULL
ConflictException          La solicitud choca con un cambio reciente. Vuelve a cargar la página e inténtalo de nuevo. | NULL
NotFoundException          No encontramos lo que buscas. | NULL
es_MX: No pudimos completar la operación en este momento. Inténtalo más tarde.
  operator text names socket and user: true
  public text names neither: true
  code 2002, index NULL
en_US: We could not complete the operation right now. Please try again later.
  operator text names socket and user: true
  public text names neither: true
  code 2002, index NULL
config: operator text names the key
config: We could not complete the operation right now. Please try again later.
