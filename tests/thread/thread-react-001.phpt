--TEST--
Thread::react(): one changeable vote per participant, stances agree/disagree/pass, refusals
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
$site = threads_test_site('thread_react_001');
$t = $site->thread('commitment', 'PAL-07');
$c = $t->post('wp:1', 'Enunciado: hace falta alumbrado');
$show = fn($r) => "up={$r['up']} down={$r['down']} agree={$r['agree']} disagree={$r['disagree']} pass={$r['pass']} vote={$r['viewer_vote']} stance=" . var_export($r['viewer_stance'], true);

echo $show($t->react($c['id'], 'wp:2', 'up')), "\n";
echo $show($t->react($c['id'], 'wp:2', 'up')), "\n";      // same vote twice counts once
echo $show($t->react($c['id'], 'wp:2', 'down')), "\n";    // changed
echo $show($t->react($c['id'], 'wp:2', 'agree')), "\n";   // stance kept apart from the vote
echo $show($t->react($c['id'], 'wp:2', 'pass')), "\n";
echo $show($t->react($c['id'], 'wp:2', 'none')), "\n";    // vote withdrawn, stance stays
echo $show($t->react($c['id'], 'wp:3', 'disagree')), "\n";
$r = $t->react($c['id'], 'wp:4', 'up');
printf("score %.4f\n", $r['score']);

threads_test_refused('bad reaction', fn() => $t->react($c['id'], 'wp:2', 'love'));
threads_test_refused('no react permission', fn() => $t->react($c['id'], 'wp:fun', 'up'));
threads_test_refused('unknown comment', fn() => $t->react(424242, 'wp:2', 'up'));
$other = $site->thread('post', '1')->post('wp:1', 'otro hilo');
threads_test_refused('comment of another thread', fn() => $t->react($other['id'], 'wp:2', 'up'));
$held = $t->post('wp:5', 'idiota');
threads_test_refused('held comment', fn() => $t->react($held['id'], 'wp:2', 'up'));

$db = participa_test_admin('pt_thread_react_001');
echo $db->query("SELECT COUNT(*) FROM participa_reactions WHERE comment_id = {$c['id']}")->fetch_row()[0], " reaction rows\n";
$db->close();
participa_test_drop('thread_react_001');
?>
--EXPECT--
up=1 down=0 agree=0 disagree=0 pass=0 vote=up stance=NULL
up=1 down=0 agree=0 disagree=0 pass=0 vote=up stance=NULL
up=0 down=1 agree=0 disagree=0 pass=0 vote=down stance=NULL
up=0 down=1 agree=1 disagree=0 pass=0 vote=down stance='agree'
up=0 down=1 agree=0 disagree=0 pass=1 vote=down stance='pass'
up=0 down=0 agree=0 disagree=0 pass=1 vote=none stance='pass'
up=0 down=0 agree=0 disagree=1 pass=1 vote=none stance='disagree'
score 0.2065
bad reaction: Participa\InvalidArgumentException: La reacción debe ser 'up', 'down', 'none', 'agree', 'disagree' o 'pass'.
no react permission: Participa\NotAllowedException: No tienes permiso para reaccionar a comentarios.
unknown comment: Participa\NotFoundException: El comentario 424242 no existe.
comment of another thread: Participa\NotFoundException: El comentario no existe en este hilo.
held comment: Participa\NotFoundException: El comentario no existe en este hilo.
3 reaction rows
