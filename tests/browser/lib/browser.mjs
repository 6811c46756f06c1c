// Headless Debian Chromium through playwright-core, with guards on every page:
// requests to other origins, CSP violations, script errors and failed requests are recorded
// and turned into test failures by the tests.
//
// No Playwright-managed browser: `npx playwright install` cannot download on this machine
// and is not wanted in CI, so we drive the system's /usr/bin/chromium (Debian package
// `chromium`; scripts/test-all.sh installs it). CHROMIUM_PATH overrides the path.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// axe-core's source, evaluated in each page through the DevTools protocol. A page's CSP does
// not govern DevTools evaluation, so axe runs under the site's real policy: no bypassCSP
// anywhere, and the CSP checks below see exactly what a visitor's browser would.
export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Launches one browser for a test file. */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/test-all.sh does) or set CHROMIUM_PATH`);
  }
  // Playwright adds --headless and a fresh temporary --user-data-dir of its own (removed on
  // close). The rest keep Chromium from calling home: this machine's network is closed and
  // CI must never depend on it. host-resolver-rules makes every name but the loopback test
  // server unresolvable, so a third-party request can never leave the machine; the request
  // listeners below still see (and fail on) the attempt.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
    env: { ...process.env, TMPDIR: os.tmpdir() },
  });
}

// Runs in every document before the page's own scripts (injected by DevTools, so the CSP
// does not block it): collects securitypolicyviolation events, which the console messages
// do not always report (e.g. violations inside workers or for report-only reasons).
const INIT_SCRIPT = `(() => {
  const list = [];
  Object.defineProperty(window, '__samspilCsp', { value: list, configurable: false });
  document.addEventListener('securitypolicyviolation', (e) => {
    list.push({ directive: e.violatedDirective || e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
  }, true);
})();`;

/**
 * A new browser context with the guards installed. `problems` collects every third-party
 * request, CSP violation, script error and failed same-origin request as
 * { type, page, detail }; `collect(page)` adds the page's securitypolicyviolation events.
 */
export async function guardedContext(browser, siteOrigin, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'da-DK',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
    ...options,
  });
  const problems = [];
  const where = (page) => {
    try {
      return new URL(page.url()).pathname;
    } catch {
      return page.url();
    }
  };
  await context.addInitScript({ content: INIT_SCRIPT });
  const watch = (page) => {
    page.on('request', (req) => {
      const u = req.url();
      if (/^(data|blob|about):/.test(u)) return;
      let origin;
      try {
        origin = new URL(u).origin;
      } catch {
        origin = u;
      }
      if (origin !== siteOrigin) problems.push({ type: 'third-party request', page: where(page), detail: u });
    });
    page.on('console', (msg) => {
      const text = msg.text();
      if (/Content Security Policy/i.test(text)) problems.push({ type: 'CSP violation', page: where(page), detail: text });
      else if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 404/.test(text)) {
        problems.push({ type: 'console error', page: where(page), detail: text });
      }
    });
    page.on('pageerror', (err) => problems.push({ type: 'script error', page: where(page), detail: String(err && err.stack ? err.stack.split('\n').slice(0, 3).join(' | ') : err) }));
    page.on('response', (res) => {
      const u = res.url();
      if (!u.startsWith(siteOrigin)) return;
      // A navigation to a missing page is tested on purpose (404 page); anything else the
      // page loads must exist.
      if (res.status() >= 400 && !(res.request().isNavigationRequest() && page.__expect404)) {
        problems.push({ type: `HTTP ${res.status()}`, page: where(page), detail: u });
      }
    });
    page.on('requestfailed', (req) => {
      const u = req.url();
      if (!u.startsWith(siteOrigin)) return; // already reported as third-party
      const f = req.failure();
      // Requests cut off by the next navigation (the favicon, a superseded page load) are not
      // failures; a missing file shows up as an HTTP status above.
      if (f && /ERR_ABORTED/.test(f.errorText)) return;
      problems.push({ type: 'failed request', page: where(page), detail: `${u}: ${f ? f.errorText : ''}` });
    });
  };
  context.on('page', watch);
  const collect = async (page) => {
    const list = await page.evaluate(() => window.__samspilCsp || []).catch(() => []);
    for (const v of list) {
      problems.push({ type: 'CSP violation', page: where(page), detail: `${v.directive} blocked ${v.blocked || '(inline)'} ${v.source ? `at ${v.source}:${v.line}` : ''} ${v.sample || ''}`.trim() });
    }
    // Clear them so a later collect on the same document does not count them twice.
    await page.evaluate(() => window.__samspilCsp && window.__samspilCsp.splice(0)).catch(() => {});
  };
  return { context, problems, collect };
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the loaded page; returns its violations. */
export async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** Horizontal overflow of the page at the current viewport: 0 when nothing scrolls sideways. */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const de = document.documentElement;
    const over = de.scrollWidth - de.clientWidth;
    if (over <= 0) return { over: 0, culprits: [] };
    // Name what sticks out, to make the failure actionable: elements whose box ends right
    // of the viewport, and the innermost elements whose content (a long word, a URL, a wide
    // table) is wider than their box.
    const w = de.clientWidth;
    const name = (el) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ''}`;
    };
    const boxes = [];
    const contents = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > w + 1) boxes.push(el);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible') contents.push(el);
    }
    const innermost = (list) => list.filter((el) => !list.some((o) => o !== el && el.contains(o)));
    const culprits = [
      ...innermost(boxes).slice(0, 3).map((el) => `${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)}px`),
      ...innermost(contents).slice(0, 3).map((el) => `${name(el)} content ${el.scrollWidth}px in a ${el.clientWidth}px box`),
    ];
    return { over, culprits };
  });
}

/** Groups problems as "type\n  page: detail" lines for an assertion message. */
export function formatProblems(problems, limit = 60) {
  const byType = new Map();
  for (const p of problems) {
    if (!byType.has(p.type)) byType.set(p.type, []);
    byType.get(p.type).push(p);
  }
  const lines = [];
  for (const [type, list] of byType) {
    lines.push(`${type} (${list.length}):`);
    for (const p of list.slice(0, limit)) lines.push(`  ${p.page}: ${p.detail}`);
    if (list.length > limit) lines.push(`  … and ${list.length - limit} more`);
  }
  return lines.join('\n');
}

/** Runs `fn` over `items` with at most `n` at a time. */
export async function pool(items, n, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

export function tmpFile(name) {
  return path.join(os.tmpdir(), name);
}
