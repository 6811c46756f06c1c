// Search in a portable copy opened from disk (file://), where browsers refuse both fetch() and
// module import(). build.rs wraps client.js, the lazy modules and this file into one classic
// script, `samspil-search-classic.js`, that sets `globalThis.samspilSearch`; a portable build
// writes every data file `X.bin` a second time as `X.bin.js`, a classic script that hands the
// same bytes to `samspilSearchData` (FORMAT.md, "Portable copies"). The client reads them
// through `scriptFetch`, a stand-in for fetch: same files, same bytes, same results.

// Data handed over by a `.bin.js` script and not yet taken, by path below search/.
const delivered = new Map();

globalThis.samspilSearchData = (path, base64) => {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  delivered.set(String(path), bytes);
};

// Runs the classic script at `src` (a page's <script src>; no inline code, so CSP
// default-src 'self' allows it), resolving once it has run.
function domScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => {
      s.remove();
      resolve();
    };
    s.onerror = () => {
      s.remove();
      reject(new Error(`samspil-search: cannot load ${src}`));
    };
    document.head.append(s);
  });
}

// A fetch for createSearch: `url` below `searchRoot` (the search/ folder's URL) is answered with
// the bytes its `.bin.js` twin delivers; a twin that is missing or delivers nothing is a 404.
// `loadScript` runs a script by URL (the page's <script> by default; tests pass their own).
function scriptFetch(searchRoot, loadScript = domScript) {
  const root = String(searchRoot);
  return async (url) => {
    const href = String(url);
    const path = href.startsWith(root) ? href.slice(root.length) : null;
    if (path === null) return new Response(null, { status: 404 });
    try {
      await loadScript(`${href}.js`);
    } catch {
      return new Response(null, { status: 404 });
    }
    const bytes = delivered.get(path);
    delivered.delete(path);
    return bytes ? new Response(bytes, { status: 200 }) : new Response(null, { status: 404 });
  };
}
