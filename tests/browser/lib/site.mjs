// Which built site the browser tests look at, and what is in it.
//
// scripts/test-all.sh builds the bundled site once and passes it on:
//   SAMSPIL_SITE_DIR  the built folder (what is served under the sub-path)
//   SAMSPIL_SITE_URL  the base_url it was built with, e.g. http://127.0.0.1:4173/frivillig/
// The tests serve the folder at exactly that address, so canonical and hreflang links in the
// pages are real addresses on the test server, as they are on a real host.
//
// SAMSPIL_EXTERNAL_SERVER=1: another server already serves SAMSPIL_SITE_DIR at SAMSPIL_SITE_URL.
//
// Without SAMSPIL_SITE_DIR (running `node --test tests/browser/` by hand) the site is built
// here into a temporary folder with the debug binary (as scripts/test-all.sh uses);
// SAMSPIL_SITE_ROOT picks another site source folder (the one with samspil.yaml) than the
// bundled one.
//
// Every test that builds a site of its own runs the binary through `samspil()` below, never
// `cargo run`: from inside the browser step, cargo would compile the library again with
// another feature set, which doubled the target folder and filled CI's disk.
// SAMSPIL_BIN names the binary (scripts/test-all.sh passes the one `cargo test` built).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ARTIFACTS = path.join(REPO, 'tests', 'artifacts');
// The site's languages, as its root language chooser lists them (hreflang alternates); the
// bundled site's when the site is yet to be built.
export const LANGUAGES = siteLanguages();

function siteLanguages() {
  const root = process.env.SAMSPIL_SITE_DIR && path.join(process.env.SAMSPIL_SITE_DIR, 'index.html');
  if (root && fs.existsSync(root)) {
    const html = fs.readFileSync(root, 'utf8');
    const found = [...html.matchAll(/hreflang="?([A-Za-z-]+)/g)].map((m) => m[1]).filter((l) => l !== 'x-default');
    if (found.length) return [...new Set(found)];
  }
  return ['da', 'sv', 'nb'];
}

/** A port nothing listens on, for a server a test starts itself. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let binary;

/** The samspil binary: SAMSPIL_BIN, or the debug build (built once here when run by hand). */
function samspilBinary() {
  if (binary) return binary;
  if (process.env.SAMSPIL_BIN) {
    binary = path.resolve(process.env.SAMSPIL_BIN);
    if (!fs.existsSync(binary)) throw new Error(`SAMSPIL_BIN=${binary} does not exist; build it with \`cargo build --bin samspil\``);
    return binary;
  }
  execFileSync('cargo', ['build', '--quiet', '--bin', 'samspil'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
  binary = path.join(target, 'debug', 'samspil');
  return binary;
}

/** Runs samspil with `args` (output to the test's own output); throws when it fails. */
export function samspil(args, { env } = {}) {
  execFileSync(samspilBinary(), args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

/**
 * Builds the site source folder `root` for a free loopback port under /frivillig/ (the site's
 * date fixed, so tests do not age) into `out` and serves it there: { base, out, build, server }.
 * `build()` builds again into the same folder (the server keeps serving it).
 */
export async function buildAndServe(root, out) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/frivillig/`;
  const build = () =>
    samspil(['--root', root, 'build', '--quiet', '--base-url', base, '--output', out], { env: { SAMSPIL_TODAY: '2026-11-23' } });
  build();
  const server = await startServer({ root: out, prefix: '/frivillig/', port });
  return { base, out, build, server };
}

let cached;

/** The built site: { dir, baseUrl, origin, prefix }. Builds it when the environment names none. */
export async function site() {
  if (cached) return cached;
  let dir = process.env.SAMSPIL_SITE_DIR;
  let baseUrl = process.env.SAMSPIL_SITE_URL;
  if (dir) {
    if (!baseUrl) throw new Error('SAMSPIL_SITE_DIR is set but SAMSPIL_SITE_URL (the base_url it was built with) is not');
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`SAMSPIL_SITE_DIR=${dir} holds no built site (no index.html)`);
  } else {
    baseUrl = `http://127.0.0.1:${await freePort()}/frivillig/`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-browser-'));
    process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
    dir = path.join(tmp, 'frivillig');
    const args = ['build', '--quiet', '--base-url', baseUrl, '--output', dir];
    if (process.env.SAMSPIL_SITE_ROOT) args.push('--root', process.env.SAMSPIL_SITE_ROOT);
    samspil(args);
  }
  const u = new URL(baseUrl);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') {
    throw new Error(`SAMSPIL_SITE_URL must be a loopback address (it is ${baseUrl})`);
  }
  cached = { dir: path.resolve(dir), baseUrl: u.href, origin: u.origin, prefix: u.pathname };
  return cached;
}

/**
 * Serves the site at its base_url; returns the server (close it in `after`). With
 * SAMSPIL_EXTERNAL_SERVER=1 the site is already served there by another server (nginx with the
 * README's configuration, say), and the tests run against that.
 */
export async function serve() {
  const s = await site();
  const server =
    process.env.SAMSPIL_EXTERNAL_SERVER === '1'
      ? { close: async () => {} }
      : await startServer({ root: s.dir, prefix: s.prefix, port: Number(new URL(s.baseUrl).port) });
  return { ...s, server, url: (rel = '') => new URL(rel, s.baseUrl).href };
}

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const REFRESH = /<meta\b[^>]*http-equiv=["']?refresh["']?[^>]*>/i;

/**
 * Every HTML page of the built site, sorted:
 * { rel: 'da/roller/bisidder/', file, lang, redirect, kind } where `rel` is the address below
 * the base URL, `redirect` is true for redirect stubs (such as /was), and `kind` is the page's
 * kind (role, checklist, contact, ...) when it has one.
 */
export function pages(dir) {
  return walk(dir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const relFile = path.relative(dir, file).split(path.sep).join('/');
      const rel = relFile === 'index.html' ? '' : relFile.endsWith('/index.html') ? relFile.slice(0, -'index.html'.length) : relFile;
      const html = fs.readFileSync(file, 'utf8');
      const lang = (html.match(/<html\b[^>]*\blang=["']?([A-Za-z-]+)/i) || [])[1] || '';
      const kind = (html.match(/class=["']?page kind-([a-z]+)/) || [])[1] || '';
      return { rel, file, lang, redirect: REFRESH.test(html), kind, checklist: /data-checklist=/.test(html) };
    })
    .sort((a, b) => a.rel.localeCompare(b.rel));
}

/** The first page of a kind in a language (role, checklist, contact), for the scenario tests. */
export function pageOfKind(all, kind, lang = 'da') {
  const p = all.find((x) => x.lang === lang && !x.redirect && (kind === 'checklist' ? x.checklist : x.kind === kind));
  if (!p) throw new Error(`the built site has no ${kind} page in ${lang}`);
  return p;
}

/** Search words that occur in every build of the bundled content, per language. */
export const QUERIES = {
  da: 'tavshedspligt',
  sv: 'tystnadsplikt',
  nb: 'taushetsplikt',
};

/** The search page's address per language (its folder name comes from the theme's i18n). */
export function searchPage(all, lang) {
  const p = all.find((x) => x.lang === lang && /^[a-z]+\/(soeg|sok|search)\/$/.test(x.rel));
  if (!p) throw new Error(`no search page found for ${lang}`);
  return p;
}

/** tests/artifacts/ (or a folder in it, for a second site such as examples/kommune). */
export function artifactDir(...parts) {
  const d = path.join(ARTIFACTS, process.env.SAMSPIL_ARTIFACTS_SUBDIR || '', ...parts);
  fs.mkdirSync(d, { recursive: true });
  return d;
}
