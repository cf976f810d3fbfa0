--TEST--
Thread::post(): the rate limit holds when one participant posts from several workers at the same instant (both the one-round-trip and the full path)
--EXTENSIONS--
participa
pcntl
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/threads_test.inc';
// threads_test_yaml(): rate_limit 5/h
$site = threads_test_site('thread_post_rate_001');
$path = participa_test_config('thread_post_rate_001', threads_test_yaml(), false);
$t = $site->thread('commitment', 'PAL-07');
$t->post('wp:racer', 'primero');          // 4 slots left

// 8 workers, each with its own connection, post as the same participant
// at once (a pipe barrier releases them together); bodies with a mention
// take the full path.
function race(string $path, string $body, int $workers): array
{
    $codes = threads_test_race($workers, function (int $w) use ($path) {
        $th = Participa\Site::open($path)->thread('commitment', 'PAL-07');
        $th->info();                      // connected and warm before the start
        return $th;
    }, function (int $w, Participa\Thread $th) use ($body) {
        try {
            $th->post('wp:racer', "$body $w");
            return 0;
        } catch (Participa\NotAllowedException $e) {
            return str_contains($e->getMessage(), 'límite') ? 1 : 2;
        } catch (Throwable $e) {
            return 3;
        }
    });
    $count = [0 => 0, 1 => 0, 2 => 0, 3 => 0];
    foreach ($codes as $code) {
        $count[$code] = ($count[$code] ?? 0) + 1;
    }
    return $count;
}

$c = race($path, 'simultáneo', 8);
echo "one round trip: published {$c[0]}, refused by the limit {$c[1]}, other {$c[2]}/{$c[3]}\n";

// (mysqli connections are opened after each race: a forked child closes them at exit)
$db = participa_test_admin('pt_thread_post_rate_001');
$db->query("DELETE FROM participa_comments WHERE author = 'wp:racer'");
$db->close();
$t->post('wp:racer', 'primero otra vez');
$c = race($path, 'con mención a @wp:1', 8);
echo "full path: published {$c[0]}, refused by the limit {$c[1]}, other {$c[2]}/{$c[3]}\n";
$db = participa_test_admin('pt_thread_post_rate_001');
echo "stored: ", $db->query("SELECT COUNT(*) FROM participa_comments WHERE author = 'wp:racer'")->fetch_row()[0], "\n";
?>
--CLEAN--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_drop('thread_post_rate_001'); ?>
--EXPECT--
one round trip: published 4, refused by the limit 4, other 0/0
full path: published 4, refused by the limit 4, other 0/0
stored: 5
