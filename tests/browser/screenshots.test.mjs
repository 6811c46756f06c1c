// Screenshots for a person to look at: the language chooser, the home page, a role, a
// checklist, a contact and search results, at desktop (1280 px) and mobile (375 px) widths,
// full page, into tests/artifacts/screenshots/ (gitignored). They are not compared with
// anything; the test fails only if one cannot be taken.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, pages, pageOfKind, searchPage, artifactDir, QUERIES } from './lib/site.mjs';
import { launch, guardedContext } from './lib/browser.mjs';
import { waitFor } from './lib/ui.mjs';

let srv;
let browser;
let all;

before(async () => {
  srv = await serve();
  all = pages(srv.dir);
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (srv) await srv.server.close();
});

const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  mobile: { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

test('screenshots of the key pages at desktop and mobile widths', async () => {
  const dir = artifactDir('screenshots');
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.png')) fs.rmSync(path.join(dir, f));
  const shots = [
    ['language-chooser', ''],
    ['home', 'da/'],
    ['role', pageOfKind(all, 'role').rel],
    ['checklist', pageOfKind(all, 'checklist').rel],
    ['contact', pageOfKind(all, 'contact').rel],
    ['search-results', `${searchPage(all, 'da').rel}?q=${encodeURIComponent(QUERIES.da)}`],
  ];
  const made = [];
  for (const [size, opts] of Object.entries(SIZES)) {
    const g = await guardedContext(browser, srv.origin, opts);
    const page = await g.context.newPage();
    for (const [name, rel] of shots) {
      await page.goto(srv.url(rel), { waitUntil: 'load' });
      if (name === 'search-results') {
        await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, 'search results').catch(() => {});
      }
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(dir, `${name}-${size}.png`);
      await page.screenshot({ path: file, fullPage: true });
      made.push(file);
    }
    await g.context.close();
  }
  for (const f of made) assert.ok(fs.statSync(f).size > 1000, `${f} is empty`);
  console.log(`# ${made.length} screenshots in ${path.relative(process.cwd(), dir) || dir}`);
});
