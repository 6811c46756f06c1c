// Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.7): the skip link comes first and moves focus to the
// main content, every Tab stop shows where focus is, the language switch lands on the same
// page in the other language, and a checklist's ticks (Space) survive a reload and can be
// reset. No mouse and no element.click(): only page.keyboard.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, pages, pageOfKind } from './lib/site.mjs';
import { launch, guardedContext, formatProblems } from './lib/browser.mjs';
import { focusInfo, tabUntil, isReallyVisible } from './lib/ui.mjs';

let srv;
let browser;
let all;
let guard;

before(async () => {
  srv = await serve();
  all = pages(srv.dir);
  browser = await launch();
  guard = await guardedContext(browser, srv.origin);
});

after(async () => {
  if (guard) await guard.context.close();
  if (browser) await browser.close();
  if (srv) await srv.server.close();
});

describe('keyboard only', () => {
  for (const kind of ['home', 'role', 'checklist']) {
    test(`${kind}: Tab from the page start reaches the skip link first; Enter moves focus to main`, async () => {
      const p = kind === 'home' ? { rel: 'da/' } : pageOfKind(all, kind);
      const page = await guard.context.newPage();
      await page.goto(srv.url(p.rel));
      await page.keyboard.press('Tab');
      const f = (await focusInfo(page)).active;
      assert.ok(f && f.tag === 'a' && f.rawHref && f.rawHref.startsWith('#'), `first Tab stop is ${JSON.stringify(f)}, not a skip link`);
      const targetId = decodeURIComponent(f.rawHref.slice(1));
      assert.ok(await page.evaluate((id) => !!document.getElementById(id)?.closest('main'), targetId), `skip link target #${targetId} is not the main content`);
      assert.ok(await isReallyVisible(page), 'the focused skip link is not visible on screen');
      await page.keyboard.press('Enter');
      const after = (await focusInfo(page)).active;
      assert.ok(after && (after.isMain || after.inMain), `after the skip link focus is on ${JSON.stringify(after)}, not in main`);
      // The next Tab continues inside main, not back at the header.
      await page.keyboard.press('Tab');
      const next = (await focusInfo(page)).active;
      assert.ok(next && next.inMain, `Tab after the skip link went to ${JSON.stringify(next)}`);
      await guard.collect(page);
      await page.close();
    });
  }

  test('every Tab stop on a role page and the home page shows a visible focus indicator (2.4.7)', async () => {
    const bad = [];
    for (const rel of ['da/', pageOfKind(all, 'role').rel]) {
      const page = await guard.context.newPage();
      await page.goto(srv.url(rel));
      const seen = new Set();
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        const r = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const key = el.id || el.outerHTML.slice(0, 120);
          const st = getComputedStyle(el);
          const outline = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0;
          const shadow = st.boxShadow && st.boxShadow !== 'none';
          const rect = el.getBoundingClientRect();
          return { key, ok: outline || shadow, desc: `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`, inView: rect.bottom > 0 && rect.top < innerHeight };
        });
        if (!r || seen.has(r.key)) break; // wrapped around to the start
        seen.add(r.key);
        if (!r.ok) bad.push(`/${rel}: ${r.desc}: no outline or box-shadow when focused`);
        if (!r.inView) bad.push(`/${rel}: ${r.desc}: focused but scrolled out of view`);
      }
      assert.ok(seen.size > 5, `/${rel}: only ${seen.size} Tab stops`);
      await guard.collect(page);
      await page.close();
    }
    assert.equal(bad.length, 0, bad.join('\n'));
  });

  for (const [from, to] of [
    ['da', 'sv'],
    ['sv', 'nb'],
    ['nb', 'da'],
  ]) {
    test(`language switch ${from} → ${to} by keyboard lands on the same page (hreflang alternate)`, async () => {
      const p = pageOfKind(all, 'role', from);
      const page = await guard.context.newPage();
      await page.goto(srv.url(p.rel));
      const alternates = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')].map((l) => [l.hreflang, l.href])));
      assert.ok(alternates[to], `/${p.rel} has no hreflang="${to}" alternate`);
      await tabUntil(page, (l) => {
        const a = document.activeElement;
        return !!a && a.matches('nav a[hreflang]') && a.getAttribute('hreflang') === l;
      }, to, { max: 40, what: `the ${to} link of the language switch` });
      const link = (await focusInfo(page)).active;
      assert.ok(await isReallyVisible(page), 'the focused language link is not visible');
      await Promise.all([page.waitForURL((u) => u.pathname !== new URL(srv.url(p.rel)).pathname), page.keyboard.press('Enter')]);
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).pathname, new URL(alternates[to]).pathname, `the ${to} link (${link.href}) went elsewhere than the hreflang alternate`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), to);
      const back = await page.evaluate((l) => document.querySelector(`link[rel=alternate][hreflang="${l}"]`)?.href, from);
      assert.equal(back && new URL(back).pathname, new URL(srv.url(p.rel)).pathname, 'the other language does not point back');
      await guard.collect(page);
      await page.close();
    });
  }

  test('checklist: tick with Space, ticks survive a reload, reset clears them', async () => {
    const p = pageOfKind(all, 'checklist');
    const page = await guard.context.newPage();
    page.on('dialog', (d) => d.accept()); // a confirm() before reset is fine
    await page.goto(srv.url(p.rel));
    const isBox = () => {
      const a = document.activeElement;
      return !!a && a.matches('[data-checklist] input[type=checkbox]');
    };
    await tabUntil(page, isBox, null, { max: 80, what: 'the first checklist box' });
    const firstBox = await page.evaluate(() => [...document.querySelectorAll('[data-checklist] input[type=checkbox]')].indexOf(document.activeElement));
    assert.ok(await isReallyVisible(page), 'the focused checkbox is not visible');
    await page.keyboard.press('Space');
    await tabUntil(page, isBox, null, { max: 15, what: 'the next checklist box' });
    await page.keyboard.press('Space');
    const ticked = () => page.evaluate(() => [...document.querySelectorAll('[data-checklist] input[type=checkbox]')].map((b, i) => (b.checked ? i : -1)).filter((i) => i >= 0));
    const before = await ticked();
    assert.equal(before.length, 2, `ticked: ${before}`);
    assert.equal(before[0], firstBox);
    const progress = () => page.evaluate(() => (document.querySelector('[data-checklist] [aria-live], [data-checklist] [role=status]') || {}).textContent || '');
    assert.match(await progress(), /2/, 'the progress text does not count the two ticks');

    await page.reload();
    await page.waitForLoadState('load');
    assert.deepEqual(await ticked(), before, 'ticks did not survive a reload');

    // Reset: from the first box, Shift+Tab back to the reset button, then Enter.
    await tabUntil(page, isBox, null, { max: 80, what: 'the first checklist box after reload' });
    await tabUntil(page, () => {
      const a = document.activeElement;
      return !!a && a.matches('[data-checklist] button[data-cl-reset], [data-checklist] button[type=reset], [data-checklist] [data-reset]');
    }, null, { max: 20, back: true, what: 'the reset button' });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    assert.deepEqual(await ticked(), [], 'reset did not clear the ticks');
    await page.reload();
    await page.waitForLoadState('load');
    assert.deepEqual(await ticked(), [], 'the ticks came back after reset and reload');
    await guard.collect(page);
    await page.close();
  });

  test('no request to another origin, CSP violation or script error along the way', () => {
    assert.equal(guard.problems.length, 0, formatProblems(guard.problems));
  });
});
