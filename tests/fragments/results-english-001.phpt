--TEST--
TallyResult::html(): English from the same catalog (host lang "en"): method name, headings, round sentences, tie-breaks, budget reasons; no Spanish left
--EXTENSIONS--
participa
--INI--
participa.templates_dir={PWD}/../../templates
--FILE--
<?php
require __DIR__ . '/results_test.inc';
$irv = Participa\Tally::count('irv', ['A>B>C', 'B>C>A', 'C>B>A', 'A>C', 'B', 'C>B']);
$html = $irv->html(results_host('en1', 'en'), ['names' => ['A' => 'Ana', 'B' => 'Beto', 'C' => 'Caro']]);
echo results_text($html), "\n";
$pb = Participa\Tally::count('pb_greedy', [['a', 'b'], ['b'], ['c'], ['a']],
    ['budget' => 100, 'projects' => ['a' => 60, 'b' => 50, 'c' => 30]]);
$html = $pb->html(results_host('en2', 'en'), ['names' => ['a' => 'Lights', 'b' => 'Sidewalks', 'c' => 'Court'],
    'options' => ['budget' => 100, 'projects' => ['a' => 60, 'b' => 50, 'c' => 30]], 'state' => 'voting']);
foreach (results_table($html, 'Each project: its cost, how many people supported it, whether it is funded and why') as $row) {
    echo implode(' | ', $row), "\n";
}
preg_match('/role="status">(.*?)<\/p>/s', $html, $b);
echo results_text($b[1]), "\n";
// what is left in Spanish: nothing a reader sees (lang="en" on the section)
$text = results_text($html . $irv->html(results_host('en3', 'en')));
var_dump(preg_match('/\b(de|las|los|que|por|Opción|Ronda|Votos|Sí)\b/u', $text), str_contains($html, 'lang="en"'));
?>
--EXPECT--
Results Counting method Instant-runoff voting Ballots counted 6 Winning option Beto Rounds of the count In each round, each ballot counts for its most preferred option still in the race. If none has more than half of those votes, the one with the fewest is eliminated and its ballots move to the next option marked on each. Votes of each option in each round OptionRound 1Round 2 Beto24 (+2) wins Ana22 Caro2 eliminated— Round 1. No option has more than half of the 6 votes in play. Caro, the one with the fewest (2 votes), is eliminated; its ballots move to the next option marked. Beto: +2 Round 2. Beto gets 4 of the 6 votes in play (66.7 %), more than half: it wins. Votes in the last round Beto: 4 — Wins; Ana: 2. Half of the votes in play: 3. ✓ Beto 4 Ana 2 Half of the votes in play: 3 Votes in the last round OptionVotesResult Beto4Wins Ana2 Full ranking Place 1: Beto Place 2: Ana Place 3: Caro Tie-breaks Tie between Ana, Beto and Caro to eliminate in round 1: broken by the order in which the options are listed. Eliminated: Caro.
Project | Cost | Approvals | Funded? | Why
Sidewalks | $50 | 2 | Yes, for now | Funded: by its approvals its turn was 1, and its cost fitted what was left ($100).
Court | $30 | 1 | Yes, for now | Funded: by its approvals its turn was 3, and its cost fitted what was left ($50).
Lights | $60 | 2 | No | When its turn 2 came, $50 was left, and it costs $60: it did not fit.
Preliminary results. Voting is still open: these numbers may change until it closes.
int(0)
bool(true)