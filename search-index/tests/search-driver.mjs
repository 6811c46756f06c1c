// Test driver: runs the bundled client (`<site>/search/samspil-search.js`, as written by
// write_site_search) in Node against a site directory, over file:// URLs.
// `node search-driver.mjs <site dir>`; stdin: a JSON array of jobs, stdout: a JSON array of
// answers, one per job:
//   { "q": "...", "languages": [...], "kinds": [...], "limit": 10, "fresh": false }
//       -> { "results": [...], "fetched": [[path, bytes], ...] }  (fetched: files this job
//          loaded; "fresh" starts from an empty cache, as a first query does)
//       Optional "base" (the site root as the page would give it, e.g. "/frivillig/" or
//       "https://kommune.example/frivillig/") with "location" (the page URL, for a relative
//       base): a fresh client that sees the site under that URL; fetched paths are then
//       reported relative to it. A job that throws answers { "error": message }.
//       "portable": true runs the job through the classic client of a portable copy
//       (samspil-search-classic.js reading the `.bin.js` script twins, as from file://) instead
//       of the module; fetched paths then name the twins. Any other search option (audiences,
//       countries, municipalities, tags, sort) is passed on; "facets": true asks
//       searchWithFacets and answers { "results", "counts", "bestBets", "fetched" }.
//   { "analyze": ["da", "text"] } -> ["term", ...]
//   { "marker": "q", "language": "da", "text": "..." } -> { "terms": [...], "marked": [word, ...] }
//       (the words of "text" a page opened from a result for "q" marks)
//   { "suggest": "q", "language": "da" } -> { "suggestion": { query, words } | null, "fetched" }
//       (after the same client's search for it, as the site's UI asks; fetched: files the
//       suggestion itself loaded)
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { pathToFileURL, fileURLToPath } from 'node:url';

const dir = process.argv[2];
const base = pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`).href;
const mod = await import(new URL('search/samspil-search.js', base).href);

let fetched = [];
let served = base;
async function fetchFile(url) {
  try {
    if (!url.startsWith(served)) throw new Error(`outside the site: ${url}`);
    const data = await readFile(fileURLToPath(base + url.slice(served.length)));
    fetched.push([url.slice(served.length), data.length]);
    return new Response(data, { status: 200 });
  } catch {
    return new Response(null, { status: 404 });
  }
}

// The classic client, as a page of a portable copy runs it: the script evaluated in the global
// scope, and each data file's twin run as a script by URL (here: read and evaluated).
let portableSearch = null;
function portableClient() {
  if (!portableSearch) {
    if (!globalThis.samspilSearch) vm.runInThisContext(readFileSync(fileURLToPath(new URL('search/samspil-search-classic.js', base)), 'utf8'));
    const loadScript = async (url) => {
      const data = await readFile(fileURLToPath(url), 'utf8');
      fetched.push([url.slice(base.length), data.length]);
      vm.runInThisContext(data);
    };
    portableSearch = globalThis.samspilSearch.createSearch({
      base,
      fetch: globalThis.samspilSearch.scriptFetch(new URL('search/', base).href, loadScript),
      language: 'da',
    });
  }
  return portableSearch;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const jobs = JSON.parse(Buffer.concat(chunks).toString('utf8'));
let search = mod.createSearch({ base, fetch: fetchFile, language: 'da' });
const answers = [];
for (const job of jobs) {
  if (job.analyze) {
    answers.push(mod.analyze(job.analyze[0], job.analyze[1]));
    continue;
  }
  if (job.base) {
    globalThis.location = job.location ? { href: job.location } : undefined;
    served = new URL(job.base.endsWith('/') ? job.base : `${job.base}/`, job.location).href;
    search = mod.createSearch({ base: job.base, fetch: fetchFile, language: 'da' });
  } else if (job.fresh || served !== base) {
    globalThis.location = undefined;
    served = base;
    search = mod.createSearch({ base, fetch: fetchFile, language: 'da' });
  }
  fetched = [];
  if (job.suggest !== undefined) {
    await search.search(job.suggest, { languages: [job.language || 'da'] });
    fetched = [];
    const suggestion = await search.suggest(job.suggest, { language: job.language || 'da' });
    answers.push({ suggestion, fetched });
    continue;
  }
  if (job.marker !== undefined) {
    const { terms, find } = await search.marker(job.marker, { language: job.language || 'da' });
    answers.push({ terms, marked: find(job.text).map(([from, to]) => job.text.slice(from, to)) });
    continue;
  }
  if (job.fresh) portableSearch = null;
  try {
    const client = job.portable ? portableClient() : search;
    if (job.facets) {
      const { results, counts, bestBets, total } = await client.searchWithFacets(job.q, job);
      answers.push({ results, counts, bestBets, total, fetched });
    } else {
      const results = await client.search(job.q, job);
      answers.push({ results, fetched });
    }
  } catch (e) {
    answers.push({ error: String(e && e.message ? e.message : e), fetched });
  }
}
process.stdout.write(JSON.stringify(answers));
