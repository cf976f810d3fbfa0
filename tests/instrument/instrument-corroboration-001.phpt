--TEST--
Participa\Instrument::report(): self-reported beside corroborated scores, the items in disagreement, ranking, thresholds and groups, exactly
--EXTENSIONS--
participa
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/instrument_test.inc';
$site = instr_site('instr_corroboration_001');
$i = $site->instrument('apertura');
$i->submit('wp:ame', 'amecameca', instr_full());                                   // 8.5 of 15
$i->submit('wp:aya', 'ayapango', ['reglamento' => ['value' => true, 'evidence' => 'acta 3/2022'], 'comite' => 'yes',
    'portal' => 4, 'datos' => 'todos']);                                           // 15 of 15
$i->submit('wp:tol', 'toluca', ['reglamento' => false, 'comite' => 'no', 'portal' => 0, 'datos' => 'ninguno']);
$i->saveDraft('wp:met', 'metepec', ['comite' => 'yes']);
// citizens, item by item (an item left out keeps the municipality's own answer)
$i->corroborate('wp:c1', 'amecameca', ['reglamento' => false, 'portal' => 3]);
$i->corroborate('wp:c2', 'amecameca', ['reglamento' => false, 'comite' => 'yes']);
$i->corroborate('wp:c3', 'amecameca', ['reglamento' => true]);
$i->corroborate('wp:c1', 'ayapango', ['datos' => 'todos']);

$r = $i->report();
echo "scored by $r[scored_by]\n";
foreach (['self', 'corroboration'] as $k) {
    $x = $r['responses'][$k];
    echo "$k: $x[submitted] submitted about $x[subjects] subjects, $x[drafts] drafts, rate ", instr_fig($x['rate']), "\n";
}
foreach ($r['subjects'] as $s) {
    echo "$s[id] ($s[group]): ", $s['responded'] ? 'self ' . instr_fig($s['self']['share']) . ' ' . ($s['self']['level'] ?? '-') : 'no answer';
    if ($s['corroboration']) {
        $c = $s['corroboration'];
        echo "; $c[responses] corroborations ", instr_fig($c['total']), ' = ', instr_fig($c['share']), "\n";
        foreach ($c['dimensions'] as $d) {
            echo "    $d[id]: ", instr_fig($d['points']), ' = ', instr_fig($d['share']), "\n";
        }
        foreach ($c['disagreements'] as $d) {
            echo "    disagree on $d[item] ($d[dimension]): self ", instr_fig($d['self']), ', citizens ', instr_fig($d['corroborated']),
                ", $d[agree] of $d[corroborations] agree\n";
        }
    } else {
        echo "\n";
    }
}
echo "-- bars\n";
foreach ($r['dimensions'] as $d) {
    echo "$d[title]: all ", instr_fig($d['share']), '; over ', $d['corroboration']['subjects'], ' corroborated: own ',
        instr_fig($d['corroboration']['own_share']), ' citizens ', instr_fig($d['corroboration']['corroborated_share']), "\n";
}
echo "-- ranking\n";
foreach ($r['ranking'] as $x) {
    echo "$x[rank]. $x[name] ", instr_fig($x['total']), ' ', $x['share']['percent'], ' ', $x['level'] ?? '-', "\n";
}
echo "-- thresholds\n";
foreach ($r['thresholds'] as $t) {
    echo "$t[label] (>= $t[at] %): $t[subjects], ", instr_fig($t['share']), "\n";
}
echo "-- groups\n";
foreach ($r['groups'] as $g) {
    echo "$g[group]: $g[responded] of $g[subjects] (", $g['rate']['percent'], '), mean ', instr_fig($g['mean_share']), ', ',
        implode(', ', array_map(fn($t) => "$t[label] $t[subjects]", $g['thresholds'])), "\n";
}
echo "-- open data\n";
$csv = $i->export('csv');
echo $csv;
$json = json_decode($i->export('json'), true);
echo 'json equals report(): ', var_export($json == json_decode(json_encode($r), true), true), "\n";
instr_try(fn() => $i->export('xml'));
participa_test_drop('instr_corroboration_001');
?>
--EXPECT--
scored by self
self: 3 submitted about 3 subjects, 1 drafts, rate 3/4 (75.0 %)
corroboration: 4 submitted about 2 subjects, 0 drafts, rate 1/2 (50.0 %)
amecameca (Región I Amecameca): self 17/30 (56.7 %) Básica; 3 corroborations 49/6 (8.17) = 49/90 (54.4 %)
    normatividad: 5/3 (1.67) = 5/9 (55.6 %)
    tic: 13/2 (6.5) = 13/24 (54.2 %)
    disagree on reglamento (normatividad): self 1/1 (1), citizens 1/3 (0.33), 1 of 3 agree
    disagree on comite (normatividad): self 1/1 (1), citizens 2/1 (2), 0 of 1 agree
ayapango (Región I Amecameca): self 1/1 (100.0 %) Consolidada; 1 corroborations 15/1 (15) = 1/1 (100.0 %)
    normatividad: 3/1 (3) = 1/1 (100.0 %)
    tic: 12/1 (12) = 1/1 (100.0 %)
toluca (Región XIII Toluca): self 0/1 (0.0 %) -
metepec (Región XIII Toluca): no answer
-- bars
Normatividad: all 5/9 (55.6 %); over 2 corroborated: own 5/6 (83.3 %) citizens 7/9 (77.8 %)
TIC's: all 37/72 (51.4 %); over 2 corroborated: own 37/48 (77.1 %) citizens 37/48 (77.1 %)
-- ranking
1. Ayapango 15/1 (15) 100.0 % Consolidada
2. Amecameca 17/2 (8.5) 56.7 % Básica
3. Toluca 0/1 (0) 0.0 % -
-- thresholds
Básica (>= 50 %): 2, 2/3 (66.7 %)
Consolidada (>= 80 %): 1, 1/3 (33.3 %)
-- groups
Región I Amecameca: 2 of 2 (100.0 %), mean 47/60 (78.3 %), Básica 2, Consolidada 1
Región XIII Toluca: 1 of 2 (50.0 %), mean 0/1 (0.0 %), Básica 0, Consolidada 0
-- open data
instrument,subject,name,group,respondent,responses,dimension,points_num,points_den,points,max_points,share,level
apertura,amecameca,Amecameca,Región I Amecameca,self,1,normatividad,2,1,2,3,66.7 %,
apertura,amecameca,Amecameca,Región I Amecameca,self,1,tic,13,2,6.5,12,54.2 %,
apertura,amecameca,Amecameca,Región I Amecameca,self,1,total,17,2,8.5,15,56.7 %,Básica
apertura,amecameca,Amecameca,Región I Amecameca,corroboration,3,normatividad,5,3,1.67,3,55.6 %,
apertura,amecameca,Amecameca,Región I Amecameca,corroboration,3,tic,13,2,6.5,12,54.2 %,
apertura,amecameca,Amecameca,Región I Amecameca,corroboration,3,total,49,6,8.17,15,54.4 %,Básica
apertura,ayapango,Ayapango,Región I Amecameca,self,1,normatividad,3,1,3,3,100.0 %,
apertura,ayapango,Ayapango,Región I Amecameca,self,1,tic,12,1,12,12,100.0 %,
apertura,ayapango,Ayapango,Región I Amecameca,self,1,total,15,1,15,15,100.0 %,Consolidada
apertura,ayapango,Ayapango,Región I Amecameca,corroboration,1,normatividad,3,1,3,3,100.0 %,
apertura,ayapango,Ayapango,Región I Amecameca,corroboration,1,tic,12,1,12,12,100.0 %,
apertura,ayapango,Ayapango,Región I Amecameca,corroboration,1,total,15,1,15,15,100.0 %,Consolidada
apertura,toluca,Toluca,Región XIII Toluca,self,1,normatividad,0,1,0,3,0.0 %,
apertura,toluca,Toluca,Región XIII Toluca,self,1,tic,0,1,0,12,0.0 %,
apertura,toluca,Toluca,Región XIII Toluca,self,1,total,0,1,0,15,0.0 %,
json equals report(): true
InvalidArgumentException: Formato desconocido: se admiten csv y json.