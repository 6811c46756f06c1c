// samspil's service worker: the offline copy of the site. Registered only when a reader presses
// "Save for offline use" (site.js); until then nothing is stored. It keeps every file of this
// build in one cache named after the build, answers from it first, and deletes the caches of
// earlier builds when it takes over. A new build writes a new sw.js (its VERSION and FILES
// change), which the browser notices on the next visit and installs in its place.
'use strict';

const VERSION = '@VERSION@';
// Every file of the build, relative to this script's folder (the site's root).
const FILES = @FILES@;
const PREFIX = 'samspil-offline-';
const CACHE = `${PREFIX}${VERSION}`;
const ROOT = new URL('./', self.location.href);
// Requests at once while saving: a large site should not open thousands together.
const BATCH = 16;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (let i = 0; i < FILES.length; i += BATCH) {
        await cache.addAll(FILES.slice(i, i + BATCH).map((f) => new URL(f, ROOT).href));
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The cached answer for `url`: as it is, or the folder for its index.html and back (a
// portable copy served over HTTP links `index.html` explicitly).
async function cached(cache, url) {
  const u = new URL(url);
  u.hash = '';
  const hit = await cache.match(u.href, { ignoreSearch: true });
  if (hit) return hit;
  if (u.pathname.endsWith('/index.html')) u.pathname = u.pathname.slice(0, -'index.html'.length);
  else if (u.pathname.endsWith('/')) u.pathname += 'index.html';
  else return undefined;
  return cache.match(u.href, { ignoreSearch: true });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(ROOT.href)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cached(cache, request.url);
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (error) {
        const notFound = await cache.match(new URL('404.html', ROOT).href);
        if (notFound && request.mode === 'navigate') return notFound;
        throw error;
      }
    })(),
  );
});
