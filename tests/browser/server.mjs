// A tiny static server for the browser tests (and for looking at a built site by hand).
//
// It serves one built site folder under a sub-path, as a municipality's web server would
// (https://kommune.dk/frivillig/), with the headers the README's hosting notes recommend:
// above all `Content-Security-Policy: default-src 'self'`, so every test runs under the
// strict policy, and `X-Content-Type-Options: nosniff`, so a wrong MIME type breaks the
// page here just as it would in production. A missing file gets the site's 404 page (the
// language's own when the path starts with a language folder) with status 404.
//
//   node tests/browser/server.mjs public --prefix /frivillig/ --port 8080
//
// Only node:http, node:fs and node:path; no dependencies.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// MIME types of everything samspil writes (and what a theme or content may bring along).
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.vcf': 'text/vcard; charset=utf-8',
  // Search index files: gzip-compressed by samspil itself and unpacked by the client.
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

// The headers every response gets: the hosting notes in the README recommend the same.
export const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
};

// Hashed file names (site.a296ef63e2.css) and the hash-named search shard folders never
// change content, so they may be cached for a year; everything else is revalidated.
const HASHED = /(\.[0-9a-f]{8,}\.(css|js)$)|(\/search\/[a-z]{2,3}\/[0-9a-f]{8,}\/)/;

function contentType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Starts serving `root` at `http://host:port${prefix}`.
 * @param {{ root: string, prefix?: string, host?: string, port?: number, log?: (line: string) => void }} opts
 * @returns {Promise<{ url: string, origin: string, prefix: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ root, prefix = '/frivillig/', host = '127.0.0.1', port = 0, log } = {}) {
  if (!root || !isDir(root)) throw new Error(`server: site folder ${root} does not exist`);
  const rootAbs = path.resolve(root);
  if (!prefix.startsWith('/')) prefix = `/${prefix}`;
  if (!prefix.endsWith('/')) prefix = `${prefix}/`;

  const send = (req, res, status, headers, body) => {
    res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
    if (log) log(`${status} ${req.method} ${req.url}`);
  };

  const notFound = (req, res, rel) => {
    // The language's own 404 page when the path starts with a language folder that has one.
    const first = rel.split('/')[0];
    const candidates = [];
    if (/^[a-z]{2,3}$/.test(first)) candidates.push(path.join(rootAbs, first, '404.html'));
    candidates.push(path.join(rootAbs, '404.html'));
    const page = candidates.find(isFile);
    if (page) {
      send(req, res, 404, { 'Content-Type': MIME_TYPES['.html'], 'Cache-Control': 'no-cache' }, fs.readFileSync(page));
    } else {
      send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n');
    }
  };

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method not allowed\n');
      return;
    }
    const url = new URL(req.url, 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      send(req, res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request\n');
      return;
    }
    // The site lives only under the prefix; `/frivillig` alone goes to `/frivillig/`.
    if (pathname === prefix.slice(0, -1)) {
      send(req, res, 301, { Location: prefix + url.search }, '');
      return;
    }
    if (!pathname.startsWith(prefix) || pathname.includes('\0')) {
      send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found (outside the site)\n');
      return;
    }
    const rel = pathname.slice(prefix.length);
    const abs = path.resolve(rootAbs, `.${path.posix.sep}${rel}`);
    if (abs !== rootAbs && !abs.startsWith(rootAbs + path.sep)) {
      notFound(req, res, '');
      return;
    }
    let file = abs;
    if (isDir(file)) {
      // A folder without its trailing slash: redirect, as nginx and Apache do, so that
      // relative links inside the page resolve.
      if (!pathname.endsWith('/')) {
        send(req, res, 301, { Location: `${url.pathname}/${url.search}` }, '');
        return;
      }
      file = path.join(file, 'index.html');
    }
    if (!isFile(file)) {
      notFound(req, res, rel);
      return;
    }
    const headers = {
      'Content-Type': contentType(file),
      'Cache-Control': HASHED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    send(req, res, 200, headers, fs.readFileSync(file));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const origin = `http://${host}:${actualPort}`;
  return {
    url: origin + prefix,
    origin,
    prefix,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Command line: node tests/browser/server.mjs DIR [--prefix /frivillig/] [--port 8080] [--host 127.0.0.1]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    if (i < 0) return dflt;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const prefix = opt('--prefix', '/frivillig/');
  const port = Number(opt('--port', '8080'));
  const host = opt('--host', '127.0.0.1');
  const verbose = args.includes('--verbose');
  const root = args.find((a) => !a.startsWith('--')) || 'public';
  const s = await startServer({ root, prefix, port, host, log: verbose ? (l) => console.log(l) : undefined });
  console.log(`serving ${path.resolve(root)} at ${s.url}  (Ctrl-C stops)`);
}
