#!/usr/bin/env node
// Benchmark (issue #3): samspil's search against Pagefind on the same built 10,000-page site,
// side by side in one run. Not a test: it prints a table and writes
// target/bench-corpus/search-bench.json. See benches/README.md.
//
//   node benches/search_vs_pagefind.mjs            full run (builds, indexes, browser)
//   BENCH_RUNS=3 node benches/search_vs_pagefind.mjs   more build runs (median; default 3)
//   node benches/search_vs_pagefind.mjs --browser-only  reuse the last built site, skip timing
//
// Needs: the corpus from `BENCH_RUNS=1 cargo bench --bench build_vs_hugo` (run here when
// missing), GNU time (/usr/bin/time), Debian's chromium (/usr/bin/chromium), Node 20, npm.
// Pagefind and (if the project has none) playwright-core are installed into target/bench-node.
//
// What is measured, and how:
// 1. Index time: `samspil build` with and without search (`search: false` in a copy of the
//    corpus's samspil.yaml), each into an empty folder; the difference in wall and in CPU
//    (user + sys) time, plus the build's own "search N ms" (the wall time of the search step).
//    Pagefind: its binary (what `npx pagefind` runs) on the built site. Peak RSS from GNU time.
// 2. Index size and file count: search/ and pagefind/ in the built site.
// 3. Bytes: a node:http server serves the built site under its base path, gzips text
//    (html/js/css/json/svg/xml/txt) like a typical host and leaves binary files (samspil's
//    .bin, Pagefind's .pf_* and .pagefind, already gzip) as they are, and counts the body
//    bytes it sends per request (compressed, headers not counted). A fresh browser context
//    loads the Danish home page; only requests after the load are counted (module, index,
//    fragments). Pagefind runs with the page's CSP removed; it is then tried under the
//    site's own `default-src 'self'` (meta) and under the same policy as a header.
// 4. Latency: one page per engine, one warm-up query, then the same 100 queries (1-3 words
//    drawn from the Danish corpus text), each timed in the page with performance.now()
//    around search() and the 5 shown results' fragments (Pagefind: search() + data()).

import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const PAGEFIND_VERSION = '1.6.0';
const PLAYWRIGHT_VERSION = '1.65.1'; // the project's devDependency pin
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'target/bench-corpus');
const CORPUS = path.join(WORK, 'samspil');
const BENCH = path.join(WORK, 'search-bench');
const SITE = path.join(BENCH, 'site');
const ROOT_NOSEARCH = path.join(BENCH, 'root-nosearch');
const NODE_DIR = path.join(ROOT, 'target/bench-node');
const SAMSPIL = path.join(ROOT, 'target/release/samspil');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 3));
const QUERIES = Math.max(1, Number(process.env.BENCH_QUERIES || 100));
const LATENCY_ROUNDS = Math.max(1, Number(process.env.BENCH_LATENCY_ROUNDS || 2));
const BROWSER_ONLY = process.argv.includes('--browser-only');
const LANG = 'da';
export const FIRST_QUERY = 'frivillige';
const THREE_WORDS = 'frivillige kommunen tavshedspligt';
const SEARCH_LIMIT = 5;

const log = (...a) => console.log(...a);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}

function must(cmd, args, opts = {}) {
  const r = run(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

// ---- setup

function ensureCorpus() {
  if (fs.existsSync(path.join(CORPUS, 'samspil.yaml'))) return;
  log('corpus missing: generating it with `BENCH_RUNS=1 cargo bench --bench build_vs_hugo` ...');
  // That bench generates the corpus first; a missing Hugo only fails it after that.
  run('cargo', ['bench', '--bench', 'build_vs_hugo'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BENCH_RUNS: '1' } });
  if (!fs.existsSync(path.join(CORPUS, 'samspil.yaml'))) {
    throw new Error('no corpus in target/bench-corpus/samspil: run `BENCH_RUNS=1 cargo bench --bench build_vs_hugo` first');
  }
}

function npmInstall(spec) {
  fs.mkdirSync(NODE_DIR, { recursive: true });
  must('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', NODE_DIR, spec]);
}

function pagefindBinary() {
  const bin = path.join(NODE_DIR, 'node_modules/@pagefind/linux-x64/bin');
  const version = () => {
    try {
      return JSON.parse(fs.readFileSync(path.join(NODE_DIR, 'node_modules/pagefind/package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  if (version() !== PAGEFIND_VERSION || !fs.existsSync(bin)) npmInstall(`pagefind@${PAGEFIND_VERSION}`);
  // The npm wrapper (lib/runner/bin.cjs) runs pagefind_extended when present, else pagefind;
  // run that binary directly so Node's start-up is not counted against Pagefind.
  for (const name of ['pagefind_extended', 'pagefind']) {
    if (fs.existsSync(path.join(bin, name))) return path.join(bin, name);
  }
  throw new Error(`no Pagefind binary in ${bin}`);
}

function loadPlaywright() {
  for (const dir of [ROOT, NODE_DIR]) {
    const req = createRequire(path.join(dir, 'package.json'));
    try {
      return req('playwright-core');
    } catch {
      /* next */
    }
  }
  npmInstall(`playwright-core@${PLAYWRIGHT_VERSION}`);
  return createRequire(path.join(NODE_DIR, 'package.json'))('playwright-core');
}

function corpusInfo() {
  const yaml = fs.readFileSync(path.join(CORPUS, 'samspil.yaml'), 'utf8');
  const baseUrl = (yaml.match(/^base_url:\s*(\S+)/m) || [])[1] || '/';
  let pages = 0;
  for (const f of walk(path.join(CORPUS, 'content'))) if (/\/p\d+\.\w+\.md$/.test(f)) pages++;
  return { basePath: new URL(baseUrl, 'http://x/').pathname, pages };
}

export function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

function dirSize(dir) {
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(dir)) return { files, bytes };
  for (const f of walk(dir)) {
    files++;
    bytes += fs.statSync(f).size;
  }
  return { files, bytes };
}

// ---- 1. timed builds

function timed(cmd, args) {
  const report = path.join(os.tmpdir(), `samspil-bench-time-${process.pid}.txt`);
  const r = run('/usr/bin/time', ['-f', '%e %M %U %S', '-o', report, cmd, ...args], { cwd: ROOT });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const [wall, kb, user, sys] = fs.readFileSync(report, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  fs.rmSync(report, { force: true });
  return { wall, cpu: user + sys, user, sys, peakMB: kb / 1024, out: r.stdout + r.stderr };
}

// Timed builds go into folders of their own on a RAM file system when there is one, and nothing
// is deleted until all runs are done: on the work disk (ext4 without a journal), creating files
// right after a large tree was deleted costs seconds of kernel time (see benches/README.md).
const RUNS_DIR = fs.existsSync('/dev/shm') ? '/dev/shm/samspil-search-bench' : path.join(BENCH, 'runs');

function samspilBuild(root, out) {
  fs.rmSync(out, { recursive: true, force: true });
  const t = timed(SAMSPIL, ['build', '--root', root, '--output', out]);
  const m = t.out.match(/\(search (\d+) ms\)/);
  return { ...t, searchMs: m ? Number(m[1]) : null };
}

function pagefindIndex(bin, site) {
  const out = path.join(site, 'pagefind');
  fs.rmSync(out, { recursive: true, force: true });
  const t = timed(bin, ['--site', site, '--output-path', out]);
  const pages = Number((t.out.match(/Indexed (\d+) pages/) || [])[1]) || null;
  return { ...t, pages };
}

export const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const percentile = (v, p) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function timeBuilds(pfBin) {
  fs.mkdirSync(ROOT_NOSEARCH, { recursive: true });
  const yaml = fs.readFileSync(path.join(CORPUS, 'samspil.yaml'), 'utf8').replace(/^search:.*\n?/m, '');
  fs.writeFileSync(path.join(ROOT_NOSEARCH, 'samspil.yaml'), `${yaml.trimEnd()}\nsearch: false\n`);
  const link = path.join(ROOT_NOSEARCH, 'content');
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(path.join(CORPUS, 'content'), link);

  fs.rmSync(RUNS_DIR, { recursive: true, force: true });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so load from other processes spreads over all three.
    const site = path.join(RUNS_DIR, `site-${i}`);
    const withSearch = samspilBuild(CORPUS, site);
    const pagefind = pagefindIndex(pfBin, site);
    const without = samspilBuild(ROOT_NOSEARCH, path.join(RUNS_DIR, `nosearch-${i}`));
    const r = { withSearch, without, pagefind };
    for (const k of Object.keys(r)) delete r[k].out;
    runs.push(r);
    log(
      `build run ${i + 1}/${RUNS}: samspil ${withSearch.wall.toFixed(2)} s (cpu ${withSearch.user.toFixed(2)}+${withSearch.sys.toFixed(2)} s, search ${withSearch.searchMs} ms, ${withSearch.peakMB.toFixed(0)} MB)` +
        ` | without search ${without.wall.toFixed(2)} s (cpu ${without.user.toFixed(2)}+${without.sys.toFixed(2)} s, ${without.peakMB.toFixed(0)} MB)` +
        ` | pagefind ${pagefind.wall.toFixed(2)} s (cpu ${pagefind.user.toFixed(2)}+${pagefind.sys.toFixed(2)} s, ${pagefind.peakMB.toFixed(0)} MB, ${pagefind.pages} pages)`,
    );
  }
  // Median and minimum of each figure: on a shared machine the minimum is the run least
  // disturbed by other processes, the median the typical one.
  // The last run's site (samspil search and Pagefind index) is the one the browser part serves.
  fs.rmSync(SITE, { recursive: true, force: true });
  fs.cpSync(path.join(RUNS_DIR, `site-${RUNS - 1}`), SITE, { recursive: true });
  fs.rmSync(RUNS_DIR, { recursive: true, force: true });
  const stat = (f) => ({ median: median(runs.map(f)), min: Math.min(...runs.map(f)) });
  const diff = (x, y) => ({ median: x.median - y.median, min: x.min - y.min });
  const max = (f) => Math.max(...runs.map(f));
  const sWall = stat((r) => r.withSearch.wall);
  const sCpu = stat((r) => r.withSearch.cpu);
  const nWall = stat((r) => r.without.wall);
  const nCpu = stat((r) => r.without.cpu);
  // User time: the least disturbed figure here (writing 110 MB of pages inflates sys time,
  // and other processes inflate wall time).
  const sUser = stat((r) => r.withSearch.user);
  const nUser = stat((r) => r.without.user);
  return {
    runs,
    samspil: {
      searchStep: stat((r) => r.withSearch.searchMs / 1000),
      wallDiff: diff(sWall, nWall),
      cpuDiff: diff(sCpu, nCpu),
      userDiff: diff(sUser, nUser),
      buildWall: sWall,
      buildCpu: sCpu,
      buildWallNoSearch: nWall,
      buildCpuNoSearch: nCpu,
      peakMB: max((r) => r.withSearch.peakMB),
      peakMBNoSearch: max((r) => r.without.peakMB),
    },
    pagefind: {
      wall: stat((r) => r.pagefind.wall),
      cpu: stat((r) => r.pagefind.cpu),
      user: stat((r) => r.pagefind.user),
      peakMB: max((r) => r.pagefind.peakMB),
      pages: runs[0].pagefind.pages,
    },
  };
}

// ---- queries: words from the Danish corpus text, the same list for both engines

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each query takes 1-3 words (in turn) of 4+ letters from one random Danish page, so
// multi-word queries are words that really occur together (Pagefind ANDs its terms).
// Exported (with the corpus folder as a parameter) so search_ui_latency.mjs types the same queries.
export function makeQueries(n, corpus = CORPUS) {
  const files = [...walk(path.join(corpus, 'content'))].filter((f) => /\/p\d+\.da\.md$/.test(f));
  const rand = rng(20260823);
  const out = new Set();
  for (let i = 0; out.size < n && i < n * 20; i++) {
    const text = fs.readFileSync(files[Math.floor(rand() * files.length)], 'utf8').split('---').slice(2).join(' ');
    const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter((w) => [...w].length >= 4);
    const want = 1 + (out.size % 3);
    const q = [];
    for (let k = 0; k < 50 && q.length < want && words.length > 0; k++) {
      const w = words[Math.floor(rand() * words.length)];
      if (!q.includes(w)) q.push(w);
    }
    if (q.length === want && ![FIRST_QUERY, THREE_WORDS].includes(q.join(' '))) out.add(q.join(' '));
  }
  return [...out];
}

// ---- 3. static server: gzip for text like a typical host, bytes counted per response

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};
const CSP = "default-src 'self'";
const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/gi;

function startServer(site, basePath) {
  const state = { csp: 'none', log: [], inflight: 0 }; // csp: none | meta | header
  const cache = new Map();
  const server = http.createServer((req, res) => {
    state.inflight++;
    res.on('close', () => state.inflight--);
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(basePath)) return notFound(res, rel);
    rel = rel.slice(basePath.length);
    let file = path.join(site, rel);
    if (!file.startsWith(site)) return notFound(res, rel);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return notFound(res, rel);
    const ext = path.extname(file);
    const type = TYPES[ext];
    const key = `${file}|${state.csp}`;
    if (!cache.has(key)) {
      let body = fs.readFileSync(file);
      if (ext === '.html' && state.csp === 'none') body = Buffer.from(body.toString('utf8').replace(CSP_META, ''));
      cache.set(key, type ? zlib.gzipSync(body, { level: 6 }) : body);
    }
    const body = cache.get(key);
    const headers = {
      'Content-Type': type || (ext === '.wasm' ? 'application/wasm' : 'application/octet-stream'),
      'Content-Length': body.length,
      'Cache-Control': 'public, max-age=600',
    };
    if (type) headers['Content-Encoding'] = 'gzip';
    if (state.csp === 'header') headers['Content-Security-Policy'] = CSP;
    res.writeHead(200, headers);
    res.end(body);
    state.log.push({ path: rel, bytes: body.length, raw: fs.statSync(file).size });
  });
  function notFound(res, rel) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
    state.log.push({ path: rel, bytes: 9, status: 404 });
  }
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, state, origin: `http://127.0.0.1:${server.address().port}` })));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function quiet(state) {
  // Until no request is in flight and none arrived for 300 ms (catches trailing prefetches).
  let n = -1;
  for (let i = 0; i < 100; i++) {
    if (state.inflight === 0 && state.log.length === n) return;
    n = state.log.length;
    await sleep(300);
  }
}

// In the page: load the engine, run one query, fetch what 5 shown results need.
async function pageSearch({ engine, base, query, limit }) {
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 30 s')), 30000));
  const work = (async () => {
    if (engine === 'samspil') {
      const mod = await import(`${base}search/samspil-search.js`);
      const hits = await mod.createSearch({ base }).search(query, { limit });
      return { found: hits.length, titles: hits.map((h) => h.title) };
    }
    const pf = await import(`${base}pagefind/pagefind.js`);
    await pf.options({ baseUrl: base });
    const r = await pf.search(query);
    const data = await Promise.all(r.results.slice(0, limit).map((x) => x.data()));
    return { found: r.results.length, titles: data.map((d) => d.meta && d.meta.title) };
  })();
  try {
    return await Promise.race([work, timeout]);
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

async function measureBytes(browser, srv, engine, queries, csp) {
  srv.state.csp = csp;
  const context = await browser.newContext();
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && messages.push(m.text()));
  page.on('pageerror', (e) => messages.push(String(e)));
  await page.goto(`${srv.origin}${srv.basePath}${LANG}/`, { waitUntil: 'load' });
  await quiet(srv.state);
  const steps = [];
  for (const query of queries) {
    const mark = srv.state.log.length;
    const result = await page.evaluate(pageSearch, { engine, base: srv.basePath, query, limit: SEARCH_LIMIT });
    await quiet(srv.state);
    const reqs = srv.state.log.slice(mark);
    steps.push({
      query,
      ...result,
      requests: reqs.length,
      bytes: reqs.reduce((s, r) => s + r.bytes, 0),
      files: reqs.map((r) => `${r.path} ${r.bytes}`),
    });
  }
  await context.close();
  return { steps, messages: [...new Set(messages)].slice(0, 5) };
}

// Search data files of the Danish index, for the network floor below (relative to the base).
function floorFiles() {
  const dir = path.join(SITE, 'search', LANG);
  const build = fs.readdirSync(dir).find((f) => /^[0-9a-f]{16}$/.test(f));
  const names = fs.readdirSync(path.join(dir, build));
  const pick = (prefix) => names.filter((n) => n.startsWith(prefix)).sort().map((n) => `search/${LANG}/${build}/${n}`);
  return { shards: pick('t'), fragments: pick('d') };
}

async function measureLatency(browser, srv, engine, queries) {
  srv.state.csp = engine === 'samspil' ? 'meta' : 'none';
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${srv.origin}${srv.basePath}${LANG}/`, { waitUntil: 'load' });
  const r = await page.evaluate(
    async ({ engine, base, queries, warm, limit, files }) => {
      let runQuery;
      if (engine === 'samspil') {
        const s = (await import(`${base}search/samspil-search.js`)).createSearch({ base });
        runQuery = async (q) => (await s.search(q, { limit })).length;
      } else {
        const pf = await import(`${base}pagefind/pagefind.js`);
        await pf.options({ baseUrl: base });
        runQuery = async (q) => {
          const res = await pf.search(q);
          await Promise.all(res.results.slice(0, limit).map((x) => x.data()));
          return res.results.length;
        };
      }
      await runQuery(warm);
      // The floor under every uncached query: one small file fetched from the page (no cache).
      const rtt = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        await (await fetch(`${base}favicon.svg?rtt=${i}`, { cache: 'no-store' })).arrayBuffer();
        rtt.push(performance.now() - t0);
      }
      // The network floor of a typical uncached query, with no work done on the data: two
      // term shards fetched together, then five fragment files together (not cached, distinct).
      const floor = [];
      if (files) {
        for (let i = 0; i < 30; i++) {
          const get = (f) => fetch(`${base}${f}`, { cache: 'no-store' }).then((r) => r.arrayBuffer());
          const t0 = performance.now();
          await Promise.all([0, 1].map((k) => get(files.shards[(i * 2 + k) % files.shards.length])));
          await Promise.all([0, 1, 2, 3, 4].map((k) => get(files.fragments[(i * 37 + k * 101) % files.fragments.length])));
          floor.push(performance.now() - t0);
        }
      }
      const times = [];
      const found = [];
      for (const q of queries) {
        const t0 = performance.now();
        found.push(await runQuery(q));
        times.push(performance.now() - t0);
      }
      // The same queries again: everything is in the engines' caches, so this is compute only.
      const hot = [];
      for (const q of queries) {
        const t0 = performance.now();
        await runQuery(q);
        hot.push(performance.now() - t0);
      }
      return { times, found, hot, rtt, floor };
    },
    { engine, base: srv.basePath, queries, warm: FIRST_QUERY, limit: SEARCH_LIMIT, files: engine === 'samspil' ? floorFiles() : null },
  );
  await context.close();
  return r;
}

// Pools the rounds (each in a fresh context, engines interleaved, so load drifts hit both).
function summarize(rounds) {
  const all = (k) => rounds.flatMap((r) => r[k]);
  const round2 = (t) => Math.round(t * 100) / 100;
  return {
    median: median(all('times')),
    p95: percentile(all('times'), 95),
    max: Math.max(...all('times')),
    withResults: rounds[0].found.filter((n) => n > 0).length,
    fetchMedian: median(all('rtt')),
    floorMedian: all('floor').length ? median(all('floor')) : null,
    floorP95: all('floor').length ? percentile(all('floor'), 95) : null,
    hotMedian: median(all('hot')),
    hotP95: percentile(all('hot'), 95),
    rounds: rounds.map((r) => ({
      median: median(r.times),
      p95: percentile(r.times, 95),
      times: r.times.map(round2),
      hot: r.hot.map(round2),
      found: r.found,
    })),
  };
}

// ---- report

const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const ratio = (a, b) => (b ? a / b : NaN);
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

async function main() {
  if (!fs.existsSync('/usr/bin/time')) throw new Error('GNU time missing: apt-get install -y time');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium missing at ${CHROMIUM}: apt-get install -y chromium`);
  ensureCorpus();
  const corpus = corpusInfo();
  const pfBin = pagefindBinary();
  const { chromium } = loadPlaywright();

  let builds = null;
  if (!BROWSER_ONLY) {
    must('cargo', ['build', '--release', '--quiet'], { cwd: ROOT });
    builds = timeBuilds(pfBin);
  } else if (!fs.existsSync(path.join(SITE, 'pagefind/pagefind.js'))) {
    throw new Error('--browser-only needs a previous full run');
  }
  const sizes = { samspil: dirSize(path.join(SITE, 'search')), pagefind: dirSize(path.join(SITE, 'pagefind')) };
  const queries = makeQueries(QUERIES);

  const loadBefore = os.loadavg();
  const srv = await startServer(SITE, corpus.basePath);
  srv.basePath = corpus.basePath;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  let bytes;
  let latency;
  let csp;
  try {
    // Cold: each in a fresh context (empty cache); then the three-word query after the first.
    const cold = async (engine, q, mode) => (await measureBytes(browser, srv, engine, [q], mode)).steps[0];
    const seq = async (engine, mode) => (await measureBytes(browser, srv, engine, [FIRST_QUERY, THREE_WORDS], mode)).steps[1];
    bytes = {
      samspil: { first: await cold('samspil', FIRST_QUERY, 'meta'), three: await cold('samspil', THREE_WORDS, 'meta'), threeAfterFirst: await seq('samspil', 'meta') },
      pagefind: { first: await cold('pagefind', FIRST_QUERY, 'none'), three: await cold('pagefind', THREE_WORDS, 'none'), threeAfterFirst: await seq('pagefind', 'none') },
    };
    for (const [engine, b] of Object.entries(bytes)) {
      for (const [k, s] of Object.entries(b)) if (s.error) throw new Error(`${engine} ${k}: ${s.error}`);
    }
    // CSP: the site ships <meta http-equiv="Content-Security-Policy" content="default-src 'self'">.
    csp = {};
    for (const mode of ['meta', 'header']) {
      for (const engine of ['samspil', 'pagefind']) {
        const r = await measureBytes(browser, srv, engine, [FIRST_QUERY], mode);
        csp[`${engine}_${mode}`] = { ok: !r.steps[0].error && r.steps[0].found > 0, error: r.steps[0].error || null, found: r.steps[0].found ?? 0, console: r.messages };
      }
    }
    const rounds = { samspil: [], pagefind: [] };
    for (let i = 0; i < LATENCY_ROUNDS; i++) {
      for (const engine of ['samspil', 'pagefind']) rounds[engine].push(await measureLatency(browser, srv, engine, queries));
    }
    latency = { samspil: summarize(rounds.samspil), pagefind: summarize(rounds.pagefind) };
  } finally {
    await browser.close();
    srv.server.close();
  }

  // ---- table
  const s = builds && builds.samspil;
  const p = builds && builds.pagefind;
  const rows = [['', 'samspil', 'Pagefind ' + PAGEFIND_VERSION, 'ratio', 'goal']];
  if (builds) {
    const sec = (x) => `${fmt(x.median)} s (${fmt(x.min)})`;
    const rat = (x, y) => `${fmt(ratio(x.median, y.median))} (${fmt(ratio(x.min, y.min))})`;
    const goal = (x, y) => {
      const [m, n] = [ratio(x.median, y.median) <= 0.2, ratio(x.min, y.min) <= 0.2];
      return `≤ 0.20 ${m && n ? 'met' : !m && !n ? 'NOT met' : m ? 'met (median only)' : 'met by the min only'}`;
    };
    rows.push(
      ['index time, wall: search step', sec(s.searchStep), sec(p.wall), rat(s.searchStep, p.wall), goal(s.searchStep, p.wall)],
      ['index time, wall: build − build w/o search', sec(s.wallDiff), sec(p.wall), rat(s.wallDiff, p.wall), goal(s.wallDiff, p.wall)],
      ['index time, user CPU: build − build w/o search', sec(s.userDiff), sec(p.user), rat(s.userDiff, p.user), goal(s.userDiff, p.user)],
      ['index time, user+sys CPU: build − build w/o search', sec(s.cpuDiff), sec(p.cpu), rat(s.cpuDiff, p.cpu), goal(s.cpuDiff, p.cpu)],
      ['samspil build wall / CPU', `${sec(s.buildWall)} / ${sec(s.buildCpu)}`, '', '', ''],
      ['samspil build w/o search wall / CPU', `${sec(s.buildWallNoSearch)} / ${sec(s.buildCpuNoSearch)}`, '', '', ''],
      ['peak memory (samspil: whole build)', `${s.peakMB.toFixed(0)} MB (w/o search ${s.peakMBNoSearch.toFixed(0)})`, `${p.peakMB.toFixed(0)} MB`, fmt(ratio(s.peakMB, p.peakMB)), ''],
    );
  }
  const b = bytes;
  const goalB = ratio(b.samspil.first.bytes, b.pagefind.first.bytes);
  const lat = latency;
  rows.push(
    ['index size', mb(sizes.samspil.bytes), mb(sizes.pagefind.bytes), fmt(ratio(sizes.samspil.bytes, sizes.pagefind.bytes)), ''],
    ['index files', sizes.samspil.files, sizes.pagefind.files, fmt(ratio(sizes.samspil.files, sizes.pagefind.files)), ''],
    [`first query "${FIRST_QUERY}", cold`, `${kib(b.samspil.first.bytes)} / ${b.samspil.first.requests} req`, `${kib(b.pagefind.first.bytes)} / ${b.pagefind.first.requests} req`, fmt(goalB), `≤ 0.25 ${goalB <= 0.25 ? 'met' : 'NOT met'}`],
    ['three-word query, cold', `${kib(b.samspil.three.bytes)} / ${b.samspil.three.requests} req`, `${kib(b.pagefind.three.bytes)} / ${b.pagefind.three.requests} req`, fmt(ratio(b.samspil.three.bytes, b.pagefind.three.bytes)), ''],
    ['three-word query after the first', `${kib(b.samspil.threeAfterFirst.bytes)} / ${b.samspil.threeAfterFirst.requests} req`, `${kib(b.pagefind.threeAfterFirst.bytes)} / ${b.pagefind.threeAfterFirst.requests} req`, fmt(ratio(b.samspil.threeAfterFirst.bytes, b.pagefind.threeAfterFirst.bytes)), ''],
    [`latency median (${queries.length} queries × ${LATENCY_ROUNDS} rounds, warm)`, `${fmt(lat.samspil.median, 1)} ms`, `${fmt(lat.pagefind.median, 1)} ms`, fmt(ratio(lat.samspil.median, lat.pagefind.median)), ''],
    ['latency p95', `${fmt(lat.samspil.p95, 1)} ms`, `${fmt(lat.pagefind.p95, 1)} ms`, fmt(ratio(lat.samspil.p95, lat.pagefind.p95)), `≤ 20 ms ${lat.samspil.p95 <= 20 ? 'met' : 'NOT met'}`],
    ['latency max', `${fmt(lat.samspil.max, 1)} ms`, `${fmt(lat.pagefind.max, 1)} ms`, '', ''],
    ['latency repeated (cached) median / p95', `${fmt(lat.samspil.hotMedian, 1)} / ${fmt(lat.samspil.hotP95, 1)} ms`, `${fmt(lat.pagefind.hotMedian, 1)} / ${fmt(lat.pagefind.hotP95, 1)} ms`, '', ''],
    ['one small fetch from the page, median', `${fmt(lat.samspil.fetchMedian, 1)} ms`, `${fmt(lat.pagefind.fetchMedian, 1)} ms`, '', ''],
    ['network floor: 2 then 5 small files, no work, median / p95', `${fmt(lat.samspil.floorMedian, 1)} / ${fmt(lat.samspil.floorP95, 1)} ms`, '', '', ''],
    ['queries with results', `${lat.samspil.withResults}/${queries.length}`, `${lat.pagefind.withResults}/${queries.length}`, '', ''],
    ["under CSP default-src 'self' (meta / header)", `${csp.samspil_meta.ok ? 'works' : 'FAILS'} / ${csp.samspil_header.ok ? 'works' : 'FAILS'}`, `${csp.pagefind_meta.ok ? 'works' : 'FAILS'} / ${csp.pagefind_header.ok ? 'works' : 'FAILS'}`, '', ''],
  );
  log(`\nload average (1/5/15 min) before the browser part ${loadBefore.map((x) => x.toFixed(1)).join(' ')}, at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  log(`corpus: ${corpus.pages} pages (da/sv/nb), served under ${corpus.basePath}; Pagefind indexed ${p ? p.pages : '?'} HTML pages; ${RUNS} build run(s): times are median (min)`);
  log(table(rows));
  for (const [engine, c] of Object.entries(csp)) if (!c.ok) log(`${engine}: ${(c.error || `${c.found} results`).split('\n').join(' ')}`);

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model || '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    loadAverage: { beforeBrowser: loadBefore, end: os.loadavg() },
    corpus: { pages: corpus.pages, basePath: corpus.basePath, pagefindPages: p ? p.pages : null },
    pagefindVersion: PAGEFIND_VERSION,
    buildRuns: RUNS,
    builds,
    sizes,
    bytes,
    csp,
    latency: { queries, ...latency },
  };
  fs.writeFileSync(path.join(WORK, 'search-bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`\nwrote ${path.relative(ROOT, path.join(WORK, 'search-bench.json'))}`);
}

// Run only as a script: search_ui_latency.mjs imports the query picker from here.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
