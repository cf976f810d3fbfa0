<?php
// The menu "Participa" and who sees what (capabilities from the role map's
// permissions), the overview, and Participa > Settings: the options form
// (options.php and its nonce), `participa check` of the configured YAML with
// line and column, and the migrations (the button applies what is pending).
declare(strict_types=1);
require __DIR__ . '/admin-lib.php';
pt_wp_load();

/** The screens a user may open: slug => bool. */
function pt_can_open(string $login): array
{
    pt_as($login);
    $out = [];
    foreach (['participa', 'participa-moderation', 'participa-commitments', 'participa-processes', 'participa-assemblies', 'participa-settings'] as $page) {
        $out[$page] = pt_screen($page)[0] !== null;
    }
    return $out;
}

$expect = [
    'admin' => [true, true, true, true, true, true],
    'moderadora' => [true, true, false, false, false, false],
    'enlace' => [true, false, false, true, true, false],
    'vecina' => [false, false, false, false, false, false],
];
foreach ($expect as $login => $want) {
    $got = array_values(pt_can_open($login));
    pt_check("$login opens exactly the screens of their permissions", $got === $want, json_encode($got));
}

pt_as('admin');
global $menu, $submenu;
[$overview] = pt_screen('participa');
$top = array_values(array_filter((array) $menu, fn($m) => ($m[2] ?? '') === 'participa'));
pt_check('a top-level menu "Participa"', count($top) === 1 && $top[0][0] === 'Participa', json_encode($top));
$subs = array_column((array) ($submenu['participa'] ?? []), 2);
pt_check('with its six screens', $subs === ['participa', 'participa-moderation', 'participa-commitments', 'participa-processes', 'participa-assemblies', 'participa-settings'], json_encode($subs));
pt_has('the overview names the site', $overview, 'Municipio de prueba (pantallas de administración)');
pt_has('and what waits for review', $overview, 'wait for review');

[$settings] = pt_screen('participa-settings');
pt_has('the settings form posts to options.php', $settings, 'action="' . esc_url(admin_url('options.php')) . '"');
pt_check('with the option group\'s nonce (settings_fields)', (bool) preg_match('/name="_wpnonce" value="([^"]+)"/', (string) $settings, $m)
    && wp_verify_nonce($m[1], 'participa-options') === 1);
pt_has('the role map is editable per WordPress role', $settings, 'name="participa_role_map[author]" value="moderador"');
pt_has('the configured YAML is valid', $settings, 'is valid.');
pt_has('the migration state', $settings, 'Last migration run');
pt_has('when it ran (activation, or the button)', $settings, (string) get_option('participa_migrated')['at']);

// A YAML with problems: every one with its line and column.
$bad = getenv('PT_WPA_DIR') . '/bad.yaml';
file_put_contents($bad, "site:\n  name: x\n  locale: es_MX\nroles:\n  a: {name: A, can: [volar]}\n");
update_option('participa_config', $bad);
[$settings] = pt_screen('participa-settings');
pt_has('a bad YAML: its problems are counted', $settings, 'has 2 problems:');
pt_check('each with its line and column', (bool) preg_match('~<th scope="row">5</th><td>22</td><td>unknown permission &#039;volar&#039;~', (string) $settings), pt_excerpt((string) $settings, 4000));
update_option('participa_config', getenv('PT_WPA_DIR') . '/no-such.yaml');
[$settings] = pt_screen('participa-settings');
pt_has('a missing file is a problem without a position', $settings, 'cannot read the configuration file');
delete_option('participa_config');

// Migrations.
$form = pt_form((string) pt_screen('participa-settings')[0], 'action', 'participa_admin_migrate');
pt_check('the migrate button has its nonce', $form !== null && wp_verify_nonce($form['fields']['_wpnonce'], 'participa_admin_migrate') === 1);
$r = pt_submit($form);
[$after] = pt_follow($r);
pt_has('migrating an up-to-date database says so', $after, 'The database is up to date: no migration was pending.');
pt_check('the run is remembered', (get_option('participa_migrated')['applied'] ?? null) === []);
pt_has('and shown', $after, 'nothing was pending');

pt_as('moderadora');
$r = pt_post('participa_admin_migrate', ['_wpnonce' => wp_create_nonce('participa_admin_migrate')]);
pt_check('only administrators migrate', isset($r['died']));

// The role map decides: give authors the enlace role too, and the moderator opens processes.
update_option('participa_role_map', ['author' => ['moderador', 'enlace']] + get_option('participa_role_map'));
pt_check('a role map change gives the screens of the new permissions', pt_can_open('moderadora')['participa-processes'] === true);

pt_done();
