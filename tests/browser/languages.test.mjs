// Any language builds with search (issue 14), in a real browser: a site made by
// `samspil init --languages da,en,uk,ar`, with one page per language written in that language,
// built here and served under the sub-path with the strict CSP:
//   - Arabic pages are written right to left (`dir="rtl"`), the others not, and pass axe;
//   - in each language, typing a word of its page into the header search finds that page in
//     that language (Danish and English through their stemmers, Ukrainian and Arabic through
//     the general analyzer), and the result opens — no console error, no failed request;
//   - a Ukrainian word with an apostrophe (`об’єднаннями`) is found whole and marked whole.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAndServe, samspil } from './lib/site.mjs';
import { launch, guardedContext, runAxe, formatProblems } from './lib/browser.mjs';
import { waitFor } from './lib/ui.mjs';

// Per language: the page's title and body, and what a reader types (another form of a body
// word for the stemmed languages, the start of one for the others).
const PAGES = {
  da: {
    title: 'Frivillige i kommunen',
    body: 'Kommunen samarbejder med foreninger om frivilligt arbejde i nærmiljøet.',
    typed: 'foreningerne',
  },
  en: {
    title: 'Volunteering with the municipality',
    body: 'The municipality works with local associations that organise volunteering in the neighbourhood.',
    typed: 'associations organising',
  },
  uk: {
    title: 'Волонтерство в муніципалітеті',
    body: 'Муніципалітет співпрацює з місцевими об’єднаннями, які організовують волонтерську роботу.',
    typed: 'співпрацює',
    // A whole word with its apostrophe: one term of the general analyzer (Intl.Segmenter).
    also: 'об’єднаннями',
  },
  ar: {
    title: 'العمل التطوعي مع البلدية',
    body: 'تتعاون البلدية مع الجمعيات المحلية التي تنظم العمل التطوعي في الحي.',
    typed: 'الجمعيات',
  },
};

let server;
let base;
let browser;
const guards = [];

before(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-languages-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const site = path.join(tmp, 'site');
  samspil(['init', site, '--languages', 'da,en,uk,ar'], { env: { SAMSPIL_TODAY: '2026-11-23' } });
  for (const [lang, p] of Object.entries(PAGES)) {
    const file = path.join(site, `content/guidance/writing.${lang}.md`);
    const text = fs.readFileSync(file, 'utf8');
    const front = text.slice(0, text.indexOf('\n---', 3) + 4);
    assert.match(front, /^title: /m, `no title in ${file}`);
    const retitled = front.replace(/^title: .*$/m, `title: ${JSON.stringify(p.title)}`).replace(/^summary: .*$/m, `summary: ${JSON.stringify(p.title)}`);
    fs.writeFileSync(file, `${retitled}\n${p.body}\n`);
  }
  ({ base, server } = await buildAndServe(site, path.join(tmp, 'frivillig')));
  browser = await launch();
});

after(async () => {
  for (const g of guards) await g.context.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.close();
});

describe('a site in da, en, uk and ar', () => {
  for (const [lang, p] of Object.entries(PAGES)) {
    test(`${lang}: ${lang === 'ar' ? 'right to left, ' : ''}search finds the ${lang} page`, async () => {
      const g = await guardedContext(browser, new URL(base).origin);
      guards.push(g);
      const page = await g.context.newPage();
      await page.goto(`${base}${lang}/`);
      const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.getAttribute('dir') }));
      assert.equal(html.lang, lang);
      assert.equal(html.dir, lang === 'ar' ? 'rtl' : null, `dir on the ${lang} home page`);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

      const input = page.locator('[data-search-input]');
      await input.focus();
      await page.keyboard.type(p.typed, { delay: 40 });
      const link = page.locator('.search-popup .search-result a').first();
      await waitFor(() => link.count(), 10000, `a result for "${p.typed}"`);
      assert.equal((await link.textContent()).trim(), p.title, `the first result for "${p.typed}"`);
      const href = new URL(await link.getAttribute('href'), page.url());
      assert.ok(href.pathname.startsWith(`/frivillig/${lang}/`), `${href} is not a ${lang} page`);
      await link.click();
      await page.waitForURL((u) => u.pathname === href.pathname);
      assert.equal((await page.locator('main h1').first().textContent()).trim(), p.title);
      if (p.also) {
        await page.goto(`${base}${lang}/`);
        const again = page.locator('[data-search-input]');
        await again.focus();
        await page.keyboard.type(p.also, { delay: 40 });
        const first = page.locator('.search-popup .search-result').first();
        await waitFor(() => first.count(), 10000, `a result for "${p.also}"`);
        assert.equal((await first.locator('a').first().textContent()).trim(), p.title, `the first result for "${p.also}"`);
        const marked = await first.locator('mark').allTextContents();
        assert.ok(marked.includes(p.also), `"${p.also}" is marked whole in the excerpt: ${JSON.stringify(marked)}`);
      }
      await g.collect(page);
      assert.deepEqual(g.problems, [], formatProblems(g.problems));
    });
  }
});
