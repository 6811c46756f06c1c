// The site without JavaScript. The pages are static HTML, so what JavaScript could break is
// the template's behaviour, not a single page's content: one page of every template and
// section per language (home, each section's index and first page, a tag and the tag index,
// the audience pages, search, about, 404 — about 60 pages) is loaded with JavaScript off and
// must render (a main landmark, one visible h1, its stylesheet), with every link working.
// The search page says search needs JavaScript and links to the sections, the header's
// search form still takes you there, and a missing page gets the 404 page. Same origin and
// CSP guards as with JavaScript on. (The crawl of every page, with JavaScript, is
// pages.test.mjs.)

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, pages, searchPage, LANGUAGES, QUERIES } from './lib/site.mjs';
import { launch, guardedContext, formatProblems, pool } from './lib/browser.mjs';
import { pageInfo, renderProblems, linkProblems } from './lib/links.mjs';

const WORKERS = Number(process.env.SAMSPIL_BROWSER_WORKERS || 3);

let srv;
let browser;
let all;
let guard;
let sample;
const seen = new Map(); // pathname -> pageInfo
const issues = [];

/** The root, each language's home, and per section folder its index and first page. */
function pickSample(list) {
  const out = new Map();
  for (const p of list) {
    if (p.redirect) continue;
    const parts = p.rel.split('/').filter(Boolean);
    // '' (root), 'da/', 'da/404.html', 'da/roller/', 'da/roller/x/'
    const key = parts.length <= 1 ? p.rel : `${parts[0]}/${parts[1]}/${parts.length > 2 ? 'child' : 'index'}`;
    if (!out.has(key)) out.set(key, p);
  }
  return [...out.values()];
}

before(async () => {
  srv = await serve();
  all = pages(srv.dir);
  sample = pickSample(all);
  browser = await launch();
  guard = await guardedContext(browser, srv.origin, { javaScriptEnabled: false });
  const tabs = [];
  for (let i = 0; i < WORKERS; i++) tabs.push(await guard.context.newPage());
  const free = [...tabs];
  await pool(sample, WORKERS, async (p) => {
    const page = free.pop();
    try {
      const url = srv.url(p.rel);
      const res = await page.goto(url, { waitUntil: 'load' });
      if (!res || res.status() !== 200) {
        issues.push({ type: 'page not served', page: `/${p.rel}`, detail: `HTTP ${res ? res.status() : 'none'}` });
        return;
      }
      seen.set(new URL(url).pathname, await pageInfo(page));
    } catch (e) {
      issues.push({ type: 'page could not be checked', page: `/${p.rel}`, detail: String(e.message || e).split('\n')[0] });
    } finally {
      free.push(page);
    }
  });
  for (const t of tabs) await guard.collect(t);
}, { timeout: 10 * 60 * 1000 });

after(async () => {
  if (guard) await guard.context.close();
  if (browser) await browser.close();
  if (srv) await srv.server.close();
});

describe('the site without JavaScript', () => {
  test('one page of every template and section in every language was served', () => {
    for (const lang of LANGUAGES) {
      const n = sample.filter((p) => p.lang === lang).length;
      assert.ok(n >= 10, `only ${n} ${lang} pages in the sample`);
    }
    assert.equal(issues.length, 0, formatProblems(issues));
  });

  test('they render: lang, title, one main, one visible h1, their stylesheet', () => {
    const bad = renderProblems(seen);
    assert.equal(bad.length, 0, bad.slice(0, 80).join('\n'));
  });

  test('their internal links lead to pages that exist', async () => {
    const bad = await linkProblems(seen, srv.origin);
    assert.equal(bad.length, 0, bad.slice(0, 80).join('\n'));
  });

  test('no request to another origin, no CSP violation, no failed request', () => {
    assert.equal(guard.problems.length, 0, formatProblems(guard.problems));
  });

  test('the search page says search needs JavaScript and links to the sections', () => {
    for (const lang of LANGUAGES) {
      const sp = seen.get(new URL(srv.url(searchPage(all, lang).rel)).pathname);
      assert.ok(sp && sp.searchPage, `no search page for ${lang} in the sample`);
      assert.ok(sp.nojsNotice, `${lang}: no [data-search-nojs] notice`);
      assert.ok(sp.nojsNotice.visible, `${lang}: the needs-JavaScript notice is not visible without JavaScript`);
      assert.match(sp.nojsNotice.text, /JavaScript/, `${lang}: notice text`);
      assert.ok(sp.nojsNotice.links >= 3, `${lang}: the notice links to ${sp.nojsNotice.links} sections`);
      assert.ok(!sp.searchFormVisible, `${lang}: the JavaScript search form is visible without JavaScript`);
    }
  });

  test("the header's search form still takes you to the search page", async () => {
    const page = await guard.context.newPage();
    await page.goto(srv.url('da/'));
    await page.locator('#site-search').fill(QUERIES.da);
    await Promise.all([page.waitForURL(/[?&]q=/), page.locator('#site-search').press('Enter')]);
    const u = new URL(page.url());
    assert.equal(u.pathname, new URL(srv.url(searchPage(all, 'da').rel)).pathname);
    assert.equal(u.searchParams.get('q'), QUERIES.da);
    assert.ok(await page.locator('[data-search-nojs]').isVisible());
    await page.close();
  });

  test("a missing page answers 404 with the site's 404 page, styled", async () => {
    const page = await guard.context.newPage();
    page.__expect404 = true;
    for (const lang of LANGUAGES) {
      const res = await page.goto(srv.url(`${lang}/findes-ikke-${Date.now()}/`));
      assert.equal(res.status(), 404);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await page.locator('h1').count(), 1);
      assert.ok(await page.evaluate(() => document.styleSheets.length >= 1), 'the 404 page has no stylesheet');
      assert.ok((await page.locator('main a[href]').count()) >= 1, 'the 404 page links nowhere');
    }
    await guard.collect(page);
    await page.close();
    assert.equal(guard.problems.length, 0, formatProblems(guard.problems));
  });
});
