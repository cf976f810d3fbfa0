<?php
// The plugin on a PHP without the participa extension (the driver runs this file
// without extension=): placeholders where fragments would be, a notice for the
// administrator, 503 from the REST routes, never a fatal error.
declare(strict_types=1);
require __DIR__ . '/lib.php';
pt_wp_load();
$fx = pt_fixture();

pt_check('the extension is not loaded here', !extension_loaded('participa'));
pt_check('the plugin still loads (active, its functions defined)', function_exists('participa_render') && participa_extension_problem() === 'missing');
pt_check('participa_site() is null, with its reason', participa_site() === null && participa_site_error() !== '');
foreach (['[participa_thread subject_type="commitment" subject_id="PAL-01"]', '[participa_process id="consulta-parque"]',
    '[participa_plan plan="pal-2026"]'] as $code) {
    $html = do_shortcode($code);
    pt_check("$code: the Spanish placeholder", str_contains($html, 'participa-no-disponible') && str_contains($html, 'no está disponible'), pt_excerpt($html));
}
$block = do_blocks('<!-- wp:participa/commitment {"id":"PAL-01"} /-->');
pt_check('a block: the same placeholder', str_contains($block, 'participa-no-disponible'));
wp_set_current_user(1);
ob_start();
do_action('admin_notices');
$notice = ob_get_clean();
pt_check('an administrator sees the notice', str_contains($notice, 'notice-error') && str_contains($notice, PARTICIPA_MIN_EXTENSION), pt_excerpt($notice));
wp_set_current_user((int) $fx['users']['vecina']);
ob_start();
do_action('admin_notices');
pt_check('a resident does not', ob_get_clean() === '');
$request = new WP_REST_Request('GET', '/participa/v1/commitments');
$response = rest_do_request($request);
pt_check('an open-data route answers 503, not a fatal error', $response->get_status() === 503, (string) $response->get_status());
pt_done();
