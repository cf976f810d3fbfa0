// The page checks both browser suites make: the fragments' example
// (tests/browser/run.mjs) and the WordPress demo site (tests/wordpress/e2e.mjs).
// Each throws an Error whose message says what is wrong, for the suite's check().
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core over the page: every violation written to `file`, a row added to
 * `totals` under `key`, and an Error for any serious or critical one. When
 * the page has `excludeWhen`, the `exclude` parts are left out (WordPress's
 * own admin menu and toolbar are not the plugin's).
 */
export async function axeCheck(page, { file, key, totals, excludeWhen = null, exclude = [] }) {
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async ([when, parts]) => (await window.axe.run(
        when && document.querySelector(when) ? { exclude: parts } : document,
        { resultTypes: ['violations'] })).violations, [excludeWhen, exclude]);
    writeFileSync(file, JSON.stringify(violations, null, 1));
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    totals.push({ page: key, serious: bad.length, all: violations.length,
        rules: violations.map((v) => `${v.id}(${v.impact}, ${v.nodes.length})`).join(' ') });
    if (bad.length) {
        throw new Error(bad.map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; '));
    }
}

/** An Error when the page scrolls sideways, naming the first elements (of `selector`) past the window's edge. */
export async function noHorizontalScroll(page, selector) {
    const r = await page.evaluate((sel) => {
        const w = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll(sel)]
            .filter((e) => e.getBoundingClientRect().right > w + 1)
            .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''} (${Math.round(e.getBoundingClientRect().right)} px)`);
        return { scroll: document.documentElement.scrollWidth, w, wide };
    }, selector);
    if (r.scroll > r.w) throw new Error(`page is ${r.scroll} px wide in a ${r.w} px window: ${r.wide.join(', ')}`);
}
