--TEST--
Participa\Site::migrate(): applies the schema once, follows the storage rules, mirrors territories
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$territories = <<<'YAML'
territories:
  - id: iztapalapa
    name: Iztapalapa
    children:
      - id: dt-aculco
        name: Aculco
        children:
          - { id: san-miguel-teotongo, name: San Miguel Teotongo, kind: colonia }
      - { id: dt-centro, name: Centro }
YAML;
// A path of this run only: a parallel run of the suite removes its own
// participa-test-site_migrate_001.yaml, not this one.
$path = participa_test_config('site_migrate_001', $territories, true, participa_test_unique_path('site_migrate_001'));
$site = Participa\Site::open($path);
$first = $site->migrate();
echo "first run applied: ", implode(', ', $first), "\n";
echo "second run applied: ", count($site->migrate()), "\n";

$db = participa_test_admin('pt_site_migrate_001');
// Storage rules: InnoDB, utf8mb4, a primary key on every table.
$rows = $db->query("SELECT t.TABLE_NAME, t.ENGINE, t.TABLE_COLLATION,
       (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS c
         WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY') AS pk
  FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE()")->fetch_all(MYSQLI_ASSOC);
$bad = array_filter($rows, fn($r) => $r['ENGINE'] !== 'InnoDB' || !str_starts_with($r['TABLE_COLLATION'], 'utf8mb4') || $r['pk'] != 1);
echo count($rows) >= 4 ? "tables ok\n" : "too few tables\n";
var_dump(array_values($bad));
$applied = $db->query("SELECT name, state FROM participa_migrations ORDER BY version")->fetch_all(MYSQLI_ASSOC);
echo json_encode(array_column($applied, 'state', 'name')) === json_encode(array_fill_keys($first, 'applied')) ? "recorded\n" : "not recorded\n";

// Territories mirrored with nested-set bounds: containment works in SQL too.
$inside = $db->query("SELECT c.id FROM participa_territories c JOIN participa_territories p
  ON p.lft <= c.lft AND c.rgt <= p.rgt WHERE p.id = 'dt-aculco' ORDER BY c.lft")->fetch_all();
echo implode(',', array_column($inside, 0)), "\n";

// A territory removed from the YAML disappears from the table on the next migrate.
file_put_contents($path, preg_replace("/^.*dt-centro.*\$/m", "", file_get_contents($path)));
// A different size is enough for the cache to reparse (it compares size and
// mtime); no clock is involved.
clearstatcache();
Participa\Site::open($path)->migrate();
echo $db->query("SELECT COUNT(*) FROM participa_territories")->fetch_row()[0], " territories\n";
$db->close();
participa_test_drop('site_migrate_001');
unlink($path);
?>
--EXPECTF--
first run applied: 001_foundation%A
second run applied: 0
tables ok
array(0) {
}
recorded
dt-aculco,san-miguel-teotongo
3 territories
