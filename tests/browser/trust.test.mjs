// Trust and publishing (issue 16) in a real browser, on a copy of tests/fixtures/valid built
// here with a publisher, one page past its review date and one old address (`aliases:`),
// served under the sub-path with the strict CSP:
//   - the stale page shows its notice near the top, with and without JavaScript, and the page
//     passes axe (notice, "reviewed by" and the footer's responsible authority included);
//   - search results mark that page "may be out of date" (search page and header popup), and
//     only that page;
//   - the old address leads to the page.
// The site's date is fixed (SAMSPIL_TODAY), so the test does not age.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, buildAndServe } from './lib/site.mjs';
import { launch, guardedContext, runAxe, formatProblems } from './lib/browser.mjs';
import { waitFor } from './lib/ui.mjs';

const STALE = 'da/roller/frivillig/';
let server;
let base;
let browser;
const guards = [];


function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${from} not in ${file}`);
  fs.writeFileSync(file, text.replace(from, to));
}

before(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-trust-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const site = path.join(tmp, 'site');
  fs.cpSync(path.join(REPO, 'tests/fixtures/valid'), site, { recursive: true });
  edit(path.join(site, 'samspil.yaml'), 'default_language: da\n', 'default_language: da\npublisher: Samspil-projektet\n');
  edit(
    path.join(site, 'content/roles/volunteer.da.md'),
    'review_by: 2030-01-01',
    'review_by: 2026-01-01\naliases: ["/da/gammel-frivillig/"]',
  );
  ({ base, server } = await buildAndServe(site, path.join(tmp, 'frivillig')));
  browser = await launch();
});

after(async () => {
  for (const g of guards) await g.context.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.close();
});

async function context(options) {
  const g = await guardedContext(browser, new URL(base).origin, options);
  guards.push(g);
  return g;
}

describe('trust', () => {
  test('a page past its review date says so near the top, with and without JavaScript, and passes axe', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const g = await context({ javaScriptEnabled });
      const page = await g.context.newPage();
      await page.goto(base + STALE);
      const notice = page.locator('main .review-passed');
      assert.ok(await notice.isVisible(), 'the notice is visible');
      assert.equal(await notice.getAttribute('role'), 'note');
      assert.match(await notice.innerText(), /Siden kan være forældet\.[\s\S]*1\. januar 2026/);
      // Before the page's text: a reader meets the notice before the facts it qualifies.
      const before = await page.evaluate(() => {
        const n = document.querySelector('.review-passed');
        const body = document.querySelector('main .content');
        return Boolean(n.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      assert.ok(before, 'the notice comes before the body');
      assert.equal((await page.locator('.footer-authority').innerText()).trim(), 'Ansvarlig: Samspil-projektet');
      assert.equal((await page.locator('.dates .reviewed-by').innerText()).trim(), 'af Samspil-projektet');
      if (javaScriptEnabled) {
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      }
      await g.collect(page);
      assert.deepEqual(g.problems, [], formatProblems(g.problems));
    }
  });

  test('search results mark the stale page, and only it, on the search page and in the popup', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(`${base}da/soeg/?q=frivillig+borgeren`);
    const items = await waitFor(async () => {
      const list = await page.locator('[data-search-results] > li').all();
      return list.length > 1 ? list : null;
    }, 10000, 'search page results');
    const marked = [];
    for (const item of items) {
      const href = await item.locator('a').first().getAttribute('href');
      const stale = await item.locator('.sr-stale').count();
      if (stale) {
        assert.equal((await item.locator('.sr-stale').innerText()).trim(), 'kan være forældet');
        marked.push(new URL(href, base).pathname);
      }
    }
    assert.deepEqual(marked.map((p) => p.replace(/#.*/, '')), [`/frivillig/${STALE}`]);
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

    await page.goto(`${base}da/`);
    await page.locator('[data-search-input]').fill('frivillig');
    const popupMark = await waitFor(async () => {
      const m = page.locator('.search-popup .sr-stale');
      return (await m.count()) ? m : null;
    }, 10000, 'a marked result in the popup');
    assert.equal((await popupMark.first().innerText()).trim(), 'kan være forældet');
    await g.collect(page);
    assert.deepEqual(g.problems, [], formatProblems(g.problems));
  });

  test('an old address from `aliases:` leads to the page', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(`${base}da/gammel-frivillig/`);
    await page.waitForURL(`${base}${STALE}`, { timeout: 10000 });
    assert.equal(await page.locator('h1').innerText(), 'Frivillig');
    assert.deepEqual(g.problems, [], formatProblems(g.problems));
  });
});
