// A role printed as a handout (issue #16): Chromium's own print-to-PDF of a role page of the
// built site, read back with pdftotext (poppler-utils), holds the role's text, the items of
// its checklists (as boxes) and its contacts' phone numbers, but not the screen-only note or
// the feedback block. On screen the printed extras stay out of sight and out of the
// accessibility tree (the cards link to the same pages), and the "print" button (JavaScript
// only) opens the print dialog in the same window. Same origin and CSP guards as everywhere.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, pages, artifactDir } from './lib/site.mjs';
import { launch, guardedContext, formatProblems } from './lib/browser.mjs';

let srv;
let browser;
let guard;
let role;

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** The first Danish role page with both checklists and contacts in its handout. */
function roleWithHandout(all) {
  const p = all.find((x) => {
    if (x.lang !== 'da' || x.kind !== 'role' || x.redirect) return false;
    const html = fs.readFileSync(x.file, 'utf8');
    return html.includes('handout-checklists') && html.includes('handout-contacts');
  });
  if (!p) throw new Error('no Danish role page lists both checklists and contacts');
  return p;
}

before(async () => {
  srv = await serve();
  role = roleWithHandout(pages(srv.dir));
  browser = await launch();
  guard = await guardedContext(browser, srv.origin);
});

after(async () => {
  if (guard) await guard.context.close();
  if (browser) await browser.close();
  if (srv) await srv.server.close();
});

/** What the handout must carry, read from the pages themselves (not from the handout). */
async function expected(page) {
  await page.goto(srv.url(role.rel));
  const title = squash(await page.locator('main h1').innerText());
  const checklistUrls = await page.locator('[aria-labelledby="rel-cl"] .card a').evaluateAll((as) => as.map((a) => a.href));
  const contactUrls = await page.locator('[aria-labelledby="rel-co"] .card a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(checklistUrls.length > 0 && contactUrls.length > 0, `${role.rel} lists no checklists or no contacts`);
  await page.goto(checklistUrls[0]);
  const items = (await page.locator('.checklist .cl-item').allTextContents()).map(squash);
  assert.ok(items.length > 0, `${checklistUrls[0]} has no checklist items`);
  let phone;
  for (const u of contactUrls) {
    await page.goto(u);
    const tel = page.locator('.contact-card a[href^="tel:"]');
    if (await tel.count()) {
      phone = squash(await tel.first().innerText());
      break;
    }
  }
  assert.ok(phone, `none of ${role.rel}'s contacts has a phone number`);
  return { title, items, phone };
}

describe('a role printed as a handout', () => {
  test("Chromium's print-to-PDF holds the role, its checklists' items as boxes and a contact's phone", async () => {
    const page = await guard.context.newPage();
    const want = await expected(page);
    await page.goto(srv.url(role.rel), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const pdf = path.join(artifactDir('handout'), 'role-da.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    fs.writeFileSync(pdf.replace(/\.pdf$/, '.txt'), text);
    assert.ok(text.includes(want.title), `the role's title "${want.title}" is not in the PDF`);
    for (const item of [want.items[0], want.items[want.items.length - 1]]) {
      assert.ok(text.includes(`☐ ${item}`), `the checklist item "${item}" is not printed as a box in the PDF:\n${text.slice(0, 3000)}`);
    }
    assert.ok(text.includes(want.phone), `the contact's phone ${want.phone} is not in the PDF`);
    const note = squash(await page.locator('.handout-tools p').first().innerText());
    assert.ok(!text.includes(note), 'the screen-only note was printed');
    await guard.collect(page);
    await page.close();
    assert.equal(guard.problems.length, 0, formatProblems(guard.problems));
  });

  test('on screen the printed extras are neither shown nor read out; in print the cards give way to them', async () => {
    const page = await guard.context.newPage();
    await page.goto(srv.url(role.rel));
    const handout = page.locator('.handout');
    assert.equal(await handout.count(), 1);
    assert.equal(await handout.evaluate((el) => getComputedStyle(el).display), 'none');
    const tree = await page.locator('main').ariaSnapshot();
    assert.ok(!/handout/i.test(tree) && (await page.locator('#handout-checklists').isHidden()), 'the handout is in the accessibility tree on screen');
    assert.ok(await page.locator('[aria-labelledby="rel-cl"]').isVisible(), 'the checklist cards are not visible on screen');
    assert.ok(await page.locator('.handout-tools p').first().isVisible(), 'the note about printing is not visible');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('#handout-checklists').isVisible(), 'the checklists are not shown in print');
    assert.ok(await page.locator('#handout-contacts').isVisible(), 'the contacts are not shown in print');
    assert.ok(await page.locator('[aria-labelledby="rel-cl"]').isHidden(), 'the checklist cards are printed too');
    assert.ok(await page.locator('.handout-tools').isHidden(), 'the print button is printed');
    await guard.collect(page);
    await page.close();
    assert.equal(guard.problems.length, 0, formatProblems(guard.problems));
  });

  test('the print button opens the print dialog in the same window, and only exists with JavaScript', async () => {
    const page = await guard.context.newPage();
    await page.goto(srv.url(role.rel));
    const button = page.locator('[data-handout-print] button');
    assert.ok(await button.isVisible(), 'no print button with JavaScript on');
    // Chromium's print dialog cannot be driven headless: count the calls instead.
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => {
        window.__printed += 1;
      };
    });
    const before = guard.context.pages().length;
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.__printed), 1, 'window.print() was not called');
    assert.equal(guard.context.pages().length, before, 'a new window was opened');
    await page.close();

    const noJs = await guardedContext(browser, srv.origin, { javaScriptEnabled: false });
    const p2 = await noJs.context.newPage();
    await p2.goto(srv.url(role.rel));
    assert.ok(await p2.locator('[data-handout-print]').isHidden(), 'a print button that does nothing without JavaScript');
    assert.ok(await p2.locator('.handout-tools p').first().isVisible(), 'the note about printing is missing without JavaScript');
    await noJs.collect(p2);
    await noJs.context.close();
    assert.equal(noJs.problems.length + guard.problems.length, 0, formatProblems([...noJs.problems, ...guard.problems]));
  });
});
