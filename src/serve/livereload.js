// samspil serve: live reload and the build-error overlay.
//
// Served by the dev server only (pages built for publishing never load it). It is an external
// script and styles the overlay through CSSOM properties, so it works under the pages'
// `default-src 'self'` Content-Security-Policy: no inline script, no style attribute, no eval.
(() => {
  'use strict';
  const me = document.currentScript;
  if (!me || !('EventSource' in window) || !('fetch' in window)) return;
  const api = new URL('./', me.src); // {base}__samspil/
  let server = null; // the server this page came from; another one means a restart
  let overlay = null;

  // The output file this tab shows, as the server names changed files.
  const here = () => {
    let p = location.pathname;
    try { p = decodeURIComponent(p); } catch (_) { /* keep it encoded */ }
    return p.endsWith('/') ? `${p}index.html` : p;
  };

  // A changed stylesheet, script, image or font can be on any page; a changed page only
  // matters to the tab showing it.
  const affectsThisTab = (changed) =>
    changed.some((p) => p === here() || !/\.(html|xml|txt|vcf|json)$/.test(p));

  const css = (el, props) => {
    for (const [k, v] of Object.entries(props)) el.style.setProperty(k, v);
    return el;
  };

  function showOverlay(status) {
    hideOverlay();
    const box = css(document.createElement('div'), {
      position: 'fixed', inset: '0', 'z-index': '2147483647', overflow: 'auto',
      background: 'rgba(24, 24, 27, 0.97)', color: '#fafafa', padding: '2rem 1.5rem',
      font: '16px/1.5 system-ui, sans-serif',
    });
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'samspil-overlay-title');
    box.setAttribute('aria-describedby', 'samspil-overlay-text');
    const inner = css(document.createElement('div'), { 'max-width': '60rem', margin: '0 auto' });
    const title = css(document.createElement('h2'), { margin: '0 0 0.5rem', 'font-size': '1.4rem', color: '#fca5a5' });
    title.id = 'samspil-overlay-title';
    title.textContent = `samspil: the build failed (${status.errors} error${status.errors === 1 ? '' : 's'})`;
    const note = css(document.createElement('p'), { margin: '0 0 1rem' });
    note.textContent = 'You are looking at the last good build. Fix the file and save: this page reloads by itself.';
    const pre = css(document.createElement('pre'), {
      margin: '0 0 1rem', padding: '1rem', background: '#000', color: '#fafafa',
      'white-space': 'pre-wrap', 'overflow-wrap': 'anywhere', 'border-radius': '4px',
      font: '14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    });
    pre.id = 'samspil-overlay-text';
    pre.textContent = status.text; // text, never HTML: messages quote the author's files
    const close = css(document.createElement('button'), {
      font: 'inherit', padding: '0.5rem 1rem', 'min-height': '44px', cursor: 'pointer',
      background: '#fafafa', color: '#18181b', border: '2px solid #fafafa', 'border-radius': '4px',
    });
    close.type = 'button';
    close.textContent = 'Hide until the next build';
    close.addEventListener('click', hideOverlay);
    inner.append(title, note, pre, close);
    box.append(inner);
    box.addEventListener('keydown', (e) => { if (e.key === 'Escape') hideOverlay(); });
    document.body.append(box);
    overlay = box;
    close.focus({ preventScroll: true });
  }

  function hideOverlay() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  async function sync() {
    let status;
    try {
      const r = await fetch(new URL('status', api), { cache: 'no-store' });
      status = await r.json();
    } catch (_) {
      return; // the server is down; EventSource keeps trying and calls us again
    }
    if (server !== null && status.server !== server) {
      location.reload();
      return;
    }
    server = status.server;
    if (status.ok) hideOverlay();
    else showOverlay(status);
  }

  const events = new EventSource(new URL('events', api));
  events.addEventListener('build', (e) => {
    let event;
    try { event = JSON.parse(e.data); } catch (_) { return; }
    if (!event.ok) {
      sync();
    } else if (overlay || event.all || affectsThisTab(event.changed || [])) {
      location.reload();
    }
  });
  // On first connect and after a reconnect: a restarted server or a build that failed while
  // we were away shows up here.
  events.addEventListener('open', sync);
})();
