// Helpers for the scenario tests: keyboard navigation and finding search results without
// depending on the theme's exact markup.
//
// Search results are found as "what became visible after typing": every visible link or
// ARIA option on the page is remembered before the query is typed, and results are the
// visible links and options that were not there before. That holds whatever container the
// theme renders them in (a list under the header, a listbox, the search page's <ol>).

/** Polls `check` (async, returns a truthy value when done) until it holds or `ms` pass. */
export async function waitFor(check, ms, what) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Remembers the visible links and options now on the page (see freshResults). */
export async function snapshotVisible(page) {
  await page.evaluate(() => {
    const seen = new WeakSet();
    for (const el of document.querySelectorAll('a[href], [role=option]')) {
      if (el.getClientRects().length > 0) seen.add(el);
    }
    window.__samspilBefore = seen;
  });
}

/**
 * Visible links and options that were not visible at snapshotVisible:
 * [{ href, text, lang, option, inViewport, marks }] in document order.
 */
export async function freshResults(page) {
  return page.evaluate(() => {
    const before = window.__samspilBefore || new WeakSet();
    const out = [];
    for (const el of document.querySelectorAll('a[href], [role=option]')) {
      if (before.has(el) || el.getClientRects().length === 0) continue;
      const st = getComputedStyle(el);
      if (st.visibility === 'hidden' || st.display === 'none') continue;
      // An option's target: its own link, or the link it is inside of.
      if (el.matches('[role=option]') && el.closest('a[href]') && !before.has(el.closest('a[href]'))) continue;
      const link = el.matches('a[href]') ? el : el.querySelector('a[href]');
      const r = el.getBoundingClientRect();
      out.push({
        href: link ? link.href : el.getAttribute('data-href') || el.getAttribute('data-url') || null,
        text: el.textContent.trim().replace(/\s+/g, ' ').slice(0, 80),
        lang: (el.closest('[lang]') || document.documentElement).getAttribute('lang'),
        option: el.matches('[role=option]'),
        inViewport: r.left >= -1 && r.right <= document.documentElement.clientWidth + 1 && r.width > 0,
        marks: (el.closest('li') || el).querySelectorAll('mark').length,
      });
    }
    return out;
  });
}

/**
 * What has focus now, for keyboard tests: the focused element, or the option a combobox
 * points to with aria-activedescendant.
 */
export async function focusInfo(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    const describe = (el) => {
      if (!el) return null;
      const link = el.matches('a[href]') ? el : el.querySelector('a[href]') || el.closest('a[href]');
      const r = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        id: el.id || null,
        cls: typeof el.className === 'string' ? el.className : '',
        role: el.getAttribute('role'),
        type: el.getAttribute('type'),
        href: link ? link.href : el.getAttribute('data-href') || el.getAttribute('data-url') || null,
        rawHref: el.getAttribute('href'),
        hreflang: el.getAttribute('hreflang'),
        text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80),
        inMain: !!el.closest('main'),
        isMain: el.tagName === 'MAIN',
        checked: el.checked === true,
        rect: { left: r.left, top: r.top, width: r.width, height: r.height },
      };
    };
    const adId = a && a.getAttribute('aria-activedescendant');
    return {
      active: a && a !== document.body ? describe(a) : null,
      activeDescendant: adId ? describe(document.getElementById(adId)) : null,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `pred(document.activeElement, arg)` holds in the page;
 * returns the number of presses, or throws after `max`.
 */
export async function tabUntil(page, pred, arg, { max = 60, back = false, what = 'the element' } = {}) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate(pred, arg)) return i;
  }
  throw new Error(`${what} was not reached with ${max} ${back ? 'Shift+Tab' : 'Tab'} presses`);
}

/** Whether an element is really visible: has a box in the viewport and is on top at its centre. */
export async function isReallyVisible(page, selector) {
  return page.evaluate((sel) => {
    const el = typeof sel === 'string' ? document.querySelector(sel) : document.activeElement;
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    if (r.right <= 0 || r.bottom <= 0 || r.left >= vw || r.top >= vh) return false;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), vh - 1);
    const top = document.elementFromPoint(x, y);
    return !!top && (top === el || el.contains(top) || top.contains(el) || (el.labels && [...el.labels].some((l) => l.contains(top))));
  }, selector ?? null);
}
