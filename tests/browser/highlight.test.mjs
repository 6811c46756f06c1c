// Highlight on arrival and the searching 404 page (issue 15), on the built site served from
// the sub-path under the strict CSP (guardedContext fails on CSP violations, script and console
// errors, third-party requests and missing files):
//   - a search page result opens with `?hl=<query>`, and the page marks the query's words with
//     the CSS Custom Highlight API (`samspil-hl`): stems (`frivillige` marks `frivillig`),
//     spellings without æ/ø/å (`aeldre` marks `ældre`); the page scrolls to the first mark, and
//     a section result keeps its #anchor; a polite live region says how many words;
//   - the "remove highlighting" button is reached with Tab, clears the marks and drops `hl`
//     from the address; axe passes with it shown;
//   - without `hl` (or without CSS.highlights) nothing is marked, no button, and the search
//     client is not even loaded;
//   - a missing address (`/frivillig/da/roller/bisider/`) offers the Bisidder role page,
//     searched from its words; without JavaScript the 404 page lists the sections.
//
//   SAMSPIL_BIN=… SAMSPIL_SITE_DIR=<built public dir> SAMSPIL_SITE_URL=http://127.0.0.1:PORT/frivillig/ \
//     node --test --test-concurrency=1 tests/browser/highlight.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { searchPage, LANGUAGES } from './lib/site.mjs';
import { runAxe, formatProblems } from './lib/browser.mjs';
import { servedSite } from './lib/served.mjs';
import { waitFor, tabUntil } from './lib/ui.mjs';

const served = servedSite();
const context = served.context;

async function noProblems(g, page) {
  await g.collect(page);
  assert.equal(g.problems.length, 0, formatProblems(g.problems));
}

/** The marked words: the text of each range of the `samspil-hl` highlight, in document order. */
async function marks(page) {
  return page.evaluate(() => {
    const h = globalThis.CSS?.highlights?.get('samspil-hl');
    return h ? [...h].map((r) => r.toString()) : [];
  });
}

async function waitForMarks(page, what) {
  return waitFor(async () => {
    const m = await marks(page);
    return m.length > 0 ? m : null;
  }, 15000, what);
}

/** Where the first mark (after `afterId`'s element, when given) is now: its box and the viewport. */
async function firstMark(page, afterId) {
  return page.evaluate((id) => {
    const target = id ? document.getElementById(id) : null;
    const ranges = [...CSS.highlights.get('samspil-hl')].filter((r) => r.getClientRects().length > 0);
    const r = target
      ? ranges.find((x) => target.contains(x.startContainer) || target.compareDocumentPosition(x.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING)
      : ranges[0];
    if (!r) return null;
    const box = r.getBoundingClientRect();
    return { text: r.toString(), top: box.top, bottom: box.bottom, height: window.innerHeight, scrollY: window.scrollY };
  }, afterId ?? null);
}

/** Runs `q` on the Danish search page; returns the result links' addresses. */
async function searchResults(page, q) {
  const sp = searchPage(served.all, 'da');
  await page.goto(`${served.srv.url(sp.rel)}?q=${encodeURIComponent(q)}`);
  return waitFor(async () => {
    const hrefs = await page.locator('[data-search-results] .sr-title a').evaluateAll((as) => as.map((a) => a.href));
    return hrefs.length > 0 ? hrefs : null;
  }, 15000, `results for ${q} on the search page`);
}

/** Opens the result link `href` from the search page by clicking it, as a reader does. */
async function openResult(page, href) {
  await Promise.all([page.waitForURL((u) => u.href === href, { timeout: 15000 }), page.locator(`[data-search-results] a[href="${href}"]`).first().click()]);
  await page.waitForLoadState('load');
}

describe('highlight on arrival', () => {
  test('a result for a stemmed query opens with its words marked and in view; a section keeps its anchor', async (t) => {
    const g = await context();
    const page = await g.context.newPage();
    const hrefs = await searchResults(page, 'frivillige');
    for (const h of hrefs) assert.equal(new URL(h).searchParams.get('hl'), 'frivillige', `${h} does not carry ?hl=frivillige`);

    const plain = hrefs.find((h) => !new URL(h).hash);
    assert.ok(plain, `no result without an anchor among ${hrefs.join(' ')}`);
    await openResult(page, plain);
    const words = await waitForMarks(page, `marks on ${plain}`);
    t.diagnostic(`${new URL(plain).pathname}: ${words.length} marks (${[...new Set(words)].join(', ')})`);
    assert.ok(words.every((w) => /^frivillig/i.test(w)), `marked words that are not forms of "frivillig": ${words.join(', ')}`);
    assert.ok(words.some((w) => w.toLowerCase() === 'frivillig') || words.some((w) => w.toLowerCase() === 'frivillige'), `neither "frivillig" nor "frivillige" is marked: ${words.join(', ')}`);
    const first = await waitFor(async () => {
      const f = await firstMark(page);
      return f && f.top >= 0 && f.bottom <= f.height ? f : null;
    }, 5000, 'the first mark in view');
    assert.match(first.text, /^frivillig/i);
    // The count is announced politely, with the number of marks.
    const status = await page.locator('main [role=status]').textContent();
    assert.ok(status.includes(String(words.length)), `the live region says "${status}", not ${words.length} words`);
    await noProblems(g, page);

    // A section result: the address keeps its #anchor, the anchor's element is where the page
    // is, and the first mark after it is in view.
    await searchResults(page, 'frivillige');
    // A result's own link or one of the sections listed under it.
    const hrefs2 = await page.locator('[data-search-results] .sr-title a, [data-search-results] .sr-sections a').evaluateAll((as) => as.map((a) => a.href));
    const section = hrefs2.find((h) => new URL(h).hash);
    assert.ok(section, `no link to a section among ${hrefs2.join(' ')}`);
    await openResult(page, section);
    t.diagnostic(`${new URL(section).pathname}${new URL(section).hash}: ${(await waitForMarks(page, `marks on ${section}`)).length} marks`);
    const u = new URL(page.url());
    assert.equal(u.hash, new URL(section).hash, 'the anchor was lost');
    assert.equal(u.searchParams.get('hl'), 'frivillige');
    const id = decodeURIComponent(u.hash.slice(1));
    const anchor = await page.evaluate((i) => {
      const r = document.getElementById(i)?.getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom } : null;
    }, id);
    assert.ok(anchor, `no element #${id}`);
    const after = await firstMark(page, id);
    if (after) {
      assert.ok(after.top >= 0 && after.bottom <= after.height, `the first mark after #${id} is out of view (${JSON.stringify(after)})`);
      assert.ok(anchor.top <= after.top, `the page scrolled past #${id}`);
    } else {
      assert.ok(anchor.top >= 0 && anchor.top < 800, `#${id} is not in view (${JSON.stringify(anchor)})`);
    }
    await noProblems(g, page);
  });

  test('a shared link scrolls down to a word far below the top', async (t) => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(served.srv.url('da/roller/sagsbehandler/'));
    // The word is out of sight when the page opens without `hl` (so the scroll is the test's).
    const below = await page.evaluate(() => {
      const text = document.querySelector('main').innerText;
      const at = text.indexOf('misforståelser');
      if (at < 0) return null;
      const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.data.indexOf('misforståelser');
        if (i >= 0) {
          const r = new Range();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          return r.getBoundingClientRect().top > window.innerHeight;
        }
      }
      return null;
    });
    assert.equal(below, true, 'the test word is not below the first screen of the page');
    await page.goto(served.srv.url('da/roller/sagsbehandler/?hl=misforståelse'));
    const words = await waitForMarks(page, 'marks for misforståelse');
    assert.deepEqual([...new Set(words.map((w) => w.toLowerCase()))], ['misforståelser']);
    const first = await waitFor(async () => {
      const f = await firstMark(page);
      return f && f.top >= 0 && f.bottom <= f.height ? f : null;
    }, 5000, 'the first mark scrolled into view');
    assert.ok(first.scrollY > 0, 'the page did not scroll');
    t.diagnostic(`${words.length} marks, scrolled to ${Math.round(first.scrollY)} px`);
    await noProblems(g, page);
  });

  test('a query typed without æ marks ældre', async (t) => {
    const g = await context();
    const page = await g.context.newPage();
    const hrefs = await searchResults(page, 'aeldre');
    await openResult(page, hrefs[0]);
    const words = await waitForMarks(page, `marks for aeldre on ${hrefs[0]}`);
    t.diagnostic(`${new URL(hrefs[0]).pathname}: ${words.length} marks (${[...new Set(words)].join(', ')})`);
    assert.ok(words.some((w) => w.toLowerCase() === 'ældre'), `"ældre" is not marked: ${words.join(', ')}`);
    assert.ok(words.every((w) => /ældr/i.test(w)), `marked words without "ældr": ${words.join(', ')}`);
    await noProblems(g, page);
  });

  test('the remove button is reached with Tab, clears the marks and drops hl; axe passes with it', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(served.srv.url('da/roller/bisidder/?hl=bisidder#main'));
    await waitForMarks(page, 'marks for bisidder');
    const button = page.locator('main [data-highlight-bar] button');
    assert.equal(await button.count(), 1);
    assert.equal((await button.textContent()).trim(), 'Fjern fremhævningen');
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    await page.locator('body').focus();
    await tabUntil(page, () => document.activeElement?.matches('[data-highlight-bar] button'), null, { what: 'the remove button' });
    await page.keyboard.press('Enter');
    await waitFor(() => page.evaluate(() => !CSS.highlights.has('samspil-hl')), 3000, 'the highlight to be removed');
    const u = new URL(page.url());
    assert.equal(u.searchParams.has('hl'), false, `hl is still in ${u.href}`);
    assert.equal(u.hash, '#main', 'the fragment was dropped with hl');
    assert.equal(await button.count(), 0, 'the button is still there');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'focus did not move to the content');
    assert.equal((await page.locator('main [role=status]').textContent()).trim(), 'Fremhævningen er fjernet.');
    await noProblems(g, page);
  });

  test('without hl nothing is marked and the search client is not loaded', async () => {
    const g = await context();
    const page = await g.context.newPage();
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(served.srv.url('da/roller/bisidder/'));
    await page.waitForTimeout(1000);
    assert.deepEqual(await marks(page), []);
    assert.equal(await page.locator('[data-highlight-bar]').count(), 0);
    assert.deepEqual(requested.filter((u) => u.includes('/search/')), [], 'a page without hl loaded the search client');
    // An empty hl is no query either.
    await page.goto(served.srv.url('da/roller/bisidder/?hl=%20'));
    await page.waitForTimeout(500);
    assert.equal(await page.locator('[data-highlight-bar]').count(), 0);
    await noProblems(g, page);
  });

  test('a browser without CSS.highlights shows the page without marks, button or error', async () => {
    const g = await context();
    await g.context.addInitScript(() => {
      Object.defineProperty(CSS, 'highlights', { value: undefined, configurable: true });
    });
    const page = await g.context.newPage();
    await page.goto(served.srv.url('da/roller/bisidder/?hl=bisidder'));
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => CSS.highlights), undefined);
    assert.equal(await page.locator('[data-highlight-bar]').count(), 0);
    await noProblems(g, page);
  });
});

describe('the 404 page', () => {
  test('offers the Bisidder role for /da/roller/bisider/, with hl; axe passes (results and section lists shown)', async () => {
    const g = await context();
    const page = await g.context.newPage();
    page.__expect404 = true;
    const res = await page.goto(served.srv.url('da/roller/bisider/'));
    assert.equal(res.status(), 404);
    const box = page.locator('[data-not-found-search]');
    await waitFor(() => box.isVisible(), 15000, 'the 404 page\'s results');
    assert.equal((await box.locator('h2').textContent()).trim(), 'Måske leder du efter en af disse sider');
    const hrefs = await box.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
    const role = hrefs.map((h) => new URL(h)).find((u) => u.pathname === new URL(served.srv.url('da/roller/bisidder/')).pathname);
    assert.ok(role, `no link to the Bisidder role among ${hrefs.join(' ')}`);
    assert.equal(role.searchParams.get('hl'), 'roller bisider');
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    // The link opens the role with its words marked.
    await page.locator(`[data-not-found-search] a[href="${role.href}"]`).first().click();
    await page.waitForURL((u) => u.pathname === role.pathname);
    await waitForMarks(page, 'marks on the role page opened from the 404 page');
    await noProblems(g, page);
  });

  test('from deep in another language\'s address, a Swedish search; its links work from any depth', { skip: !LANGUAGES.includes('sv') && 'a site without Swedish' }, async () => {
    const g = await context();
    const page = await g.context.newPage();
    page.__expect404 = true;
    await page.goto(served.srv.url('sv/gammal/mapp/tystnadsplikt.html'));
    const box = page.locator('[data-not-found-search]');
    await waitFor(() => box.isVisible(), 15000, 'results for tystnadsplikt');
    const hrefs = await box.locator('.sr-title a[href]').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.length > 0);
    for (const h of hrefs) assert.ok(h.startsWith(served.srv.url('sv/')), `${h} is not a Swedish page of the site`);
    const res = await page.request.get(hrefs[0]);
    assert.equal(res.status(), 200, `${hrefs[0]} answers ${res.status()}`);
    await noProblems(g, page);
  });

  test('without JavaScript it lists every language\'s sections', async () => {
    const g = await context({ javaScriptEnabled: false });
    const page = await g.context.newPage();
    page.__expect404 = true;
    const res = await page.goto(served.srv.url('da/roller/bisider/'));
    assert.equal(res.status(), 404);
    assert.equal(await page.locator('[data-not-found-search]').isVisible(), false);
    const links = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    // Every language's home, and sections of the others than the page's own.
    const others = LANGUAGES.filter((l) => l !== 'da').map((l) => `${l}/roller/`);
    for (const rel of [...LANGUAGES.map((l) => `${l}/`), ...others]) {
      assert.ok(links.includes(new URL(served.srv.url(rel)).pathname), `the 404 page does not link to ${rel}: ${links.join(' ')}`);
    }
    // Every section of the menu is there, linked from the page whatever its depth.
    const nav = await page.locator('.main-nav a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of nav) assert.ok(links.includes(href), `section ${href} is missing from the 404 page`);
    // axe needs a script to run; the same lists are in the page it checks with JavaScript on.
    await noProblems(g, page);
  });
});
