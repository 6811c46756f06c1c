// site.js: progressive enhancement for every samspil page, loaded as <script type="module"> (or,
// in a portable copy opened from disk, as a classic deferred script: browsers refuse module
// scripts from file://). Hence "use strict" and no import or export here.
"use strict";
// Every page works without it: checklists are plain lists, the search form posts to the
// search page, the root page lists the languages. No dependencies, no inline code, no eval,
// no third-party requests: it runs under CSP default-src 'self'.

const doc = document;
const root = doc.documentElement;
// The page's language: one of the site's language codes (samspil.yaml), as are the language
// switcher's hreflang codes, the search index folders (search/<lang>/) and a search hit's
// `language`. They are compared as they are; no code is mapped to another here.
const LANGUAGE = root.lang;
const BASE = doc.querySelector('meta[name="samspil-base"]')?.content || '/';
const LANG_KEY = 'samspil-lang';
const POPUP_MAX = 8;
// Results a page of the search page shows; "Show more results" adds as many again. Each
// result needs its fragment file (FORMAT.md), so fewer means fewer requests before the paint.
const PAGE_SIZE = 10;

// ---------------------------------------------------------------------------------------------
// Small helpers

// Builds an element; children that are strings become text nodes, so data is never parsed.
function el(tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

function fill(template, values) {
  return String(template || '').replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

// Runs `fn` at once on each call, but never two at a time: a call made while one runs waits
// for it, then one run serves every call made meanwhile. A search starts on the key that was
// typed, not a timer's delay later, and a fast typist does not start a search per key.
function serial(fn) {
  let running = false;
  let again = false;
  return async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await fn();
      } while (again);
    } finally {
      running = false;
    }
  };
}

// localStorage throws in some private modes and when storage is disabled; the features then
// still work for the current page view, from memory.
const store = (() => {
  const memory = new Map();
  let persistent = true;
  const attempt = (fn) => {
    if (!persistent) return undefined;
    try {
      return fn(window.localStorage);
    } catch {
      persistent = false;
      return undefined;
    }
  };
  return {
    get(key) {
      const v = attempt((ls) => ls.getItem(key));
      return persistent ? v ?? null : memory.get(key) ?? null;
    },
    set(key, value) {
      memory.set(key, value);
      attempt((ls) => ls.setItem(key, value));
    },
    remove(key) {
      memory.delete(key);
      attempt((ls) => ls.removeItem(key));
    },
  };
})();

function isTextField(node) {
  if (!node || node.nodeType !== 1) return false;
  if (node.isContentEditable) return true;
  if (node.tagName === 'TEXTAREA' || node.tagName === 'SELECT') return true;
  if (node.tagName !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(node.type);
}

// ---------------------------------------------------------------------------------------------
// a. "/" focuses the search box (a common web convention), unless the user is typing.
// Shift is allowed: on Danish, Swedish and Norwegian keyboards "/" is Shift+7.

function initSlashKey() {
  doc.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.defaultPrevented || isTextField(event.target)) return;
    // On the search page the header box is hidden (CSS) in favour of the page's own box.
    const input = [...doc.querySelectorAll('[data-search-input], [data-search-full] input[type="search"]')].find(
      (field) => field.getClientRects().length > 0,
    );
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

// ---------------------------------------------------------------------------------------------
// b. Checklists: the boxes ship hidden (useless without a script), ticks persist per checklist.

function initChecklists() {
  for (const list of doc.querySelectorAll('[data-checklist]')) initChecklist(list);
}

function initChecklist(list) {
  const key = list.dataset.checklist;
  const boxes = [...list.querySelectorAll('.cl-box')];
  if (!key || boxes.length === 0) return;
  const tools = list.querySelector('.cl-tools');
  const progress = list.querySelector('.cl-progress');
  const total = boxes.length;

  // Items the author ticked in the Markdown (`- [x]`) are the starting state until the
  // visitor saves their own.
  const defaults = boxes.filter((b) => b.dataset.checked === 'true').map((b) => b.dataset.item);
  const read = () => {
    const saved = store.get(key);
    if (saved == null) return new Set(defaults);
    try {
      const value = JSON.parse(saved || '[]');
      return new Set(Array.isArray(value) ? value.map(String) : []);
    } catch {
      return new Set(); // a corrupt entry must not break the page
    }
  };
  // The label class lets print CSS draw ☑ without relying on :has().
  const mark = (box) => box.closest('.cl-item')?.classList.toggle('is-checked', box.checked);
  const apply = (ticked) => {
    for (const box of boxes) {
      box.checked = ticked.has(box.dataset.item);
      mark(box);
    }
  };
  const save = () => {
    const ticked = boxes.filter((b) => b.checked).map((b) => Number(b.dataset.item));
    // An empty list is kept when the author pre-ticked items, so unticking them sticks.
    if (ticked.length > 0 || defaults.length > 0) store.set(key, JSON.stringify(ticked));
    else store.remove(key);
  };
  const update = () => {
    if (!progress) return;
    const done = boxes.filter((b) => b.checked).length;
    progress.textContent = fill(progress.dataset.template || '{done} / {total}', { done, total });
  };

  // Restore and fill the progress text before the tools become visible, so the live region
  // does not announce the initial state as if it were a change.
  apply(read());
  update();
  for (const box of boxes) box.hidden = false;
  list.classList.add('cl-ready');
  if (tools) tools.hidden = false;

  list.addEventListener('change', (event) => {
    if (!event.target.matches('.cl-box')) return;
    mark(event.target);
    save();
    update();
  });

  list.querySelector('[data-cl-reset]')?.addEventListener('click', () => {
    store.remove(key);
    apply(new Set(defaults));
    update();
    // The reset button is no longer useful; the first item is where the user starts again.
    // The live region still announces "0 of N".
    boxes[0].focus();
  });

  list.querySelector('[data-cl-print]')?.addEventListener('click', () => window.print());

  // The same checklist open in another tab stays in step.
  window.addEventListener('storage', (event) => {
    if (event.key !== key) return;
    apply(read());
    update();
  });
}

// ---------------------------------------------------------------------------------------------
// c. Root language chooser: remember an explicit choice and honour it next time. The browser's
// language is never used to redirect; "#choose" always shows the chooser.

function initLanguageChoice() {
  if (doc.body.classList.contains('root')) {
    const links = [...doc.querySelectorAll('[data-remember-lang]')];
    for (const link of links) {
      link.addEventListener('click', () => store.set(LANG_KEY, link.dataset.rememberLang));
    }
    if (location.hash === '#choose') return;
    const saved = store.get(LANG_KEY);
    const target = links.find((link) => link.dataset.rememberLang === saved);
    if (target) location.replace(target.href);
    return;
  }
  // A later switch in the header is also an explicit choice; only update one made earlier.
  for (const link of doc.querySelectorAll('.lang-switch a[hreflang]')) {
    link.addEventListener('click', () => {
      if (store.get(LANG_KEY)) store.set(LANG_KEY, link.getAttribute('hreflang'));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// d. Search. The client (search/samspil-search.js, written by the build) is only fetched when
// someone is about to search: first focus or input in the header box, or the search page.

let clientPromise = null;
let failedLoads = 0;

// From disk (a portable copy opened as file://) browsers refuse module imports and fetch: the
// client's classic script and the data files' script twins do the same work there
// (search-index/js/classic.js). Over HTTP the same folder uses the module.
function classicClient() {
  const searchRoot = new URL(`${BASE}search/`, location.href).href;
  const loaded = globalThis.samspilSearch
    ? Promise.resolve(globalThis.samspilSearch)
    : new Promise((resolve, reject) => {
        const script = el('script', { src: `${searchRoot}samspil-search-classic.js` });
        script.onload = () => resolve(globalThis.samspilSearch);
        script.onerror = () => {
          script.remove();
          reject(new Error('samspil: the search client did not load'));
        };
        doc.head.append(script);
      });
  return loaded.then((api) => api.createSearch({ base: BASE, fetch: api.scriptFetch(searchRoot) }));
}

function loadSearch() {
  if (!clientPromise) {
    const url = new URL(`${BASE}search/samspil-search.js`, location.href);
    // Browsers remember a failed module import for the page's lifetime, so a retry (after a
    // network hiccup) needs a URL of its own.
    if (failedLoads > 0) url.searchParams.set('retry', String(failedLoads));
    const client = location.protocol === 'file:' ? classicClient() : import(url.href).then((module) => module.createSearch({ base: BASE }));
    clientPromise = client
      .catch((error) => {
        failedLoads += 1;
        clientPromise = null;
        throw error;
      });
  }
  return clientPromise;
}

// The client escapes excerpts and adds <mark>; keep only <mark>, in case that ever changes.
function excerptNodes(html) {
  const safe = String(html ?? '')
    .split(/(<\/?mark>)/i)
    .map((part, i) => (i % 2 === 1 ? part.toLowerCase() : part.replace(/<[^>]*>?/g, '').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
  const template = doc.createElement('template');
  template.innerHTML = safe;
  return template.content;
}

// Languages of the site, in switcher order, and their own names: from the language switch.
function siteLanguages() {
  const found = new Map();
  for (const link of doc.querySelectorAll('.lang-switch a[hreflang]')) {
    const copy = link.cloneNode(true);
    copy.querySelector('.untranslated')?.remove();
    found.set(link.getAttribute('hreflang'), copy.textContent.trim());
  }
  if (found.size === 0) found.set(LANGUAGE, LANGUAGE);
  return found;
}

// A result's address. In a copy opened from disk a folder address shows a file listing, so the
// page's index.html is named there, as every link of a portable copy does.
function pageUrl(url) {
  if (location.protocol !== 'file:') return url;
  const u = new URL(url, location.href);
  if (u.pathname.endsWith('/')) u.pathname += 'index.html';
  return u.href;
}

// A result's address with the query as typed in `hl`, so the page opened marks its words (and a
// shared link does too); a #fragment stays last.
function withHighlight(url, query) {
  if (!query) return url;
  const u = new URL(url, location.href);
  u.searchParams.set('hl', query);
  return u.href;
}

function safeKind(kind) {
  return String(kind || 'page').replace(/[^a-z0-9-]/gi, '');
}

// One result: title link, kind badge, language marker (other languages only), a "may be out of
// date" marker for pages past their review date, links to the same item in the other languages
// searched ("search all languages" shows one result per item), the date it was updated, the
// excerpt, and the page's matching sections.
function resultItem(hit, { titleTag, kindLabel, otherLabel, languageName, staleLabel, alsoLabel, nameOf, dateLabel, sectionsLabel, maxSections = 3, sectionExcerpts = false, query }) {
  const other = hit.language !== LANGUAGE;
  const link = el('a', { href: pageUrl(withHighlight(hit.url, query)), lang: other ? hit.language : null, hreflang: other ? hit.language : null }, hit.title);
  const meta = el('p', { class: 'sr-meta' }, el('span', { class: 'kind-badge' }, kindLabel));
  if (other && otherLabel) {
    meta.append(' ', el('span', { class: 'sr-lang' }, `${otherLabel}: `, el('span', { lang: hit.language }, languageName || hit.language)));
  }
  if (hit.stale && staleLabel) meta.append(' ', el('span', { class: 'sr-stale' }, staleLabel));
  if (alsoLabel && hit.also?.length) {
    const also = el('span', { class: 'sr-also' }, `${alsoLabel}: `);
    hit.also.forEach((v, i) => {
      if (i > 0) also.append(', ');
      also.append(el('a', { href: pageUrl(withHighlight(v.url, query)), lang: v.language, hreflang: v.language }, nameOf?.(v.language) || v.language));
    });
    meta.append(' ', also);
  }
  const date = dateNode(hit.date, dateLabel);
  if (date) meta.append(' ', date);
  const excerpt = el('p', { class: 'sr-excerpt', lang: other ? hit.language : null });
  excerpt.append(excerptNodes(hit.excerpt));
  const item = el('li', { class: `search-result kind-${safeKind(hit.kind)}` }, el(titleTag, { class: 'sr-title' }, link), meta, excerpt);
  const parts = sectionList(hit, { max: maxSections, excerpts: sectionExcerpts, label: sectionsLabel, query });
  if (parts) item.append(parts);
  return item;
}

// "Opdateret 3. marts 2026": the reader's language's long date (the same form the pages use),
// as <time datetime>; null without a date or a label.
function dateNode(iso, label) {
  if (!iso || !label || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  let text = iso;
  try {
    text = new Intl.DateTimeFormat(LANGUAGE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  } catch {
    // A language the browser has no names for: the ISO date is still a date.
  }
  const at = label.indexOf('{date}');
  const time = el('time', { datetime: iso }, text);
  return at < 0 ? el('span', { class: 'sr-date' }, time) : el('span', { class: 'sr-date' }, label.slice(0, at), time, label.slice(at + 6));
}

// The matching sections of a result's page, indented under it: a link to each heading (with
// its excerpt on the search page). Left out when the only one is where the title link goes.
function sectionList(hit, { max = 3, excerpts = false, label = '', query = '' }) {
  const sections = (hit.sections || []).slice(0, max);
  if (sections.length === 0 || (sections.length === 1 && sections[0].url === hit.url)) return null;
  const other = hit.language !== LANGUAGE;
  const list = el('ul', { class: 'sr-sections', 'aria-label': label || null, lang: other ? hit.language : null });
  for (const section of sections) {
    const item = el('li', {}, el('a', { href: pageUrl(withHighlight(section.url, query)) }, section.heading));
    if (excerpts && section.excerpt) {
      const text = el('p', { class: 'sr-excerpt' });
      text.append(excerptNodes(section.excerpt));
      item.append(text);
    }
    list.append(item);
  }
  return list;
}

// The urgent contacts a query names, pinned above the results: name (a link to its page) and
// the number as a tel: link.
function bestBetCards(bets, { label, call }) {
  return bets.map((bet) => {
    const tel = String(bet.phone).replace(/[^0-9+]/g, '');
    const callText = fill(call || '{phone}', { phone: bet.phone });
    return el(
      'div',
      { class: 'best-bet', role: 'group', 'aria-label': label || null },
      el('p', { class: 'bb-label' }, label),
      el('p', { class: 'bb-name' }, el('a', { href: pageUrl(bet.url) }, bet.name)),
      el('p', { class: 'bb-call' }, el('a', { href: `tel:${tel}` }, callText)),
    );
  });
}

// Whether to ask for a "Mente du …?": the query found nothing, or only near matches.
function wantsSuggestion(hits) {
  return hits.length === 0 || hits.every((h) => h.match === 'fuzzy');
}

// "Mente du X?" from the template "… {q} …", with X a link to `href`; null without a template.
function suggestionLine(template, suggestion, href) {
  const at = template.indexOf('{q}');
  if (!suggestion || at < 0) return null;
  const link = el('a', { href }, suggestion.query);
  return el('p', { class: 'search-suggest' }, template.slice(0, at), link, template.slice(at + 3));
}

// Header search: results while typing, in a popup under the box.
//
// Pattern: a plain search box followed by a list of real links, not an ARIA combobox. A
// listbox's options may not contain links, and aria-activedescendant is unevenly supported
// (iOS VoiceOver, touch exploration on Android). Real links are announced as links
// everywhere, open in a new tab as usual, and touch screen-reader users reach them by swiping,
// because the popup comes right after the box in the DOM. Keys: ArrowDown in the box moves
// focus to the first result, ArrowUp/ArrowDown move between results (ArrowUp from the first
// goes back to the box), Home/End jump, Escape closes and returns to the box. Enter in the box
// still submits the form to the full search page. A polite live region says how many results
// there are and how to reach them.
function initHeaderSearch() {
  const input = doc.querySelector('[data-search-input]');
  const form = input?.closest('form');
  if (!input || !form) return;
  // The popup's strings are in the page, as data-* attributes of the form (from the theme's
  // i18n files, in the page's language): label, one, many, more, none, hint, all, error, stale,
  // and data-kind-<kind> for each kind badge.
  const T = (name) => form.dataset[name] ?? '';
  const kindLabel = (kind) => form.getAttribute(`data-kind-${safeKind(kind)}`) || kind;

  const popup = el('div', { class: 'search-popup', id: `${input.id || 'site-search'}-popup`, hidden: true });
  const live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  form.append(popup, live);
  input.setAttribute('aria-controls', popup.id);

  let seq = 0;
  const links = () => [...popup.querySelectorAll('a[href]')];
  const open = () => {
    popup.hidden = false;
  };
  const close = () => {
    popup.hidden = true;
  };
  const allResultsUrl = (q) => {
    const url = new URL(form.action, location.href);
    url.search = '';
    url.searchParams.set('q', q);
    return url.href;
  };

  const render = (q, hits, suggestion, bets = []) => {
    const shown = hits.slice(0, POPUP_MAX);
    // Results for a late keystroke can arrive after the user has moved into the list; replacing
    // the list would drop focus to <body> (WCAG 2.4.3). Keep the position and restore it.
    const focusedIndex = links().indexOf(document.activeElement);
    popup.replaceChildren(...bestBetCards(bets, { label: T('bestBet'), call: T('call') }));
    if (shown.length > 0) {
      const list = el('ul', { class: 'search-results', 'aria-label': T('label') });
      for (const hit of shown) {
        list.append(
          resultItem(hit, {
            titleTag: 'p',
            kindLabel: kindLabel(hit.kind),
            staleLabel: T('stale'),
            dateLabel: T('updated'),
            sectionsLabel: T('sections'),
            maxSections: 2,
            query: q,
          }),
        );
      }
      popup.append(list);
    } else {
      popup.append(el('p', { class: 'sp-message' }, T('none')));
    }
    const suggested = suggestionLine(T('suggest'), suggestion, suggestion && allResultsUrl(suggestion.query));
    if (suggested) popup.append(suggested);
    popup.append(el('p', { class: 'sp-all' }, el('a', { href: allResultsUrl(q) }, T('all'))));
    open();
    if (focusedIndex >= 0) {
      const now = links();
      now[Math.min(focusedIndex, now.length - 1)]?.focus();
    }
    let count = T('none');
    if (hits.length > POPUP_MAX) count = fill(T('more'), { n: POPUP_MAX });
    else if (hits.length === 1) count = T('one');
    else if (hits.length > 1) count = fill(T('many'), { n: hits.length });
    const urgent = bets.map((b) => `${T('bestBet')}: ${b.name}, ${b.phone}.`).join(' ');
    live.textContent = [urgent, shown.length > 0 ? `${count}. ${T('hint')}` : count, suggested?.textContent].filter(Boolean).join(' ');
  };

  const renderError = (q) => {
    popup.replaceChildren(
      el('p', { class: 'sp-message sr-error' }, T('error')),
      el('p', { class: 'sp-all' }, el('a', { href: allResultsUrl(q) }, T('all'))),
    );
    open();
    live.textContent = T('error');
  };

  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      close();
      popup.replaceChildren();
      live.textContent = '';
      return;
    }
    try {
      const client = await loadSearch();
      // One more than shown, to know whether "more than 8" is true.
      const { results: hits, bestBets } = await client.searchWithFacets(q, { languages: [LANGUAGE], limit: POPUP_MAX + 1, counts: false });
      const suggestion = wantsSuggestion(hits) ? await client.suggest(q, { language: LANGUAGE }) : null;
      if (mine === seq) render(q, hits, suggestion, bestBets);
    } catch (error) {
      if (mine !== seq) return;
      console.error('samspil search:', error);
      renderError(q);
    }
  };
  const runSoon = serial(run);

  // Start downloading the client and the language's manifest when the box gets focus (also by
  // `/`), so the first keystroke's search has fewer round trips to wait for; failures are
  // reported when searching.
  input.addEventListener('focus', () => loadSearch().then((c) => c.prefetch(input.value, { language: LANGUAGE })).catch(() => {}), { once: true });
  input.addEventListener('input', runSoon);

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const all = links();
      if (!popup.hidden && all.length > 0) {
        event.preventDefault();
        all[0].focus();
      } else if (input.value.trim()) {
        event.preventDefault();
        run();
      }
    } else if (event.key === 'Escape' && !popup.hidden) {
      // Only close; the browser's own Escape (clearing the box) is for the next press.
      event.preventDefault();
      close();
    }
  });

  popup.addEventListener('keydown', (event) => {
    const all = links();
    const i = all.indexOf(doc.activeElement);
    if (i < 0) return;
    let next = null;
    if (event.key === 'ArrowDown') next = all[Math.min(i + 1, all.length - 1)];
    else if (event.key === 'ArrowUp') next = i === 0 ? input : all[i - 1];
    else if (event.key === 'Home') next = all[0];
    else if (event.key === 'End') next = all[all.length - 1];
    else if (event.key === 'Escape') {
      close();
      next = input;
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  // Close when focus moves elsewhere by keyboard, or on a click/tap outside. Not on a bare
  // blur: Safari does not focus links on click, and closing then would swallow the click.
  form.addEventListener('focusout', (event) => {
    if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
  });
  doc.addEventListener('pointerdown', (event) => {
    if (!form.contains(event.target)) close();
  });
}

// The full search page: filters, other languages, results in the page.
function initSearchPage() {
  const page = doc.querySelector('[data-search-page]');
  if (!page) return;
  const form = page.querySelector('[data-search-full]');
  const status = page.querySelector('[data-search-status]');
  const results = page.querySelector('[data-search-results]');
  const input = form?.querySelector('input[type="search"]');
  if (!form || !status || !results || !input) return;
  const strings = page.querySelector('template[data-strings]')?.dataset || {};
  const kindBoxes = [...form.querySelectorAll('input[name="kind"]')];
  const allBox = form.querySelector('[data-search-all]');
  const more = form.querySelector('[data-search-more]');
  const betsBox = page.querySelector('[data-search-bets]');
  // Kind names come from the filter labels, so they are in the page's language.
  const kindLabels = new Map(kindBoxes.map((box) => [box.value, box.closest('label')?.textContent.trim() || box.value]));
  const languages = siteLanguages();

  // "Mente du …?" sits between the count and the results, read after the count.
  const suggestBox = el('div', { class: 'search-suggestion' });
  results.before(suggestBox);

  page.querySelector('[data-search-nojs]')?.setAttribute('hidden', '');
  form.hidden = false;

  // The form's state lives in the URL (?q=…&kind=…&audience=…&sort=date&all=1), so reload,
  // back and a shared link give the same search.
  const restore = () => {
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    for (const facet of FILTERS) {
      const wanted = params.getAll(facet);
      const boxes = [...form.querySelectorAll(`input[name="${facet}"]`)];
      // Values only known once counted (municipality, tag) get a box now, so they count.
      const fieldset = form.querySelector(`[data-facet="${facet}"][data-dynamic]`);
      for (const v of wanted) if (fieldset && !boxes.some((b) => b.value === v)) fieldset.append(choiceBox(facet, v, v));
      for (const box of form.querySelectorAll(`input[name="${facet}"]`)) box.checked = wanted.includes(box.value);
    }
    const sort = params.get('sort') === 'date' ? 'date' : 'relevance';
    for (const box of form.querySelectorAll('input[name="sort"]')) box.checked = box.value === sort;
    if (allBox) allBox.checked = params.get('all') === '1';
    if (more && FILTERS.slice(1).some((f) => params.getAll(f).length > 0)) more.open = true;
  };
  restore();

  const chosen = (facet) => [...form.querySelectorAll(`input[name="${facet}"]:checked`)].map((b) => b.value);
  const sortChoice = () => form.querySelector('input[name="sort"]:checked')?.value || 'relevance';

  const syncUrl = (q, push) => {
    const url = new URL(location.href);
    for (const name of ['q', ...FILTERS, 'sort', 'all']) url.searchParams.delete(name);
    if (q) url.searchParams.set('q', q);
    for (const facet of FILTERS) for (const v of chosen(facet)) url.searchParams.append(facet, v);
    if (sortChoice() === 'date') url.searchParams.set('sort', 'date');
    if (allBox?.checked) url.searchParams.set('all', '1');
    if (url.href === location.href) return;
    if (push) history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  };

  const setStatus = (text, isError = false) => {
    status.textContent = text;
    status.classList.toggle('sr-error', isError);
  };

  // The number of matches per value beside each choice; municipality and tag choices are made
  // from the values the query matches (the most frequent tags), keeping the chosen ones.
  const showCounts = (counts) => {
    for (const facet of FILTERS) {
      const fieldset = form.querySelector(`[data-facet="${facet}"]`) || kindBoxes[0]?.closest('fieldset');
      const per = counts[facet] || {};
      if (fieldset?.hasAttribute('data-dynamic')) {
        const keep = new Set(chosen(facet));
        const values = Object.keys(per)
          .sort((a, b) => per[b] - per[a] || a.localeCompare(b, LANGUAGE))
          .slice(0, facet === 'tag' ? MAX_TAG_CHOICES : Infinity);
        for (const v of keep) if (!values.includes(v)) values.push(v);
        fieldset.replaceChildren(fieldset.querySelector('legend'), ...values.map((v) => choiceBox(facet, v, v, keep.has(v))));
        fieldset.hidden = values.length === 0;
      }
      for (const box of form.querySelectorAll(`input[name="${facet}"]`)) {
        const label = box.closest('label');
        let count = label.querySelector('.count');
        if (!count) {
          count = el('span', { class: 'count' });
          label.append(count);
        }
        count.textContent = ` (${per[box.value] || 0})`;
      }
    }
  };

  // What the form asks for, as the client's options.
  const searchOptions = () => ({
    languages: allBox?.checked ? [LANGUAGE, ...[...languages.keys()].filter((l) => l !== LANGUAGE)] : [LANGUAGE],
    kinds: chosen('kind'),
    audiences: chosen('audience'),
    countries: chosen('country'),
    municipalities: chosen('municipality'),
    tags: chosen('tag'),
    sort: sortChoice(),
  });
  const item = (hit, q) =>
    resultItem(hit, {
      titleTag: 'h2',
      kindLabel: kindLabels.get(hit.kind) || hit.kind,
      otherLabel: strings.other,
      languageName: languages.get(hit.language),
      staleLabel: strings.stale,
      alsoLabel: strings.also,
      nameOf: (l) => languages.get(l),
      dateLabel: strings.updated,
      sectionsLabel: strings.sections,
      sectionExcerpts: true,
      query: q,
    });

  // "Show more results": the next PAGE_SIZE of the same search, appended; focus moves to the
  // first new result so a keyboard or screen reader user carries on reading there.
  const moreButton = el('button', { type: 'button', class: 'button secondary search-more-results' }, strings.more || '+');
  const moreBox = el('p', { class: 'search-more-box', hidden: '' }, moreButton);
  results.after(moreBox);
  let shown = { q: '', total: 0 };
  moreButton.addEventListener('click', async () => {
    const mine = seq;
    const { q, total } = shown;
    moreButton.disabled = true;
    try {
      const client = await loadSearch();
      const offset = results.children.length;
      const { results: hits } = await client.searchWithFacets(q, { ...searchOptions(), limit: PAGE_SIZE, offset, counts: false });
      if (mine !== seq) return;
      const items = hits.map((hit) => item(hit, q));
      results.append(...items);
      moreBox.hidden = results.children.length >= total || hits.length === 0;
      items[0]?.querySelector('a')?.focus();
    } catch (error) {
      console.error('samspil search:', error);
      if (mine === seq) setStatus(strings.error || String(error), true);
    } finally {
      moreButton.disabled = false;
    }
  });

  let seq = 0;
  let loadingTimer = 0;
  const run = async ({ push = false } = {}) => {
    const q = input.value.trim();
    syncUrl(q, push);
    const mine = ++seq;
    clearTimeout(loadingTimer);
    // Until this run's answer is painted, the list says it is out of date (assistive technology
    // and tests wait for it instead of reading the previous answer).
    results.setAttribute('aria-busy', 'true');
    if (!q) {
      results.removeAttribute('aria-busy');
      moreBox.hidden = true;
      results.replaceChildren();
      suggestBox.replaceChildren();
      betsBox?.replaceChildren();
      setStatus('');
      return;
    }
    // "Searching …" only when it is slow (first download), so fast searches stay quiet.
    loadingTimer = setTimeout(() => {
      if (mine === seq) setStatus(strings.loading || '…');
    }, 400);
    try {
      const client = await loadSearch();
      const { results: hits, counts, bestBets, total } = await client.searchWithFacets(q, { ...searchOptions(), limit: PAGE_SIZE });
      const suggestion = wantsSuggestion(hits) ? await client.suggest(q, { language: LANGUAGE }) : null;
      if (mine !== seq) return;
      clearTimeout(loadingTimer);
      results.removeAttribute('aria-busy');
      const suggestUrl = new URL(location.href);
      if (suggestion) suggestUrl.searchParams.set('q', suggestion.query);
      const suggested = suggestionLine(strings.suggest || '', suggestion, suggestUrl.href);
      suggested?.querySelector('a').addEventListener('click', (event) => {
        // The page is already here: search again in place, and keep focus in the form.
        event.preventDefault();
        input.value = suggestion.query;
        input.focus();
        run({ push: true });
      });
      suggestBox.replaceChildren(...(suggested ? [suggested] : []));
      betsBox?.replaceChildren(...bestBetCards(bestBets, { label: strings.bestBet, call: strings.call }));
      showCounts(counts);
      results.replaceChildren(...hits.map((hit) => item(hit, q)));
      shown = { q, total };
      moreBox.hidden = hits.length >= total;
      if (total === 0) setStatus(strings.none || '0');
      else if (total === 1) setStatus(strings.one || '1');
      else setStatus(fill(strings.many || '{n}', { n: total }));
      // The status is the live region: screen readers hear the urgent contact and the
      // suggestion with the count.
      const urgent = bestBets.map((b) => `${strings.bestBet}: ${b.name}, ${b.phone}.`).join(' ');
      if (urgent) status.prepend(el('span', { class: 'visually-hidden' }, `${urgent} `));
      if (suggested) status.append(el('span', { class: 'visually-hidden' }, ` ${suggested.textContent}`));
    } catch (error) {
      if (mine !== seq) return;
      clearTimeout(loadingTimer);
      results.removeAttribute('aria-busy');
      console.error('samspil search:', error);
      moreBox.hidden = true;
      results.replaceChildren();
      suggestBox.replaceChildren();
      betsBox?.replaceChildren();
      setStatus(strings.error || String(error), true);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault(); // results are already in the page; no reload
    run({ push: true });
  });
  input.addEventListener('input', serial(run));
  // A changed filter or order is a step the back button should undo.
  form.addEventListener('change', (event) => {
    if (event.target.type === 'checkbox' || event.target.type === 'radio') run({ push: true });
  });
  window.addEventListener('popstate', () => {
    restore();
    run();
  });

  if (input.value.trim()) run();
  else loadSearch().then((c) => c.prefetch('', { language: LANGUAGE })).catch(() => {}); // warm up; errors show on the first search
}

// The search page's filters, in the order of the URL parameters (FACETS in the client).
const FILTERS = ['kind', 'audience', 'country', 'municipality', 'tag'];
// Tags offered at most (the most frequent for the query; chosen ones are always kept).
const MAX_TAG_CHOICES = 12;

// A filter checkbox with its label.
function choiceBox(name, value, label, checked = false) {
  const box = el('input', { type: 'checkbox', name, value });
  box.checked = checked;
  return el('label', { class: 'check' }, box, ' ', el('span', {}, label));
}

// ---------------------------------------------------------------------------------------------
// e. Highlight on arrival. A page opened from a search result has the query in `?hl=`; its words
// are marked in <main> with the CSS Custom Highlight API: no element is wrapped around them and
// nothing is inline, so the page's DOM stays as built and the CSP holds. What counts as the
// query's words is the search client's call (`marker`: the same analyzer, stems and spellings
// as the search, and compound parts), so the client is loaded only on such a page. Browsers
// without CSS.highlights show the page as it is, without the "remove" button.

const HIGHLIGHT = 'samspil-hl';
// Inside <main>, what is not the page's own text: controls, the search page's UI, hidden parts.
const HIGHLIGHT_SKIP = 'script, style, template, noscript, nav, header, footer, form, button, select, textarea, [hidden], [aria-hidden="true"], .visually-hidden, [data-search-page], [data-highlight-bar]';

// Ranges over the words of `container`'s text nodes that `find(text)` returns offsets for. A
// word is looked for within one text node: markup inside a word is rare enough to miss.
function highlightRanges(container, find) {
  const walker = doc.createTreeWalker(container, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      return node.matches(HIGHLIGHT_SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
    },
  });
  const ranges = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\p{L}\p{N}]/u.test(node.data)) continue;
    for (const [start, end] of find(node.data)) {
      const range = new Range();
      range.setStart(node, start);
      range.setEnd(node, end);
      ranges.push(range);
    }
  }
  return ranges;
}

// The element a #fragment names, or null.
function fragmentTarget() {
  if (location.hash.length < 2) return null;
  try {
    return doc.getElementById(decodeURIComponent(location.hash.slice(1)));
  } catch {
    return null;
  }
}

// Brings the first mark into view. A #fragment's target wins: the browser has scrolled there,
// and the page moves only to show the first mark after it when that is out of sight.
function scrollToFirstMark(ranges) {
  const shown = ranges.filter((r) => r.getClientRects().length > 0);
  const target = fragmentTarget();
  const first = target
    ? shown.find((r) => target.contains(r.startContainer) || target.compareDocumentPosition(r.startContainer) & Node.DOCUMENT_POSITION_FOLLOWING)
    : shown[0];
  if (!first) return;
  const box = first.getBoundingClientRect();
  if (target && box.top >= 0 && box.bottom <= window.innerHeight) return;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  window.scrollTo({ top: window.scrollY + box.top - window.innerHeight / 3, behavior: smooth ? 'smooth' : 'auto' });
}

function initHighlight() {
  const query = (new URLSearchParams(location.search).get('hl') || '').trim();
  const main = doc.querySelector('main');
  if (!query || !main || !globalThis.CSS?.highlights || typeof Highlight !== 'function') return;
  // Strings on the header's search form (it is on every page), in the page's language.
  const T = (name) => doc.querySelector('[data-search-form]')?.dataset[name] ?? '';
  // In the page before it speaks, so that screen readers announce the count.
  const live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  main.append(live);
  const loaded = doc.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  loadSearch()
    .then((client) => client.marker(query, { language: LANGUAGE }))
    .then(async ({ find }) => {
      const ranges = highlightRanges(main, find);
      if (ranges.length === 0) {
        live.remove();
        return;
      }
      CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
      const button = el('button', { type: 'button' }, T('highlightRemove'));
      const bar = el('div', { class: 'highlight-bar', 'data-highlight-bar': true }, button);
      main.prepend(bar);
      button.addEventListener('click', () => {
        CSS.highlights.delete(HIGHLIGHT);
        const url = new URL(location.href);
        url.searchParams.delete('hl');
        history.replaceState(history.state, '', url);
        bar.remove();
        // The button is gone; the start of the content is where the reader was.
        main.focus({ preventScroll: true });
        live.textContent = T('highlightRemoved');
      });
      live.textContent = ranges.length === 1 ? T('highlightOne') : fill(T('highlightMany'), { n: ranges.length });
      // After the browser's own scroll to a #fragment, which comes with the load event.
      await loaded;
      scrollToFirstMark(ranges);
    })
    .catch((error) => console.error('samspil highlight:', error));
}

// ---------------------------------------------------------------------------------------------
// f. The 404 page searches the words of the missing address (`/frivillig/da/roller/bisider/`:
// `roller bisider` in Danish) and offers the best results; without a script it lists the
// homes and sections of every language.

const NOT_FOUND_MAX = 5;

// [language, query] of the address: the segments after the site's base path, the first one
// taken as the language when it is one of the site's, the rest split into words.
function missingAddressQuery(languages) {
  let path = location.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed %-escape: its words as they are.
  }
  const base = new URL(BASE, location.href).pathname;
  if (path.startsWith(base)) path = path.slice(base.length);
  const segments = path.split('/').filter(Boolean);
  let lang = LANGUAGE;
  if (segments.length > 0 && languages.has(segments[0])) lang = segments.shift();
  const words = segments
    .map((s) => s.replace(/\.(html?|php|aspx?)$/i, ''))
    .filter((s) => s !== 'index')
    .join(' ')
    .split(/[-_.\s]+/)
    .filter(Boolean);
  return [lang, words.join(' ')];
}

function initNotFound() {
  const box = doc.querySelector('[data-not-found-search]');
  const list = box?.querySelector('ul');
  if (!box || !list) return;
  const form = doc.querySelector('[data-search-form]');
  const kindLabel = (kind) => form?.getAttribute(`data-kind-${safeKind(kind)}`) || kind;
  // Every language of the switcher, those without a version of this page (no hreflang) too.
  const languages = new Set([LANGUAGE, ...[...doc.querySelectorAll('.lang-switch a[lang]')].map((a) => a.getAttribute('lang'))]);
  const [lang, query] = missingAddressQuery(languages);
  if (!query) return;
  (async () => {
    const client = await loadSearch();
    let q = query;
    let hits = await client.search(q, { languages: [lang], limit: NOT_FOUND_MAX });
    // A mistyped address ("bissidder"): the words the index knows instead.
    const suggestion = wantsSuggestion(hits) ? await client.suggest(q, { language: lang }) : null;
    if (suggestion) {
      const better = await client.search(suggestion.query, { languages: [lang], limit: NOT_FOUND_MAX });
      if (better.length > 0) [q, hits] = [suggestion.query, better];
    }
    if (hits.length === 0) return;
    list.replaceChildren(...hits.map((hit) => resultItem(hit, { titleTag: 'h3', kindLabel: kindLabel(hit.kind), staleLabel: form?.dataset.stale, query: q })));
    box.hidden = false;
  })().catch((error) => console.error('samspil search:', error));
}

// ---------------------------------------------------------------------------------------------
// A role's "print as handout" button: print CSS adds the checklists and contacts, so the
// button only opens the print dialog (same window). Hidden without a script; the note next to
// it says that printing the page gives the same handout.

function initHandout() {
  for (const wrap of doc.querySelectorAll('[data-handout-print]')) {
    wrap.querySelector('button')?.addEventListener('click', () => window.print());
    wrap.hidden = false;
  }
}

// ---------------------------------------------------------------------------------------------
// "Save for offline use" (the footer's button; src/offline.rs writes sw.js). Nothing is
// registered or stored before the reader presses it; looking for an existing registration
// stores nothing. "Remove" unregisters the worker and deletes its caches.

const OFFLINE_CACHE_PREFIX = 'samspil-offline-';

function initOffline() {
  const box = doc.querySelector('[data-offline]');
  if (!box || !('serviceWorker' in navigator) || !('caches' in window) || location.protocol === 'file:') return;
  const save = box.querySelector('[data-offline-save]');
  const remove = box.querySelector('[data-offline-remove]');
  const status = box.querySelector('[data-offline-status]');
  const scope = new URL(BASE, location.href);
  const show = (saved) => {
    save.hidden = saved;
    remove.hidden = !saved;
  };
  box.hidden = false;
  navigator.serviceWorker
    .getRegistration(scope.href)
    .then((r) => show(Boolean(r && r.scope === scope.href)))
    .catch(() => {});

  save.addEventListener('click', async () => {
    status.textContent = box.dataset.saving;
    try {
      await navigator.serviceWorker.register(new URL('sw.js', scope).href, { scope: scope.pathname });
      // Ready once the worker has stored every file and taken over.
      await navigator.serviceWorker.ready;
      show(true);
      remove.focus();
      status.textContent = box.dataset.saved;
    } catch (error) {
      console.error('samspil offline:', error);
      status.textContent = box.dataset.failed;
    }
  });

  remove.addEventListener('click', async () => {
    const r = await navigator.serviceWorker.getRegistration(scope.href);
    if (r) await r.unregister();
    for (const name of await caches.keys()) {
      if (name.startsWith(OFFLINE_CACHE_PREFIX)) await caches.delete(name);
    }
    show(false);
    save.focus();
    status.textContent = box.dataset.removed;
  });
}

// ---------------------------------------------------------------------------------------------

// Each feature on its own: a failure in one must not take the others down.
for (const init of [initLanguageChoice, initSlashKey, initChecklists, initHandout, initHeaderSearch, initSearchPage, initHighlight, initNotFound, initOffline]) {
  try {
    init();
  } catch (error) {
    console.error('samspil:', error);
  }
}
