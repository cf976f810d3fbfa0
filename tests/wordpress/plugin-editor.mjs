// The block editor with the plugin's ES5 script (scripts/wordpress-plugin-test runs
// this with node when playwright-core is installed in tests/browser/node_modules):
// the five blocks are registered, a participa/thread block shows its inspector
// fields (translated) and the server's preview, and no script error happens.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const { chromium } = createRequire(import.meta.url)(process.env.PT_PLAYWRIGHT);
const base = process.env.PT_WP_URL;
const fixture = JSON.parse(readFileSync(process.env.PT_WP_DIR + '/fixture.json', 'utf8'));
let passed = 0, failed = 0;
const check = (what, ok, detail = '') => {
	ok ? passed++ : failed++;
	console.log((ok ? 'ok' : 'not ok') + ' - ' + what + (ok || !detail ? '' : '\n    ' + detail));
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
	const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
	const errors = [];
	page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
	// a resource that failed is reported by requestfailed, with its URL: only this site's count
	// (an offline machine cannot reach gravatar.com or the emoji CDN)
	page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push('console: ' + m.text()); });
	page.on('requestfailed', (r) => { if (r.url().startsWith(base)) errors.push('request failed: ' + r.url()); });
	page.on('response', (r) => { if (r.url().startsWith(base) && r.status() >= 500) errors.push(r.status() + ' ' + r.url()); });
	page.setDefaultTimeout(600000);
	const edit = `${base}/wp-admin/post.php?post=${fixture.pages.block}&action=edit`;
	await page.goto(`${base}/wp-login.php`);
	await page.fill('#user_login', 'admin');
	await page.fill('#user_pass', process.env.PT_WP_ADMIN_PASS);
	await page.$eval('input[name=redirect_to]', (e, v) => { e.value = v; }, edit);
	await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
	await page.waitForSelector('[data-type="participa/thread"]');
	await page.evaluate(() => {   // the first visit's welcome guide covers the canvas
		if (wp.data.select('core/edit-post').isFeatureActive('welcomeGuide')) {
			wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
		}
	});
	const types = await page.evaluate(() => wp.blocks.getBlockTypes().filter((b) => b.name.startsWith('participa/')).map((b) => b.name));
	check('the eight participa blocks are registered in the editor', types.length === 8, JSON.stringify(types));
	const preview = await page.waitForSelector('[data-type="participa/thread"] .participa-hilo').then(() => true, () => false);
	check('the thread block shows the server\'s preview (ServerSideRender)', preview);
	await page.click('[data-type="participa/thread"]');
	await page.waitForSelector('.block-editor-block-inspector input');
	const labels = await page.$$eval('.block-editor-block-inspector .components-base-control__label', (ls) => ls.map((l) => l.textContent));
	check('its inspector has a translated field per attribute', ['Tipo de tema', 'Clave del tema', 'Título', 'Nivel del título (1-6)'].every((l) => labels.includes(l)), JSON.stringify(labels));
	const idField = page.locator('.block-editor-block-inspector input').nth(1);
	await idField.fill('PAL-01');
	const changed = await page.waitForFunction(() => {
		const b = wp.data.select('core/block-editor').getSelectedBlock();
		return b && b.attributes.subject_id === 'PAL-01';
	}).then(() => true, () => false);
	check('a field sets the block\'s attribute', changed);
	check('no script error in the editor', errors.length === 0, errors.join('\n    '));
} finally {
	await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
