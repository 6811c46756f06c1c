// What a crawl collects from each page, and the checks over all of them: internal links and
// #fragments lead somewhere, hreflang alternates are self-referencing and reciprocal and agree
// with the language switcher, every page renders its basics.

import { LANGUAGES } from './site.mjs';

/** Facts about the loaded page (runs in the page; no page script needed). */
export function pageInfo(page) {
  return page.evaluate(() => {
    const visible = (el) => !!el && !el.closest('[hidden]') && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    const switcher = {};
    for (const a of document.querySelectorAll('nav a[hreflang][lang]')) switcher[a.hreflang] = a.href;
    const nojs = document.querySelector('[data-search-nojs]');
    return {
      lang: document.documentElement.lang,
      title: document.title,
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id).concat([...document.querySelectorAll('a[name]')].map((e) => e.name)),
      links: [...document.querySelectorAll('a[href], area[href]')].map((a) => a.href),
      alternates: Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')].map((l) => [l.hreflang, l.href])),
      canonical: (document.querySelector('link[rel=canonical]') || {}).href || null,
      switcher,
      h1: [...document.querySelectorAll('h1')].filter(visible).length,
      main: document.querySelectorAll('main').length,
      sheets: [...document.styleSheets].filter((s) => s.href).length,
      sheetLinks: document.querySelectorAll('link[rel=stylesheet]').length,
      refresh: !!document.querySelector('meta[http-equiv=refresh i]'),
      searchPage: !!document.querySelector('[data-search-page]'),
      nojsNotice: nojs ? { visible: visible(nojs), text: nojs.textContent.trim(), links: nojs.querySelectorAll('a[href]').length } : null,
      searchFormVisible: visible(document.querySelector('[data-search-full]')),
    };
  });
}

const pathOf = (href) => new URL(href).pathname;

/** Problems with the basics of each page: lang, title, one main, one visible h1, stylesheet. */
export function renderProblems(seen) {
  const bad = [];
  for (const [p, i] of seen) {
    if (!LANGUAGES.includes(i.lang)) bad.push(`${p}: <html lang="${i.lang}">`);
    if (!i.title.trim()) bad.push(`${p}: empty <title>`);
    if (i.refresh) continue; // a redirect stub has only a sentence and a link
    if (i.main !== 1) bad.push(`${p}: ${i.main} <main> elements`);
    if (i.h1 !== 1) bad.push(`${p}: ${i.h1} visible <h1> elements`);
    if (i.sheetLinks < 1 || i.sheets < i.sheetLinks) bad.push(`${p}: stylesheet not loaded (${i.sheets}/${i.sheetLinks})`);
  }
  return bad;
}

/** Internal links to missing pages and #fragments to missing ids (HEAD requests to the server). */
export async function linkProblems(seen, origin) {
  const targets = new Map(); // url without hash -> [from pages]
  const fragments = [];
  for (const [p, i] of seen) {
    for (const href of i.links) {
      const u = new URL(href);
      if (u.origin !== origin) continue; // mailto:, tel:, and links out of the site
      const key = u.origin + u.pathname + u.search;
      if (!targets.has(key)) targets.set(key, []);
      targets.get(key).push(p);
      if (u.hash.length > 1) fragments.push({ from: p, path: u.pathname, id: decodeURIComponent(u.hash.slice(1)) });
    }
  }
  const bad = [];
  for (const [key, from] of targets) {
    const u = new URL(key);
    if (seen.has(u.pathname)) continue;
    const res = await fetch(key, { method: 'HEAD' });
    if (res.status !== 200) bad.push(`${u.pathname}: HTTP ${res.status}, linked from ${from.slice(0, 3).join(', ')}${from.length > 3 ? ` and ${from.length - 3} more` : ''}`);
  }
  for (const f of fragments) {
    const target = seen.get(f.path);
    if (target && !target.ids.includes(f.id)) bad.push(`${f.path}#${f.id}: no such id, linked from ${f.from}`);
  }
  return [...new Set(bad)];
}

/** hreflang: absolute, self-referencing, reciprocal, matching the switcher; the x-default chooser. */
export function hreflangProblems(seen) {
  const bad = [];
  for (const [p, i] of seen) {
    const alts = Object.entries(i.alternates).filter(([l]) => l !== 'x-default');
    if (!alts.length) continue;
    const xd = i.alternates['x-default'];
    if (xd && pathOf(xd) === p) {
      // The language chooser (x-default): each language's page must name it as x-default.
      for (const [l, href] of alts) {
        const other = seen.get(pathOf(href));
        if (!other) bad.push(`${p}: hreflang ${l} -> ${pathOf(href)} is not a page`);
        else if (!other.alternates['x-default'] || pathOf(other.alternates['x-default']) !== p) {
          bad.push(`${p} is the x-default language chooser, but ${pathOf(href)} names ${other.alternates['x-default'] ? pathOf(other.alternates['x-default']) : 'nothing'} as x-default`);
        }
      }
      continue;
    }
    const self = i.alternates[i.lang];
    if (!self || pathOf(self) !== p) bad.push(`${p}: no self-referencing hreflang="${i.lang}" (got ${self})`);
    for (const [l, href] of alts) {
      if (!/^https?:\/\//.test(href)) bad.push(`${p}: hreflang ${l} is not absolute`);
      const other = seen.get(pathOf(href));
      if (!other) {
        bad.push(`${p}: hreflang ${l} -> ${pathOf(href)} is not a page`);
        continue;
      }
      if (other.lang !== l) bad.push(`${p}: hreflang ${l} -> ${pathOf(href)} which is lang="${other.lang}"`);
      const back = other.alternates[i.lang];
      if (!back || pathOf(back) !== p) bad.push(`${p}: hreflang ${l} -> ${pathOf(href)}, which does not point back (has ${back})`);
      const sw = i.switcher[l];
      if (l !== i.lang && sw && pathOf(sw) !== pathOf(href)) bad.push(`${p}: language switcher ${l} -> ${pathOf(sw)} but hreflang ${l} -> ${pathOf(href)}`);
    }
  }
  return bad;
}
