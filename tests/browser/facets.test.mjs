// The search page's sections, dates, filters with counts, sort order and best bets (issue 15),
// on the bundled site under its sub-path with the strict CSP, in headless Chromium:
//   - a result lists its page's matching sections; a section link opens the page at its anchor;
//   - results show when they were updated, as <time datetime> in the reader's language;
//   - a filter changes the results and the counts; the state is in the URL and survives a
//     reload and the back button;
//   - sorting by date puts the newest first;
//   - `112` and an urgent contact's tag pin its card (with a tel: link) above the results,
//     in the popup and on the search page;
//   - focus on the search box (or `/`) fetches the client and the manifest before typing;
//   - axe passes with results and the filters open, and nothing scrolls sideways at 320 px.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { searchPage } from './lib/site.mjs';
import { runAxe, horizontalOverflow, formatProblems } from './lib/browser.mjs';
import { servedSite } from './lib/served.mjs';
import { waitFor } from './lib/ui.mjs';

const served = servedSite();

async function open(rel, options) {
  const g = await served.context(options);
  const page = await g.context.newPage();
  await page.goto(served.srv.url(rel));
  return { page, g };
}

/** The results on the search page once the status says how many there are. */
async function results(page, what) {
  return waitFor(
    async () => {
      const status = await page.locator('[data-search-status]').textContent();
      if (!/\d/.test(status || '')) return null;
      // A search still running (after a filter, reload or back) shows the previous answer.
      if (await page.locator('[data-search-results][aria-busy="true"]').count()) return null;
      return page.$$eval('[data-search-results] > li', (items) =>
        items.map((li) => ({
          title: li.querySelector('.sr-title a')?.textContent,
          href: li.querySelector('.sr-title a')?.href,
          date: li.querySelector('.sr-date time')?.getAttribute('datetime'),
          dateText: li.querySelector('.sr-date')?.textContent,
          sections: [...li.querySelectorAll('.sr-sections a')].map((a) => ({ text: a.textContent, href: a.href })),
        })),
      );
    },
    10000,
    what,
  );
}

/** The count shown beside a filter choice, e.g. `(5)` → 5. */
async function countOf(page, name, value) {
  const text = await page.locator(`input[name="${name}"][value="${value}"]`).locator('xpath=..').locator('.count').textContent();
  return Number((text.match(/\d+/) || ['NaN'])[0]);
}

describe('search page: sections, dates, filters, best bets', () => {
  test('a result lists its matching sections, and a section link opens at its anchor', async () => {
    const search = searchPage(served.all, 'da');
    const { page, g } = await open(`${search.rel}?q=tavshedspligt`);
    const hits = await results(page, 'results for tavshedspligt');
    const withSections = hits.find((h) => h.sections.length >= 2);
    assert.ok(withSections, `no result lists two sections: ${JSON.stringify(hits.slice(0, 3))}`);
    assert.ok(withSections.sections.length <= 3, 'at most three sections');
    for (const s of withSections.sections) assert.match(s.href, /#[a-z0-9-]+$/, `section link without anchor: ${s.href}`);
    const target = withSections.sections[1];
    await page.locator('.sr-sections a', { hasText: target.text }).first().click();
    await page.waitForURL((u) => u.href.split('?')[0].split('#')[0] === target.href.split('?')[0].split('#')[0]);
    const anchor = new URL(target.href).hash.slice(1);
    const heading = await page.evaluate((id) => document.getElementById(id)?.textContent, anchor);
    assert.ok(heading && heading.includes(target.text.trim().slice(0, 10)), `the page has no heading #${anchor} named ${target.text}`);
    const inView = await page.evaluate((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, anchor);
    assert.ok(inView, 'the section heading is scrolled into view');
    await g.collect(page);
    assert.deepEqual(g.problems, [], formatProblems(g.problems));
  });

  test('results carry their date in the reader’s language, in all three languages', async () => {
    const expect = { da: /Opdateret \d{1,2}\. [a-zæøå]+ 20\d\d/, sv: /Uppdaterad \d{1,2} [a-zåäö]+ 20\d\d/, nb: /Oppdatert \d{1,2}\. [a-zæøå]+ 20\d\d/ };
    const queries = { da: 'frivillig', sv: 'frivillig', nb: 'frivillig' };
    for (const lang of ['da', 'sv', 'nb']) {
      const { page, g } = await open(`${searchPage(served.all, lang).rel}?q=${queries[lang]}`);
      const hits = await results(page, `${lang} results`);
      const dated = hits.filter((h) => h.date);
      assert.ok(dated.length > 0, `${lang}: no result shows a date`);
      for (const h of dated) {
        assert.match(h.date, /^\d{4}-\d{2}-\d{2}$/);
        assert.match(h.dateText, expect[lang], `${lang}: ${h.dateText}`);
      }
      await g.collect(page);
      assert.deepEqual(g.problems, [], formatProblems(g.problems));
    }
  });

  test('filters change results and counts, and survive reload and back', async () => {
    const search = searchPage(served.all, 'da');
    const { page, g } = await open(`${search.rel}?q=frivillig`);
    const before = await results(page, 'unfiltered results');
    const countries = {};
    for (const c of ['DK', 'SE', 'NO']) countries[c] = await countOf(page, 'country', c);
    assert.ok(countries.SE > 0 && countries.DK > 0, `country counts: ${JSON.stringify(countries)}`);
    const staffBefore = await countOf(page, 'audience', 'staff');

    await page.locator('summary', { hasText: 'Flere filtre' }).click();
    await page.locator('input[name="country"][value="SE"]').check();
    await waitFor(async () => new URL(page.url()).searchParams.get('country') === 'SE', 5000, 'country in the URL');
    const filtered = await waitFor(
      async () => {
        const r = await results(page, 'filtered results');
        return JSON.stringify(r) !== JSON.stringify(before) ? r : null;
      },
      5000,
      'results to change',
    );
    assert.ok(filtered.length <= countries.SE, `${filtered.length} results for ${countries.SE} Swedish pages`);
    // The country's own counts stay as they were (a reader sees what each choice gives); the
    // other facets now count Swedish pages only.
    assert.equal(await countOf(page, 'country', 'DK'), countries.DK);
    assert.ok((await countOf(page, 'audience', 'staff')) <= staffBefore);
    // Every result is about Sweden: its page says so.
    const check = await g.context.newPage();
    for (const h of filtered.slice(0, 3)) {
      await check.goto(h.href);
      assert.match(await check.locator('main').textContent(), /Sverige/, `${h.href} is not about Sweden`);
    }
    await check.close();

    await page.locator('input[name="sort"][value="date"]').check();
    await waitFor(async () => new URL(page.url()).searchParams.get('sort') === 'date', 5000, 'sort in the URL');
    const byDate = await results(page, 'results by date');
    const dates = byDate.map((h) => h.date || '');
    assert.deepEqual(dates, [...dates].sort().reverse(), `not newest first: ${dates}`);

    await page.reload();
    const reloaded = await results(page, 'results after reload');
    assert.deepEqual(reloaded.map((h) => h.href), byDate.map((h) => h.href));
    assert.equal(await page.locator('input[name="country"][value="SE"]').isChecked(), true);
    assert.equal(await page.locator('input[name="sort"][value="date"]').isChecked(), true);

    await page.goBack();
    await waitFor(async () => new URL(page.url()).searchParams.get('sort') === null, 5000, 'back to relevance');
    assert.equal(await page.locator('input[name="sort"][value="relevance"]').isChecked(), true);
    await page.goBack();
    await waitFor(async () => new URL(page.url()).searchParams.get('country') === null, 5000, 'back to no country');
    const back = await results(page, 'results after back');
    assert.equal(await page.locator('input[name="country"][value="SE"]').isChecked(), false);
    assert.deepEqual(back.map((h) => h.href), before.map((h) => h.href));
    await g.collect(page);
    assert.deepEqual(g.problems, [], formatProblems(g.problems));
  });

  test('ten results a page; "show more" appends the next ten and moves focus to them', async () => {
    const { page, g } = await open(`${searchPage(served.all, 'da').rel}?q=frivillig`);
    const first = await results(page, 'first page');
    assert.equal(first.length, 10);
    const total = Number((await page.locator('[data-search-status]').textContent()).match(/\d+/)[0]);
    assert.ok(total > 20, `the status counts every match (${total}), not the page`);
    const more = page.locator('.search-more-results');
    assert.equal(await more.isVisible(), true);
    await more.click();
    await waitFor(async () => (await page.locator('[data-search-results] > li').count()) === 20, 5000, 'twenty results');
    const both = await results(page, 'two pages');
    assert.deepEqual(both.slice(0, 10), first, 'the first page stays as it was');
    assert.equal(new Set(both.map((h) => h.href)).size, 20, 'no result twice');
    assert.equal(await page.evaluate(() => document.activeElement.closest('li') === document.querySelectorAll('[data-search-results] > li')[10]), true);
    // The same twenty as one search for twenty: pages do not change the order.
    const direct = await page.evaluate(async () => {
      const base = document.querySelector('meta[name="samspil-base"]').content;
      const s = (await import(`${base}search/samspil-search.js`)).createSearch({ base });
      return (await s.search('frivillig', { languages: ['da'], limit: 20 })).map((r) => r.url);
    });
    assert.deepEqual(both.map((h) => h.href.replace(/\?hl=[^#]*/, '')), direct.map((u) => new URL(u, page.url()).href));
    await g.collect(page);
    assert.deepEqual(g.problems, [], formatProblems(g.problems));
  });

  test('112 and an urgent contact’s tag pin its card above the results, popup and page', async () => {
    for (const q of ['112', 'nødsituation']) {
      const { page, g } = await open(`${searchPage(served.all, 'da').rel}?q=${encodeURIComponent(q)}`);
      await results(page, `results for ${q}`);
      const card = page.locator('[data-search-bets] .best-bet');
      assert.equal(await card.count(), 1, `${q}: one best bet on the search page`);
      assert.equal(await card.locator('a[href^="tel:"]').getAttribute('href'), 'tel:112');
      // Above the results.
      const [cardTop, listTop] = await page.evaluate(() => [
        document.querySelector('[data-search-bets]').getBoundingClientRect().top,
        document.querySelector('[data-search-results]').getBoundingClientRect().top,
      ]);
      assert.ok(cardTop < listTop, 'the card is above the results');
      assert.match(await page.locator('[data-search-status]').textContent(), /Akut hjælp: Alarm 112, 112/);
      await g.collect(page);
      assert.deepEqual(g.problems, [], formatProblems(g.problems));
    }
    const role = served.all.find((p) => p.lang === 'da' && p.kind === 'role');
    const { page, g } = await open(role.rel);
    await page.locator('[data-search-input]').fill('112');
    const popupCard = page.locator('.search-popup .best-bet');
    await popupCard.waitFor({ timeout: 10000 });
    assert.equal(await popupCard.locator('a[href^="tel:"]').getAttribute('href'), 'tel:112');
    // Keyboard: the card's links come first in the popup's arrow-key order.
    await page.locator('[data-search-input]').press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.closest('.best-bet') !== null), true);
    // A query that names no urgent contact pins nothing.
    await page.locator('[data-search-input]').fill('bisidder');
    await waitFor(async () => (await page.locator('.search-popup .best-bet').count()) === 0, 5000, 'no card for bisidder');
    await g.collect(page);
    assert.deepEqual(g.problems, [], formatProblems(g.problems));
  });

  test('focusing the search box fetches the client and the manifest before anything is typed', async () => {
    const role = served.all.find((p) => p.lang === 'da' && p.kind === 'role');
    const { page, g } = await open(role.rel);
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.waitForTimeout(300);
    assert.ok(!fetched.some((u) => u.includes('/search/')), `search files fetched before focus: ${fetched}`);
    await page.keyboard.press('/');
    await waitFor(async () => fetched.some((u) => u.endsWith('/search/da/manifest.bin')), 5000, 'the manifest after focus');
    assert.ok(fetched.some((u) => u.endsWith('/search/samspil-search.js')), 'the client module after focus');
    assert.equal(await page.locator('[data-search-input]').inputValue(), '', 'nothing typed');
    await g.collect(page);
    assert.deepEqual(g.problems, [], formatProblems(g.problems));
  });

  test('axe with results, sections, a best bet and the filters open; 320 px reflow', async () => {
    for (const lang of ['da', 'sv', 'nb']) {
      const { page, g } = await open(`${searchPage(served.all, lang).rel}?q=112`);
      await results(page, `${lang} results for 112`);
      await page.evaluate(() => {
        document.querySelector('[data-search-more]').open = true;
      });
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `${lang}: ${JSON.stringify(violations, null, 1)}`);
      await page.setViewportSize({ width: 320, height: 640 });
      const overflow = await horizontalOverflow(page);
      assert.equal(overflow.over, 0, `${lang}: the search page scrolls sideways at 320 px: ${overflow.culprits.join('; ')}`);
      await g.collect(page);
      assert.deepEqual(g.problems, [], formatProblems(g.problems));
    }
  });
});
