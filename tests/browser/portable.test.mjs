// A portable copy (`samspil build --portable`, issue #17): the same folder opened straight from
// disk (file://) and served under two different sub-paths without a rebuild.
//
// From disk: start at the root's language chooser and move only by clicking — a language, the
// main menu, a page, the language switcher — then tick a checklist item and see it kept after a
// reload; no console error, no failed request, no request leaves the folder. Searching from
// disk finds pages, and the one opened marks the query's words (`?hl=`).
// Served: a sample of pages (the root, each language's home, each section's index and first
// page) at /a/ and at /b/c/ passes the quality gate: axe (WCAG 2.1 AA), CSP, no third-party
// request, no missing file.
//
// The copy is built here with the debug binary, as scripts/test-all.sh builds the others.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pages, samspil, searchPage, LANGUAGES, QUERIES } from './lib/site.mjs';
import { waitFor } from './lib/ui.mjs';
import { launch, guardedContext, runAxe, formatProblems } from './lib/browser.mjs';
import { startServer } from './server.mjs';

let browser;
let dir;

before(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-portable-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  dir = path.join(tmp, 'kopi');
  const args = ['build', '--quiet', '--portable', '--output', dir];
  if (process.env.SAMSPIL_SITE_ROOT) args.push('--root', process.env.SAMSPIL_SITE_ROOT);
  samspil(args);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** A context that records every request outside the folder, failed request and script error. */
async function diskContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'da-DK', serviceWorkers: 'block' });
  const problems = [];
  const inside = pathToFileURL(dir).href;
  context.on('page', (page) => {
    page.on('request', (req) => {
      const u = req.url();
      if (/^(data|blob|about):/.test(u)) return;
      if (!u.startsWith(inside)) problems.push(`request outside the copy: ${u}`);
    });
    page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText || ''}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`script error on ${page.url()}: ${err}`));
  });
  return { context, problems };
}

describe('a portable copy opened from disk', () => {
  test('moves between pages and languages by clicking, and keeps a ticked checklist item', async () => {
    const { context, problems } = await diskContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    // The language chooser → Danish home.
    await page.locator('a[hreflang="da"]').first().click();
    await page.waitForURL(/\/da\/index\.html$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'da');
    // Main menu → the roles section → its first page.
    await page.locator('.main-nav a').nth(1).click();
    await page.waitForURL(/\/da\/[^/]+\/index\.html$/);
    await page.locator('main .card a').first().click();
    await page.waitForURL(/\/da\/[^/]+\/[^/]+\/index\.html$/);
    assert.equal(await page.locator('main h1').count(), 1);
    // The language switcher → the Swedish version of the same page.
    await page.locator('.lang-switch a[hreflang="sv"]').click();
    await page.waitForURL(/\/sv\/.+index\.html(#untranslated)?$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    // A checklist: tick the first item; it is still ticked after a reload (site.js ran).
    await page.goto(pathToFileURL(path.join(dir, 'da', 'index.html')).href);
    const checklist = pages(dir).find((p) => p.lang === 'da' && p.kind === 'checklist');
    assert.ok(checklist, 'the copy has a Danish checklist');
    await page.goto(pathToFileURL(checklist.file).href);
    const box = page.locator('[data-checklist] input[type=checkbox]').first();
    await box.check();
    await page.reload();
    assert.equal(await page.locator('[data-checklist] input[type=checkbox]').first().isChecked(), true, 'the ticked item was kept');
    await context.close();
    assert.deepEqual(problems, []);
  });

  // Issue 17: search from file://, through the classic client and the data files' script twins;
// the result opened marks the query's words (issue 15).
  for (const lang of LANGUAGES) {
    test(`${lang}: searching in the header finds pages and opens one`, async () => {
      const { context, problems } = await diskContext();
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(dir, lang, 'index.html')).href);
      await page.locator('[data-search-input]').focus();
      await page.keyboard.type(QUERIES[lang], { delay: 40 });
      const link = page.locator('.search-popup .search-result a').first();
      await waitFor(() => link.count(), 15000, `a result for ${QUERIES[lang]} from disk`);
      const href = await link.getAttribute('href');
      assert.ok(href.startsWith(pathToFileURL(path.join(dir, lang)).href + '/'), `${href} is not a ${lang} page of the copy`);
      assert.match(href, /\/index\.html\?hl=[^#]+(#.*)?$/, `${href} does not name the page's file with the query in hl`);
      await link.click();
      await page.waitForURL((u) => u.href.split('#')[0] === href.split('#')[0]);
      assert.equal(await page.locator('main h1').count(), 1);
      // The page marks the query's words from disk too (the classic client's marker).
      await waitFor(() => page.evaluate(() => CSS.highlights.get('samspil-hl')?.size > 0), 15000, `marks for ${QUERIES[lang]} from disk`);
      // The full search page, with the query in its address.
      const sp = searchPage(pages(dir), lang);
      await page.goto(`${pathToFileURL(sp.file).href}?q=${encodeURIComponent(QUERIES[lang])}`);
      await waitFor(() => page.locator('[data-search-results] > li').count(), 15000, 'results on the search page from disk');
      await context.close();
      assert.deepEqual(problems, []);
    });
  }
});

describe('the same portable folder served under two sub-paths', () => {
  for (const prefix of ['/a/', '/b/c/']) {
    test(`passes the quality gate under ${prefix}`, async () => {
      const server = await startServer({ root: dir, prefix });
      try {
        const origin = server.origin;
        const guard = await guardedContext(browser, origin);
        const page = await guard.context.newPage();
        // The root, each language's home, and per section its index and first page.
        const seen = new Set();
        const sample = pages(dir).filter((p) => {
          if (p.redirect) return false;
          const parts = p.rel.split('/').filter(Boolean);
          const key = parts.length <= 1 ? p.rel : `${parts[0]}/${parts[1]}/${parts.length > 2 ? 'child' : 'index'}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        assert.ok(sample.length > 20, `a sample of ${sample.length} pages`);
        const violations = [];
        for (const p of sample) {
          await page.goto(`${origin}${prefix}${p.rel}`);
          // Every stylesheet and script was found under this prefix.
          assert.equal(await page.evaluate(() => document.styleSheets.length > 0), true, `${p.rel}: no stylesheet`);
          for (const v of await runAxe(page)) violations.push(`${p.rel}: ${v.id} (${v.help})`);
          await guard.collect(page);
        }
        await guard.context.close();
        assert.deepEqual(violations, []);
        assert.equal(guard.problems.length, 0, formatProblems(guard.problems));
      } finally {
        await server.close();
      }
    });
  }
});
