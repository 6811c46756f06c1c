// Test driver: runs the bundled client (`<site>/search/samspil-search.js`, as written by
// write_site_search) in Node against a site directory, over file:// URLs.
// `node search-driver.mjs <site dir>`; stdin: a JSON array of jobs, stdout: a JSON array of
// answers, one per job:
//   { "q": "...", "languages": [...], "kinds": [...], "limit": 10, "fresh": false }
//       -> { "results": [...], "fetched": [[path, bytes], ...] }  (fetched: files this job
//          loaded; "fresh" starts from an empty cache, as a first query does)
//   { "analyze": ["da", "text"] } -> ["term", ...]
import { readFile } from 'node:fs/promises';
import { pathToFileURL, fileURLToPath } from 'node:url';

const dir = process.argv[2];
const base = pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`).href;
const mod = await import(new URL('search/samspil-search.js', base).href);

let fetched = [];
async function fetchFile(url) {
  try {
    const data = await readFile(fileURLToPath(url));
    fetched.push([url.slice(base.length), data.length]);
    return new Response(data, { status: 200 });
  } catch {
    return new Response(null, { status: 404 });
  }
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
  if (job.fresh) search = mod.createSearch({ base, fetch: fetchFile, language: 'da' });
  fetched = [];
  const results = await search.search(job.q, job);
  answers.push({ results, fetched });
}
process.stdout.write(JSON.stringify(answers));
