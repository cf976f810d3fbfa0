<?php
/*
 * The demo site's content, on a WordPress installed by install.php: the
 * participa plugin active, Spanish settings, the people (with their roles and
 * colonias), the pages with the plugin's shortcodes, and participa's own data
 * through the extension: the 62-commitment local action plan (imported from
 * plan-inai-62.csv), the assemblies of San Miguel Teotongo and the follow-up
 * of their agreements, the processes of San Luis Potosí and of the Technical
 * Secretariat, the debates. Runs once (the option participa_demo_seeded);
 * every run writes DIR/web/demo.json.pending, the URLs and logins that
 * scripts/demo publishes as DIR/demo.json once the site answers.
 *
 * Run by scripts/lib/wordpress.sh: pt_wp_php DIR examples/wordpress-demo/seed.php
 */

require __DIR__ . '/boot.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

$dir = getenv('PT_WP_DIR');
if (!$dir || !is_dir("$dir/web")) {
    fwrite(STDERR, "PT_WP_DIR must name the demo folder\n");
    exit(2);
}

/** Stops the seed with a message (the demo does not start half-seeded). */
function demo_fail(string $why): never
{
    fwrite(STDERR, "seed: $why\n");
    exit(1);
}

// ---- WordPress: the plugin, the settings ------------------------------------

if (!is_plugin_active('participa/participa.php')) {
    $r = activate_plugin('participa/participa.php');
    if (is_wp_error($r)) {
        demo_fail('the participa plugin did not activate: ' . $r->get_error_message());
    }
    // activate_plugin() included the plugin in this request: its hooks are live from here on.
}
if (!function_exists('participa_site') || !participa_site()) {
    demo_fail('the plugin is active but the participa site did not open: '
        . (function_exists('participa_site_error') ? participa_site_error() : 'no participa_site()'));
}
$site = participa_site();
$site->migrate();

// WordPress's roles of the demo: the usual ones, and three of the demo's own
// for people whose participa role no standard one stands for.
add_role('participa_facilitador', 'Facilitación del Secretariado Técnico', ['read' => true]);
add_role('participa_osc', 'Organización de la sociedad civil', ['read' => true]);
add_role('participa_consejero', 'Presidencia de Junta (Consejo de Desarrollo Social)', ['read' => true]);
add_role('participa_enlace_municipal', 'Enlace municipal de transparencia (Infoem)', ['read' => true]);
// WordPress role => participa roles of examples/wordpress-demo/participa.yaml.
const DEMO_ROLE_MAP = [
    'subscriber' => ['ciudadano'],
    'contributor' => ['enlace'],
    'author' => ['funcionario'],
    'editor' => ['moderador'],
    'administrator' => ['funcionario', 'moderador'],
    'participa_facilitador' => ['facilitador'],
    'participa_osc' => ['sociedad-civil'],
    'participa_consejero' => ['consejero'],
    'participa_enlace_municipal' => ['enlace-municipal'],
];

$seeded = (bool) get_option('participa_demo_seeded');
if (!$seeded) {
    update_option('participa_role_map', DEMO_ROLE_MAP);
    update_option('participa_comment_post_types', ['post']);   // the debates: the thread takes WordPress's comments' place
    update_option('participa_default_territory', '');
    update_option('blogdescription', 'Participación ciudadana con participa: Iztapalapa, San Luis Potosí y el gobierno abierto local');
    update_option('timezone_string', 'America/Mexico_City');
    update_option('date_format', 'j \d\e F \d\e Y');
    update_option('time_format', 'H:i');
    update_option('start_of_week', 1);
    update_option('WPLANG', 'es_MX');
    update_option('users_can_register', 1);
    update_option('default_role', 'subscriber');
    update_option('default_comment_status', 'open');
    update_option('show_avatars', 0);   // no requests to gravatar.com from a local demo
    update_option('permalink_structure', '/%postname%/');
}

// ---- people -------------------------------------------------------------------

// In this order: the YAML's assignments name wp:3, wp:4, wp:6, wp:7, wp:8, wp:9.
// [login, display name, WordPress role, territory, password (null: no demo login)]
$people = [
    ['vecina', 'Lupita Hernández', 'subscriber', 'slp-barrio-tlaxcala', 'demo-vecina'],              // 2
    ['vecino', 'Rubén Martínez', 'subscriber', 'san-miguel-teotongo', 'demo-vecino'],                // 3, STL
    ['funcionaria', 'Carmen Ortiz', 'author', 'mexico', 'demo-funcionaria'],                         // 4, STL
    ['moderadora', 'Sofía Ramírez', 'editor', 'mexico', 'demo-moderadora'],                          // 5
    ['facilitadora', 'Patricia Gómez', 'participa_facilitador', 'mexico', 'demo-facilitadora'],      // 6, STL
    ['osc-transparencia', 'Colectivo Ciudadanos por la Transparencia', 'participa_osc', 'mexico', null],  // 7, STL
    ['osc-mujeres', 'Red de Mujeres de Iztapalapa', 'participa_osc', 'iztapalapa', null],               // 8, STL
    ['osc-observatorio', 'Observatorio Ciudadano Potosino', 'participa_osc', 'san-luis-potosi', null],  // 9, STL
    ['enlace', 'Tomás Aguilar', 'contributor', 'san-miguel-teotongo', 'demo-enlace'],                // 10
    ['gabriela', 'Gabriela Cruz', 'subscriber', 'slp-satelite', null],
    ['hugo', 'Hugo Pérez', 'subscriber', 'san-miguel-teotongo', null],
    ['marisol', 'Marisol Díaz', 'subscriber', 'slp-villa-de-pozos', null],
    ['esteban', 'Esteban Rojas', 'subscriber', 'slp-centro-historico', null],
    ['alma', 'Alma Torres', 'subscriber', 'buenavista', null],
];
$jpc = ['Centro Histórico', 'Barrio de Tlaxcala', 'Barrio de San Miguelito', 'Colonia Industrial Aviación', 'Colonia Satélite', 'Villa de Pozos'];
for ($i = 1; $i <= 31; $i++) {
    $people[] = [sprintf('jpc-%02d', $i), sprintf('Presidencia de la JPC %03d (%s)', $i * 9, $jpc[$i % 6]), 'participa_consejero', 'san-luis-potosi', null];
}
// The liaisons of two municipalities of the Infoem questionnaire, who have not answered yet.
$people[] = ['enlace-toluca', 'Enlace de transparencia de Toluca', 'participa_enlace_municipal', 'toluca', 'demo-enlace-toluca'];
$people[] = ['enlace-metepec', 'Enlace de transparencia de Metepec', 'participa_enlace_municipal', 'metepec', 'demo-enlace-metepec'];

/** Creates the user once; returns its id. Its participant follows through the plugin (territory meta, role map). */
function demo_user(string $login, string $name, string $role, string $territory, ?string $password): int
{
    $id = username_exists($login);
    if (!$id) {
        $first = explode(' ', $name)[0];
        $id = wp_insert_user(['user_login' => $login, 'user_pass' => $password ?? wp_generate_password(24),
            'user_email' => "$login@participa-demo.invalid", 'display_name' => $name, 'nickname' => $name,
            'first_name' => $first, 'last_name' => trim(substr($name, strlen($first))), 'role' => $role]);
        if (is_wp_error($id)) {
            demo_fail("user $login: " . $id->get_error_message());
        }
    }
    update_user_meta($id, 'participa_territory', $territory);
    if (function_exists('participa_sync_user')) {
        participa_sync_user((int) $id);
    }
    return (int) $id;
}

$ids = ['admin' => 1];
update_user_meta(1, 'participa_territory', 'mexico');
wp_update_user(['ID' => 1, 'display_name' => 'Administración del sitio']);
participa_sync_user(1);
foreach ($people as [$login, $name, $role, $territory, $password]) {
    $ids[$login] = demo_user($login, $name, $role, $territory, $password);
}
foreach (['vecino' => 3, 'funcionaria' => 4, 'facilitadora' => 6, 'osc-transparencia' => 7, 'osc-mujeres' => 8, 'osc-observatorio' => 9] as $login => $want) {
    if ($ids[$login] !== $want) {
        demo_fail("user $login is wp:{$ids[$login]}, the YAML's assignments expect wp:$want (a fresh demo folder fixes it: scripts/demo --fresh)");
    }
}
$wp = fn(string $login): string => 'wp:' . $ids[$login];
$official = $wp('funcionaria');
foreach ($people as [$login, , , $territory]) {
    if (!$site->participants()->get($wp($login))) {
        demo_fail("participant {$wp($login)} ($login, $territory) was not created by the plugin");
    }
}

// ---- participa: plans, assemblies, processes, threads -------------------------

/** Residents who vote but have no WordPress account (secret ballots show no names). */
function demo_voters(Participa\Site $site, string $prefix, array $territories, int $n): array
{
    $out = [];
    for ($i = 1; $i <= $n; $i++) {
        $id = "demo:$prefix-$i";
        $site->participants()->upsert($id, $territories[$i % count($territories)], ['ciudadano']);
        $out[] = $id;
    }
    return $out;
}

if (!$seeded) {
    $c = $site->commitments();

    // The local action plan: the INAI's 62 commitments by theme (seed document 004), from CSV.
    $r = $c->import(file_get_contents(__DIR__ . '/plan-inai-62.csv'), 'csv', false, $official);
    if ($r['errors']) {
        demo_fail('plan-inai-62.csv: ' . json_encode(array_slice($r['errors'], 0, 3), JSON_UNESCAPED_UNICODE));
    }
    echo "plan pal-2026: {$r['applied']} commitments imported\n";
    $c->update('PAL-03', ['add_evidence' => ['url' => 'https://sitio.sanluis.gob.mx/ConstruyendoCiudadania/',
        'description' => 'Minuta del Consejo de Desarrollo Social Municipal: obras aprobadas', 'date' => '2026-11-20']],
        $official, 'El Consejo aprobó las obras del presupuesto 2026.');
    $c->update('PAL-60', ['progress' => 90, 'add_evidence' => ['url' => 'https://www.plataformadetransparencia.org.mx/',
        'description' => 'Actas de las sesiones del Secretariado Técnico Local', 'date' => '2026-11-05']],
        $official, 'Sesiones públicas transmitidas y con actas.');

    // Iztapalapa: the assemblies of San Miguel Teotongo; their agreements become
    // commitments of the colonia's local development agenda and are followed up.
    $enlace = $wp('enlace');
    $a1 = $c->recordAssembly(['territory' => 'san-miguel-teotongo', 'held_on' => '2026-03-14',
        'place' => 'Explanada de la parroquia de San Miguel Arcángel', 'attendance' => 42,
        'attendees' => [$enlace, $wp('vecino'), $wp('hugo'), $wp('alma'), 'Doña Carmela Reyes', 'Jóvenes del deportivo'],
        'agenda' => "1. Diagnóstico de la colonia\n2. Alumbrado y seguridad\n3. Agua potable en la escuela",
        'minutes' => "Se presentó el diagnóstico elaborado en los Diálogos por el bienestar y la paz.\n\nLa asamblea votó tres acuerdos para la agenda de desarrollo local.",
        'agreements' => ['Rehabilitar el alumbrado de la calle 5 de Mayo', 'Instalar un bebedero de agua potable en la escuela primaria',
            'Formar la red de enlaces de protección civil de la colonia']], $enlace);
    $a2 = $c->recordAssembly(['territory' => 'san-miguel-teotongo', 'held_on' => '2026-09-19',
        'place' => 'Deportivo San Miguel Teotongo', 'attendance' => 37, 'attendees' => [$enlace, $wp('vecino'), $wp('osc-mujeres')],
        'agenda' => "1. Seguimiento de los acuerdos de marzo\n2. Salud de las personas adultas mayores",
        'minutes' => 'Se revisó el avance de los acuerdos anteriores con la Dirección Territorial y se tomaron dos acuerdos nuevos.',
        'agreements' => ['Jornada de salud para personas adultas mayores', 'Recuperar el deportivo como espacio de paz']], $enlace);
    $c->recordAssembly(['territory' => 'san-miguel-teotongo', 'held_on' => '2026-11-07', 'place' => 'Calle 5 de Mayo esquina Zaragoza',
        'attendance' => 8, 'attendees' => [$enlace], 'agenda' => 'Horario de la faena de limpieza',
        'minutes' => 'Reunión de vecinas y vecinos de la calle; sin quórum de asamblea.',
        'agreements' => ['Faena de limpieza el primer domingo de cada mes']], $enlace);
    $follow = [
        [$a1['commitments'][0], ['status' => 'en-proceso', 'progress' => 60, 'start_date' => '2026-04-01', 'due_date' => '2027-03-31',
            'add_evidence' => ['url' => 'https://www.iztapalapa.cdmx.gob.mx/', 'description' => '24 de 40 luminarias instaladas', 'date' => '2026-10-15']],
            'Segunda etapa en obra.'],
        [$a1['commitments'][1], ['status' => 'en-proceso', 'progress' => 100, 'start_date' => '2026-04-01', 'due_date' => '2026-08-31',
            'add_evidence' => ['url' => 'https://www.iztapalapa.cdmx.gob.mx/', 'description' => 'Acta de entrega del bebedero', 'date' => '2026-08-20']],
            'Bebedero entregado a la escuela.'],
        [$a1['commitments'][2], ['status' => 'en-proceso', 'progress' => 30, 'start_date' => '2026-04-01', 'due_date' => '2026-10-31'],
            'Doce enlaces capacitados de cuarenta.'],
        [$a2['commitments'][0], ['start_date' => '2026-10-01', 'due_date' => '2027-02-28'], 'Programada con el centro de salud.'],
    ];
    foreach ($follow as [$id, $changes, $note]) {
        $c->update($id, $changes, $official, $note);
    }
    $c->update($a1['commitments'][1], ['status' => 'cumplido'], $official, 'Cumplido: verificado en la asamblea de septiembre.');
    echo "assemblies of san-miguel-teotongo: 3, agreements followed up: " . count($follow) . "\n";

    // San Luis Potosí: the 2026 participatory budget, counted by Equal Shares.
    $slp = ['slp-centro-historico', 'slp-barrio-tlaxcala', 'slp-barrio-san-miguelito', 'slp-industrial-aviacion', 'slp-satelite', 'slp-villa-de-pozos'];
    $voters = demo_voters($site, 'slp', $slp, 80);
    $p = $site->process('pp-slp-2026');
    $ballots = [['cisternas', 'huerto-tlaxcala'], ['cisternas', 'camaras-pozos'], ['cancha-satelite', 'biblioteca-centro'],
        ['cisternas', 'biblioteca-centro', 'huerto-tlaxcala'], ['camaras-pozos'], ['cancha-satelite'], ['huerto-tlaxcala', 'biblioteca-centro'],
        ['cisternas'], ['cisternas', 'cancha-satelite'], ['camaras-pozos', 'huerto-tlaxcala']];
    if ($p->info()['state'] === 'voting') {
        foreach ($voters as $i => $v) {
            $p->cast($v, $ballots[$i % count($ballots)], ['idempotency_key' => "seed-pp26-$i"]);
        }
        $p->enterPaperBatch($enlace, 'mesa-tlaxcala-1', 'Mesa receptora del Barrio de Tlaxcala', 'acta-014-1', [['cisternas'], ['huerto-tlaxcala', 'cisternas'], ['biblioteca-centro']]);
        $p->enterPaperBatch($official, 'mesa-tlaxcala-1', 'Mesa receptora del Barrio de Tlaxcala', 'acta-014-1', [['cisternas'], ['huerto-tlaxcala', 'cisternas'], ['biblioteca-centro']]);
        $p->close($official);
    }
    $p->tally();

    // The 2027 budget is open: some neighbours voted already (not the demo's vecina).
    $p = $site->process('pp-slp-2027');
    $ballots = [['pozo-villa-de-pozos', 'ruta-salud-satelite'], ['luminarias-aviacion', 'rampas-centro'], ['domingo-pilas-tlaxcala', 'talacha-san-miguelito', 'rampas-centro'],
        ['pozo-villa-de-pozos'], ['ruta-salud-satelite', 'domingo-pilas-tlaxcala']];
    foreach (array_slice($voters, 0, 25) as $i => $v) {
        $p->cast($v, $ballots[$i % count($ballots)], ['idempotency_key' => "seed-pp27-$i"]);
    }

    // The board of the Junta de Participación Ciudadana of Barrio de Tlaxcala: STV, three seats.
    $p = $site->process('jpc-tlaxcala-2026');
    $ranks = [['maria-elena', 'guadalupe', 'jose-luis'], ['jose-luis', 'francisco'], ['guadalupe', 'maria-elena'], ['rosa-maria', 'guadalupe', 'francisco'],
        ['maria-elena', 'rosa-maria'], ['francisco', 'jose-luis', 'maria-elena'], ['guadalupe', 'rosa-maria', 'maria-elena']];
    if ($p->info()['state'] === 'voting') {
        foreach (demo_voters($site, 'tlaxcala', ['slp-barrio-tlaxcala'], 47) as $i => $v) {
            $p->cast($v, $ranks[$i % count($ranks)], ['idempotency_key' => "seed-jpc-$i"]);
        }
        $p->close($official);
    }
    $p->tally();

    // The Consejo de Desarrollo Social Municipal: 31 of its 52 presidents vote (quorum 1/2).
    $p = $site->process('consejo-2026-11');
    if ($p->info()['state'] === 'voting') {
        for ($i = 1; $i <= 31; $i++) {
            $stance = $i <= 24 ? 'agree' : ($i <= 28 ? ['stance' => 'disagree', 'reason' => 'Faltan obras para las colonias del norte'] : 'abstain');
            $p->cast($wp(sprintf('jpc-%02d', $i)), $stance, ['idempotency_key' => "seed-consejo-$i"]);
        }
        $p->close($official);
    }
    $p->tally();

    // The INAI-style Technical Secretariat: consensus, the facilitator speaks without a vote.
    $p = $site->process('stl-pal-2026');
    $p->cast($official, ['stance' => 'agree', 'reason' => 'El plan recoge los compromisos cocreados en las mesas.'], ['idempotency_key' => 'seed-stl-1']);
    $p->cast($wp('osc-transparencia'), 'agree', ['idempotency_key' => 'seed-stl-2']);
    $p->cast($wp('osc-observatorio'), ['stance' => 'abstain', 'reason' => 'Pedimos revisar las metas del eje de seguridad.'], ['idempotency_key' => 'seed-stl-3']);
    $p->cast($wp('facilitadora'), ['stance' => 'agree', 'reason' => 'Como facilitadora, constato que todas las mesas fueron escuchadas.'], ['idempotency_key' => 'seed-stl-4']);
    echo "processes: pp-slp-2026, jpc-tlaxcala-2026 and consejo-2026-11 counted; pp-slp-2027 and stl-pal-2026 open\n";
}

// ---- questionnaires and scorecards (the instruments of participa.yaml) ------------

/**
 * A municipality's answers to the Infoem questionnaire, the same on every run: most items yes, some
 * partly, some no; a link as evidence where an answer that earns points needs one.
 */
function demo_infoem_answers(array $definition, string $municipality, int $seed): array
{
    $out = [];
    $k = 0;
    foreach ($definition['dimensions'] as $d) {
        foreach ($d['items'] as $item) {
            $roll = ($seed * 7 + $k++ * 13) % 10;
            $value = match ($item['scale']) {
                'yes_no' => $roll < 7,
                'partial' => $roll < 5 ? 'yes' : ($roll < 8 ? 'partial' : 'no'),
                default => null,
            };
            if ($value === null) {
                continue;
            }
            $out[$item['id']] = $item['evidence'] !== 'none' && ($value === true || $value === 'yes' || $value === 'partial')
                ? ['value' => $value, 'evidence' => "https://$municipality.gob.mx/transparencia/{$item['id']}.pdf"] : $value;
        }
    }
    return $out;
}

$infoem = $site->instrument('infoem-apertura-2022');
$definition = $infoem->definition();
$answered = ['amecameca' => 1, 'ayapango' => 2, 'chimalhuacan' => 3, 'cuautitlan-izcalli' => 4, 'nicolas-romero' => 5, 'villa-guerrero' => 6];
foreach ($answered as $municipality => $seed) {
    $liaison = "demo:enlace-$municipality";
    $site->participants()->upsert($liaison, $municipality, ['enlace-municipal']);
    if (!$infoem->response($liaison, $municipality)) {
        $infoem->submit($liaison, $municipality, demo_infoem_answers($definition, $municipality, $seed));
    }
}
// Residents corroborate two of them, item by item: where they do not agree they say so.
$corroborations = [
    ['amecameca', 1, ['r01' => false, 'r04' => false, 'r16' => 'no']],
    ['amecameca', 2, ['r01' => false, 'r27' => false]],
    ['amecameca', 3, ['r04' => ['value' => true, 'evidence' => 'Acta de cabildo 12/2022'], 'r01' => true]],
    ['ayapango', 4, ['r14' => false, 'r40' => false]],
    ['ayapango', 5, ['r14' => false]],
];
foreach ($corroborations as [$municipality, $n, $answers]) {
    $citizen = "demo:residente-$n";
    $site->participants()->upsert($citizen, $municipality, ['ciudadano']);
    if (!$infoem->response($citizen, $municipality, ['as' => 'corroboration'])) {
        $infoem->corroborate($citizen, $municipality, $answers);
    }
}
// The PNUD's mapping: every practice scored by the evaluators, on the criteria and their weights. The
// practices the YAML marks "# 100 %" get every point; the others 8 of 10 on each specific criterion and
// the general ones in full (90 %: a good practice).
$pnud = $site->instrument('pnud-buenas-practicas');
$site->participants()->upsert('demo:evaluador', 'mexico', ['evaluador']);
preg_match_all('/\{ id: (p\d\d-[a-z0-9-]+),.*# 100 %/', (string) file_get_contents("$dir/participa.yaml"), $m);
$emblematic = array_flip($m[1]);
foreach ($pnud->definition()['subjects'] as $practice) {
    if ($pnud->response('demo:evaluador', $practice['id'], ['as' => 'evaluation'])) {
        continue;
    }
    $scores = [];
    foreach ($pnud->definition()['dimensions'] as $d) {
        foreach ($d['items'] as $item) {
            $scores[$item['id']] = $d['id'] === 'especificos' && !isset($emblematic[$practice['id']]) ? 8 : $item['max_value'];
        }
    }
    $pnud->submit('demo:evaluador', $practice['id'], $scores, ['as' => 'evaluation']);
}
echo 'instruments: the Infoem questionnaire answered by ', count($answered), ' municipalities, ', count($corroborations),
    ' corroborations; the PNUD mapping of ', count($pnud->definition()['subjects']), " practices scored\n";

// ---- pages and debates ------------------------------------------------------

/** A published page or post with this slug, created once; returns its id. */
function demo_post(string $type, string $slug, string $title, string $content, int $order = 0, int $author = 1): int
{
    $found = get_page_by_path($slug, OBJECT, $type);
    if ($found) {
        return (int) $found->ID;
    }
    $id = wp_insert_post(['post_type' => $type, 'post_name' => $slug, 'post_title' => $title, 'post_content' => $content,
        'post_status' => 'publish', 'post_author' => $author, 'menu_order' => $order, 'comment_status' => $type === 'post' ? 'open' : 'closed'], true);
    if (is_wp_error($id)) {
        demo_fail("$type $slug: " . $id->get_error_message());
    }
    return (int) $id;
}

/** Block markup: paragraphs, then the shortcode in a shortcode block. */
function demo_content(array $paragraphs, string $shortcode = ''): string
{
    $out = '';
    foreach ($paragraphs as $p) {
        $out .= "<!-- wp:paragraph -->\n<p>$p</p>\n<!-- /wp:paragraph -->\n\n";
    }
    if ($shortcode !== '') {
        $out .= "<!-- wp:shortcode -->\n$shortcode\n<!-- /wp:shortcode -->\n";
    }
    return $out;
}

$pages = [
    'plan' => ['plan-de-accion-local', 'Plan de Acción Local de Gobierno Abierto', [
        'Los 62 compromisos de los planes de acción local de gobierno abierto que el INAI reportó en 2017, por temática y por pilar, con su avance y su semáforo.',
        'Cada compromiso tiene su página, su evidencia y su conversación. El Secretariado Técnico Local les da seguimiento.'],
        '[participa_plan plan="pal-2026"]'],
    'commitment' => ['compromiso-presupuesto-participativo', 'Compromiso: presupuesto participativo con seguimiento de cada obra', [
        'San Luis Potosí se comprometió a publicar el avance, el gasto y la evidencia de cada obra del presupuesto participativo. Opina, pregunta y sigue su avance.'],
        '[participa_commitment id="PAL-03"]'],
    'vote' => ['presupuesto-participativo-2027', 'Presupuesto participativo 2027 de San Luis Potosí', [
        'Elige las obras que quieres para tu municipio sin pasar de $983,927 pesos. Las propuestas vienen de las Juntas de Participación Ciudadana; el resultado se calcula con el Método de Partes Iguales (Equal Shares).'],
        '[participa_process id="pp-slp-2027"]'],
    'results' => ['resultados-presupuesto-2026', 'Resultados del presupuesto participativo 2026', [
        'Las obras que ganaron en 2026, calculadas con el Método de Partes Iguales: cada persona que votó recibe una parte igual del presupuesto y las obras se pagan con las partes de quienes las apoyaron.'],
        '[participa_process id="pp-slp-2026" show="results"]'],
    'assembly' => ['asambleas-san-miguel-teotongo', 'Asambleas de San Miguel Teotongo', [
        'Las asambleas comunitarias de la colonia San Miguel Teotongo (Iztapalapa) y el seguimiento de sus acuerdos en la agenda de desarrollo local, como en los Diálogos por el bienestar y la paz.'],
        '[participa_assembly territory="san-miguel-teotongo"]'],
    'agenda' => ['agenda-de-desarrollo-local', 'Agenda de Desarrollo Local de San Miguel Teotongo', [
        'Los acuerdos de las asambleas convertidos en compromisos de la colonia, con su avance.'],
        '[participa_plan plan="agenda-teotongo"]'],
    'election' => ['eleccion-junta-barrio-de-tlaxcala', 'Elección de la Junta de Participación Ciudadana del Barrio de Tlaxcala', [
        'Las vecinas y los vecinos eligieron a las tres personas de la Junta por voto único transferible.'],
        '[participa_process id="jpc-tlaxcala-2026" show="results"]'],
    'council' => ['consejo-de-desarrollo-social', 'Consejo de Desarrollo Social Municipal', [
        'Las presidencias de las Juntas de Participación Ciudadana en el Consejo aprueban las obras. La votación vale si participa al menos la mitad de sus 52 integrantes.'],
        '[participa_process id="consejo-2026-11" show="results"]'],
    'secretariat' => ['secretariado-tecnico-local', 'Secretariado Técnico Local: aprobación del plan', [
        'El Secretariado Técnico Local decide por consenso. La facilitadora tiene voz pero no voto: su postura se registra y no cuenta en el resultado.'],
        '[participa_process id="stl-pal-2026"]'],
    'poll' => ['consulta-faena', 'Consulta: el domingo de la faena en Villa de Pozos', [
        'Una consulta rápida, con voto público y resultados en vivo: puedes cambiar tu respuesta mientras esté abierta.'],
        '[participa_process id="consulta-faena-2026"]'],
    'questionnaire' => ['cuestionario-apertura-municipal', 'Cuestionario de condiciones de apertura institucional municipal', [
        'El Infoem midió qué tan abiertos son los 125 municipios del Estado de México con un cuestionario de 64 reactivos en cinco dimensiones: Normatividad, Transparencia, Participación Ciudadana, Rendición de Cuentas y TIC\'s. Respondieron 117 (93.6 %).',
        'La persona enlace de transparencia de cada municipio responde aquí, guarda su borrador y lo envía antes de la fecha límite. Los reactivos de este ejemplo son marcadores: el informe no los lista.'],
        '[participa_instrument id="infoem-apertura-2022"]'],
    'corroboration' => ['corrobora-tu-municipio', 'Corrobora lo que respondió tu municipio', [
        'Después, el Infoem abrió el mismo cuestionario a la ciudadanía: 45 personas corroboraron lo que 18 municipios dijeron de sí mismos. Elige un municipio y di, pregunta por pregunta, si coincides.'],
        '[participa_instrument id="infoem-apertura-2022" show="corroborate"]'],
    'questionnaire_report' => ['resultados-apertura-municipal', 'Resultados: condiciones de apertura municipal', [
        'Cuántos municipios respondieron, el puntaje de cada dimensión según el propio municipio y según la ciudadanía, y la clasificación.'],
        '[participa_instrument id="infoem-apertura-2022" show="report"]'],
    'practices' => ['mapeo-buenas-practicas', 'Mapeo de buenas prácticas de gobierno abierto (PNUD)', [
        'El PNUD calificó prácticas municipales de gobierno abierto con cinco criterios específicos de 10 puntos y siete generales de 8, 8, 8, 8, 6, 6 y 6. Con el 80 % es una buena práctica; con el 100 %, un caso emblemático.'],
        '[participa_instrument id="pnud-buenas-practicas" show="report"]'],
];
$order = 1;
$pageIds = [];
foreach ($pages as $key => [$slug, $title, $paragraphs, $shortcode]) {
    $pageIds[$key] = demo_post('page', $slug, $title, demo_content($paragraphs, $shortcode), $order++);
}

// The debates are posts: the participa thread takes the place of WordPress's comments.
$debate = demo_post('post', 'debate-agua-san-luis', '¿Cómo cuidamos el agua en San Luis Potosí?', demo_content([
    'Después del Plan Emergente Sí al Agua, las Juntas de Participación Ciudadana proponen cómo seguir: pozos, cisternas comunitarias y captación de lluvia.',
    'Cuéntanos qué pasa en tu colonia. Los datos personales (teléfonos, correos) se ocultan solos y los insultos esperan revisión.']), 0, $ids['funcionaria']);
$debate2 = demo_post('post', 'debate-alumbrado-teotongo', 'Alumbrado y seguridad en San Miguel Teotongo', demo_content([
    'La asamblea de marzo acordó rehabilitar el alumbrado de la calle 5 de Mayo. ¿Cómo va en tu calle?']), 0, $ids['enlace']);

if (!$seeded) {
    $t = $site->thread('post', (string) $debate);
    $r1 = $t->post($wp('gabriela'), 'En la Colonia Satélite el agua llega dos días por semana. Una cisterna comunitaria ayudaría mucho.', ['idempotency_key' => 'seed-d1']);
    $t->post($wp('marisol'), 'En Villa de Pozos organizamos la faena para limpiar el pozo. Llámenme al 444 812 3456 para sumarse.', ['idempotency_key' => 'seed-d2']);
    $r3 = $t->post($wp('esteban'), 'Propongo que las escuelas capten agua de lluvia; en el Centro Histórico hay techos grandes.', ['idempotency_key' => 'seed-d3']);
    $ans = $t->post($official, 'Gracias. Las cisternas comunitarias están en la boleta del presupuesto participativo 2027.', ['parent' => $r1['id'], 'idempotency_key' => 'seed-d4']);
    $t->markOfficial($ans['id'], $official);
    $t->post($wp('vecino'), 'En Iztapalapa funcionó la captación de lluvia en la primaria; se puede replicar.', ['parent' => $r3['id'], 'idempotency_key' => 'seed-d5']);
    $t->post($wp('hugo'), 'Qué idiota el que decidió cortar el agua en plena sequía.', ['idempotency_key' => 'seed-d6']);   // held: an insult
    $t->react($r1['id'], $wp('esteban'), 'up');
    $t->react($r1['id'], $wp('marisol'), 'up');
    $t->react($r3['id'], $wp('gabriela'), 'up');

    $t = $site->thread('post', (string) $debate2);
    $t->post($wp('alma'), 'En la calle 5 de Mayo ya pusieron las luminarias nuevas hasta la esquina con Zaragoza.', ['idempotency_key' => 'seed-e1']);
    $t->post($wp('hugo'), 'Falta el tramo junto al deportivo, de noche está muy oscuro. Mi correo es hugo.perez@example.com por si hacen la lista.', ['idempotency_key' => 'seed-e2']);

    $t = $site->thread('commitment', 'PAL-03');
    $c1 = $t->post($wp('gabriela'), '¿Dónde se puede ver cuánto se gastó en cada obra del presupuesto 2026?', ['alignment' => 'for', 'idempotency_key' => 'seed-c1']);
    $ans = $t->post($official, 'En esta página se publica el avance con sus actas; el gasto por obra se agregará con el informe trimestral de diciembre.', ['parent' => $c1['id'], 'idempotency_key' => 'seed-c2']);
    $t->markOfficial($ans['id'], $official);
    $t->post($wp('esteban'), 'Que las Juntas firmen el acta de entrega de cada obra, como dice el medio de verificación.', ['alignment' => 'for', 'idempotency_key' => 'seed-c3']);
    $t->post($wp('marisol'), 'El año pasado el pozo de Villa de Pozos no se terminó a tiempo.', ['alignment' => 'against', 'idempotency_key' => 'seed-c4']);
    $t->react($c1['id'], $wp('marisol'), 'up');
    echo "debates: 2 posts; the commitment PAL-03 has its thread\n";

    // A page for the front: what the demo shows, with links.
    $links = '';
    foreach ($pages as $key => [$slug, $title]) {
        $links .= '<li><a href="/' . $slug . '/">' . esc_html($title) . "</a></li>\n";
    }
    $links .= '<li><a href="/debate-agua-san-luis/">Debate: ¿Cómo cuidamos el agua en San Luis Potosí?</a></li>' . "\n"
        . '<li><a href="/debate-alumbrado-teotongo/">Debate: Alumbrado y seguridad en San Miguel Teotongo</a></li>' . "\n";
    $home = demo_post('page', 'inicio', 'Participa en tu municipio', demo_content([
        'Este sitio de demostración es un WordPress como el de muchos municipios, con el plugin <strong>participa</strong>: las vecinas y los vecinos comentan, votan y dan seguimiento a los compromisos de su gobierno en las páginas del propio sitio.',
        'Muestra prácticas reales: las asambleas y agendas de desarrollo local de Iztapalapa, las Juntas de Participación Ciudadana, el Consejo de Desarrollo Social y el presupuesto participativo de San Luis Potosí, y los planes de acción local de gobierno abierto del INAI con su Secretariado Técnico.'])
        . "<!-- wp:list -->\n<ul>\n$links</ul>\n<!-- /wp:list -->\n", 0);
    update_option('show_on_front', 'page');
    update_option('page_on_front', $home);
    // wp_install()'s sample post (1) and page (2) go; the header's menu names the
    // main pages (the theme's navigation block shows the newest wp_navigation post).
    $installed = get_post(1) ? get_post(1)->post_date : null;
    foreach ([1, 2] as $sample) {
        if ($installed && get_post($sample) && get_post($sample)->post_date === $installed) {
            wp_delete_post($sample, true);
        }
    }
    $menu = '';
    foreach (['Inicio' => '/', 'Plan de acción' => '/plan-de-accion-local/', 'Presupuesto 2027' => '/presupuesto-participativo-2027/',
        'Resultados 2026' => '/resultados-presupuesto-2026/', 'Asambleas' => '/asambleas-san-miguel-teotongo/',
        'Debate del agua' => '/debate-agua-san-luis/', 'Secretariado Técnico' => '/secretariado-tecnico-local/'] as $label => $url) {
        $menu .= '<!-- wp:navigation-link ' . wp_json_encode(['label' => $label, 'url' => $url, 'kind' => 'custom', 'isTopLevelLink' => true],
            JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . " /-->\n";
    }
    // wp_insert_post() unslashes what it is given.
    wp_insert_post(['post_type' => 'wp_navigation', 'post_status' => 'publish', 'post_title' => 'Menú principal', 'post_content' => wp_slash($menu)]);
    flush_rewrite_rules();
    update_option('participa_demo_seeded', gmdate('c'));
}

// ---- demo.json ----------------------------------------------------------------

$login = ['admin' => 'demo-admin'];
foreach ($people as [$who, , , , $password]) {
    if ($password !== null) {
        $login[$who] = $password;
    }
}
$users = [];
foreach ($login as $who => $password) {
    $p = $site->participants()->get($wp($who));
    $users[] = ['login' => $who, 'password' => $password, 'roles' => array_values($p['roles'] ?? []), 'territory' => (string) ($p['territory'] ?? '')];
}
$moderation = function_exists('participa_admin_moderation_url') ? participa_admin_moderation_url() : admin_url('admin.php?page=participa-moderation');
$demo = [
    'url' => home_url('/'),
    'users' => $users,
    'pages' => [
        'plan' => get_permalink($pageIds['plan']),
        'commitment' => get_permalink($pageIds['commitment']),
        'thread' => get_permalink($debate),
        'vote' => get_permalink($pageIds['vote']),
        'results' => get_permalink($pageIds['results']),
        'assembly' => get_permalink($pageIds['assembly']),
        'questionnaire' => get_permalink($pageIds['questionnaire']),
        'corroboration' => get_permalink($pageIds['corroboration']),
        'questionnaire_report' => get_permalink($pageIds['questionnaire_report']),
        'practices' => get_permalink($pageIds['practices']),
        'moderation' => $moderation,
    ],
];
file_put_contents("$dir/web/demo.json.pending", json_encode($demo, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
echo "demo.json ready\n";
