// The browser test of the fragments (run by scripts/browser-test, which starts the
// plain PHP example on nginx + php-fpm and passes its address):
//   node tests/browser/run.mjs   with PT_WEB_URL, PT_BROWSER_OUT, PT_CHROMIUM set
// Every page of examples/plain-php at 1280 and 390 px: axe-core with no serious or
// critical violation, no horizontal scroll at 390 px, no script error, a full-page
// screenshot under PT_BROWSER_OUT/screens/. Then the paths a citizen takes without
// JavaScript (a comment posted through the form appears after the redirect; a refused
// one keeps the draft) and with participa.js (load more in place, the running total
// of a participatory budget). Ends with "browser checks: N ok, N failed, N skipped".
import { chromium } from 'playwright-core';
import { axeCheck, noHorizontalScroll } from './page-checks.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.PT_WEB_URL;
const out = process.env.PT_BROWSER_OUT;
if (!base || !out) {
    console.error('PT_WEB_URL and PT_BROWSER_OUT must be set (scripts/browser-test sets them)');
    process.exit(2);
}
// Generous: the machine may be shared and loaded; nothing here is a deadline on the code under test.
const TIMEOUT = Number(process.env.PT_BROWSER_TIMEOUT_MS || 180000);
const widths = [1280, 390];
// Who looks at each page: the person whose forms it shows.
const viewers = { moderacion: ['carla'], papel: ['fer'], todo: ['ana', 'carla', 'nadie'] };
mkdirSync(join(out, 'screens'), { recursive: true });
mkdirSync(join(out, 'axe'), { recursive: true });

let passed = 0, failed = 0, skipped = 0;
const summary = [];
function pass(name) { passed++; console.log(`ok   ${name}`); }
function fail(name, why) { failed++; console.log(`FAIL ${name}: ${why}`); summary.push(`${name}: ${why}`); }
function skip(name, why) { skipped++; console.log(`skip ${name}: ${why}`); }
async function check(name, fn) {
    try {
        const r = await fn();
        if (r && r.skip) skip(name, r.skip); else pass(name);
    } catch (e) {
        fail(name, (e && e.message ? e.message : String(e)).split('\n')[0]);
    }
}
function assert(ok, why) { if (!ok) throw new Error(why); }
const url = (page, who, extra = '') => `${base}/?pagina=${page}&como=${who}${extra}`;

const browser = await chromium.launch({
    executablePath: process.env.PT_CHROMIUM || '/usr/bin/chromium',
    // Root in CI: chromium's sandbox needs a user namespace it may not get.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: TIMEOUT,
});

async function newPage(width, javaScriptEnabled = true) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled, locale: 'es-MX' });
    context.setDefaultTimeout(TIMEOUT);
    context.setDefaultNavigationTimeout(TIMEOUT);
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400 && r.request().resourceType() !== 'document') page.errors.push(`HTTP ${r.status()} for ${r.url()}`); });
    return page;
}

// The pages, as the example's own navigation lists them.
const index = await newPage(1280);
await index.goto(url('inicio', 'ana'));
const pages = await index.$$eval('a.ejemplo-pagina', (as) => as.map((a) => new URL(a.href).searchParams.get('pagina')));
await index.context().close();
assert(pages.length > 2, 'the example lists no pages');

const axeTotals = [];
for (const name of pages) {
    for (const who of viewers[name] || ['ana']) {
        for (const width of widths) {
            const label = `${name} (${who}) at ${width} px`;
            const page = await newPage(width);
            let response;
            await check(`${label}: loads without a PHP error`, async () => {
                response = await page.goto(url(name, who), { waitUntil: 'load' });
                assert(response.status() === 200, `HTTP ${response.status()}`);
                const html = await page.content();
                const php = html.match(/<b>(Fatal error|Warning|Notice|Deprecated)<\/b>:[^<]*/);
                assert(!php, php && php[0]);
                const broken = await page.locator('.ejemplo-error').allTextContents();
                assert(broken.length === 0, `a fragment failed: ${broken.join('; ')}`);
            });
            const missing = await page.locator('.ejemplo-pendiente code').allTextContents();
            if (missing.length && width === widths[0]) skip(`${label}: every fragment present`, `not in this build: ${[...new Set(missing)].join(', ')}`);
            await check(`${label}: axe-core, no serious or critical violation`, () => axeCheck(page,
                { file: join(out, 'axe', `${name}-${who}-${width}.json`), key: `${name}-${who}-${width}`, totals: axeTotals }));
            if (width < 400) {
                await check(`${label}: no horizontal scroll`, () => noHorizontalScroll(page, 'body *'));
            }
            await check(`${label}: screenshot, no script error`, async () => {
                await page.screenshot({ path: join(out, 'screens', `${name}-${who}-${width}.png`), fullPage: true });
                assert(page.errors.length === 0, page.errors.join('; '));
            });
            await page.context().close();
        }
    }
}

// Posting a comment with JavaScript off: POST, 303, the thread page with the comment.
// The thread's comment form: its action is thread.post, or thread.stance where the subject takes a position.
const postForm = 'form:has(input[name="participa_action"][value^="thread."]):has(textarea)';
async function postComment(page, text) {
    const form = page.locator(postForm).first();
    await form.locator('textarea').first().fill(text);
    const [nav] = await Promise.all([page.waitForNavigation(), form.locator('[type="submit"]').first().click()]);
    return nav;
}
await check('no JavaScript: a comment posted through the form appears after the redirect', async () => {
    const page = await newPage(390, false);
    try {
        await page.goto(url('hilo', 'beto'));
        if (await page.locator(postForm).count() === 0) return { skip: 'the thread fragment has no comment form in this build' };
        const seen = [];
        page.on('response', (r) => seen.push(`${r.request().method()} ${r.status()}`));
        const text = `Comentario sin JavaScript ${Date.now()}`;
        const nav = await postComment(page, text);
        assert(seen.some((s) => /^POST 30[23]$/.test(s)), `no redirect after the POST (${seen.join(', ')})`);
        assert(nav.status() === 200, `the page after the redirect answered ${nav.status()}`);
        assert(new URL(page.url()).pathname === '/', `redirected off the site: ${page.url()}`);
        const anchor = new URL(page.url()).hash.slice(1);
        const there = anchor ? await page.locator(`[id="${anchor}"]`).count() : 0;
        assert(await page.getByText(text).count() > 0, `the new comment is not on the page the redirect leads to (${page.url()}; ` +
            (anchor ? `#${anchor} ${there ? 'is' : 'is not'} on it)` : 'no anchor)'));
    } finally {
        await page.context().close();
    }
});
await check('no JavaScript: a refused comment shows why and keeps the draft', async () => {
    const page = await newPage(390, false);
    try {
        await page.goto(url('hilo', 'beto'));
        if (await page.locator(postForm).count() === 0) return { skip: 'the thread fragment has no comment form in this build' };
        const draft = `Gana dinero desde casa ${Date.now()}`;
        const nav = await postComment(page, draft);
        assert(nav.status() >= 400 && nav.status() < 500, `a refused post answered ${nav.status()}`);
        assert(await page.getByText(/publicidad/).count() > 0, "the refusal's message is not shown");
        const kept = await page.locator(postForm).first().locator('textarea').first().inputValue();
        assert(kept === draft, `the draft is not kept (textarea: ${JSON.stringify(kept)})`);
        assert(await page.getByText(draft).count() <= 1, 'the refused comment was published');
        await page.screenshot({ path: join(out, 'screens', 'hilo-rechazado-390.png'), fullPage: true });
    } finally {
        await page.context().close();
    }
});

// The receipt check is a GET form: it works the same with JavaScript off.
await check('no JavaScript: the receipt check finds the seeded ballot and not a made-up one', async () => {
    const receipt = process.env.PT_RECEIPT || '';
    const page = await newPage(390, false);
    try {
        await page.goto(url('comprobante', 'ana'));
        const form = page.locator('form.participa-comprobar-form');
        if (await form.count() === 0) return { skip: 'no receipt check form in this build' };
        for (const [value, kind] of [[receipt, 'si'], ['zzzzzzzzzzzzzzzzzzzzzzzzzz', 'no']]) {
            await page.locator('form.participa-comprobar-form input[type="text"]').fill(value);
            await Promise.all([page.waitForNavigation(), page.locator('form.participa-comprobar-form [type="submit"]').click()]);
            assert(await page.locator(`.participa-comprobante-resultado--${kind}`).count() === 1,
                `receipt ${value}: no .participa-comprobante-resultado--${kind} (${page.url()})`);
        }
    } finally {
        await page.context().close();
    }
});

// participa.js: "load more" in place, and the running total of a budget ballot.
await check('participa.js: "ver más" appends the next comments in place', async () => {
    const page = await newPage(1280);
    try {
        await page.goto(url('hilo', 'ana'));
        const more = page.locator('a[data-participa-more], a.participa-mas').first();
        if (await more.count() === 0) return { skip: 'no "ver más" link on the thread page in this build' };
        const items = () => page.evaluate(() => document.querySelectorAll('li[id]').length);
        const before = await items();
        const at = page.url();
        await more.click();
        await page.waitForFunction((n) => document.querySelectorAll('li[id]').length > n, before, { timeout: TIMEOUT });
        assert(page.url() === at, `the page changed to ${page.url()}`);
        const ids = await page.$$eval('[id]', (es) => es.map((e) => e.id));
        assert(new Set(ids).size === ids.length, 'duplicate element ids after loading more');
        assert(page.errors.length === 0, page.errors.join('; '));
    } finally {
        await page.context().close();
    }
});
await check('participa.js: the budget ballot adds up the chosen projects', async () => {
    const page = await newPage(390);
    try {
        await page.goto(url('boletas', 'ana'));
        const scope = page.locator('[data-participa-limit]').first();
        if (await scope.count() === 0) return { skip: 'no budget ballot with data-participa-limit in this build' };
        const boxes = scope.locator('input[type="checkbox"][data-participa-cost]');
        const total = scope.locator('[data-participa-total]').first();
        let sum = 0;
        for (let i = 0; i < Math.min(2, await boxes.count()); i++) {
            if (!(await boxes.nth(i).isChecked())) await boxes.nth(i).check();
        }
        for (let i = 0; i < await boxes.count(); i++) {
            if (await boxes.nth(i).isChecked()) sum += Number(await boxes.nth(i).getAttribute('data-participa-cost'));
        }
        const want = '$' + sum.toLocaleString('en-US');
        await page.waitForFunction(([el, w]) => el.textContent.includes(w), [await total.elementHandle(), want], { timeout: TIMEOUT });
        assert(page.errors.length === 0, page.errors.join('; '));
    } finally {
        await page.context().close();
    }
});

await browser.close();
writeFileSync(join(out, 'axe-summary.json'), JSON.stringify(axeTotals, null, 1));
console.log('\naxe-core (serious+critical / all violations) per page:');
for (const t of axeTotals) console.log(`  ${t.page}: ${t.serious} / ${t.all}${t.rules ? '  ' + t.rules : ''}`);
if (summary.length) console.log('\nfailures:\n  ' + summary.join('\n  '));
console.log(`screenshots and axe reports: ${out}`);
// Not the "N passed, N failed" line itself: scripts/browser-test prints that one, with its own checks.
console.log(`\nbrowser checks: ${passed} ok, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
