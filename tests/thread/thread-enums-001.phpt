--TEST--
Thread: Participa\Sort, Reaction and Alignment behave exactly like their strings (page()/replies() 'sort', react(), post() 'alignment'); another object is refused
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
use Participa\{Sort, Reaction, Alignment};

require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_enums_001', "  subjects:\n    process: { alignment: true }");
$t = $site->thread('process', 'presupuesto-2026');

// post(): 'alignment' as a case and as its string store the same thing
$a = $t->post('wp:1', 'Primera propuesta', ['alignment' => Alignment::Against]);
$b = $t->post('wp:2', 'Segunda propuesta', ['alignment' => 'against']);
echo "alignment: ", $a['alignment'], " / ", $b['alignment'], "\n";
foreach (Alignment::cases() as $case) {
    $x = $t->post('wp:3', 'Postura ' . $case->value, ['alignment' => $case]);
    echo "  ", $case->name, " -> ", $x['alignment'], "\n";
}
$r1 = $t->post('wp:4', 'Respuesta uno', ['parent' => $a['id']]);
$r2 = $t->post('wp:5', 'Respuesta dos', ['parent' => $a['id']]);

// react(): every case does what its string does
$show = fn($r) => "up={$r['up']} down={$r['down']} agree={$r['agree']} disagree={$r['disagree']} pass={$r['pass']} vote={$r['viewer_vote']} stance=" . var_export($r['viewer_stance'], true);
foreach (Reaction::cases() as $case) {
    $byEnum = $show($t->react($a['id'], 'wp:6', $case));
    $byString = $show($t->react($b['id'], 'wp:6', $case->value));
    echo $case->name, ": ", $byEnum, $byEnum === $byString ? " (same as the string)" : " DIFFERS: $byString", "\n";
}
$t->react($b['id'], 'wp:7', Reaction::Up);

// page() / replies(): 'sort' as a case and as its string give the same page, and their cursors agree
$strip = function (array $page) {
    return json_encode(array_map(fn($c) => [$c['id'], array_map(fn($r) => $r['id'], $c['replies'])], $page['comments']));
};
foreach (Sort::cases() as $case) {
    $e = $t->page(['sort' => $case, 'limit' => 2, 'viewer' => 'wp:6']);
    $s = $t->page(['sort' => $case->value, 'limit' => 2, 'viewer' => 'wp:6']);
    $same = $strip($e) === $strip($s) && $e['next'] !== null && $s['next'] !== null;
    $next = $t->page(['sort' => $case, 'cursor' => $s['next'], 'limit' => 2]);
    echo "sort ", $case->value, ": ", $same ? "same page" : "DIFFERENT", ", next page ", count($next['comments']), " comments\n";
}
$e = $t->replies($a['id'], ['sort' => Sort::Oldest, 'limit' => 1]);
$s = $t->replies($a['id'], ['sort' => 'oldest', 'limit' => 1]);
echo "replies oldest: ", $strip($e) === $strip($s) ? "same" : "DIFFERENT", "\n";

// the refusals are the strings' refusals
threads_test_refused('replies newest (case)', fn() => $t->replies($a['id'], ['sort' => Sort::Newest]));
threads_test_refused('replies newest (string)', fn() => $t->replies($a['id'], ['sort' => 'newest']));
$oldest = $t->page(['sort' => Sort::Oldest, 'limit' => 1])['next'];
threads_test_refused('cursor of another sort (case)', fn() => $t->page(['sort' => Sort::Top, 'cursor' => $oldest]));
threads_test_refused('cursor of another sort (string)', fn() => $t->page(['sort' => 'top', 'cursor' => $oldest]));
echo "cursor of its own sort: ", count($t->page(['sort' => Sort::Oldest, 'cursor' => $oldest, 'limit' => 1])['comments']), " comment\n";
$other = $site->thread('commitment', 'PAL-07');
threads_test_refused('alignment on a subject without (case)', fn() => $other->post('wp:1', 'x', ['alignment' => Alignment::For]));
threads_test_refused('alignment on a subject without (string)', fn() => $other->post('wp:1', 'x', ['alignment' => 'for']));

// another enum, or another object, is an InvalidArgumentException; a wrong scalar type stays a TypeError
threads_test_refused('sort: a Reaction', fn() => $t->page(['sort' => Reaction::Up]));
threads_test_refused('sort: an object', fn() => $t->page(['sort' => new stdClass()]));
threads_test_refused('sort: an int', fn() => $t->page(['sort' => 3]));
threads_test_refused('react: a Sort', fn() => $t->react($a['id'], 'wp:6', Sort::Top));
threads_test_refused('react: an object', fn() => $t->react($a['id'], 'wp:6', new ArrayObject()));
threads_test_refused('alignment: a Sort', fn() => $t->post('wp:1', 'x', ['alignment' => Sort::Newest]));
threads_test_refused('alignment: an int', fn() => $t->post('wp:1', 'x', ['alignment' => 1]));
try {
    $t->react($a['id'], 'wp:6', Sort::Top);
} catch (Participa\InvalidArgumentException $e) {
    echo "react refusal is Participa\\InvalidArgumentException and \\InvalidArgumentException: ",
        var_export($e instanceof \InvalidArgumentException, true), "\n";
}
participa_test_drop('thread_enums_001');
?>
--EXPECT--
alignment: against / against
  For -> for
  Neutral -> neutral
  Against -> against
Up: up=1 down=0 agree=0 disagree=0 pass=0 vote=up stance=NULL (same as the string)
Down: up=0 down=1 agree=0 disagree=0 pass=0 vote=down stance=NULL (same as the string)
None: up=0 down=0 agree=0 disagree=0 pass=0 vote=none stance=NULL (same as the string)
Agree: up=0 down=0 agree=1 disagree=0 pass=0 vote=none stance='agree' (same as the string)
Disagree: up=0 down=0 agree=0 disagree=1 pass=0 vote=none stance='disagree' (same as the string)
Pass: up=0 down=0 agree=0 disagree=0 pass=1 vote=none stance='pass' (same as the string)
sort oldest: same page, next page 2 comments
sort newest: same page, next page 2 comments
sort top: same page, next page 2 comments
sort discussed: same page, next page 2 comments
sort controversial: same page, next page 2 comments
replies oldest: same
replies newest (case): Participa\InvalidArgumentException: Las respuestas siempre van en orden 'oldest' (de la más antigua a la más reciente).
replies newest (string): Participa\InvalidArgumentException: Las respuestas siempre van en orden 'oldest' (de la más antigua a la más reciente).
cursor of another sort (case): Participa\InvalidArgumentException: Este cursor es de otro orden; vuelve a la primera página.
cursor of another sort (string): Participa\InvalidArgumentException: Este cursor es de otro orden; vuelve a la primera página.
cursor of its own sort: 1 comment
alignment on a subject without (case): Participa\InvalidArgumentException: Este tema no admite postura (a favor, neutral o en contra).
alignment on a subject without (string): Participa\InvalidArgumentException: Este tema no admite postura (a favor, neutral o en contra).
sort: a Reaction: Participa\InvalidArgumentException: La opción 'sort' debe ser un texto o un caso de Participa\Sort.
sort: an object: Participa\InvalidArgumentException: La opción 'sort' debe ser un texto o un caso de Participa\Sort.
sort: an int: TypeError: La opción 'sort' debe ser una cadena (se recibió int).
react: a Sort: Participa\InvalidArgumentException: La reacción debe ser un texto o un caso de Participa\Reaction.
react: an object: Participa\InvalidArgumentException: La reacción debe ser un texto o un caso de Participa\Reaction.
alignment: a Sort: Participa\InvalidArgumentException: La opción 'alignment' debe ser un texto o un caso de Participa\Alignment.
alignment: an int: TypeError: La opción 'alignment' debe ser una cadena (se recibió int).
react refusal is Participa\InvalidArgumentException and \InvalidArgumentException: true