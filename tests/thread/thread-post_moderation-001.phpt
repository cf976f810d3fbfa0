--TEST--
Thread::post(): hold and reject rules, a catastrophic pattern is stopped and held, pre-moderated subjects and threads
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_post_moderation_001', "  subjects:\n    assembly: { premoderate: true }",
    "    - { name: trampa, pattern: '^(a+)+\$', action: hold }");
$t = $site->thread('commitment', 'PAL-07');

$held = $t->post('wp:1', 'Eres un idiota');
echo $held['status'], ' / ', $held['rule'], ' / ', $held['message'], "\n";
$rej = $t->post('wp:1', '¡Compra ya nuestros productos!');
echo $rej['status'], ' / ', $rej['rule'], ' / ', $rej['message'], "\n";

// A pattern that backtracks catastrophically on a crafted comment: the match
// limit stops it, the comment is held for a person, and the call returns
// (the limit is PCRE2's step count, not a clock: the test has no deadline;
// a hang would be run-tests' timeout).
$trap = $t->post('wp:2', str_repeat('a', 60) . '!');
echo $trap['status'], ' / ', $trap['rule'], ' / ', $trap['rule_message'], "\n";
echo "returned\n";

// Pre-moderated subject type (YAML) and pre-moderated thread (API).
$a = $site->thread('assembly', '2026-03-14');
$p = $a->post('wp:3', 'Todo bien');
echo $p['status'], ' / ', $p['rule'], "\n";
$t2 = $site->thread('post', '9');
threads_test_refused('premoderate by a citizen', fn() => $t2->setPremoderate(true, 'wp:3'));
$t2->setPremoderate(true, 'wp:mod', 'tema sensible');
echo $t2->post('wp:3', 'Hola')['status'], "\n";
$t2->setPremoderate(false, 'wp:mod');
echo $t2->post('wp:3', 'Hola de nuevo')['status'], "\n";

// Held and rejected comments are in the log with the rule.
foreach (array_reverse($site->moderation()->log(['moderator' => 'participa'])['entries']) as $e) {
    echo $e['action'], ' ', $e['moderator'], ' ', $e['participant'], ' ', $e['reason'], "\n";
}
participa_test_drop('thread_post_moderation_001');
?>
--EXPECT--
held / insultos / Tu comentario se publicará cuando lo revise una persona moderadora.
rejected / publicidad / No se permite publicidad.
held / trampa / rule 'trampa' hit the match limit
returned
held / premoderación
premoderate by a citizen: Participa\NotAllowedException: No tienes permiso para moderar.
held
published
hold participa wp:1 insultos: rule 'insultos' matched
reject participa wp:1 publicidad: No se permite publicidad.
hold participa wp:2 trampa: rule 'trampa' hit the match limit
hold participa wp:3 premoderación: Este tema se modera antes de publicar.
hold participa wp:3 premoderación: Este tema se modera antes de publicar.
