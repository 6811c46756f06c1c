// Query variants: words the index does not know, tried as people type them, with the Nordic
// letters spelled out or left off (folding) and as compounds of known words. The same rules
// as search-index/src/variants.rs, step for step (FORMAT.md, "Query variants"); the parity
// tests compare both. A plain script body, put in place of client.js's `/* @variants */` line
// by build.rs, like snowball.js.

// The constants of variants.rs, same names.
const MAX_FOLD_CANDIDATES = 64;
const MAX_SPLIT_CANDIDATES = 16;
const MAX_FOLDED_TERMS = 4;
const MIN_FOLD_CHARS = 3;
const MIN_HEAD_CHARS = 4;
const MIN_TAIL_CHARS = 3;
const MIN_STRIPPED_CHARS = 4;
const VARIANT_FACTOR = 0.5;
const NOT_LAST_PARTS = new Set(['and', 'ande', 'ende', 'else', 'ering', 'hed', 'het', 'ing', 'isk', 'lig', 'ling', 'ning', 'ring', 'skab', 'skap']);
const QUERY_STRIP = ['ing', 'ning', 'else', 'het', 'hed'];

// [segment length, spellings (as typed first)] at chars[at]; digraphs first.
function foldOptions(chars, at) {
  const c = chars[at];
  const next = chars[at + 1];
  if (c === 'a' && next === 'a') return [2, ['aa', 'å']];
  if (c === 'a' && next === 'e') return [2, ['ae', 'æ', 'ä']];
  if (c === 'o' && next === 'e') return [2, ['oe', 'ø', 'ö']];
  if (c === 'a') return [1, ['a', 'ä', 'å']];
  if (c === 'o') return [1, ['o', 'ö', 'ø']];
  if (c === 'æ') return [1, ['æ', 'ä']];
  if (c === 'ä') return [1, ['ä', 'æ']];
  if (c === 'ø') return [1, ['ø', 'ö']];
  if (c === 'ö') return [1, ['ö', 'ø']];
  return [1, []];
}

// Other spellings of a lowercased word: fewest changed segments first, then by changed
// positions (leftmost varying slowest), then by alternative; at most MAX_FOLD_CANDIDATES.
function foldCandidates(word) {
  const chars = Array.from(word);
  if (chars.length < MIN_FOLD_CHARS) return [];
  const segments = [];
  for (let at = 0; at < chars.length; ) {
    const [len, alts] = foldOptions(chars, at);
    segments.push([chars.slice(at, at + len).join(''), alts]);
    at += len;
  }
  const foldable = [];
  segments.forEach((s, i) => {
    if (s[1].length > 0) foldable.push(i);
  });
  const out = [];
  const chosen = [];
  // Adds every spelling changing exactly k segments; true once the cap is reached.
  const choose = (k, from) => {
    if (chosen.length === k) {
      let s = '';
      let n = 0;
      segments.forEach(([typed, alts], i) => {
        if (n < chosen.length && chosen[n][0] === i) s += alts[chosen[n++][1]];
        else s += typed;
      });
      out.push(s);
      return out.length >= MAX_FOLD_CANDIDATES;
    }
    for (let p = from; p < foldable.length; p++) {
      if (foldable.length - p < k - chosen.length) break;
      const seg = foldable[p];
      for (let alt = 1; alt < segments[seg][1].length; alt++) {
        chosen.push([seg, alt]);
        if (choose(k, p + 1)) return true;
        chosen.pop();
      }
    }
    return false;
  };
  for (let k = 1; k <= foldable.length; k++) if (choose(k, 0)) break;
  return out;
}

// [first part spellings, last part] per cut of a term, shortest first part first.
function cutsOf(term) {
  const chars = Array.from(term);
  const out = [];
  for (let i = MIN_HEAD_CHARS; i <= chars.length - MIN_TAIL_CHARS; i++) {
    const heads = [chars.slice(0, i).join('')];
    if (i > MIN_HEAD_CHARS && (chars[i - 1] === 's' || chars[i - 1] === 'e')) heads.push(chars.slice(0, i - 1).join(''));
    out.push([heads, chars.slice(i).join('')]);
  }
  return out;
}

function charCount(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// Terms tailTerm may look up for a last part.
function tailLookups(tail, termOf) {
  const out = [termOf(tail)];
  for (const ending of QUERY_STRIP) {
    if (tail.endsWith(ending)) {
      const rest = tail.slice(0, tail.length - ending.length);
      if (charCount(rest) >= MIN_STRIPPED_CHARS) out.push(termOf(rest));
    }
  }
  return out.filter((t) => t !== null);
}

function tailTerm(tail, strip, termOf, known) {
  const usable = (t) => t !== null && known(t) && !NOT_LAST_PARTS.has(t);
  const own = termOf(tail);
  if (usable(own)) return own;
  if (!strip) return null;
  for (const ending of QUERY_STRIP) {
    if (!tail.endsWith(ending)) continue;
    const rest = tail.slice(0, tail.length - ending.length);
    if (charCount(rest) < MIN_STRIPPED_CHARS) continue;
    const t = termOf(rest);
    if (usable(t)) return t;
  }
  return null;
}

// [first part term, last part term] or null: split_term in variants.rs.
function splitTerm(term, strip, termOf, known) {
  let best = null;
  let bestScore = -1;
  for (const [heads, tail] of cutsOf(term)) {
    let head = null;
    let headTerm = null;
    for (const h of heads) {
      const t = termOf(h);
      if (t !== null && known(t)) {
        head = h;
        headTerm = t;
        break;
      }
    }
    if (head === null || NOT_LAST_PARTS.has(tail)) continue;
    const t = tailTerm(tail, strip, termOf, known);
    if (t === null) continue;
    const score = Math.min(charCount(head), charCount(tail));
    if (score > bestScore) {
      best = [headTerm, t];
      bestScore = score;
    }
  }
  return best;
}

// The query's terms: { terms: [[term, factor], ...], via: 'exact' | 'folded' | 'compound' },
// as `resolve` in variants.rs (with `variants` false every term stands as typed). `termOf(word)` is the analyzer on one word (null: stop word),
// `known(term)` answers from the shards loaded, and `ensure(terms)` loads the shards of
// `terms`, so every term is looked up only after its shard is there.
async function resolveQuery(words, variants, termOf, known, ensure, maxTerms) {
  const terms = [];
  let via = 'exact';
  const push = (t, factor) => {
    if (!terms.some(([u]) => u === t)) terms.push([t, factor]);
  };
  await ensure(words.map(termOf).filter((t) => t !== null));
  for (const word of words) {
    const term = termOf(word);
    if (term === null) continue;
    if (!variants || known(term)) {
      push(term, 1);
      continue;
    }
    const candidates = foldCandidates(word);
    const candidateTerms = candidates.map(termOf);
    await ensure(candidateTerms.filter((t) => t !== null));
    const folded = [];
    for (const t of candidateTerms) {
      if (t !== null && t !== term && known(t) && !folded.includes(t)) {
        folded.push(t);
        if (folded.length === MAX_FOLDED_TERMS) break;
      }
    }
    if (folded.length > 0) {
      via = 'folded';
      for (const t of folded) push(t, VARIANT_FACTOR);
      continue;
    }
    const splitting = [word, ...candidates]
      .slice(0, MAX_SPLIT_CANDIDATES)
      .map(termOf)
      .filter((t) => t !== null);
    // First parts first, then the last parts of the cuts whose first part is known.
    const cuts = splitting.flatMap(cutsOf);
    await ensure(cuts.flatMap(([heads]) => heads.map(termOf)).filter((t) => t !== null));
    const tails = cuts.filter(([heads]) => heads.some((h) => {
      const t = termOf(h);
      return t !== null && known(t);
    }));
    await ensure(tails.flatMap(([, tail]) => tailLookups(tail, termOf)));
    let split = null;
    for (const t of splitting) {
      split = splitTerm(t, true, termOf, known);
      if (split) break;
    }
    if (split) {
      if (via === 'exact') via = 'compound';
      for (const t of split) push(t, VARIANT_FACTOR);
    } else {
      push(term, 1);
    }
  }
  return { terms: terms.slice(0, maxTerms), via };
}
