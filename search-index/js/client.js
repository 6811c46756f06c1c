// samspil-search.js: the samspil site search, in the browser (and in Node 20 for tests).
// Reads the static files search-index writes (search-index/FORMAT.md) and ranks exactly as
// search-index's Rust `search` does: the same analyzer (SimpleTokenizer, RemoveLongFilter(40),
// LowerCaser, tantivy's stop words, Snowball; Unicode words through Intl.Segmenter for the
// general analyzer), and tantivy's BM25 in f32, step by step, with
// Math.fround, query variants included (other spellings and compound parts of words the index
// does not know, js/variants.js). On top of that: the last word also matches as a prefix while
// typing, and one typo is tolerated; those matches rank below every other match and never
// touch their scores.
// Plain ES2020 module, no dependencies, no eval: runs under CSP default-src 'self'.
// Comment-only lines and indentation are stripped when bundled (search-index/build.rs).

/* @snowball */
/* @variants */

const FORMAT = 4;
const f32 = Math.fround;
// Terms of a query that count: the Rust side keeps the same number (query.rs).
const MAX_QUERY_TERMS = 32;
// Query words that get prefix/typo expansion, and expansions kept per word.
const MAX_FUZZY_WORDS = 8;
const MAX_EXPANSIONS = 16;
// Shards fetched at most for the prefix of the last word, and for typo candidates of a word
// that is not in the index.
const MAX_PREFIX_SHARDS = 2;
const MAX_TYPO_SHARDS = 2;
// Typos are tolerated in words of this many letters or more.
const TYPO_MIN_LETTERS = 5;
const PREFIX_MIN_LETTERS = 2;
// Weights of expanded matches (they rank below exact ones in any case; these only order them).
const PREFIX_FACTOR = 0.8;
const TYPO_FACTOR = 0.6;
// Letters tried for substitutions and insertions.
const TYPO_LETTERS = Array.from('abcdefghijklmnopqrstuvwxyzæøåäöéü');
// Excerpt window, in analyzed tokens (excerpt.rs has the same numbers).
const WINDOW_BEFORE = 6;
const WINDOW_TOKENS = 24;

// tantivy's SimpleTokenizer splits on every char that is not `char::is_alphanumeric`, i.e. not
// Alphabetic and not in a Number category: the same set as this class (tests/unicode.rs).
const WORD = /[\p{Alphabetic}\p{N}]+/gu;
const ENDS_IN_WORD = /[\p{Alphabetic}\p{N}]$/u;
const HAS_WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
// The general analyzer (segment.rs) takes Unicode words (UAX #29) instead, and cuts a word with
// letters or digits of the scripts that ICU splits with dictionaries or as complex context (by
// Script_Extensions, as segment.rs) into each of them alone and the words of what lies between
// them. Rust has no dictionaries, so both sides index such text per letter.
// A cut char is a char of those scripts (their symbols and marks are dropped) or a letter or
// digit with one of them in its Script_Extensions (`ー`), as is_cut_char in segment.rs.
const UNIGRAM_SCRIPTS = ['Hani', 'Hira', 'Kana', 'Thai', 'Laoo', 'Khmr', 'Mymr', 'Tale', 'Talu', 'Lana', 'Tavt', 'Ahom'];
const scriptClass = (property) => `[${UNIGRAM_SCRIPTS.map((s) => `\\p{${property}=${s}}`).join('')}]`;
const CUT_CHAR = `${scriptClass('sc')}|(?=[\\p{Alphabetic}\\p{N}])${scriptClass('scx')}`;
const CUT = new RegExp(CUT_CHAR, 'u');
const CUTS = new RegExp(CUT_CHAR, 'gu');
const MAX_TOKEN_BYTES = 40;

// The stop words tantivy's StopWordFilter drops (the manifest carries the same list; this copy
// serves `analyze` without a manifest). tests/client.rs checks both against tantivy.
const STOP = {
  da: 'og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan',
  sv: 'och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitt sådana vart dina vars vårt våra ert era vilkas',
  nb: 'og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte vart',
  en: 'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with',
};

// The stemmer of a site language: da, sv, nb (for nn and no too), en (for en-* too), or ''
// (none: the general analyzer, as analyzer.rs's language_spec).
function stemmerOf(language) {
  if (language === 'nn' || language === 'no') return 'nb';
  if (language === 'en' || language.startsWith('en-')) return 'en';
  return language === 'da' || language === 'sv' || language === 'nb' ? language : '';
}

function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // A surrogate pair is one 4-byte char: 2 + 2.
    else if (c >= 0xd800 && c <= 0xdfff) n += 2;
    else n += 3;
  }
  return n;
}

// Rust lowercases char by char (char::to_lowercase); String#toLowerCase only differs from that
// in its context-dependent final-sigma rule.
function lower(s) {
  return s.includes('Σ') ? Array.from(s, (c) => c.toLowerCase()).join('') : s.toLowerCase();
}

// Made on first use: building a segmenter loads ICU's word rules and dictionaries.
let segmenter = null;

// The general analyzer's words of `text` as { word, start } (`at` plus UTF-16 offsets), as
// segment.rs cuts them: Intl.Segmenter's segments with a letter or digit, those with cut chars
// cut into each of their letters and digits and the words of the runs between them. A letter
// or digit, not isWordLike, decides, as unicode-segmentation's unicode_words does: ICU calls
// `__` or `ˆˆ` word-like and `²` or `¼` not (tests/unicode.rs found both). ICU already ends a
// word where Hangul syllables meet other letters, which segment.rs has to add to UAX #29.
// A browser without Intl.Segmenter (Firefox before 125) gets runs of letters and digits, cut
// the same way: a degraded split (apostrophes and hyphens break words), not a broken search.
function* segments(text, at = 0) {
  if (!segmenter && typeof Intl === 'object' && Intl.Segmenter) {
    segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  }
  const parts = segmenter
    ? segmenter.segment(text)
    : Array.from(text.matchAll(WORD), (m) => ({ segment: m[0], index: m.index }));
  for (const { segment: word, index } of parts) {
    if (!HAS_WORD_CHAR.test(word)) continue;
    const start = at + index;
    if (!CUT.test(word)) {
      yield { word, start };
      continue;
    }
    // Runs without a letter or digit (most: between two ideographs there is nothing) yield no
    // word, so they skip the segmenter, which costs far more than the test.
    const rest = (from, to) => (HAS_WORD_CHAR.test(word.slice(from, to)) ? segments(word.slice(from, to), start + from) : []);
    let run = 0;
    for (const m of word.matchAll(CUTS)) {
      yield* rest(run, m.index);
      if (HAS_WORD_CHAR.test(m[0])) yield { word: m[0], start: start + m.index };
      run = m.index + m[0].length;
    }
    yield* rest(run, word.length);
  }
}

// Words of `text` as the analyzer's tokenizer + RemoveLongFilter + LowerCaser see them:
// { low, start, end } with UTF-16 offsets into `text`. The tokenizer is tantivy's
// SimpleTokenizer for a language with a stemmer, Unicode words for the general analyzer
// (`general`: the stemmer is '').
function words(text, general = false) {
  const out = [];
  const source = String(text);
  const found = general
    ? segments(source)
    : Array.from(source.matchAll(WORD), (m) => ({ word: m[0], start: m.index }));
  for (const { word: w, start } of found) {
    if (utf8Length(w) >= MAX_TOKEN_BYTES) continue;
    out.push({ low: lower(w), start, end: start + w.length });
  }
  return out;
}

// Stems already computed, per stemmer. Excerpts analyze every section of each result, and a
// language repeats its words, so most stems come from here (the index build does the same).
// Bounded: it starts afresh when full.
const STEM_MEMO_MAX = 50000;
const stemMemos = new Map();
function stemOf(stemmer, word) {
  if (stemmer === '') return word;
  let memo = stemMemos.get(stemmer);
  if (!memo) stemMemos.set(stemmer, (memo = new Map()));
  let stem = memo.get(word);
  if (stem === undefined) {
    if (memo.size >= STEM_MEMO_MAX) memo.clear();
    stem = snowballStem(stemmer, word);
    memo.set(word, stem);
  }
  return stem;
}

// The term a lower-case query word `w` searches for in `m`'s index, or null: a stop word, or
// too long for the tokenizer (RemoveLongFilter).
function queryTermOf(m, w) {
  return utf8Length(w) >= MAX_TOKEN_BYTES || m.stop.has(w) ? null : stemOf(m.stemmer, w);
}

// The analyzer: words, minus stop words, stemmed. Tokens { term, start, end }.
function tokensOf(text, stop, stemmer) {
  const out = [];
  for (const w of words(text, stemmer === '')) {
    if (stop.has(w.low)) continue;
    out.push({ term: stemOf(stemmer, w.low), start: w.start, end: w.end });
  }
  return out;
}

const stopSets = new Map();
function stopSetOf(language) {
  const code = stemmerOf(language);
  if (!stopSets.has(code)) stopSets.set(code, new Set((STOP[code] || '').split(' ')));
  return stopSets.get(code);
}

// The terms `text` yields in `language` (what the index holds for it), duplicates kept.
export function analyze(language, text) {
  return tokensOf(text, stopSetOf(language), stemmerOf(language)).map((t) => t.term);
}

export { snowballStem };

// A page opened from a result marks the query's words (site.js, `?hl=`): a page word is marked
// when its term is one of the query's terms, or when a query term of at least this many letters
// begins or ends it (`konflikt` marks `konflikthåndtering`, `koordinator` marks
// `frivilligkoordinatoren`), as the index's compound parts let such pages match.
const MARK_AFFIX_MIN = 4;

// Whether a page word with the analyzed term `term` is marked for the query terms `terms`.
export function marksTerm(term, terms) {
  for (const t of terms) {
    if (term === t) return true;
    if (Array.from(t).length >= MARK_AFFIX_MIN && (term.startsWith(t) || term.endsWith(t))) return true;
  }
  return false;
}

// ---- bytes

function readVarint(bytes, at) {
  let v = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at.pos++];
    if (b === undefined || shift > 28) throw new Error('samspil-search: corrupt index file');
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return v;
    shift += 7;
  }
}

// A Response's body, not a Blob's stream: in Chromium a Blob is handed to the browser process
// and back, which made each small file cost about 2 ms instead of 0.3 ms.
async function gunzip(bytes) {
  const stream = new Response(bytes).body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Compares strings by code point (= by UTF-8 bytes, tantivy's term order), not by UTF-16 unit.
function cmp(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

// tantivy's fieldnorm id -> fieldnorm (its 256-entry FIELD_NORMS_TABLE): exact up to 40, then
// 8 steps of 2^k per k.
function fieldnormOf(id) {
  if (id <= 40) return id;
  const k = ((id - 41) >> 3) + 1;
  return 24 + 2 ** (k + 3) + 2 ** k * (((id - 41) & 7) + 1);
}

function bitsToF32(bits) {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, bits);
  return dv.getFloat32(0);
}

// ---- shards

function parseShard(bytes, numFields) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder();
  const at = { pos: 0 };
  const count = readVarint(bytes, at);
  const terms = [];
  const index = new Map();
  const entries = [];
  let prev = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const shared = readVarint(bytes, at);
    const len = readVarint(bytes, at);
    const raw = new Uint8Array(shared + len);
    raw.set(prev.subarray(0, shared));
    raw.set(bytes.subarray(at.pos, at.pos + len), shared);
    at.pos += len;
    prev = raw;
    const term = dec.decode(raw);
    const mask = bytes[at.pos++];
    const fields = [];
    for (let slot = 0; slot < numFields; slot++) {
      if (!(mask & (1 << slot))) continue;
      const idf = dv.getFloat32(at.pos, true);
      at.pos += 4;
      const df = readVarint(bytes, at);
      const len2 = readVarint(bytes, at);
      fields.push({ slot, idf, df, off: 0, len: len2, postings: null });
    }
    terms.push(term);
    index.set(term, i);
    entries.push(fields);
  }
  let off = at.pos;
  for (const fields of entries) {
    for (const f of fields) {
      f.off = off;
      off += f.len;
    }
  }
  if (off !== bytes.length) throw new Error('samspil-search: corrupt shard');
  return { bytes, terms, index, entries };
}

// Postings of one term in one field: doc ids, term frequencies, fieldnorm ids.
function postingsOf(shard, f) {
  if (f.postings) return f.postings;
  const bytes = shard.bytes;
  const at = { pos: f.off };
  const docs = new Uint32Array(f.df);
  const tfs = new Uint32Array(f.df);
  let doc = 0;
  for (let i = 0; i < f.df; i++) {
    doc = i === 0 ? readVarint(bytes, at) : doc + readVarint(bytes, at);
    docs[i] = doc;
  }
  for (let i = 0; i < f.df; i++) tfs[i] = readVarint(bytes, at);
  const norms = bytes.subarray(at.pos, at.pos + f.df);
  f.postings = { docs, tfs, norms };
  return f.postings;
}

function docFreq(fields) {
  let n = 0;
  for (const f of fields) n += f.df;
  return n;
}

// ---- scoring

// Adds the BM25 score of one term (all its fields, boosted, summed in field order as tantivy
// sums its should-clauses) to `acc` for every doc that `keep` accepts. `factor` (1, or 1/2
// for a query variant) scales the field boosts, exactly in f32 as query.rs does.
function scoreTerm(m, shard, termIndex, acc, keep, factor = 1) {
  for (const f of shard.entries[termIndex]) {
    const field = m.fields[f.slot];
    const boost = factor === 1 ? field.boost : f32(field.boost * factor);
    // Bm25Weight::new: idf * (1 + K1), then boost_by(boost).
    let weight = f32(f.idf * m.k1plus1);
    if (boost !== 1) weight = f32(weight * boost);
    const { docs, tfs, norms } = postingsOf(shard, f);
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i];
      if (!keep(doc)) continue;
      // Bm25Weight::score: weight * tf / (tf + cache[fieldnorm id]).
      const tf = f32(tfs[i]);
      const s = f32(weight * f32(tf / f32(tf + field.cache[norms[i]])));
      const before = acc.get(doc);
      acc.set(doc, before === undefined ? s : f32(before + s));
    }
  }
}

function sortHits(hits) {
  return hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

// The first `limit` hits of `scores` (doc id → score, or → { score, ... }) in sortHits' order,
// made by `make(doc, value)`. A common word matches thousands of documents; keeping the best few
// while going through them is cheaper than sorting them all.
function topHits(scores, limit, make) {
  if (limit > 64) return sortHits([...scores].map(([doc, v]) => make(doc, v))).slice(0, limit);
  const top = [];
  for (const [doc, v] of scores) {
    const score = typeof v === 'number' ? v : v.score;
    let i = top.length;
    while (i > 0 && (score > top[i - 1].score || (score === top[i - 1].score && doc < top[i - 1].doc))) i--;
    if (i >= limit) continue;
    top.splice(i, 0, { doc, score, v });
    if (top.length > limit) top.pop();
  }
  return top.map((t) => make(t.doc, t.v));
}

// `topHits`, or with `dates` (per doc id) the newest first, undated last, then by score and
// doc id (query.rs's date order).
function rankHits(scores, limit, dates, make) {
  if (!dates) return topHits(scores, limit, make);
  const list = [...scores].map(([doc, v]) => ({ doc, v, score: typeof v === 'number' ? v : v.score, date: dates[doc] || '' }));
  list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || b.score - a.score || a.doc - b.doc);
  return list.slice(0, limit).map((t) => make(t.doc, t.v));
}

// A document's kind from the manifest's kind ranges (no f.bin needed for a kind filter).
function kindValues(m) {
  return (facet, doc) => {
    if (facet !== 'kind') return [];
    for (const [k, [from, to]] of m.kinds) if (doc >= from && doc < to) return [k];
    return [];
  };
}

// ---- excerpts (the same algorithm as excerpt.rs)

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function collapse(s) {
  return s.replace(/[ \t\n\r\f]+/g, ' ');
}

// The analyzer's tokens of `text` for an excerpt, with `term` set only where it is one of
// `terms` (null elsewhere). Stop words are left out as the analyzer does. A word can only stem
// to a term it starts with, since these stemmers never do more than cut a word's end
// (tests/stemmer_parity.rs checks that on 1.8 million words), so only such words are stemmed:
// a result's sections hold hundreds of words, and stemming each one was most of a cold query.
function markedTokens(m, text, terms) {
  const out = [];
  for (const w of words(text, m.stemmer === '')) {
    if (m.stop.has(w.low)) continue;
    let term = null;
    if (m.stemmer === 'en') {
      // English rewrites endings ("happy" -> "happi"): its terms need not start their words.
      const stem = stemOf(m.stemmer, w.low);
      if (terms.has(stem)) term = stem;
    } else {
      for (const t of terms) {
        if (w.low.startsWith(t)) {
          const stem = stemOf(m.stemmer, w.low);
          if (terms.has(stem)) term = stem;
          break;
        }
      }
    }
    out.push({ term, start: w.start, end: w.end });
  }
  return out;
}

// Where a sentence starts in `gap` (the text between two words), or -1: after the last
// . ! ? or line break and the ASCII whitespace after it (sentence_start in excerpt.rs).
function sentenceStart(gap) {
  let last = -1;
  for (let i = gap.length - 1; i >= 0; i--) {
    const c = gap[i];
    if (c === '.' || c === '!' || c === '?' || c === '\n') {
      last = i;
      break;
    }
  }
  if (last < 0) return -1;
  let at = last + 1;
  while (at < gap.length && ' \t\n\r\f'.includes(gap[at])) at++;
  return at;
}

// The window starts in the sentence with the most distinct marked terms (the first on a tie),
// at its start or WINDOW_BEFORE tokens before its first match when that is later.
function windowOf(m, text, terms) {
  const toks = markedTokens(m, text, terms);
  let best = null;
  let cur = { start: 0, from: 0, hit: new Set(), first: -1 };
  const close = () => {
    if (cur.first >= 0 && (best === null || cur.hit.size > best.n)) {
      best = { start: cur.start, from: cur.from, n: cur.hit.size, first: cur.first };
    }
  };
  toks.forEach((t, i) => {
    if (i > 0) {
      const gapFrom = toks[i - 1].end;
      const at = sentenceStart(text.slice(gapFrom, t.start));
      if (at >= 0) {
        close();
        cur = { start: i, from: gapFrom + at, hit: new Set(), first: -1 };
      }
    }
    if (t.term !== null) {
      cur.hit.add(t.term);
      if (cur.first < 0) cur.first = i;
    }
  });
  close();
  let start = 0;
  let from = 0;
  if (best !== null && Math.max(0, best.first - WINDOW_BEFORE) <= best.start) {
    start = best.start;
    from = best.from;
  } else if (best !== null) {
    start = best.first - WINDOW_BEFORE;
    from = toks[start].start;
  }
  const end = Math.min(toks.length, start + WINDOW_TOKENS);
  const to = end === toks.length ? text.length : toks[end - 1].end;
  let out = '';
  let pos = from;
  for (let i = start; i < end; i++) {
    const t = toks[i];
    out += escapeHtml(collapse(text.slice(pos, t.start)));
    const raw = escapeHtml(text.slice(t.start, t.end));
    out += t.term !== null ? `<mark>${raw}</mark>` : raw;
    pos = t.end;
  }
  out += escapeHtml(collapse(text.slice(pos, to)));
  out = out.replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, '');
  return (from > 0 ? '… ' : '') + out + (to < text.length ? ' …' : '');
}

// [anchor, html] for a document: the section matching most distinct terms (the first on a
// tie), else the summary, else the first text.
function excerptOf(m, sections, summary, terms) {
  let best = -1;
  let bestHits = 0;
  sections.forEach(([heading, , text], i) => {
    const hit = new Set();
    for (const t of markedTokens(m, heading, terms)) if (t.term !== null) hit.add(t.term);
    for (const t of markedTokens(m, text, terms)) if (t.term !== null) hit.add(t.term);
    if (hit.size > bestHits) {
      best = i;
      bestHits = hit.size;
    }
  });
  if (best >= 0) {
    const [, anchor, text] = sections[best];
    return [anchor, windowOf(m, text === '' ? summary : text, terms)];
  }
  const first = sections.find((s) => s[2] !== '');
  return ['', windowOf(m, summary !== '' ? summary : first ? first[2] : '', terms)];
}

// The sections a result lists (excerpt.rs, matching_sections): those with an anchor whose
// heading or text holds a term to mark, by distinct terms (page order on a tie), at most
// MAX_SECTIONS, each as [anchor, heading, excerpt].
const MAX_SECTIONS = 3;
function sectionsOf(m, sections, terms) {
  const found = [];
  sections.forEach(([heading, anchor, text], i) => {
    if (anchor === '') return;
    const hit = new Set();
    for (const t of markedTokens(m, heading, terms)) if (t.term !== null) hit.add(t.term);
    for (const t of markedTokens(m, text, terms)) if (t.term !== null) hit.add(t.term);
    if (hit.size > 0) found.push([i, hit.size]);
  });
  // Array.prototype.sort is stable: page order among sections with as many terms.
  found.sort((a, b) => b[1] - a[1]);
  return found.slice(0, MAX_SECTIONS).map(([i]) => {
    const [heading, anchor, text] = sections[i];
    return [anchor, heading, windowOf(m, text, terms)];
  });
}

// ---- filters, counts, dates, best bets (the same rules as facets.rs)

// The facets a query can be narrowed by, in the order counts list them; `kind` comes from
// the manifest's kind ranges, the others from f.bin.
const FACETS = ['kind', 'audience', 'country', 'municipality', 'tag'];
const FILTER_OPTIONS = { kind: 'kinds', audience: 'audiences', country: 'countries', municipality: 'municipalities', tag: 'tags' };

// The chosen values per facet from search options; facets without a choice are left out.
function filtersOf(options) {
  const out = new Map();
  for (const facet of FACETS) {
    const values = [].concat(options[FILTER_OPTIONS[facet]] ?? []).map(String);
    if (values.length > 0) out.set(facet, new Set(values));
  }
  return out;
}

// Whether `doc` passes every chosen facet but `except` (each facet's counts are counted as if
// its own choice were not made).
function facetKeeps(valuesOf, filters, doc, except) {
  for (const [facet, wanted] of filters) {
    if (facet === except) continue;
    if (!valuesOf(facet, doc).some((v) => wanted.has(v))) return false;
  }
  return true;
}

// Per facet, per value, the number of matching documents (or of distinct `keyOf(doc)`s).
function countFacets(valuesOf, filters, docs, counts, keyOf) {
  for (const facet of FACETS) {
    for (const doc of docs) {
      if (!facetKeeps(valuesOf, filters, doc, facet)) continue;
      for (const v of new Set(valuesOf(facet, doc))) {
        if (!counts.has(facet)) counts.set(facet, new Map());
        const per = counts.get(facet);
        if (!per.has(v)) per.set(v, new Set());
        per.get(v).add(keyOf(doc));
      }
    }
  }
}

// The digits of a phone number or query.
function digitsOf(s) {
  return String(s).replace(/[^0-9]/g, '');
}

// The best bets a query names: a bet term among the query's terms, or the same digits (3+).
function bestBetsOf(bets, terms, query) {
  const qd = digitsOf(query);
  return bets.filter((b) => b.k.some((t) => terms.includes(t)) || (qd.length >= 3 && qd === digitsOf(b.p)));
}

// ---- typo candidates

// Every string at edit distance 1 from `word` (deletion, adjacent transposition, substitution,
// insertion), over TYPO_LETTERS.
function editsOf(word) {
  const w = Array.from(word);
  const out = new Set();
  for (let i = 0; i <= w.length; i++) {
    const head = w.slice(0, i);
    const rest = w.slice(i);
    for (const c of TYPO_LETTERS) out.add(head.concat(c, rest).join(''));
    if (i === w.length) break;
    const tail = w.slice(i + 1);
    out.add(head.concat(tail).join(''));
    for (const c of TYPO_LETTERS) if (c !== w[i]) out.add(head.concat(c, tail).join(''));
    if (tail.length > 0 && tail[0] !== w[i]) out.add(head.concat(tail[0], w[i], tail.slice(1)).join(''));
  }
  out.delete(word);
  return out;
}

// ---- the search object

// A module beside this one that only some searches need (build.rs, LAZY): `merge` for several
// languages, `suggest` for "Mente du …?". The browser imports each once.
function lazyModule(name) {
  return import(new URL(`samspil-search-${name}.js`, import.meta.url).href);
}

export function createSearch({ base = '/', fetch: fetchFn = globalThis.fetch, language } = {}) {
  const baseStr = String(base).endsWith('/') ? String(base) : `${base}/`;
  const root = new URL(baseStr, globalThis.location ? globalThis.location.href : undefined);
  const dataRoot = new URL('search/', root);
  const defaultLanguage =
    language || (globalThis.document && globalThis.document.documentElement.lang) || 'da';
  const cache = new Map();

  // Fetches a file once (concurrent callers share the promise; a failure is not cached).
  function load(path, parse) {
    if (!cache.has(path)) {
      const p = (async () => {
        const res = await fetchFn(new URL(path, dataRoot).href);
        if (!res.ok) throw new Error(`samspil-search: ${path}: HTTP ${res.status}`);
        let bytes = new Uint8Array(await res.arrayBuffer());
        // A host that sent the file with Content-Encoding: gzip has already unpacked it.
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes);
        return parse(bytes);
      })();
      cache.set(path, p);
      p.catch(() => cache.delete(path));
    }
    return cache.get(path);
  }

  function manifestOf(lang) {
    return load(`${lang}/manifest.bin`, (bytes) => {
      const j = JSON.parse(new TextDecoder().decode(bytes));
      if (j.format !== FORMAT) throw new Error(`samspil-search: unsupported index format ${j.format}`);
      const k1 = bitsToF32(j.k1);
      const b = bitsToF32(j.b);
      const fields = j.fields.map((fd) => {
        const avg = bitsToF32(fd.avg);
        const cache1 = new Float32Array(256);
        // tantivy's compute_tf_cache: K1 * (1 - B + B * fieldnorm / avg), in f32.
        for (let id = 0; id < 256; id++) {
          cache1[id] = f32(k1 * f32(f32(1 - b) + f32(f32(b * f32(fieldnormOf(id))) / avg)));
        }
        return { name: fd.name, boost: fd.boost, cache: cache1 };
      });
      const stop = new Set(j.stopwords);
      const stemmer = j.stemmer;
      return {
        variants: j.variants === true,
        lang,
        docs: j.docs,
        build: j.build,
        k1plus1: f32(1 + k1),
        fields,
        stop,
        stemmer,
        kinds: new Map(j.kinds.map(([k, from, to]) => [k, [from, to]])),
        keys: j.shards,
        per: j.fragment_docs,
        best: j.best || [],
        // Shards and fragment files parsed so far, by number: what suggestions may read
        // without a round trip.
        ready: new Map(),
        readyDocs: new Map(),
      };
    });
  }

  // Index of the shard that holds `term`: the last whose key is <= term.
  function shardIndexOf(m, term) {
    let lo = 0;
    let hi = m.keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmp(m.keys[mid], term) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function shardOf(m, i) {
    return load(`${m.lang}/${m.build}/t${i}.bin`, (bytes) => {
      const shard = parseShard(bytes, m.fields.length);
      m.ready.set(i, shard);
      return shard;
    });
  }

  // The shards that hold `terms`, each fetched once.
  function shardsFor(m, terms) {
    return Promise.all([...new Set(terms.map((t) => shardIndexOf(m, t)))].map((i) => shardOf(m, i)));
  }

  // The loaded shard that holds `term`, or null (not loaded, or not in the index).
  function loadedShardWith(m, term) {
    const shard = m.ready.get(shardIndexOf(m, term));
    return shard && shard.index.has(term) ? shard : null;
  }

  // Each document's translation group number (0: none), the same in every language.
  function groupsOf(m) {
    return load(`${m.lang}/${m.build}/g.bin`, (bytes) => {
      const at = { pos: 0 };
      const groups = new Uint32Array(readVarint(bytes, at));
      for (let i = 0; i < groups.length; i++) groups[i] = readVarint(bytes, at);
      return groups;
    });
  }

  // Filter values and dates (f.bin): per facet, value → doc ids; per doc, its date.
  function facetsOf(m) {
    return load(`${m.lang}/${m.build}/f.bin`, (bytes) => {
      const j = JSON.parse(new TextDecoder().decode(bytes));
      const perDoc = new Map();
      for (const facet of FACETS.slice(1)) {
        const values = Array.from({ length: m.docs }, () => []);
        for (const [value, deltas] of j[facet] || []) {
          let doc = 0;
          deltas.forEach((d, i) => {
            doc = i === 0 ? d : doc + d;
            values[doc].push(value);
          });
        }
        perDoc.set(facet, values);
      }
      const kindOf = new Array(m.docs);
      for (const [k, [from, to]] of m.kinds) for (let d = from; d < to; d++) kindOf[d] = k;
      return {
        valuesOf: (facet, doc) => (facet === 'kind' ? [kindOf[doc]] : perDoc.get(facet)[doc]),
        dates: j.date,
      };
    });
  }

  function fragmentOf(m, doc) {
    const file = Math.floor(doc / m.per);
    return load(`${m.lang}/${m.build}/d${file}.bin`, (bytes) => {
      const docs = JSON.parse(new TextDecoder().decode(bytes));
      m.readyDocs.set(file, docs);
      return docs;
    }).then((docs) => docs[doc % m.per]);
  }

  // Ranks one language: the hits of the query's resolved terms (tantivy's ranking), then, if
  // those are fewer than `limit`, the documents found only through prefix or typo expansions.
  async function searchLanguage(lang, query, opts, limit, merging) {
    const m = await manifestOf(lang);
    const none = { hits: [], matched: [], bets: [] };
    if (m.docs === 0 || m.keys.length === 0) return none;
    const { filters } = opts;
    // f.bin only when a choice other than kind, the counts or the date order need it; its
    // fetch runs beside the shards'.
    const needFacets = opts.counts || opts.sort === 'date' || [...filters.keys()].some((f) => f !== 'kind');
    const facetsP = needFacets ? facetsOf(m) : null;
    const qwords = words(query, m.stemmer === '').map((w) => ({
      low: w.low,
      term: queryTermOf(m, w.low),
    }));
    const loaded = new Map();
    const fetchShards = async (indexes) => {
      const todo = [...new Set(indexes)].filter((i) => !loaded.has(i));
      const shards = await Promise.all(todo.map((i) => shardOf(m, i)));
      todo.forEach((i, n) => loaded.set(i, shards[n]));
    };
    const lookup = (term) => {
      const shard = loaded.get(shardIndexOf(m, term));
      if (!shard) return null;
      const i = shard.index.get(term);
      return i === undefined ? null : { shard, i };
    };

    const termOf = (w) => queryTermOf(m, w);
    const resolved = await resolveQuery(
      qwords.map((w) => w.low),
      m.variants,
      termOf,
      (t) => lookup(t) !== null,
      (ts) => fetchShards(ts.map((t) => shardIndexOf(m, t))),
      MAX_QUERY_TERMS,
    );
    const terms = resolved.terms.map(([t]) => t);
    const fx = facetsP ? await facetsP : { valuesOf: kindValues(m), dates: null };
    const keep = filters.size === 0 ? () => true : (doc) => facetKeeps(fx.valuesOf, filters, doc, null);
    // Every match is scored, then filtered: a document's score does not depend on the
    // filters, and the counts need the matches the filters leave out.
    const all = new Map();
    for (const [term, factor] of resolved.terms) {
      const hit = lookup(term);
      if (hit) scoreTerm(m, hit.shard, hit.i, all, () => true, factor);
    }
    const exact = filters.size === 0 ? all : new Map([...all].filter(([doc]) => keep(doc)));
    const bets = bestBetsOf(m.best, terms, query);
    const dates = opts.sort === 'date' ? fx.dates : null;
    const via = resolved.via;
    // The best score the query could reach here: needed only to merge several languages.
    const norm = merging
      ? (await merging).attainableScore(m, resolved.terms, (t) => {
        const hit = lookup(t);
        return hit ? hit.shard.entries[hit.i] : null;
      })
      : 0;
    const date = (doc) => (fx.dates ? fx.dates[doc] || '' : undefined);
    const hits = rankHits(exact, limit, dates, (doc, score) => ({ lang, doc, score, tier: 0, terms, via, norm, date: date(doc) }));
    // `found`: the documents the results come from (filters applied), for the total.
    const answer = (list, fuzzyDocs = []) => ({ hits: list, matched: [...all.keys()], found: [...exact.keys(), ...fuzzyDocs], valuesOf: fx.valuesOf, bets });
    if (exact.size >= limit) return answer(hits);

    // Expansions: per query word, terms that extend its last word (prefix) or are one edit away.
    const fuzzyWords = qwords.slice(-MAX_FUZZY_WORDS);
    const last = qwords.length > 0 && ENDS_IN_WORD.test(query) ? qwords[qwords.length - 1] : null;
    if (last && Array.from(last.low).length >= PREFIX_MIN_LETTERS) {
      const first = shardIndexOf(m, last.low);
      const more = [];
      for (let i = first + 1; i < m.keys.length && m.keys[i].startsWith(last.low); i++) more.push(i);
      await fetchShards([first, ...more].slice(0, MAX_PREFIX_SHARDS));
    }
    const typoShards = new Map();
    const candidates = new Map();
    for (const w of fuzzyWords) {
      const set = new Set();
      candidates.set(w, set);
      if (Array.from(w.low).length < TYPO_MIN_LETTERS) continue;
      for (const v of editsOf(w.low)) {
        if (m.stop.has(v) || utf8Length(v) >= MAX_TOKEN_BYTES || !ENDS_IN_WORD.test(v)) continue;
        const s = snowballStem(m.stemmer, v);
        if (terms.includes(s)) continue;
        set.add(s);
      }
      if (w.term !== null && !lookup(w.term)) {
        for (const s of set) {
          const i = shardIndexOf(m, s);
          if (!loaded.has(i)) typoShards.set(i, (typoShards.get(i) || 0) + 1);
        }
      }
    }
    const extra = [...typoShards].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_TYPO_SHARDS);
    await fetchShards(extra.map(([i]) => i));

    const fuzzy = new Map();
    for (const w of fuzzyWords) {
      const found = [];
      if (w === last) {
        for (const shard of loaded.values()) {
          for (let i = 0; i < shard.terms.length; i++) {
            const t = shard.terms[i];
            if (t.startsWith(last.low) && !terms.includes(t)) {
              found.push({ term: t, shard, i, factor: PREFIX_FACTOR });
            }
          }
        }
      }
      for (const s of candidates.get(w)) {
        const hit = lookup(s);
        if (hit) found.push({ term: s, shard: hit.shard, i: hit.i, factor: TYPO_FACTOR });
      }
      // The most frequent expansions (ties: term order) — rare ones are likelier noise.
      found.sort((a, b) => docFreq(b.shard.entries[b.i]) - docFreq(a.shard.entries[a.i]) || cmp(a.term, b.term));
      const best = new Map();
      const seen = new Set();
      for (const e of found) {
        if (seen.has(e.term) || seen.size >= MAX_EXPANSIONS) continue;
        seen.add(e.term);
        const acc = new Map();
        scoreTerm(m, e.shard, e.i, acc, (doc) => keep(doc) && !exact.has(doc));
        for (const [doc, s] of acc) {
          const v = s * e.factor;
          const prev = best.get(doc);
          if (!prev || v > prev.score) best.set(doc, { score: v, term: e.term });
        }
      }
      for (const [doc, { score, term }] of best) {
        const f = fuzzy.get(doc) || { score: 0, terms: [] };
        f.score += score;
        f.terms.push(term);
        fuzzy.set(doc, f);
      }
    }
    const more = rankHits(fuzzy, limit, dates, (doc, f) => ({ lang, doc, score: f.score, tier: 1, terms: f.terms, norm, date: date(doc) }));
    return answer(hits.concat(more).slice(0, limit), [...fuzzy.keys()]);
  }

  // One search: the results, and with `counts` the matches per filter value (FORMAT.md,
  // "Facets") and the urgent contacts the query names.
  async function run(query, options, counting) {
    const { languages = [defaultLanguage], limit = 10, offset = 0, sort = 'relevance' } = options;
    const q = String(query ?? '');
    const skip = Math.max(0, Math.floor(Number(offset) || 0));
    // Ranked through offset + limit; the first `offset` are dropped (a page of results).
    const n = Math.max(0, Math.floor(Number(limit) || 0)) + skip;
    const empty = { results: [], counts: {}, bestBets: [], total: 0 };
    if ((n === 0 && !counting) || words(q).length === 0) return empty;
    const langs = [...new Set([].concat(languages ?? []).map(String))];
    const opts = { filters: filtersOf(options), sort: String(sort), counts: counting };
    // Several languages: js/merge.js, a module of its own, loaded beside the first files.
    const merging = langs.length > 1 ? lazyModule('merge') : null;
    const perLang = await Promise.all(langs.map((l) => searchLanguage(l, q, opts, n, merging)));
    const groups = new Map();
    if (merging) {
      await Promise.all(langs.map(async (l) => groups.set(l, await groupsOf(await manifestOf(l)))));
    }
    let top = perLang[0] ? perLang[0].hits : [];
    if (merging) {
      top = (await merging).mergeLanguages(perLang.flatMap((a) => a.hits), langs, groups, n);
      // The merge ranks by comparable scores; the date order is applied to what it kept.
      if (opts.sort === 'date') top.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    }
    top = top.slice(skip);
    // In several languages, the versions of one item count once (as they show once).
    const keysOf = (i) => {
      const g = groups.get(langs[i]);
      return (doc) => (g && g[doc] > 0 ? `g${g[doc]}` : `${langs[i]}:${doc}`);
    };
    const shown = new Set();
    perLang.forEach((a, i) => {
      const keyOf = keysOf(i);
      for (const doc of a.found || []) shown.add(keyOf(doc));
    });
    const total = shown.size;
    const version = async (h) => {
      const d = await fragmentOf(await manifestOf(h.lang), h.doc);
      return { language: h.lang, url: baseStr + d.u, title: d.t };
    };
    const results = await Promise.all(
      top.map(async (h) => {
        const m = await manifestOf(h.lang);
        const d = await fragmentOf(m, h.doc);
        const terms = new Set(h.terms);
        const [anchor, excerpt] = excerptOf(m, d.x, d.s, terms);
        const also = await Promise.all((h.also || []).map(version));
        return {
          url: baseStr + d.u + (anchor ? `#${anchor}` : ''),
          title: d.t,
          kind: d.k,
          language: h.lang,
          score: h.score,
          excerpt,
          match: h.tier === 0 ? h.via : 'fuzzy',
          stale: d.o === 1,
          date: d.d || '',
          sections: sectionsOf(m, d.x, terms).map(([a, heading, text]) => ({
            url: `${baseStr}${d.u}#${a}`,
            heading,
            excerpt: text,
          })),
          also,
          ...(h.relevance === undefined ? {} : { relevance: h.relevance }),
        };
      }),
    );
    const bestBets = (perLang[0] ? perLang[0].bets : []).map((b) => ({ name: b.n, phone: b.p, url: baseStr + b.u }));
    if (!counting) return { results, counts: {}, bestBets, total };
    const counts = new Map();
    perLang.forEach((a, i) => countFacets(a.valuesOf, opts.filters, a.matched, counts, keysOf(i)));
    const countsOut = {};
    for (const facet of FACETS) {
      const per = counts.get(facet);
      if (!per) continue;
      countsOut[facet] = {};
      for (const v of [...per.keys()].sort(cmp)) countsOut[facet][v] = per.get(v).size;
    }
    return { results, counts: countsOut, bestBets, total };
  }

  // The results of `query`: options { languages, kinds, audiences, countries, municipalities,
  // tags, sort: 'relevance' | 'date', limit, offset } (offset: results to skip, for pages).
  async function search(query, options = {}) {
    return (await run(query, options, false)).results;
  }

  // `search` with the best bets, the counts per filter value and the number of results there
  // are (`total`: every exact match the filters keep, plus the prefix and typo matches when
  // those were needed to fill offset + limit): { results, counts, bestBets, total }.
  // `counts: false` leaves the counts out (and f.bin unfetched).
  async function searchWithFacets(query, options = {}) {
    return run(query, options, options.counts !== false);
  }

  // "Mente du …?" for `query` in `language` (js/suggest.js, a module of its own, imported on
  // the first call): { query, words: [{ from, to }] } or null. Reads the shards the search has
  // loaded; call it after `search` with the same query.
  async function suggest(query, { language: lang = defaultLanguage } = {}) {
    const q = String(query ?? '');
    // No letter or digit, no word in any analyzer: nothing to load.
    if (words(q).length === 0) return null;
    const m = await manifestOf(String(lang));
    const general = m.stemmer === '';
    const qwords = words(q, general);
    if (qwords.length === 0) return null;
    if (m.docs === 0 || m.keys.length === 0) return null;
    const termOf = (w) => queryTermOf(m, w);
    const shardWith = (t) => loadedShardWith(m, t);
    const entryOf = (t) => {
      const shard = shardWith(t);
      return shard ? shard.entries[shard.index.get(t)] : null;
    };
    const ensure = (ts) => shardsFor(m, ts);
    await ensure(qwords.map((w) => termOf(w.low)).filter((t) => t !== null));
    const { suggestQuery } = await lazyModule('suggest');
    return suggestQuery(qwords, {
      words: (text) => words(text, general),
      cmp,
      editsOf,
      foldCandidates,
      splitTerm,
      termOf,
      known: (t) => entryOf(t) !== null,
      dfOf: (t) => docFreq(entryOf(t) || []),
      ensure,
      terms: function* () {
        for (const shard of m.ready.values()) yield* shard.terms;
      },
      texts: function* () {
        for (const docs of m.readyDocs.values()) {
          for (const d of docs) {
            yield d.t;
            yield d.s;
            for (const [heading, , text] of d.x) yield `${heading} ${text}`;
          }
        }
      },
      loadDocOf: async (t) => {
        const shard = shardWith(t);
        if (shard) await fragmentOf(m, postingsOf(shard, shard.entries[shard.index.get(t)][0]).docs[0]);
      },
      variants: m.variants,
      lastIsPrefix: ENDS_IN_WORD.test(q),
    });
  }

  // What a page opened from a result with `query` marks in `language`: `terms`, the query's
  // terms with their variants, resolved as `search` resolves them, and `find(text)`, the
  // [start, end] UTF-16 offsets of the words of `text` that `marksTerm` accepts, by the
  // index's own analyzer (stop words, stemmer) for that language.
  async function marker(query, { language: lang = defaultLanguage } = {}) {
    const m = await manifestOf(String(lang));
    const termOf = (w) => queryTermOf(m, w);
    // The query's words as this language's analyzer cuts them (Unicode words for the general
    // one), as the page's words are cut below.
    const qwords = words(String(query ?? ''), m.stemmer === '').map((w) => w.low);
    let terms = qwords.map(termOf).filter((t) => t !== null);
    if (m.docs > 0 && m.keys.length > 0) {
      const known = (t) => loadedShardWith(m, t) !== null;
      const resolved = await resolveQuery(qwords, m.variants, termOf, known, (ts) => shardsFor(m, ts), MAX_QUERY_TERMS);
      terms = resolved.terms.map(([t]) => t);
    }
    const find = (text) =>
      tokensOf(String(text), m.stop, m.stemmer)
        .filter((t) => marksTerm(t.term, terms))
        .map((t) => [t.start, t.end]);
    return { terms, find };
  }

  // Loads what a search in `language` will need first, before it is asked: the manifest, and
  // with `text` (what has been typed so far) the shards of its words, so the search for the
  // next keystroke waits for fewer round trips. Errors are left to the search itself.
  async function prefetch(text = '', { language: lang = defaultLanguage } = {}) {
    try {
      const m = await manifestOf(String(lang));
      if (m.docs === 0 || m.keys.length === 0) return;
      const terms = words(String(text), m.stemmer === '')
        .map((w) => queryTermOf(m, w.low))
        .filter((t) => t !== null);
      await shardsFor(m, terms);
    } catch {
      // A failed prefetch is retried by the search (failures are not cached).
    }
  }

  return { search, searchWithFacets, suggest, prefetch, marker };
}
