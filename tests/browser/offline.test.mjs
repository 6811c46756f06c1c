// "Save for offline use" (issue 17), on the built site served from the sub-path with the strict
// CSP, service workers allowed:
//   - before the button is pressed nothing is stored: no service worker, no cache, no storage,
//     no cookie — also after browsing and searching;
//   - after it, with the server stopped, pages open and search finds and shows results;
//   - "remove" takes the worker and its cache away again;
//   - a new build replaces the saved copy: the next visit installs its worker, whose cache
//     (named after the build) replaces the old one, and the page shows the new text;
//   - the footer with the button passes axe.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, site, pages, searchPage, buildAndServe, QUERIES } from './lib/site.mjs';
import { startServer } from './server.mjs';
import { launch, guardedContext, runAxe, formatProblems } from './lib/browser.mjs';
import { waitFor } from './lib/ui.mjs';

let browser;
let s;
let server;

before(async () => {
  s = await site();
  server = await startServer({ root: s.dir, prefix: s.prefix, port: Number(new URL(s.baseUrl).port) });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

const url = (rel) => new URL(rel, s.baseUrl).href;

/** What the browser holds for the site: workers, caches, storage, cookies. */
function stored(page) {
  return page.evaluate(async () => ({
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    caches: await caches.keys(),
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie,
  }));
}

const NOTHING = { workers: 0, caches: [], local: 0, session: 0, cookies: '' };

describe('save for offline use', () => {
  test('nothing is stored before the button; after it, pages and search work with the server stopped', async () => {
    const all = pages(s.dir);
    const g = await guardedContext(browser, s.origin, { serviceWorkers: 'allow' });
    const page = await g.context.newPage();
    await page.goto(url('da/'));
    const save = page.locator('[data-offline-save]');
    assert.ok(await save.isVisible(), 'no "save for offline use" button in the footer');
    assert.deepEqual(await stored(page), NOTHING, 'something was stored on arrival');
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

    // Browsing and searching store nothing either.
    const sp = searchPage(all, 'da');
    await page.goto(`${url(sp.rel)}?q=${encodeURIComponent(QUERIES.da)}`);
    await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, 'results before saving');
    assert.deepEqual(await stored(page), NOTHING, 'searching stored something');

    await page.goto(url('da/'));
    await save.click();
    const status = page.locator('[data-offline-status]');
    const saved = await page.locator('[data-offline]').getAttribute('data-saved');
    await waitFor(async () => (await status.textContent()) === saved, 60000, 'the site saved');
    assert.ok(await page.locator('[data-offline-remove]').isVisible(), 'no "remove" button after saving');
    const after = await stored(page);
    assert.equal(after.workers, 1);
    assert.equal(after.caches.length, 1, JSON.stringify(after));
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));

    // The connection drops.
    await server.close();
    server = null;
    const role = all.find((p) => p.lang === 'da' && p.kind === 'role');
    assert.ok(role, 'the site has a Danish role page');
    await page.goto(url(role.rel));
    assert.equal(await page.locator('main h1').count(), 1, 'the role page did not open offline');
    await page.goto(`${url(sp.rel)}?q=${encodeURIComponent(QUERIES.da)}`);
    await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, 'search results offline');
    const first = page.locator('[data-search-results] > li a').first();
    const href = await first.getAttribute('href');
    await first.click();
    await page.waitForURL((u) => u.href.split('#')[0] === new URL(href, page.url()).href.split('#')[0]);
    assert.equal(await page.locator('main h1').count(), 1, 'a search result did not open offline');

    // Undo: no worker, no cache.
    await page.locator('[data-offline-remove]').click();
    await waitFor(async () => (await status.textContent()) === (await page.locator('[data-offline]').getAttribute('data-removed')), 10000, 'removed');
    const gone = await stored(page);
    assert.equal(gone.workers, 0);
    assert.deepEqual(gone.caches, []);
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
    await g.context.close();
  });

  test('a new build replaces the saved copy and its cache', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-offline-'));
    process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
    const src = path.join(tmp, 'site');
    fs.cpSync(path.join(REPO, 'tests/fixtures/valid'), src, { recursive: true });
    const { base, build, server: own } = await buildAndServe(src, path.join(tmp, 'frivillig'));
    try {
      const g = await guardedContext(browser, new URL(base).origin, { serviceWorkers: 'allow' });
      const page = await g.context.newPage();
      await page.goto(`${base}da/`);
      await page.locator('[data-offline-save]').click();
      const saved = await page.locator('[data-offline]').getAttribute('data-saved');
      await waitFor(async () => (await page.locator('[data-offline-status]').textContent()) === saved, 60000, 'the first build saved');
      const [first] = await page.evaluate(() => caches.keys());
      assert.ok(first, 'no cache after saving');

      // A new build with one page changed.
      const home = path.join(src, 'content/_index.da.md');
      fs.writeFileSync(home, `${fs.readFileSync(home, 'utf8').trimEnd()}\n\nEn ny sætning fra den nye udgave.\n`);
      build();
      // The next visits: the browser fetches sw.js again, installs the new worker, which takes
      // over and drops the old cache.
      await page.reload();
      const now = await waitFor(async () => {
        const keys = await page.evaluate(() => caches.keys());
        return keys.length === 1 && keys[0] !== first ? keys : null;
      }, 60000, 'the new build\'s cache in place of the old one');
      assert.notEqual(now[0], first);
      await page.reload();
      assert.match(await page.locator('main').innerText(), /En ny sætning fra den nye udgave\./, 'the page does not show the new build');
      await g.collect(page);
      assert.equal(g.problems.length, 0, formatProblems(g.problems));
      await g.context.close();
    } finally {
      await own.close();
    }
  });
});
