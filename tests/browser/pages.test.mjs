// Every HTML page of every language, with JavaScript on, in headless Chromium, served from
// the sub-path with `Content-Security-Policy: default-src 'self'`:
//   - axe-core with the WCAG 2.0 and 2.1 A and AA rules (at 1280 px; the scenario pages
//     again at 320 px, where the header and menus take their mobile form);
//   - no request to another origin, no CSP violation, no script error, no failed request;
//   - at 320 px nothing scrolls sideways (WCAG 1.4.10 reflow);
//   - no cookie and nothing in storage unless the visitor asked (privacy);
//   - every page renders its basics (lang, title, one main, one h1, its stylesheet), internal
//     links and #fragments lead somewhere, hreflang alternates are reciprocal.
// The full axe result is written to tests/artifacts/axe-report.json (and .txt).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, pages, pageOfKind, searchPage, artifactDir, LANGUAGES } from './lib/site.mjs';
import { launch, guardedContext, runAxe, horizontalOverflow, formatProblems, pool } from './lib/browser.mjs';
import { pageInfo, renderProblems, linkProblems, hreflangProblems } from './lib/links.mjs';

const WORKERS = Number(process.env.SAMSPIL_BROWSER_WORKERS || 3);

let srv;
let browser;
let all;
const axeResults = []; // { page, width, violations }
const overflow = []; // { page, over, culprits }
const redirects = []; // { page, target, status }
const seen = new Map(); // pathname -> pageInfo
let problems = [];
let storage;
let cookies;

// Lets the page's deferred scripts and their first frame run before we look.
async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

before(async () => {
  srv = await serve();
  all = pages(srv.dir);
  browser = await launch();
  const guard = await guardedContext(browser, srv.origin);
  problems = guard.problems;
  const mobileAxe = new Set(
    [
      '',
      'da/',
      pageOfKind(all, 'role').rel,
      pageOfKind(all, 'checklist').rel,
      pageOfKind(all, 'contact').rel,
      searchPage(all, 'da').rel,
    ].filter((x) => x !== undefined),
  );

  const workers = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await guard.context.newPage());
  let free = [...workers];
  const started = Date.now();
  let done = 0;

  await pool(all, WORKERS, async (p) => {
    const page = free.pop();
    try {
      const url = srv.url(p.rel);
      if (p.redirect) {
        // A redirect stub (e.g. /was) leaves at once; check where it points, and run axe on
        // it with the refresh removed, since a visitor with refresh disabled sees it.
        const html = fs.readFileSync(p.file, 'utf8');
        const m = html.match(/http-equiv=["']?refresh["']?[^>]*content=["']?\d+\s*;\s*url=([^"'>\s]+)/i) ||
          html.match(/content=["']?\d+\s*;\s*url=([^"'>\s]+)["']?[^>]*http-equiv=["']?refresh/i);
        const target = m ? new URL(m[1], url).href : null;
        const status = target ? (await fetch(target)).status : 0;
        redirects.push({ page: `/${p.rel}`, target, status });
        await page.route(url, async (route) => {
          const res = await route.fetch();
          const body = (await res.text()).replace(/<meta\b[^>]*http-equiv=["']?refresh["']?[^>]*>/gi, '');
          await route.fulfill({ response: res, body });
        });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      const res = await page.goto(url, { waitUntil: 'load' });
      if (!res || res.status() !== 200) {
        problems.push({ type: 'page not served', page: `/${p.rel}`, detail: `HTTP ${res ? res.status() : 'none'}` });
        return;
      }
      await settle(page);
      const info = await pageInfo(page);
      if (p.redirect) info.refresh = true; // its refresh was removed above
      seen.set(new URL(url).pathname, info);
      axeResults.push({ page: new URL(url).pathname, lang: p.lang || '-', width: 1280, violations: await runAxe(page) });
      await page.setViewportSize({ width: 320, height: 640 });
      await settle(page);
      const o = await horizontalOverflow(page);
      if (o.over > 0) overflow.push({ page: new URL(url).pathname, ...o });
      if (mobileAxe.has(p.rel)) {
        axeResults.push({ page: new URL(url).pathname, lang: p.lang || '-', width: 320, violations: await runAxe(page) });
      }
      await guard.collect(page);
      if (p.redirect) await page.unrouteAll();
    } catch (e) {
      problems.push({ type: 'page could not be checked', page: `/${p.rel}`, detail: String(e.message || e).split('\n')[0] });
    } finally {
      free.push(page);
      done++;
      if (done % 100 === 0) console.log(`# checked ${done}/${all.length} pages in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  });
  console.log(`# checked ${all.length} pages with ${WORKERS} tabs in ${Math.round((Date.now() - started) / 1000)} s`);

  storage = await guard.context.storageState();
  cookies = await guard.context.cookies();
  await guard.context.close();

  // The report, for people and for tools.
  const dir = artifactDir();
  fs.writeFileSync(path.join(dir, 'axe-report.json'), JSON.stringify(axeResults.filter((r) => r.violations.length), null, 2));
  fs.writeFileSync(path.join(dir, 'axe-report.txt'), axeReport(axeResults) || 'no violations\n');
}, { timeout: 20 * 60 * 1000 });

after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.server.close();
});

/** "rule (impact): help — N pages" then each page with its first offending elements. */
function axeReport(results) {
  const byRule = new Map();
  for (const r of results) {
    for (const v of r.violations) {
      if (!byRule.has(v.id)) byRule.set(v.id, { v, pages: [] });
      byRule.get(v.id).pages.push({ page: r.width === 1280 ? r.page : `${r.page} @${r.width}px`, nodes: v.nodes });
    }
  }
  const lines = [];
  for (const [id, { v, pages: ps }] of [...byRule].sort((a, b) => b[1].pages.length - a[1].pages.length)) {
    lines.push(`${id} (${v.impact}): ${v.help} — ${ps.length} page(s) — ${v.helpUrl}`);
    for (const p of ps.slice(0, 40)) {
      const targets = p.nodes.slice(0, 3).map((n) => n.target).join(' ; ');
      lines.push(`  ${p.page}  [${p.nodes.length}] ${targets}`);
    }
    if (ps.length > 40) lines.push(`  … and ${ps.length - 40} more pages (tests/artifacts/axe-report.json)`);
  }
  return lines.join('\n');
}

describe('every page, JavaScript on', () => {
  test('the site has pages in every language', () => {
    for (const lang of LANGUAGES) {
      assert.ok(all.filter((p) => p.lang === lang).length > 5, `too few ${lang} pages found in ${srv.dir}`);
    }
  });

  for (const lang of [...LANGUAGES, 'other']) {
    test(`axe-core WCAG 2.0/2.1 A and AA: ${lang}`, () => {
      const mine = axeResults.filter((r) => (lang === 'other' ? !LANGUAGES.includes(r.lang) : r.lang === lang));
      if (lang !== 'other') assert.ok(mine.length > 0, `no ${lang} page was checked`);
      const bad = mine.filter((r) => r.violations.length);
      assert.equal(bad.length, 0, `axe violations on ${bad.length} of ${mine.length} ${lang} page checks, by rule:\n${axeReport(bad)}`);
    });
  }

  test('every page was served and checked', () => {
    const bad = problems.filter((p) => p.type === 'page not served' || p.type === 'page could not be checked');
    assert.equal(bad.length, 0, formatProblems(bad));
  });

  test('no request to another origin', () => {
    const bad = problems.filter((p) => p.type === 'third-party request');
    assert.equal(bad.length, 0, formatProblems(bad));
  });

  test("no CSP violation under default-src 'self'", () => {
    const bad = problems.filter((p) => p.type === 'CSP violation');
    assert.equal(bad.length, 0, formatProblems(bad));
  });

  test('no script error, console error or failed request', () => {
    const bad = problems.filter((p) => /script error|console error|failed request|^HTTP /.test(p.type));
    assert.equal(bad.length, 0, formatProblems(bad));
  });

  test('at 320 px wide nothing scrolls sideways (WCAG 1.4.10)', () => {
    const lines = overflow.map((o) => `  ${o.page}: ${o.over}px too wide; sticking out: ${o.culprits.join(', ')}`);
    assert.equal(overflow.length, 0, `horizontal scrolling at 320 px on ${overflow.length} page(s):\n${lines.slice(0, 60).join('\n')}`);
  });

  test('every page renders: lang, title, one main, one visible h1, its stylesheet', () => {
    const bad = renderProblems(seen);
    assert.equal(bad.length, 0, bad.slice(0, 80).join('\n'));
  });

  test('every internal link leads to a page that exists, and every #fragment to an id on it', async () => {
    const bad = await linkProblems(seen, srv.origin);
    assert.equal(bad.length, 0, bad.slice(0, 80).join('\n'));
  });

  test('hreflang alternates are absolute, self-referencing, reciprocal and match the language switcher', () => {
    const bad = hreflangProblems(seen);
    assert.equal(bad.length, 0, bad.slice(0, 80).join('\n'));
  });

  test('redirect stubs (such as /was) point to pages that exist', () => {
    assert.ok(redirects.some((r) => r.page.replace(/\/$/, '').endsWith('/was')), 'no /was redirect in the built site');
    const bad = redirects.filter((r) => r.status !== 200);
    assert.equal(bad.length, 0, bad.map((r) => `${r.page} -> ${r.target}: HTTP ${r.status}`).join('\n'));
  });

  test('no cookie and nothing stored when the visitor only reads', () => {
    assert.deepEqual(cookies, [], 'cookies were set');
    const stored = (storage.origins || []).flatMap((o) => (o.localStorage || []).map((e) => `${o.origin} ${e.name}`));
    assert.deepEqual(stored, [], 'localStorage was written without the visitor asking');
  });
});
