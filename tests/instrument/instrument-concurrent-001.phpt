--TEST--
Participa\Instrument: four processes race to answer for the same municipalities and corroborate them; one response per subject and per citizen, every write whole
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/instrument_test.inc';
$site = instr_site('instr_concurrent_001');
$path = sys_get_temp_dir() . '/participa-test-instr_concurrent_001.yaml';
// Each child, as one of Amecameca's two liaisons, drafts and submits for Amecameca (one submission
// wins, the others see ConflictException), then corroborates as citizens wp:c0..wp:c9 (each
// citizen once: a second corroboration by the same citizen is a conflict). No sleeps: they race.
$script = participa_test_unique_path('instr_concurrent_001', '.php');
file_put_contents($script, '<?php
require ' . var_export(__DIR__ . '/instrument_test.inc', true) . ';
$i = Participa\Site::open($argv[1])->instrument("apertura");
$me = (int) $argv[2];
$who = $me % 2 ? "wp:ame" : "wp:ame2";
$out = ["submitted" => 0, "conflicts" => 0, "corroborated" => 0, "other" => []];
for ($round = 0; $round < 20; $round++) {
    try {
        $i->saveDraft($who, "amecameca", ["portal" => $round % 5, "reglamento" => ["value" => true, "evidence" => "e$me"]]);
        $a = instr_full();
        $a["portal"] = $me;
        $i->submit($who, "amecameca", $a);
        $out["submitted"]++;
    } catch (Participa\ConflictException $e) {
        $out["conflicts"]++;
    } catch (Throwable $e) {
        $out["other"][] = get_class($e) . ": " . $e->getMessage();
    }
}
for ($c = 0; $c < 10; $c++) {
    try {
        $i->corroborate("wp:c$c", "amecameca", ["portal" => $me, "comite" => "yes"]);
        $out["corroborated"]++;
    } catch (Participa\ConflictException $e) {
        $out["conflicts"]++;
    } catch (Throwable $e) {
        $out["other"][] = get_class($e) . ": " . $e->getMessage();
    }
}
echo json_encode($out), "\n";');
$procs = $pipes = [];
for ($k = 0; $k < 4; $k++) {
    $procs[] = proc_open(participa_test_php_command([$script, $path, (string) $k]), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$k]);
}
$submitted = $corroborated = 0;
$winner = null;
foreach ($procs as $k => $p) {
    $out = json_decode(trim(stream_get_contents($pipes[$k][1])), true);
    $err = stream_get_contents($pipes[$k][2]);
    proc_close($p);
    if (!is_array($out) || $out['other']) {
        echo "child $k: ", json_encode($out), " $err\n";
        continue;
    }
    $submitted += $out['submitted'];
    $corroborated += $out['corroborated'];
    if ($out['submitted']) {
        $winner = $k;
    }
}
unlink($script);
$i = $site->instrument('apertura');
$r = $i->response('wp:x', 'amecameca');
echo "submissions that succeeded: $submitted; stored: $r[status], portal = the winner's: ", var_export($r['answers']['portal']['value'] === $winner, true), "\n";
echo "its evidence is its own draft's: ", var_export($r['answers']['reglamento']['evidence'] === 'https://municipio.gob.mx/reglamento.pdf', true), "\n";
echo "corroborations that succeeded: $corroborated\n";
$rep = $i->report();
echo "report: self {$rep['responses']['self']['submitted']}, corroborations {$rep['responses']['corroboration']['submitted']}\n";
$db = participa_test_admin('pt_instr_concurrent_001');
echo 'rows: ', $db->query('SELECT COUNT(*) FROM participa_instrument_responses')->fetch_row()[0], ' responses, ',
    $db->query('SELECT COUNT(*) FROM participa_instrument_answers a JOIN participa_instrument_responses r ON r.id = a.response_id WHERE r.kind = 1')->fetch_row()[0],
    " corroboration answers\n";
participa_test_drop('instr_concurrent_001');
?>
--EXPECT--
submissions that succeeded: 1; stored: submitted, portal = the winner's: true
its evidence is its own draft's: true
corroborations that succeeded: 10
report: self 1, corroborations 10
rows: 11 responses, 20 corroboration answers
