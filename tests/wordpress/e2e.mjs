// End-to-end tests of the WordPress plugin on the demo site, in Debian's
// chromium driven by npm's playwright-core and checked with npm's axe-core
// (the packages of tests/browser/, installed once there). scripts/wordpress-test
// brings up the site (scripts/demo on a free port in a mktemp folder) and runs:
//   node tests/wordpress/e2e.mjs   with PT_DEMO_JSON, PT_DEMO_DIR, PT_E2E_OUT set
// What a resident, an official and a moderator do, once with JavaScript and
// once without: register with a colonia (the e-mail with the password link is
// read from the site's mail folder), comment on a commitment with a phone
// number in it (shown hidden), reply, react; vote in the participatory budget
// and see the receipt; a second vote from an older tab is refused in Spanish;
// post a comment that waits for review, which the moderator approves in
// wp-admin; the official updates a commitment's progress with evidence and the
// plan dashboard changes; the results page shows its chart. Then every page at
// 1280 and 390 px: axe-core with no serious or critical violation, no
// horizontal scroll at 390 px, no script error, a full-page screenshot.
// Ends with "e2e checks: N ok, N failed".
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const requireBrowser = createRequire(new URL('../browser/package.json', import.meta.url));
const { chromium } = requireBrowser('playwright-core');
const { axeCheck, noHorizontalScroll } = await import(new URL('../browser/page-checks.mjs', import.meta.url));

const demoJson = process.env.PT_DEMO_JSON;
const demoDir = process.env.PT_DEMO_DIR;
const out = process.env.PT_E2E_OUT;
if (!demoJson || !demoDir || !out) {
    console.error('PT_DEMO_JSON, PT_DEMO_DIR and PT_E2E_OUT must be set (scripts/wordpress-test sets them)');
    process.exit(2);
}
const demo = JSON.parse(readFileSync(demoJson, 'utf8'));
const base = demo.url.replace(/\/$/, '');
const user = (login) => demo.users.find((u) => u.login === login);
// Generous: the machine may be shared and loaded; nothing here is a deadline on the code under test.
const TIMEOUT = Number(process.env.PT_BROWSER_TIMEOUT_MS || 240000);
const stamp = Date.now().toString(36);
mkdirSync(join(out, 'screens'), { recursive: true });
mkdirSync(join(out, 'axe'), { recursive: true });

let passed = 0, failed = 0;
const failures = [];
const axeTotals = [];   // one row per page axe-core looked at, for axe-summary.json
function pass(name) { passed++; console.log(`ok   ${name}`); }
function fail(name, why) { failed++; console.log(`FAIL ${name}: ${why}`); failures.push(`${name}: ${why}`); }
async function check(name, fn) {
    try {
        await fn();
        pass(name);
        return true;
    } catch (e) {
        fail(name, (e && e.message ? e.message : String(e)).split('\n')[0]);
        return false;
    }
}
function assert(ok, why) { if (!ok) throw new Error(why); }
/** Polls fn() (across page loads) until it is true; TIMEOUT bounds a wait that would never end. */
async function until(fn, what) {
    const start = Date.now();
    for (;;) {
        try {
            if (await fn()) return;
        } catch (e) { /* the page is between two documents */ }
        if (Date.now() - start > TIMEOUT) throw new Error(`waited ${TIMEOUT / 1000} s for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
    }
}

const browser = await chromium.launch({
    executablePath: process.env.PT_CHROMIUM || '/usr/bin/chromium',
    // Root in CI: chromium's sandbox needs a user namespace it may not get.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: TIMEOUT,
});

/** A new person: their own cookies, the window width, JavaScript on or off. */
async function person(width, javaScriptEnabled) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled, locale: 'es-MX' });
    context.setDefaultTimeout(TIMEOUT);
    context.setDefaultNavigationTimeout(TIMEOUT);
    const page = await context.newPage();
    watch(page);
    return page;
}
function watch(page) {
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(m.text()); });
    page.on('response', (r) => {
        if (r.status() >= 400 && r.request().resourceType() !== 'document') page.errors.push(`HTTP ${r.status()} for ${r.url()}`);
    });
}
let shot = 0;
async function screenshot(page, name) {
    await page.screenshot({ path: join(out, 'screens', `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}
/** Clicks something that submits a form and waits for the page that follows (a 303 and a GET). */
async function submit(page, locator) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}
async function go(page, url) {
    const r = await page.goto(url, { waitUntil: 'load' });
    assert(r && r.status() === 200, `${url} answered ${r ? r.status() : 'nothing'}`);
    return r;
}
async function login(page, login, password) {
    await go(page, `${base}/wp-login.php`);
    await page.fill('#user_login', login);
    await page.fill('#user_pass', password);
    await submit(page, page.locator('#wp-submit'));
    assert(!page.url().includes('wp-login.php'), `${login} is not signed in (${page.url()})`);
}
/** The newest mail the site wrote for $to (scripts/lib/wordpress.sh: DIR/mail/, one file a message). */
function mailFor(to) {
    const dir = join(demoDir, 'mail');
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
    for (const f of files.reverse()) {
        const text = readFileSync(join(dir, f), 'utf8');
        if (text.startsWith(`To: ${to}\n`)) return text;
    }
    return null;
}
const text = (page) => page.locator('main').innerText();
// A comment is an <li id="...-cN">: its own text and actions are its child paragraphs, its replies a nested list.
const OWN = (xpath) => `xpath=./${xpath} | ./article/${xpath}`;
/** The comment whose own text contains $words. */
const commentItem = (page, words) => page.locator('li[id]').filter({ has: page.locator(OWN(`p[contains(., "${words}")]`)) }).first();
/** The first of a comment's own buttons (up: "De acuerdo N"), by the comment's element id. */
const upButton = (page, id) => page.locator(`li[id="${id}"]`).locator(OWN('p/button')).first();
const mainHtml = (page) => page.locator('main').innerHTML();

// The overall progress of the plan dashboard, as the page says it.
async function planProgress(page) {
    await go(page, demo.pages.plan);
    const value = await page.locator('article.participa-plan progress').first().getAttribute('value');
    assert(value !== null, 'the plan dashboard shows no overall progress');
    return Number(value);
}

// ---- the flows, with and without JavaScript ------------------------------------
const progressBy = { js: '75', nojs: '85.5' };
// The Infoem questionnaire: each pass's liaison answers for their own municipality, and the resident
// corroborates a municipality that answered.
const liaisonBy = { js: ['enlace-metepec', 'Metepec'], nojs: ['enlace-toluca', 'Toluca'] };
const corroboratedBy = { js: 'Chimalhuacán', nojs: 'Nicolás Romero' };
for (const js of [true, false]) {
    const mode = js ? 'js' : 'nojs';
    const tag = `${mode}-${stamp}`;
    const width = js ? 1280 : 390;
    const resident = await person(width, js);
    const login1 = `residente-${tag}`;
    const email = `${login1}@participa-demo.invalid`;
    const password = `Participa-${tag}-Agua!2026`;
    const label = (s) => `[${mode}] ${s}`;

    const registered = await check(label('a resident registers with a colonia and sets the password from the e-mail'), async () => {
        await go(resident, `${base}/wp-login.php?action=register`);
        assert(await resident.locator('select#participa_territory').count() === 1, 'the registration form has no colonia field');
        await resident.fill('#user_login', login1);
        await resident.fill('#user_email', email);
        await resident.selectOption('select#participa_territory', 'slp-barrio-tlaxcala');
        await screenshot(resident, `${mode}-registro`);
        await submit(resident, resident.locator('#wp-submit'));
        assert(resident.url().includes('checkemail=registered'), `registration did not finish (${resident.url()}): ${(await resident.locator('#login_error').allInnerTexts()).join(' ')}`);
        const mail = mailFor(email);
        assert(mail, `no e-mail for ${email} in ${demoDir}/mail`);
        const link = (mail.match(/https?:\/\/\S*wp-login\.php\?action=rp\S*/) || [])[0];
        assert(link, 'the e-mail has no password link');
        await go(resident, link.replace(/[>)]+$/, ''));
        // With JavaScript, WordPress's script fills in a suggested password once it has run: ours goes in after it.
        if (js) await resident.waitForLoadState('networkidle');
        await resident.fill('#pass1', password);
        if (await resident.locator('#pass2').isVisible().catch(() => false)) await resident.fill('#pass2', password);
        assert(await resident.locator('#pass1').inputValue() === password, 'the new password did not stay in the form');
        await submit(resident, resident.locator('#wp-submit'));
        assert(await resident.locator('.message, .reset-pass').count() > 0 && !(await resident.locator('#login_error').count()),
            `the password was not set: ${(await resident.locator('#login_error').allInnerTexts()).join(' ')}`);
        await login(resident, login1, password);
        await go(resident, `${base}/wp-admin/profile.php`);
        const chosen = await resident.locator('select#participa_territory').inputValue();
        assert(chosen === 'slp-barrio-tlaxcala', `the profile says the colonia is ${JSON.stringify(chosen)}`);
    });
    if (!registered) {
        // Without an account nothing else of this pass can run: sign in as the demo's resident instead.
        await login(resident, 'vecina', user('vecina').password).catch(() => {});
    }

    let commentId = null;
    await check(label('a comment on a commitment shows the phone number hidden'), async () => {
        await go(resident, demo.pages.commitment);
        const form = resident.locator('form:has(input[name="participa_action"][value^="thread."]):has(textarea)').first();
        const body = `Pueden llamarme al 55 1234 5678 para la contraloría social de las obras (${tag}).`;
        await form.locator('textarea').fill(body);
        await submit(resident, form.locator('[type="submit"]'));
        const item = commentItem(resident, `(${tag})`);
        await item.waitFor();
        const shown = await item.locator(OWN('p')).first().innerText();
        assert(!/1234\s*5678/.test(await mainHtml(resident)), 'the phone number is on the page');
        assert(shown.includes('[dato personal oculto]'), `the comment reads ${JSON.stringify(shown)}`);
        commentId = (await item.getAttribute('id')).replace(/^.*-c/, '');
        await screenshot(resident, `${mode}-comentario`);
    });
    await check(label('a reply to that comment appears under it'), async () => {
        assert(commentId, 'no comment to reply to');
        const item = resident.locator(`li[id$="-c${commentId}"]`);
        const replyLink = item.locator('a', { hasText: 'Responder' }).first();
        const href = await replyLink.getAttribute('href');
        await Promise.all([resident.waitForNavigation({ waitUntil: 'load' }), replyLink.click()]);
        // The reply form sits after the comment's replies; its fields are tied to it by form="<id>".
        const form = resident.locator(`form:has(input[name="parent"][value="${commentId}"])`).first();
        assert(await form.count() === 1, `the page the "Responder" link leads to (${href}) has no reply form for comment ${commentId}`);
        const owner = await form.getAttribute('id');
        const field = (css) => resident.locator(`#${owner} ${css}, ${css}[form="${owner}"]`).first();
        assert(await field('textarea').count() === 1, `the reply form ${owner} has no text field`);
        const body = `Respondo a mi comentario: también revisen el pozo (${tag}-r).`;
        await field('textarea').fill(body);
        await submit(resident, field('[type="submit"]'));
        // The page after the post shows the new reply (wherever it falls among the replies)...
        await resident.locator('li[id]', { hasText: `(${tag}-r)` }).first().waitFor();
        // ...and "Volver a la conversación" shows it under the comment it answers.
        const back = resident.locator('a', { hasText: 'Volver a la conversación' }).first();
        await Promise.all([resident.waitForNavigation({ waitUntil: 'load' }), back.click()]);
        await resident.locator(`li[id$="-c${commentId}"] li[id]`, { hasText: `(${tag}-r)` }).first().waitFor();
    });
    await check(label('a reaction to a neighbour\'s comment is counted'), async () => {
        await go(resident, demo.pages.commitment);
        const id = await commentItem(resident, 'cuánto se gastó en cada obra').getAttribute('id');
        // The up button ("De acuerdo N"): it counts the reaction, or takes it back once pressed.
        const up = () => upButton(resident, id);
        const count = async () => Number(((await up().innerText()) || '').replace(/\D+/g, '') || 0);
        const before = await count();
        if (js) {
            await up().click();   // participa.js may count it in place; the form posts otherwise
            await until(async () => (await count()) > before, 'the count to change');
        } else {
            await submit(resident, up());
        }
        const now = await count();
        assert(now === before + 1, `the count went from ${before} to ${now}`);
        assert(await up().getAttribute('aria-pressed') === 'true', 'the ▲ button does not show it as pressed');
    });

    await check(label('a vote in the participatory budget gives a receipt; a second vote is refused in Spanish'), async () => {
        await go(resident, demo.pages.vote);
        const older = await resident.context().newPage();   // the same ballot left open in another tab
        watch(older);
        await go(older, demo.pages.vote);
        const ballot = resident.locator('form:has(input[name="participa_action"][value="process.cast"])').first();
        assert(await ballot.count() === 1, `no ballot on the page: ${(await text(resident)).slice(0, 300)}`);
        await ballot.locator('input[value="pozo-villa-de-pozos"]').check();
        await ballot.locator('input[value="domingo-pilas-tlaxcala"]').check();
        await screenshot(resident, `${mode}-boleta`);
        await submit(resident, ballot.locator('[type="submit"]').first());
        const page = await text(resident);
        const receipt = (page.match(/\b[a-z0-9]{26}\b/) || [])[0];
        assert(/comprobante/i.test(page) && receipt, `no receipt after voting: ${page.slice(0, 400)}`);
        await screenshot(resident, `${mode}-comprobante`);
        // The other tab still shows the ballot: sending it is a second vote.
        const again = older.locator('form:has(input[name="participa_action"][value="process.cast"])').first();
        await again.locator('input[value="luminarias-aviacion"]').check();
        await submit(older, again.locator('[type="submit"]').first());
        const refusal = (await older.locator('[role="alert"]').allInnerTexts()).join(' ');
        assert(/ya (emitiste|votaste)/i.test(refusal), `the second vote was not refused in Spanish (alert: ${JSON.stringify(refusal)})`);
        await screenshot(older, `${mode}-segundo-voto`);
        // The receipt is in the ballot box (the receipt check is a GET form: the same with JavaScript off).
        const checkForm = resident.locator('form:has(input[name^="comprobante"])').first();
        if (await checkForm.count() === 0) {
            await resident.locator('a', { hasText: 'Comprobar mi boleta' }).first().click();
            await resident.waitForLoadState('load');
        }
        const form = resident.locator('form:has(input[name^="comprobante"])').first();
        await form.locator('input[name^="comprobante"]').fill(receipt);
        await submit(resident, form.locator('[type="submit"]'));
        assert(/está en la urna/i.test(await text(resident)), `the receipt ${receipt} was not found in the ballot box`);
        await older.close();
    });

    let heldText = null;
    await check(label('a comment that breaks a rule waits for review and the author is told'), async () => {
        await go(resident, demo.pages.thread);
        const form = resident.locator('form:has(input[name="participa_action"][value^="thread."]):has(textarea)').first();
        heldText = `Qué idiota el que tira basura junto al pozo (${tag}-m).`;
        await form.locator('textarea').fill(heldText);
        await submit(resident, form.locator('[type="submit"]'));
        assert(/en revisión/i.test(await text(resident)), 'the author is not told the comment waits for review');
        const visitor = await person(width, js);
        await go(visitor, demo.pages.thread);
        assert(!(await text(visitor)).includes(`(${tag}-m)`), 'a visitor sees the held comment');
        await visitor.context().close();
    });
    await check(label('the moderator approves it in wp-admin and it is published'), async () => {
        assert(heldText, 'no held comment');
        const moderator = await person(width, js);
        await login(moderator, 'moderadora', user('moderadora').password);
        await go(moderator, demo.pages.moderation);
        const item = moderator.locator('li, tr, article').filter({ hasText: `(${tag}-m)` }).last();
        await item.waitFor();
        await screenshot(moderator, `${mode}-moderacion`);
        const approve = item.locator('button, input[type="submit"]').filter({ hasText: /Aprobar/ }).first();
        assert(await approve.count() === 1, `no "Aprobar" button for the held comment: ${(await item.innerText()).slice(0, 200)}`);
        await submit(moderator, approve);
        const visitor = await person(width, js);
        await go(visitor, demo.pages.thread);
        assert((await text(visitor)).includes(`(${tag}-m)`), 'the approved comment is not on the page');
        await moderator.context().close();
        await visitor.context().close();
    });

    await check(label('an official updates progress with evidence and the plan dashboard changes'), async () => {
        const visitor = await person(width, js);
        const before = await planProgress(visitor);
        const official = await person(width, js);
        await login(official, 'funcionaria', user('funcionaria').password);
        await go(official, demo.pages.commitment);
        const form = official.locator('form:has(input[name="participa_action"][value="commitments.progress"])').first();
        assert(await form.count() === 1, 'the official sees no progress form');
        await form.locator('input[name="progress"]').fill(progressBy[mode]);
        await form.locator('textarea[name="note"]').fill(`Obras entregadas a dos Juntas (${tag}).`);
        await form.locator('input[name="evidence_url"]').fill(`https://example.org/actas/${tag}.pdf`);
        await form.locator('input[name="evidence_description"]').fill(`Acta de entrega ${tag}`);
        await submit(official, form.locator('[type="submit"]'));
        const after = await text(official);
        assert(after.includes(`Acta de entrega ${tag}`), 'the evidence is not on the commitment page');
        assert(after.includes(`${progressBy[mode]} %`), `the commitment does not show ${progressBy[mode]} %`);
        await screenshot(official, `${mode}-avance`);
        const now = await planProgress(visitor);
        assert(now > before, `the plan's overall progress went from ${before} to ${now}`);
        await official.context().close();
        await visitor.context().close();
    });
    await check(label('a liaison saves the questionnaire as a draft, finds it again, then sends it'), async () => {
        const [who, municipality] = liaisonBy[mode];
        const liaison = await person(width, js);
        await login(liaison, who, user(who).password);
        await go(liaison, demo.pages.questionnaire);
        const form = liaison.locator('form:has(button[value="instrument.submit"])').first();
        assert(await form.count() === 1, `the liaison sees no questionnaire: ${(await text(liaison)).slice(0, 300)}`);
        assert((await text(liaison)).includes(`Cuestionario de: ${municipality}`), `the questionnaire is not ${municipality}'s`);
        assert(/Fecha límite: \d+ de \w+ de \d{4}/.test(await text(liaison)), 'no deadline in words');
        // Three answers, then "Guardar borrador" (no browser validation for a draft).
        const groups = form.locator('fieldset.participa-opciones');
        assert(await groups.count() === 64, `the questionnaire has ${await groups.count()} items, not 64`);
        for (let i = 0; i < 3; i++) await groups.nth(i).locator('input[type="radio"]').first().check();
        await screenshot(liaison, `${mode}-cuestionario`);
        if (js) {   // the form itself (later every municipality has sent its own: the pages below show answers)
            await axeCheck(liaison, { file: join(out, 'axe', 'cuestionario-formulario-1280.json'),
                key: 'cuestionario-formulario-1280', totals: axeTotals });
        }
        await submit(liaison, form.locator('button[value="instrument.draft"]'));
        assert(/Borrador guardado el .*Faltan 61 preguntas obligatorias/.test(await text(liaison)), `no draft status: ${(await liaison.locator('.participa-estado').allInnerTexts()).join(' ')}`);
        await go(liaison, demo.pages.questionnaire);
        const again = liaison.locator('form:has(button[value="instrument.submit"])').first();
        assert(await again.locator('fieldset.participa-opciones').nth(2).locator('input[type="radio"]').first().isChecked(), 'the draft is not there on a new visit');
        // Every item answered "Sí", the evidence each asks for, then "Enviar".
        const all = again.locator('fieldset.participa-opciones');
        for (let i = 0; i < 64; i++) await all.nth(i).locator('input[type="radio"]').first().check();
        const evidence = again.locator('input[name^="evidence["]');
        for (let i = 0, n = await evidence.count(); i < n; i++) await evidence.nth(i).fill(`https://${who}.gob.mx/transparencia/${i}.pdf`);
        await submit(liaison, again.locator('button[value="instrument.submit"]'));
        const after = await text(liaison);
        assert(new RegExp(`La respuesta de ${municipality} se envió el`).test(after), `not submitted: ${after.slice(0, 400)}`);
        assert(await liaison.locator('form:has(button[value="instrument.submit"])').count() === 0, 'the form is still there after sending');
        await screenshot(liaison, `${mode}-cuestionario-enviado`);
        await liaison.context().close();
    });
    await check(label('a resident corroborates a municipality item by item, beside its answers'), async () => {
        await go(resident, demo.pages.corroboration);
        await Promise.all([resident.waitForNavigation({ waitUntil: 'load' }),
            resident.locator('.participa-sujetos a', { hasText: corroboratedBy[mode] }).first().click()]);
        const form = resident.locator('form:has(button[value="instrument.corroborate"])').first();
        assert(await form.count() === 1, `no corroboration form: ${(await text(resident)).slice(0, 300)}`);
        assert((await form.locator('.participa-institucion').count()) > 0, 'the institution\'s answers are not beside the items');
        // Disagree on the first item: "No" (its third option, after "Coincido" and "Sí").
        await form.locator('fieldset.participa-opciones').first().locator('input[value="no"]').check();
        await screenshot(resident, `${mode}-corroboracion`);
        await submit(resident, form.locator('button[value="instrument.corroborate"]'));
        const after = await text(resident);
        assert(new RegExp(`Enviaste tu corroboración sobre ${corroboratedBy[mode]} el`).test(after), `not recorded: ${after.slice(0, 400)}`);
    });
    await resident.context().close();
}

await check('the questionnaire\'s report shows the rates, the bars with their figures, the thresholds and the ranking', async () => {
    const page = await person(1280, false);
    await go(page, demo.pages.questionnaire_report);
    const t = await text(page);
    assert(/Autoevaluación: respondieron 8 de 8 \(100\.0 %\)/.test(t), `the response rate: ${t.slice(0, 300)}`);
    assert(/Corroboración ciudadana: 7 respuestas/.test(t), 'the corroborations are not counted');
    assert(await page.locator('main svg[role="img"] title').count() > 0, 'no chart with a title');
    assert(await page.locator('main table caption').count() >= 3, 'the tables have no captions');
    assert(await page.locator('main table.participa-clasificacion tbody tr').count() === 8, 'the ranking does not list the 8 municipalities');
    await go(page, demo.pages.practices);
    const p = await text(page);
    assert(/Buena práctica \(80 % o más\): 41 de 41/.test(p) && /Caso emblemático \(100 % o más\): \d+ de 41/.test(p), `the PNUD thresholds: ${p.slice(0, 400)}`);
    await screenshot(page, 'mapeo-pnud');
    await page.context().close();
});

await check('the results page shows the chart', async () => {
    const page = await person(1280, false);
    await go(page, demo.pages.results);
    const charts = await page.locator('main .participa svg[role="img"], main .participa [role="img"]').count();
    assert(charts > 0, 'no chart (an element with role="img") in the results');
    assert(/Financiado/.test(await text(page)), 'the results do not say which projects are funded');
    await page.context().close();
});

// ---- every page, two widths: axe-core, overflow, script errors, screenshots ----
const pages = [
    ['inicio', demo.url, null], ['plan', demo.pages.plan, null], ['compromiso', demo.pages.commitment, 'vecina'],
    ['compromiso-funcionaria', demo.pages.commitment, 'funcionaria'], ['debate', demo.pages.thread, 'vecina'],
    ['boleta', demo.pages.vote, 'vecina'], ['resultados', demo.pages.results, null], ['asambleas', demo.pages.assembly, 'enlace'],
    ['agenda', `${base}/agenda-de-desarrollo-local/`, null], ['eleccion', `${base}/eleccion-junta-barrio-de-tlaxcala/`, null],
    ['consejo', `${base}/consejo-de-desarrollo-social/`, null], ['secretariado', `${base}/secretariado-tecnico-local/`, 'facilitadora'],
    ['consulta', `${base}/consulta-faena/`, 'vecina'],
    ['cuestionario', demo.pages.questionnaire, null], ['cuestionario-municipio', `${demo.pages.questionnaire}?vista=amecameca`, null],
    ['corroboracion', `${demo.pages.corroboration}?vista=amecameca`, 'vecina'], ['resultados-cuestionario', demo.pages.questionnaire_report, null],
    ['mapeo-pnud', demo.pages.practices, null],
    ['moderacion', demo.pages.moderation, 'moderadora'], ['registro', `${base}/wp-login.php?action=register`, null],
    // the same fragments in a classic theme (Twenty Twenty-One; the demo's mu-plugin reads ?tema=clasico)
    ['clasico-compromiso', `${demo.pages.commitment}?tema=clasico`, 'vecina'], ['clasico-debate', `${demo.pages.thread}?tema=clasico`, 'vecina'],
    ['clasico-boleta', `${demo.pages.vote}?tema=clasico`, 'vecina'], ['clasico-resultados', `${demo.pages.results}?tema=clasico`, null],
    ['clasico-plan', `${demo.pages.plan}?tema=clasico`, null],
];
for (const [name, url, who] of pages) {
    for (const width of [1280, 390]) {
        const label = `${name}${who ? ` (${who})` : ''} at ${width} px`;
        const page = await person(width, true);
        if (who && !(await check(`${label}: signs in`, () => login(page, who, user(who).password)))) {
            await page.context().close();
            continue;
        }
        const loaded = await check(`${label}: loads`, async () => {
            await go(page, url);
            const broken = await page.locator('.participa-no-disponible').allInnerTexts();
            assert(broken.length === 0, `a placeholder instead of participation: ${broken.join('; ')}`);
        });
        if (!loaded) {
            await page.context().close();
            continue;
        }
        if (name.startsWith('clasico-')) {
            await check(`${label}: drawn by the classic theme`, async () => {
                const classic = await page.locator('link[rel="stylesheet"][href*="/themes/twentytwentyone/"]').count();
                assert(classic > 0, 'the page is not in Twenty Twenty-One');
            });
        }
        // In wp-admin, WordPress's own menu and toolbar are not the plugin's: the screen is.
        await check(`${label}: axe-core, no serious or critical violation`, () => axeCheck(page, {
            file: join(out, 'axe', `${name}-${width}.json`), key: `${name}-${width}`, totals: axeTotals,
            excludeWhen: '#wpbody', exclude: [['#adminmenumain'], ['#wpadminbar']] }));
        if (width < 400) {
            await check(`${label}: no horizontal scroll`, () => noHorizontalScroll(page, 'main *, #wpbody-content *'));
        }
        await check(`${label}: screenshot, no script error`, async () => {
            await page.screenshot({ path: join(out, 'screens', `pagina-${name}-${width}.png`), fullPage: true });
            assert(page.errors.length === 0, page.errors.join('; '));
        });
        await page.context().close();
    }
}

await browser.close();
writeFileSync(join(out, 'axe-summary.json'), JSON.stringify(axeTotals, null, 1));
console.log('\naxe-core (serious+critical / all violations) per page:');
for (const t of axeTotals) console.log(`  ${t.page}: ${t.serious} / ${t.all}${t.rules ? '  ' + t.rules : ''}`);
if (failures.length) console.log('\nfailures:\n  ' + failures.join('\n  '));
console.log(`screenshots and axe reports: ${out}`);
console.log(`\ne2e checks: ${passed} ok, ${failed} failed`);
process.exit(failed ? 1 : 0);
