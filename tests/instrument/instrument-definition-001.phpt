--TEST--
Participa\Instrument::definition(): the INFOEM and PNUD sample instruments (dimensions, weights, thresholds, windows)
--EXTENSIONS--
participa
--FILE--
<?php
foreach (['instruments-infoem.yaml', 'instruments-pnud.yaml'] as $file) {
    $site = Participa\Site::open(__DIR__ . '/../../examples/' . $file);
    $id = $file === 'instruments-pnud.yaml' ? 'pnud-buenas-practicas' : 'infoem-apertura-2022';
    $i = $site->instrument($id);
    $d = $i->definition();
    echo "$d[id]: about $d[about], max {$d["max"]["text"]} points, ", count($d['subjects']), " subjects\n";
    $items = 0; $placeholders = 0;
    foreach ($d['dimensions'] as $dim) {
        $points = array_map(fn($it) => $it['max']['text'], $dim['items']);
        echo "  $dim[title]: ", count($dim["items"]), " items, points ", implode(" ", $file === "instruments-pnud.yaml" ? $points : array_unique($points)), "\n";
        $items += count($dim['items']);
        $placeholders += count(array_filter($dim['items'], fn($it) => $it['placeholder']));
    }
    echo "  items $items, placeholders $placeholders\n";
    foreach ($d['thresholds'] as $t) { echo "  at $t[at] %: $t[label]\n"; }
    foreach ($d['respondents'] as $kind => $r) {
        echo "  $kind: role ", $r['role'] ?? '(anyone)', ", opens ", $r['opens'] ?? '-', ", deadline ", $r['deadline'] ?? '-', ", now $r[window]\n";
    }
}
$pnud = Participa\Site::open(__DIR__ . '/../../examples/instruments-pnud.yaml')->instrument('pnud-buenas-practicas')->definition();
echo "regions: ", implode(', ', array_unique(array_column($pnud['subjects'], 'group'))), "\n";
try {
    $site->instrument('no-existe');
} catch (Participa\NotFoundException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$rp = new ReflectionProperty(Participa\Instrument::class, 'id');
echo 'readonly id: ', var_export($rp->isReadOnly(), true), "\n";
?>
--EXPECT--
infoem-apertura-2022: about territory, max 64 points, 8 subjects
  Normatividad: 13 items, points 1
  Transparencia: 13 items, points 1
  Participación Ciudadana: 13 items, points 1
  Rendición de Cuentas: 13 items, points 1
  TIC's: 12 items, points 1
  items 64, placeholders 64
  at 50 %: Apertura básica
  at 80 %: Apertura consolidada
  self: role enlace-municipal, opens 2022-06-08 00:00:00, deadline 2022-06-20 23:59:59, now after
  corroboration: role (anyone), opens 2023-01-01 00:00:00, deadline 2023-02-15 23:59:59, now after
pnud-buenas-practicas: about practice, max 100 points, 41 subjects
  Criterios específicos: 5 items, points 10 10 10 10 10
  Criterios generales: 7 items, points 8 8 8 8 6 6 6
  items 12, placeholders 0
  at 80 %: Buena práctica
  at 100 %: Caso emblemático
  evaluation: role evaluador, opens -, deadline -, now open
regions: África, Asia y el Pacífico, Europa y Asia Central, Oriente Medio y África del Norte, Las Américas, México
Participa\NotFoundException: No existe el cuestionario «no-existe».
readonly id: true
