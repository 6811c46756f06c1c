// Test driver for tests/stemmer_parity.rs: `node stem-driver.mjs <language>` reads words (one
// per line) on stdin and prints their stems, one per line, in the same order, using
// js/snowball.js exactly as the client bundles it. snowball.js is a plain script body (it is
// pasted into the client module), so here it is evaluated with `new Function`; that is fine
// in a test driver, never in shipped code.
import { readFileSync } from 'node:fs';

const language = process.argv[2];
const source = readFileSync(new URL('../js/snowball.js', import.meta.url), 'utf8');
const snowballStem = new Function(`${source}\nreturn snowballStem;`)();

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = Buffer.concat(chunks).toString('utf8');
const words = input === '' ? [] : input.split('\n');
process.stdout.write(words.map((w) => snowballStem(language, w)).join('\n'));
