--TEST--
Participa\Exception::publicMessage(): a refusal a resident can act on shows its own catalogued text, in Spanish or on an en site in English, never the SQL
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/../helpers/participa_test.php';
$path = participa_test_config('exceptions-public_message-002', "territories:\n  - { id: centro, name: Centro }\n");
$en = str_replace('.yaml', '-en.yaml', $path);
file_put_contents($en, preg_replace('/^site:\n/', "site:\n  locale: en_US\n", file_get_contents($path)));
Participa\Site::open($path)->migrate();

$seen = [];
foreach (['es' => $path, 'en' => $en] as $lang => $file) {
    $people = Participa\Site::open($file)->participants();
    try {
        // bytes that are not UTF-8 never reach the server's SQL
        $people->get("wp:\xff\xfe");
        echo "$lang: no exception\n";
    } catch (Participa\InvalidArgumentException $e) {
        $seen[$lang] = $e->publicMessage();
        echo "$lang: own text shown: ", var_export($e->publicMessage() === $e->getMessage(), true), "\n";
        echo "$lang: not the generic: ", var_export($e->publicMessage() !== (new Participa\InvalidArgumentException(''))->publicMessage(), true), "\n";
        echo "$lang: no SQL: ", var_export(!preg_match('/SELECT|participa_|MariaDB/i', $e->publicMessage()), true), "\n";
        echo "$lang: valid UTF-8: ", var_export(preg_match('//u', $e->publicMessage()) === 1, true), "\n";
    }
}
echo "languages differ: ", var_export($seen['es'] !== $seen['en'], true), "\n";
echo "English is ASCII: ", var_export(!preg_match('/[^\x20-\x7e]/', $seen['en']), true), "\n";
unlink($en);
?>
--CLEAN--
<?php
require __DIR__ . '/../helpers/participa_test.php';
participa_test_drop('exceptions-public_message-002');
?>
--EXPECT--
es: own text shown: true
es: not the generic: true
es: no SQL: true
es: valid UTF-8: true
en: own text shown: true
en: not the generic: true
en: no SQL: true
en: valid UTF-8: true
languages differ: true
English is ASCII: true
