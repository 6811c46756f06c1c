// Tests of the test harness itself, on a small fixture (tests/browser/fixtures/harness/), so
// that "no violations" on the real site means something: the server sends the right headers
// and MIME types, and the guards do catch an axe violation, a CSP violation, a third-party
// request and sideways scrolling when there is one.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launch, guardedContext, runAxe, horizontalOverflow } from './lib/browser.mjs';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'harness');

let srv;
before(async () => {
  srv = await startServer({ root: FIXTURE, prefix: '/fx/' });
});
after(async () => {
  if (srv) await srv.close();
});

describe('the test server', () => {
  test('sends the strict CSP and the other security headers on every response', async () => {
    for (const p of ['', 'good.html', 'nope', 'da/sub/contact.vcf']) {
      const res = await fetch(srv.url + p);
      assert.equal(res.headers.get('content-security-policy'), "default-src 'self'", p);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
      assert.ok(res.headers.get('referrer-policy'), p);
      assert.ok(res.headers.get('permissions-policy'), p);
    }
  });

  test('MIME types', async () => {
    const cases = {
      '': 'text/html; charset=utf-8',
      'site.css': 'text/css; charset=utf-8',
      'pixel.svg': 'image/svg+xml',
      'da/sub/contact.vcf': 'text/vcard; charset=utf-8',
      'da/sub/shard.bin': 'application/octet-stream',
    };
    for (const [p, type] of Object.entries(cases)) {
      const res = await fetch(srv.url + p);
      assert.equal(res.status, 200, p);
      assert.equal(res.headers.get('content-type'), type, p);
    }
  });

  test("a missing page gets the site's 404 page (the language's own) with status 404", async () => {
    let res = await fetch(`${srv.url}da/nope/`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /Siden findes ikke \(da\)/);
    res = await fetch(`${srv.url}nope/`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /Siden findes ikke \(rod\)/);
  });

  test('folders without a trailing slash redirect; nothing outside the sub-path or the folder is served', async () => {
    let res = await fetch(`${srv.url}da/sub`, { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/fx/da/sub/');
    res = await fetch(`${srv.origin}/fx`, { redirect: 'manual' });
    assert.equal(res.status, 301);
    res = await fetch(`${srv.origin}/good.html`);
    assert.equal(res.status, 404);
    res = await fetch(`${srv.url}..%2f..%2fpackage.json`);
    assert.equal(res.status, 404);
    res = await fetch(`${srv.url}good.html`, { method: 'POST' });
    assert.equal(res.status, 405);
  });
});

describe('the browser guards', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
  });

  test('catch an axe violation, a CSP violation, a third-party request and sideways scrolling', async () => {
    const g = await guardedContext(browser, srv.origin);
    const page = await g.context.newPage();
    await page.goto(`${srv.url}index.html`);
    const violations = await runAxe(page);
    assert.ok(violations.some((v) => v.id === 'image-alt'), `axe found: ${violations.map((v) => v.id)}`);
    await g.collect(page);
    assert.notEqual(await page.title(), 'inline script ran', 'the inline script ran: no CSP in force');
    assert.ok(g.problems.some((p) => p.type === 'CSP violation'), JSON.stringify(g.problems));
    assert.ok(g.problems.some((p) => p.type === 'third-party request' && p.detail.startsWith('https://tracker.example/')), JSON.stringify(g.problems));
    await page.setViewportSize({ width: 320, height: 640 });
    const o = await horizontalOverflow(page);
    assert.ok(o.over > 200, `overflow ${o.over}`);
    assert.ok(o.culprits.some((c) => c.startsWith('div.wide')), o.culprits.join('; '));
    await g.context.close();
  });

  test('report nothing on a clean page', async () => {
    const g = await guardedContext(browser, srv.origin);
    const page = await g.context.newPage();
    await page.goto(`${srv.url}good.html`);
    assert.deepEqual(await runAxe(page), []);
    await g.collect(page);
    assert.deepEqual(g.problems, []);
    await page.setViewportSize({ width: 320, height: 640 });
    assert.equal((await horizontalOverflow(page)).over, 0);
    await g.context.close();
  });
});
