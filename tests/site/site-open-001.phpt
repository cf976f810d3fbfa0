--TEST--
Participa\Site::open(): a small municipality's territories, roles and info
--EXTENSIONS--
participa
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$path = participa_test_yaml('site-open-001', <<<'YAML'
site:
  name: Alcaldía de Prueba
  locale: es_MX
  timezone: America/Mexico_City
database:
  socket: /tmp/nowhere.sock
  name: participa
  user: participa
territories:
  - id: iztapalapa
    name: Iztapalapa
    kind: alcaldia
    children:
      - id: dt-aculco
        name: Dirección Territorial Aculco
        children:
          - { id: san-miguel-teotongo, name: San Miguel Teotongo, kind: colonia }
          - { id: el-molino, name: El Molino, kind: colonia }
      - { id: dt-centro, name: Dirección Territorial Centro }
roles:
  ciudadano: { can: [comment, react, flag, vote] }
  facilitador: { name: Persona facilitadora, can: [comment], votes: false }
YAML, participa_test_unique_path('site-open-001'));
$site = Participa\Site::open($path);
$info = $site->info();
var_dump($info['name'], $info['locale'], $info['timezone'], $info['territories'], $info['roles']);
$tree = $site->territories();
echo json_encode($tree, JSON_UNESCAPED_UNICODE), "\n";
var_dump($site->territory('el-molino'));
var_dump($site->territory('nope'));
var_dump($site->territoryWithin('el-molino', 'iztapalapa'));
var_dump($site->territoryWithin('el-molino', 'dt-centro'));
var_dump($site->territoryWithin('dt-aculco', 'dt-aculco'));
var_dump($site->territoryWithin('iztapalapa', 'el-molino'));
try {
    $site->territoryWithin('el-molino', 'atlantida');
} catch (Participa\NotFoundException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
print_r($site->roles());
unlink($path);
?>
--EXPECT--
string(19) "Alcaldía de Prueba"
string(5) "es_MX"
string(19) "America/Mexico_City"
int(5)
int(2)
[{"id":"iztapalapa","name":"Iztapalapa","kind":"alcaldia","children":[{"id":"dt-aculco","name":"Dirección Territorial Aculco","kind":null,"children":[{"id":"san-miguel-teotongo","name":"San Miguel Teotongo","kind":"colonia","children":[]},{"id":"el-molino","name":"El Molino","kind":"colonia","children":[]}]},{"id":"dt-centro","name":"Dirección Territorial Centro","kind":null,"children":[]}]}]
array(5) {
  ["id"]=>
  string(9) "el-molino"
  ["name"]=>
  string(9) "El Molino"
  ["kind"]=>
  string(7) "colonia"
  ["parent"]=>
  string(9) "dt-aculco"
  ["depth"]=>
  int(2)
}
NULL
bool(true)
bool(false)
bool(true)
bool(false)
Participa\NotFoundException: no territory with id 'atlantida' in the configuration
Array
(
    [ciudadano] => Array
        (
            [name] => ciudadano
            [permissions] => Array
                (
                    [0] => comment
                    [1] => react
                    [2] => flag
                    [3] => vote
                )

            [votes] => 1
        )

    [facilitador] => Array
        (
            [name] => Persona facilitadora
            [permissions] => Array
                (
                    [0] => comment
                )

            [votes] => 
        )

)
