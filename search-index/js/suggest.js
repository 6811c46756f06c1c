// "Mente du …?": spellings to offer when a query finds nothing or little. An ES module of its
// own, `samspil-search-suggest.js`, that client.js imports only when it has to (a first query
// need not download it); the client's own helpers come in `ctx` (FORMAT.md, "Suggestions").
//
// Suggestions change no ranking and are made from the term shards and document fragments the
// search has already loaded: no round trip, except one fragment file when no loaded document
// shows how the suggested term is written. A word is
// corrected only when the index does not know it and no folded spelling or compound split
// explains it; then, in this order: a spelling with æ/ø/å/ä/ö that the index knows (the word
// folded back), a word one edit away whose term the index knows, or a term within two edits
// of the typed word's beginning (stems are word beginnings, so `bissidderr` meets `bisidd`
// with its ending left over). Among equals the term in most documents wins, then term order.
// The reader is shown a word, not a stem: the word of a loaded document's text with that term
// nearest to what was typed, else the candidate spelling itself.

const SUGGEST_MIN_LETTERS = 4;
const SUGGEST_MAX_DISTANCE = 2;
// Letters of the typed word a two-edit candidate may leave over as its ending.
const SUGGEST_MAX_ENDING = 4;

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a
// substring) between char arrays `a` and the first `n` chars of `b`, for every `n` from
// b.length - maxEnding to b.length; the least of them, or `max + 1` once all exceed `max`.
// With maxEnding 0 this is the plain distance between `a` and `b`.
function osaDistance(a, b, max, maxEnding = 0) {
  if (a.length - b.length > max || b.length - a.length > max + maxEnding) return max + 1;
  let prev2 = null;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  let best = max + 1;
  for (let n = Math.max(0, b.length - maxEnding); n <= b.length; n++) best = Math.min(best, prev[n]);
  return best;
}

// The word of `texts` (strings of loaded documents) whose term is `term` and that is nearest
// to `typed` (then the most frequent, then the first), or null.
function surfaceOf(term, typed, texts, termOf, words) {
  const counts = new Map();
  for (const text of texts) {
    for (const w of words(text)) {
      if (counts.has(w.low)) counts.set(w.low, counts.get(w.low) + 1);
      else if (termOf(w.low) === term) counts.set(w.low, 1);
    }
  }
  const chars = Array.from(typed);
  let best = null;
  for (const [word, n] of counts) {
    const d = osaDistance(Array.from(word), chars, 64);
    if (!best || d < best.d || (d === best.d && n > best.n)) best = { word, d, n };
  }
  return best ? best.word : null;
}

// The better of two candidates { term, df, ... }: more documents, then term order.
function moreCommon(a, b, cmp) {
  if (!a) return b;
  return b.df > a.df || (b.df === a.df && cmp(b.term, a.term) < 0) ? b : a;
}

// The spelling to suggest for `word` (lower case), or null to keep it. `ctx`: termOf(word)
// (null for a stop word), known(term) and dfOf(term) over the loaded shards, ensure(terms)
// (loads shards the search itself would load for folded spellings), terms() (every term of
// the loaded shards), texts() (the texts of the loaded documents), loadDocOf(term) (loads a
// document that has the term), the client's words, cmp, editsOf, foldCandidates and
// splitTerm, variants (the index has
// folding and compounds), prefix (the word is the last one, still being typed).
async function correctWord(word, ctx) {
  const found = await candidateOf(word, ctx);
  if (!found) return null;
  let surface = surfaceOf(found.term, word, ctx.texts(), ctx.termOf, ctx.words);
  if (surface === null) {
    // No loaded document has the term (the query found nothing): one fragment file more.
    await ctx.loadDocOf(found.term);
    surface = surfaceOf(found.term, word, ctx.texts(), ctx.termOf, ctx.words);
  }
  return surface ?? found.word;
}

// { term, word } for `word`: the known term to suggest and a spelling of it; or null.
async function candidateOf(word, ctx) {
  const term = ctx.termOf(word);
  if (term === null || ctx.known(term)) return null;
  const letters = Array.from(word).length;
  if (letters < SUGGEST_MIN_LETTERS) return null;
  // A word being typed is left alone while it may still become a known one.
  if (ctx.prefix) {
    for (const t of ctx.terms()) if (t.startsWith(word)) return null;
  }
  if (ctx.variants) {
    const folded = ctx.foldCandidates(word);
    await ctx.ensure(folded.map(ctx.termOf).filter((t) => t !== null));
    let best = null;
    for (const v of folded) {
      const t = ctx.termOf(v);
      if (t !== null && t !== term && ctx.known(t)) best = moreCommon(best, { term: t, df: ctx.dfOf(t), word: v }, ctx.cmp);
    }
    if (best) return best;
    if (ctx.splitTerm(term, true, ctx.termOf, ctx.known)) return null;
  }
  let best = null;
  for (const v of ctx.editsOf(word)) {
    const t = ctx.termOf(v);
    if (t !== null && t !== term && ctx.known(t)) best = moreCommon(best, { term: t, df: ctx.dfOf(t), word: v }, ctx.cmp);
  }
  if (best) return best;
  const chars = Array.from(word);
  let bestDistance = SUGGEST_MAX_DISTANCE + 1;
  for (const t of ctx.terms()) {
    const tc = Array.from(t);
    if (tc.length < SUGGEST_MIN_LETTERS) continue;
    const d = osaDistance(tc, chars, SUGGEST_MAX_DISTANCE, SUGGEST_MAX_ENDING);
    if (d > SUGGEST_MAX_DISTANCE || d > bestDistance) continue;
    const candidate = { term: t, df: ctx.dfOf(t), word: t };
    best = d < bestDistance ? candidate : moreCommon(best, candidate, ctx.cmp);
    bestDistance = d;
  }
  return best;
}

// { query, words: [{ from, to }] } for `qwords` ({ low } each), or null when every word stands.
export async function suggestQuery(qwords, ctx) {
  const out = [];
  const changed = [];
  for (let i = 0; i < qwords.length; i++) {
    const from = qwords[i].low;
    const to = await correctWord(from, { ...ctx, prefix: ctx.lastIsPrefix && i === qwords.length - 1 });
    out.push(to ?? from);
    if (to !== null && to !== from) changed.push({ from, to });
  }
  return changed.length > 0 ? { query: out.join(' '), words: changed } : null;
}
