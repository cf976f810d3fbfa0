--TEST--
Commitments: evidence URLs accept only http, https and relative references, on upsert, update (add_evidence) and import; a stored script URL never reaches a page
--EXTENSIONS--
participa
mysqli
--SKIPIF--
<?php require __DIR__ . '/../helpers/participa_test.php'; participa_test_skip_without_db(); ?>
--FILE--
<?php
require __DIR__ . '/commitments_test.inc';
$site = commitments_test_site('cm_evidence_url_001');
$c = $site->commitments();
$c->upsert(['id' => 'PAL-01', 'plan' => 'pal-2026', 'title' => 'Con evidencias'], 'wp:fun');

$hostile = [
    'javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "\u{00A0}javascript:alert(1)", "\u{200B}javascript:alert(1)",
    'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', '%6Aavascript:alert(1)',
    '//evil.example/x', '\\\\evil.example/x', '/\\evil.example', 'https://iztapalapa.gob.mx@evil.example/',
    'https://', 'https:evil.example', 'https://a.mx/%zz', 'https://a.mx/"onmouseover="alert(1)',
];
foreach ($hostile as $url) {
    commitments_test_refused(json_encode($url), fn() => $c->update('PAL-01', ['add_evidence' => ['url' => $url]], 'wp:fun'));
}
commitments_test_refused('upsert', fn() => $c->upsert(['id' => 'PAL-02', 'plan' => 'pal-2026', 'title' => 'x',
    'evidence' => [['url' => 'javascript:alert(1)']]], 'wp:fun'));
echo "evidence stored: ", count($c->get('PAL-01')['evidence']), "\n";

foreach (['https://iztapalapa.gob.mx/actas/12.pdf', 'HTTP://EXAMPLE.ORG', '/documentos/minuta.pdf', 'minuta.pdf',
          '?pagina=2', '#evidencia', 'https://es.wikipedia.org/wiki/Año', './javascript:no-es-un-esquema'] as $url) {
    $c->update('PAL-01', ['add_evidence' => ['url' => $url, 'description' => 'ok']], 'wp:fun');
}
echo implode("\n", array_column($c->get('PAL-01')['evidence'], 'url')), "\n";

// import: the error names the row and the evidence column
$csv = "id,plan,title,evidence\r\nI-1,pal-2026,Uno,\"[{\"\"url\"\":\"\"javascript:alert(1)\"\"}]\"\r\n";
foreach ($c->import($csv, 'csv', true)['errors'] as $e) {
    echo "import row {$e['row']} col {$e['column_number']} ({$e['column']}): {$e['message']}\n";
}

// a URL written by hand in SQL (or before the rule) is not handed to a page, but export keeps it
$db = participa_test_admin('pt_cm_evidence_url_001');
$db->query("UPDATE participa_commitment_evidence SET url = 'javascript:alert(1)' WHERE commitment_id = 'PAL-01' AND position = 0");
var_dump($c->get('PAL-01')['evidence'][0]['url']);
var_dump($c->view('PAL-01')['evidence'][0]['url']);
var_dump($c->list(['plan' => 'pal-2026'])[0]['evidence'][0]['url']);
echo str_contains($c->export('json', 'pal-2026'), 'javascript:alert(1)') ? "export keeps it\n" : "export lost it\n";
participa_test_drop('cm_evidence_url_001');
?>
--EXPECT--
"javascript:alert(document.cookie)": Participa\InvalidArgumentException: evidence.url: la dirección debe empezar con http:// o https://, o ser una dirección relativa del sitio
"JaVaScRiPt:alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección debe empezar con http:// o https://, o ser una dirección relativa del sitio
" javascript:alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección contiene espacios o caracteres de control (un espacio se escribe %20)
"java\tscript:alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección contiene espacios o caracteres de control (un espacio se escribe %20)
"java\nscript:alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección contiene espacios o caracteres de control (un espacio se escribe %20)
"\u0001javascript:alert(1)": Participa\InvalidArgumentException: evidence: el texto no es UTF-8 válido o tiene caracteres de control
"\u00a0javascript:alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección contiene un espacio o un carácter invisible
"\u200bjavascript:alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección contiene un espacio o un carácter invisible
"vbscript:msgbox(1)": Participa\InvalidArgumentException: evidence.url: la dirección debe empezar con http:// o https://, o ser una dirección relativa del sitio
"data:text\/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==": Participa\InvalidArgumentException: evidence.url: la dirección debe empezar con http:// o https://, o ser una dirección relativa del sitio
"%6Aavascript:alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección debe empezar con http:// o https://, o ser una dirección relativa del sitio
"\/\/evil.example\/x": Participa\InvalidArgumentException: evidence.url: una dirección no puede empezar con //; escribe https:// y el sitio
"\\\\evil.example\/x": Participa\InvalidArgumentException: evidence.url: la dirección contiene un carácter no permitido (" < > \ ^ ` { | })
"\/\\evil.example": Participa\InvalidArgumentException: evidence.url: la dirección contiene un carácter no permitido (" < > \ ^ ` { | })
"https:\/\/iztapalapa.gob.mx@evil.example\/": Participa\InvalidArgumentException: evidence.url: la dirección no puede llevar usuario ni contraseña
"https:\/\/": Participa\InvalidArgumentException: evidence.url: la dirección no indica el sitio después de http:// o https://
"https:evil.example": Participa\InvalidArgumentException: evidence.url: después de http: o https: deben ir dos barras y el sitio
"https:\/\/a.mx\/%zz": Participa\InvalidArgumentException: evidence.url: la dirección tiene un '%' que no va seguido de dos dígitos hexadecimales
"https:\/\/a.mx\/\"onmouseover=\"alert(1)": Participa\InvalidArgumentException: evidence.url: la dirección contiene un carácter no permitido (" < > \ ^ ` { | })
upsert: Participa\InvalidArgumentException: evidence.url: la dirección debe empezar con http:// o https://, o ser una dirección relativa del sitio
evidence stored: 0
https://iztapalapa.gob.mx/actas/12.pdf
HTTP://EXAMPLE.ORG
/documentos/minuta.pdf
minuta.pdf
?pagina=2
#evidencia
https://es.wikipedia.org/wiki/Año
./javascript:no-es-un-esquema
import row 2 col 4 (evidence): evidence.url: la dirección debe empezar con http:// o https://, o ser una dirección relativa del sitio
NULL
NULL
NULL
export keeps it
