// Search in the browser (issue 3's browser test, and the 200% zoom and 320 px checks of
// issue 6), on the built site served from the sub-path under the strict CSP:
//   - in the header: `/` focuses the search box, results appear while typing, ArrowDown
//     reaches a result, Enter opens it; a polite live region tells how many were found;
//   - the popup's texts (count, labels, kind badges) are the page's own, in every language;
//   - the search page runs the query from `?q=` in every language, with highlighted excerpts;
//   - at 200% zoom and at 320 px the header, the menu and the search box are visible and work.
//
// 200% zoom: Chromium's page zoom of a 1280×800 window at 200% gives the page a 640×400 CSS
// px viewport at a device pixel ratio of 2. Headless Chromium has no zoom control, so we
// emulate exactly that: viewport 640×400, deviceScaleFactor 2. This is what WCAG 1.4.4
// (resize text) asks of a page that zooms as a whole; text-only zoom is not emulated.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { searchPage, LANGUAGES, QUERIES } from './lib/site.mjs';
import { horizontalOverflow, formatProblems } from './lib/browser.mjs';
import { servedSite } from './lib/served.mjs';
import { waitFor, snapshotVisible, freshResults, focusInfo, tabUntil, isReallyVisible } from './lib/ui.mjs';

const served = servedSite();
const context = served.context;

const SEARCH_INPUT = '[data-search-input], header input[type=search]';

/** Types a query into the focused field key by key, as a person would. */
async function typeQuery(page, q) {
  await page.keyboard.type(q, { delay: 60 });
}

async function waitForResults(page, what) {
  return waitFor(async () => {
    const r = (await freshResults(page)).filter((x) => x.href);
    return r.length ? r : null;
  }, 10000, what);
}

/**
 * Results that stopped changing: the same links for 600 ms. Results for a partly typed query
 * may be replaced by those for the whole query a moment later; a person looks before pressing
 * ArrowDown, and so does the test.
 */
async function waitForSettledResults(page, what) {
  let last = '';
  let since = Date.now();
  return waitFor(async () => {
    const r = (await freshResults(page)).filter((x) => x.href);
    const key = r.map((x) => x.href).join(' ');
    if (key !== last) {
      last = key;
      since = Date.now();
      return null;
    }
    return r.length && Date.now() - since >= 600 ? r : null;
  }, 15000, what);
}

describe('search in the header', () => {
  test('`/` focuses the search box; results appear while typing; ArrowDown and Enter open one', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(served.srv.url('da/'));
    await snapshotVisible(page);
    await page.keyboard.press('/');
    const f = (await focusInfo(page)).active;
    assert.ok(f && f.tag === 'input', `\`/\` focused ${JSON.stringify(f)}, not the search box`);
    assert.ok(await page.evaluate((sel) => document.activeElement.matches(sel), SEARCH_INPUT), 'the focused input is not the header search box');
    assert.equal(await page.evaluate(() => document.activeElement.value), '', '`/` was typed into the box');
    await typeQuery(page, QUERIES.da);
    await waitForResults(page, 'results under the header search box');
    const results = await waitForSettledResults(page, 'the results to settle');
    assert.equal(new URL(page.url()).pathname, new URL(served.srv.url('da/')).pathname, 'typing left the page');
    for (const r of results) {
      assert.ok(r.href.startsWith(served.srv.url('')), `result ${r.href} is not on the site under ${served.srv.prefix}`);
    }
    // The number of results is announced in a polite live region.
    await waitFor(() => page.evaluate(() => [...document.querySelectorAll('[role=status], [aria-live=polite]')].some((e) => /\d/.test(e.textContent))), 5000, 'a live region announcing the number of results');

    await page.keyboard.press('ArrowDown');
    const fi = await focusInfo(page);
    const current = fi.activeDescendant || (fi.active && fi.active.tag !== 'input' ? fi.active : null);
    assert.ok(current && current.href, `ArrowDown did not move to a result (focus: ${JSON.stringify(fi)})`);
    assert.ok(results.some((r) => r.href === current.href), `ArrowDown moved to ${current.href}, which is not one of the results`);
    const target = new URL(current.href);
    const from = page.url();
    await Promise.all([
      page.waitForURL((u) => u.href !== from, { timeout: 10000 }).catch(() => {}),
      page.keyboard.press('Enter'),
    ]);
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, target.pathname, `Enter on the result ${target.href} did not open it (now at ${page.url()}; focus: ${JSON.stringify((await focusInfo(page)).active)})`);
    assert.equal(await page.locator('h1').count(), 1);
    if (target.hash) {
      assert.ok(await page.evaluate((id) => !!document.getElementById(id), decodeURIComponent(target.hash.slice(1))), `the result's anchor ${target.hash} is not on the page`);
    }
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });

  test('focus is not lost when results for the last keystroke arrive after ArrowDown', async () => {
    // A quick typist presses ArrowDown while the search for the last letter is still running;
    // when its results replace the list, focus must stay in the search (on a result or the
    // box), not fall back to the top of the page (WCAG 2.4.3).
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(served.srv.url('da/'));
    await snapshotVisible(page);
    await page.keyboard.press('/');
    const q = QUERIES.da;
    await typeQuery(page, q.slice(0, -3));
    await waitForResults(page, 'results for the partial query');
    await page.keyboard.type(q.slice(-3), { delay: 0 });
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(1500);
    const f = await focusInfo(page);
    assert.ok(f.active && (f.active.tag === 'input' || f.active.href), `after the results were refreshed focus is on ${f.active ? JSON.stringify(f.active) : 'the page body (it was lost)'}`);
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });

  test('Escape closes the results and keeps focus in the search box', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(served.srv.url('sv/'));
    await snapshotVisible(page);
    await page.keyboard.press('/');
    await typeQuery(page, QUERIES.sv);
    await waitForResults(page, 'results for the Swedish query');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await freshResults(page)).filter((x) => x.href).length === 0, 3000, 'the results to close after Escape');
    assert.ok(await page.evaluate((sel) => document.activeElement.matches(sel), SEARCH_INPUT), 'focus left the search box on Escape');
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });
});

describe('the search page', () => {
  for (const lang of LANGUAGES) {
    test(`${lang}: ?q= runs the query, results link into the site with highlighted excerpts`, async () => {
      const g = await context();
      const page = await g.context.newPage();
      const sp = served.srv.url(searchPage(served.all, lang).rel);
      await page.goto(`${sp}?q=${encodeURIComponent(QUERIES[lang])}`);
      await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, 'results on the search page');
      assert.equal(await page.locator('#search-q').inputValue(), QUERIES[lang], 'the query is not in the search field');
      assert.ok(!(await page.locator('[data-search-nojs]').isVisible()), 'the needs-JavaScript notice shows although JavaScript runs');
      assert.ok(await page.locator('[data-search-full]').isVisible(), 'the search form is hidden');
      const status = await page.locator('[data-search-status]').textContent();
      assert.match(status, /\d/, `the status does not say how many were found: "${status}"`);
      const links = await page.locator('[data-search-results] > li a[href]').evaluateAll((as) => as.map((a) => a.href));
      assert.ok(links.length > 0, 'results without links');
      for (const href of links) assert.ok(href.startsWith(served.srv.url(`${lang}/`)), `result ${href} is not a ${lang} page under ${served.srv.prefix}`);
      assert.ok((await page.locator('[data-search-results] mark').count()) > 0, 'no highlighted words in the excerpts');
      // The first result opens.
      const res = await fetch(links[0].split('#')[0]);
      assert.equal(res.status, 200, links[0]);
      await g.collect(page);
      assert.equal(g.problems.length, 0, formatProblems(g.problems));
    });
  }

  // Issue 14: "search all languages" shows one result per item, the version that matches
  // best (here the Swedish one, for a Swedish word typed on the Danish page), with links to
  // the same item in the other languages.
  test('all languages: one result per item, the best version first, its other versions linked', async () => {
    const g = await context();
    const page = await g.context.newPage();
    const sp = served.srv.url(searchPage(served.all, 'da').rel);
    await page.goto(`${sp}?q=${encodeURIComponent(QUERIES.sv)}&all=1`);
    await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, 'results in all languages');
    const items = await page.locator('[data-search-results] > li').evaluateAll((lis) =>
      lis.map((li) => ({
        title: li.querySelector('.sr-title a'),
        also: [...li.querySelectorAll('.sr-also a')].map((a) => ({ href: a.href, lang: a.hreflang, text: a.textContent })),
      })).map((r) => ({ href: r.title.href, lang: r.title.getAttribute('hreflang'), also: r.also })),
    );
    assert.equal(items[0].lang, 'sv', `the first result is not the Swedish version: ${JSON.stringify(items[0])}`);
    const langsOfFirst = items[0].also.map((a) => a.lang);
    assert.ok(langsOfFirst.includes('da') && langsOfFirst.includes('nb'), `no links to the other versions: ${JSON.stringify(items[0])}`);
    const shown = new Set(items.map((r) => r.href.split('#')[0]));
    for (const r of items) {
      for (const a of r.also) {
        assert.ok(!shown.has(a.href), `${a.href} is both another version and a result of its own`);
        assert.ok(a.text.trim().length > 0, 'a version link without a language name');
        const res = await fetch(a.href);
        assert.equal(res.status, 200, a.href);
      }
    }
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });

  // Issue 14: "Mente du …?" — a word the index does not know gets a nearby known word, as a
  // link that searches for it in place; the status (a live region) says it too.
  test('a misspelt word gets a "Mente du …?" link that searches for the known word', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(`${served.srv.url(searchPage(served.all, 'da').rel)}?q=bissidderr`);
    const link = page.locator('.search-suggest a');
    await waitFor(() => link.count(), 10000, 'a suggestion for "bissidderr"');
    assert.equal((await link.textContent()).trim(), 'bisidder');
    assert.match(await page.locator('.search-suggest').textContent(), /^Mente du bisidder\?$/);
    assert.match(await page.locator('[data-search-status]').textContent(), /Mente du bisidder\?/, 'the live status does not say it');
    await link.click();
    await waitFor(async () => (await page.locator('#search-q').inputValue()) === 'bisidder', 5000, 'the suggested word in the box');
    await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, 'results for the suggested word');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'bisidder', 'the address does not carry the new query');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q', 'focus left the search form');
    assert.equal(await page.locator('.search-suggest').count(), 0, 'a suggestion for a word the index knows');
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });

  test('results update while typing, without submitting', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(served.srv.url(searchPage(served.all, 'nb').rel));
    await page.locator('#search-q').focus();
    await typeQuery(page, QUERIES.nb);
    await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, 'results while typing');
    assert.equal(new URL(page.url()).pathname, new URL(served.srv.url(searchPage(served.all, 'nb').rel)).pathname);
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });
});

// The header at a small viewport: visible, not sideways-scrolling, menu reachable, search working.
async function headerWorks(page, lang) {
  const problems = [];
  const o = await horizontalOverflow(page);
  if (o.over > 0) problems.push(`scrolls sideways by ${o.over}px: ${o.culprits.join('; ')}`);
  const header = await page.evaluate(() => {
    const h = document.querySelector('header, [role=banner]');
    if (!h) return null;
    const r = h.getBoundingClientRect();
    return { height: r.height, width: r.width };
  });
  if (!header || header.width < 1) problems.push('no visible header');
  if (!(await isReallyVisible(page, SEARCH_INPUT.split(',')[0])) && !(await isReallyVisible(page, 'header input[type=search]'))) {
    problems.push('the search box is not visible');
  }
  // The main menu: its links are visible, or a button in the header opens them.
  const navVisible = () => page.evaluate(() => {
    const nav = [...document.querySelectorAll('header nav, nav')].find((n) => !n.querySelector('a[hreflang]') && n.querySelectorAll('a[href]').length >= 3);
    if (!nav) return false;
    return [...nav.querySelectorAll('a[href]')].some((a) => {
      const r = a.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.right <= document.documentElement.clientWidth + 1;
    });
  });
  if (!(await navVisible())) {
    const toggle = page.locator('header button[aria-expanded]');
    if ((await toggle.count()) === 0) problems.push('the main menu is neither visible nor behind a menu button');
    else {
      await toggle.first().focus();
      await page.keyboard.press('Enter');
      if (!(await navVisible())) problems.push('the menu button does not show the main menu');
      else await page.keyboard.press('Enter');
    }
  }
  // Search: focus the box by keyboard, type, results show within the viewport.
  await snapshotVisible(page);
  await page.locator(SEARCH_INPUT).first().focus();
  await typeQuery(page, QUERIES[lang]);
  try {
    const results = await waitForResults(page, 'search results');
    const off = results.filter((r) => !r.inViewport);
    if (off.length) problems.push(`${off.length} result(s) stick out of the viewport`);
    const o2 = await horizontalOverflow(page);
    if (o2.over > 0) problems.push(`with results shown the page scrolls sideways by ${o2.over}px: ${o2.culprits.join('; ')}`);
  } catch (e) {
    problems.push(e.message);
  }
  return problems;
}

describe('small screens and zoom', () => {
  test('at 200% zoom (640×400 CSS px at 2× pixels) the header, menu and search box are visible and work', async () => {
    const g = await context({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const bad = [];
    for (const lang of LANGUAGES) {
      const page = await g.context.newPage();
      await page.goto(served.srv.url(`${lang}/`));
      for (const p of await headerWorks(page, lang)) bad.push(`${lang}: ${p}`);
      await g.collect(page);
      await page.close();
    }
    assert.equal(bad.length, 0, bad.join('\n'));
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });

  test('at 320 px wide the header, menu and search box are visible and work', async () => {
    const g = await context({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await g.context.newPage();
    await page.goto(served.srv.url('da/'));
    const bad = await headerWorks(page, 'da');
    assert.equal(bad.length, 0, bad.join('\n'));
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });

  test('at 200% zoom the search box can be reached with Tab from the page start', async () => {
    const g = await context({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const page = await g.context.newPage();
    await page.goto(served.srv.url('da/'));
    await tabUntil(page, (sel) => document.activeElement.matches(sel), SEARCH_INPUT, { max: 20, what: 'the header search box' });
    assert.ok(await isReallyVisible(page), 'the focused search box is not visible');
  });
});

// The header popup's texts (issue 10): the page carries them, as data-* attributes of the
// header search form rendered from the theme's i18n files; site.js has no table of its own.
// In each language the popup's list label, result count (live region), kind badges, "all
// results" link and no-results message are exactly the page's strings; with the attributes
// replaced in the page, the popup shows the replacements.

/** The popup strings the page carries: { label, one, many, more, none, hint, all, kinds }. */
async function popupStrings(page) {
  return page.evaluate(() => {
    const form = document.querySelector('[data-search-form]');
    if (!form) return null;
    const kinds = {};
    for (const a of form.attributes) if (a.name.startsWith('data-kind-')) kinds[a.name.slice('data-kind-'.length)] = a.value;
    const { label, one, many, more, none, hint, all } = form.dataset;
    return { label, one, many, more, none, hint, all, kinds };
  });
}

/** What the popup shows now: its list label, results (kind and badge), message, link, live text. */
async function popupShown(page) {
  return page.evaluate(() => {
    const form = document.querySelector('[data-search-form]');
    const popup = form.querySelector('.search-popup');
    const list = popup?.querySelector('.search-results');
    const text = (el) => (el ? el.textContent.trim().replace(/\s+/g, ' ') : null);
    return {
      open: !!popup && !popup.hidden,
      label: list ? list.getAttribute('aria-label') : null,
      items: list
        ? [...list.querySelectorAll(':scope > li')].map((li) => ({
            kind: ([...li.classList].find((c) => c.startsWith('kind-')) || '').slice('kind-'.length),
            badge: text(li.querySelector('.kind-badge')),
          }))
        : [],
      message: text(popup?.querySelector('.sp-message')),
      all: text(popup?.querySelector('.sp-all a')),
      live: text(form.querySelector('[role=status]')),
    };
  });
}

const fillN = (template, n) => template.replace('{n}', String(n));

/** The count texts the popup may show for `n` results (at its limit, "more than n" too). */
function countTexts(s, n) {
  if (n === 0) return [s.none];
  if (n === 1) return [s.one];
  return [fillN(s.many, n), fillN(s.more, n)];
}

async function searchInHeader(page, q) {
  const input = page.locator('[data-search-input]');
  await input.fill('');
  await input.focus();
  await typeQuery(page, q);
}

describe('the header popup shows the page’s own strings', () => {
  for (const lang of LANGUAGES) {
    test(`${lang}: result count, list label, kind badges, "all results" and "no results" come from the page`, async () => {
      const g = await context();
      const page = await g.context.newPage();
      await page.goto(served.srv.url(`${lang}/`));
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const s = await popupStrings(page);
      assert.ok(s, 'the header has no [data-search-form]');
      for (const key of ['label', 'one', 'many', 'more', 'none', 'hint', 'all']) {
        assert.ok(s[key] && s[key].trim(), `the search form has no data-${key} text in ${lang}`);
      }
      assert.ok(s.many.includes('{n}') && s.more.includes('{n}'), `data-many/data-more lack the {n} placeholder: ${JSON.stringify(s)}`);
      assert.ok(Object.keys(s.kinds).length > 0, 'the search form has no data-kind-* labels');

      await snapshotVisible(page);
      await searchInHeader(page, QUERIES[lang]);
      await waitForSettledResults(page, `results for the ${lang} query`);
      const shown = await waitFor(async () => {
        const p = await popupShown(page);
        return p.open && p.items.length > 0 && p.live ? p : null;
      }, 5000, 'the popup and its live region');
      assert.equal(shown.label, s.label, 'the result list’s label is not the page’s data-label');
      assert.equal(shown.all, s.all, 'the "all results" link is not the page’s data-all');
      const counts = countTexts(s, shown.items.length);
      assert.ok(counts.some((c) => shown.live === `${c}. ${s.hint}`), `live region says "${shown.live}", expected one of ${JSON.stringify(counts.map((c) => `${c}. ${s.hint}`))}`);
      for (const item of shown.items) {
        assert.ok(item.kind in s.kinds, `a result of kind "${item.kind}" has no data-kind-${item.kind} on the page`);
        assert.equal(item.badge, s.kinds[item.kind], `the ${item.kind} badge is not the page’s data-kind-${item.kind}`);
      }

      // A query with no results: the message and the live region say the page's data-none.
      await searchInHeader(page, 'qxzqxzqxz');
      const empty = await waitFor(async () => {
        const p = await popupShown(page);
        return p.open && p.message && p.live === p.message ? p : null;
      }, 10000, 'the no-results message');
      assert.equal(empty.message, s.none, 'the no-results message is not the page’s data-none');
      assert.equal(empty.all, s.all);
      await g.collect(page);
      assert.equal(g.problems.length, 0, formatProblems(g.problems));
    });
  }

  // Issue 14: "Mente du …?" in the popup, in the page's words, linking to the full search.
  for (const [lang, typed, known] of [['nb', 'taushetsplikk ', 'taushetsplikt'], ['sv', 'samordnarre ', 'samordnare']]) {
    test(`${lang}: a misspelt word gets a suggestion in the popup that opens the search for it`, async () => {
      const g = await context();
      const page = await g.context.newPage();
      await page.goto(served.srv.url(`${lang}/`));
      const template = await page.locator('[data-search-form]').getAttribute('data-suggest');
      assert.ok(template?.includes('{q}'), `data-suggest lacks {q}: ${template}`);
      await searchInHeader(page, typed);
      const link = page.locator('.search-popup .search-suggest a');
      await waitFor(() => link.count(), 10000, `a suggestion for "${typed}"`);
      assert.equal((await link.textContent()).trim(), known);
      assert.equal((await page.locator('.search-popup .search-suggest').textContent()).trim(), template.replace('{q}', known));
      const live = await page.locator('[data-search-form] [role=status]').textContent();
      assert.ok(live.endsWith(template.replace('{q}', known)), `the live region does not say the suggestion: "${live}"`);
      const href = new URL(await link.getAttribute('href'), page.url());
      assert.equal(href.searchParams.get('q'), known);
      await link.click();
      await page.waitForURL((u) => u.searchParams.get('q') === known);
      await waitFor(() => page.locator('[data-search-results] > li').count(), 10000, `results for "${known}"`);
      await g.collect(page);
      assert.equal(g.problems.length, 0, formatProblems(g.problems));
    });
  }

  test('with other strings in the page, the popup shows those', async () => {
    const g = await context();
    const page = await g.context.newPage();
    await page.goto(served.srv.url('nb/'));
    const s = await page.evaluate(() => {
      const form = document.querySelector('[data-search-form]');
      const marks = { label: '«label»', one: '«one»', many: '«{n} many»', more: '«more {n}»', none: '«none»', hint: '«hint»', all: '«all»' };
      Object.assign(form.dataset, marks);
      const kinds = {};
      for (const a of [...form.attributes]) {
        if (!a.name.startsWith('data-kind-')) continue;
        const kind = a.name.slice('data-kind-'.length);
        kinds[kind] = `«kind ${kind}»`;
        form.setAttribute(a.name, kinds[kind]);
      }
      return { ...marks, kinds };
    });
    await snapshotVisible(page);
    await searchInHeader(page, QUERIES.nb);
    await waitForSettledResults(page, 'results for the nb query');
    const shown = await waitFor(async () => {
      const p = await popupShown(page);
      return p.open && p.items.length > 0 && p.live ? p : null;
    }, 5000, 'the popup and its live region');
    assert.equal(shown.label, s.label);
    assert.equal(shown.all, s.all);
    const counts = countTexts(s, shown.items.length);
    assert.ok(counts.some((c) => shown.live === `${c}. ${s.hint}`), `live region says "${shown.live}"`);
    for (const item of shown.items) assert.equal(item.badge, s.kinds[item.kind]);
    await searchInHeader(page, 'qxzqxzqxz');
    const empty = await waitFor(async () => {
      const p = await popupShown(page);
      return p.open && p.message && p.live === p.message ? p : null;
    }, 10000, 'the no-results message');
    assert.equal(empty.message, s.none);
    await g.collect(page);
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });
});
