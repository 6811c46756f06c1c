// "Was this page useful?" (config `feedback`, issue #16) in a real browser. The bundled site
// has it off, so the crawl in pages.test.mjs never sees it: here the valid fixture
// (tests/fixtures/valid) is built twice, with `email` and with `endpoint`, served under the
// strict CSP, and a role page of each must pass axe (WCAG 2.1 AA), show a visible focus on the
// answers, make no third-party request, and work without JavaScript: the form POSTs the
// answer, the comment and the page's address to the site's own endpoint.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, samspil } from './lib/site.mjs';
import { startServer } from './server.mjs';
import { launch, guardedContext, formatProblems, runAxe } from './lib/browser.mjs';
import { tabUntil } from './lib/ui.mjs';

const PREFIX = '/fx/';
const ROLE = 'da/roller/frivillig/';
let browser;
const sites = {};

/** Builds the valid fixture with `feedback:` set to `yaml` and serves it; { srv, base }. */
async function site(name, yaml) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `samspil-feedback-${name}-`));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const root = path.join(tmp, 'site');
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'valid'), root, { recursive: true });
  // The port is known only once the server listens; serve first, then build into its folder
  // (empty until then: a build replaces only an empty folder or one it wrote).
  const out = path.join(tmp, 'out');
  fs.mkdirSync(out);
  const srv = await startServer({ root: out, prefix: PREFIX });
  const base = `${srv.origin}${PREFIX}`;
  const config = path.join(root, 'samspil.yaml');
  fs.writeFileSync(config, `${fs.readFileSync(config, 'utf8')}feedback:\n${yaml(base)}`);
  samspil(['--root', root, 'build', '--quiet', '--base-url', base, '--output', out], { env: { SAMSPIL_TODAY: '2026-11-23' } });
  return { srv, base };
}

before(async () => {
  sites.email = await site('email', () => '  email: web@kommune.dk\n');
  // The fixture's base_url host is kommune.dk; the test server's is 127.0.0.1, and --base-url
  // only moves where the pages live, so the endpoint is given as a path on the site's host.
  sites.endpoint = await site('endpoint', () => `  endpoint: ${PREFIX}api/feedback\n`);
  browser = await launch();
}, { timeout: 5 * 60 * 1000 });

after(async () => {
  if (browser) await browser.close();
  for (const s of Object.values(sites)) await s.srv.close();
});

/** Tabs to the first focusable element in the feedback block; its outline must be visible. */
async function focusShows(page) {
  await tabUntil(page, () => !!document.activeElement?.closest('.feedback'), undefined, { max: 120, what: 'the feedback block' });
  const o = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), tag: document.activeElement.tagName };
  });
  assert.ok(o.style !== 'none' && o.width >= 2, `no visible focus on the feedback ${o.tag}: ${JSON.stringify(o)}`);
}

async function checkAccessible(name) {
  const { srv } = sites[name];
  const g = await guardedContext(browser, srv.origin);
  const page = await g.context.newPage();
  await page.goto(`${sites[name].base}${ROLE}`);
  assert.ok(await page.locator('.feedback').isVisible(), 'no feedback block');
  const violations = await runAxe(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), []);
  await focusShows(page);
  await g.collect(page);
  await g.context.close();
  assert.equal(g.problems.length, 0, formatProblems(g.problems));
}

describe('"Was this page useful?"', () => {
  test('email: two mail links in a labelled group, accessible, CSP-clean', async () => {
    await checkAccessible('email');
    const g = await guardedContext(browser, sites.email.srv.origin, { javaScriptEnabled: false });
    const page = await g.context.newPage();
    await page.goto(`${sites.email.base}${ROLE}`);
    const group = page.getByRole('list', { name: 'Var siden nyttig?' });
    const links = await group.getByRole('link').evaluateAll((as) => as.map((a) => [a.textContent, a.href]));
    assert.deepEqual(links.map(([t]) => t), ['Ja', 'Nej']);
    const pageUrl = encodeURIComponent(`${sites.email.base}${ROLE}`);
    for (const [, href] of links) assert.ok(href.startsWith('mailto:web@kommune.dk?subject=') && href.includes(pageUrl), href);
    await g.context.close();
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });

  test('endpoint: a fieldset with a legend, accessible, CSP-clean', async () => {
    await checkAccessible('endpoint');
  });

  test('endpoint, without JavaScript: the form POSTs the answer, the comment and the page address', async () => {
    const { srv, base } = sites.endpoint;
    const g = await guardedContext(browser, srv.origin, { javaScriptEnabled: false });
    const page = await g.context.newPage();
    // The endpoint is the site owner's; the test server has none, so it answers here.
    let posted;
    await page.route(`${base}api/feedback`, async (route) => {
      posted = { method: route.request().method(), body: route.request().postData() };
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' });
    });
    await page.goto(`${base}${ROLE}`);
    await page.getByRole('group', { name: 'Dit svar' }).getByLabel('Nej').check();
    await page.getByLabel('Kommentar (valgfri)').fill('Mangler telefonnummer & tider');
    await Promise.all([page.waitForURL(`${base}api/feedback`), page.getByRole('button', { name: 'Send svar' }).click()]);
    assert.equal(posted?.method, 'POST');
    const form = new URLSearchParams(posted.body);
    assert.equal(form.get('useful'), 'no');
    assert.equal(form.get('comment'), 'Mangler telefonnummer & tider');
    assert.equal(form.get('page'), `${base}${ROLE}`);
    assert.equal(form.get('lang'), 'da');
    await g.context.close();
    assert.equal(g.problems.length, 0, formatProblems(g.problems));
  });
});
