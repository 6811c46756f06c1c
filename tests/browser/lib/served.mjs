// The setup most browser test files share: the bundled site served once for the file, one
// Chromium, and guarded contexts (browser.mjs) that are all closed after the file's tests.
// Call at the top level of a test file; the fields are filled in its `before` hook.

import { before, after } from 'node:test';
import { serve, pages } from './site.mjs';
import { launch, guardedContext } from './browser.mjs';

/**
 * Registers the file's `before`/`after` hooks and returns { srv, all, browser, context }:
 * `srv` as `serve()` gives it, `all` the site's pages (`pages()`), and `context(options)` a
 * new guarded context, closed with the rest in `after`.
 */
export function servedSite() {
  const guards = [];
  const served = {
    srv: null,
    all: null,
    browser: null,
    async context(options) {
      const g = await guardedContext(served.browser, served.srv.origin, options);
      guards.push(g);
      return g;
    },
  };
  before(async () => {
    served.srv = await serve();
    served.all = pages(served.srv.dir);
    served.browser = await launch();
  });
  after(async () => {
    for (const g of guards) await g.context.close().catch(() => {});
    if (served.browser) await served.browser.close();
    if (served.srv) await served.srv.server.close();
  });
  return served;
}
