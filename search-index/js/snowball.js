// Snowball stemmers for Danish, Swedish and Norwegian: a port of the code frostem
// 1.20260821.8 generates from danish.sbl / swedish.sbl / norwegian.sbl (Snowball 3.1.1,
// upstream commit 81dd074), which is what tantivy 0.27's `Stemmer` runs on every token.
// Query terms must stem exactly like indexed terms, so this follows the generated code step
// by step (tests/stemmer_parity.rs checks it against tantivy on the Debian word lists).
//
// Words are handled as arrays of code points, as Snowball's UTF-8 runtime does (its cursors
// step over whole characters); letters like æ ø å ä ö are never folded. Every step only ever
// shortens the word at its end (even "løst" -> "løs", "erte" -> "er"), so a stemmer just
// computes the new length. Input is expected lowercased (tantivy's LowerCaser runs first).

// Snowball groupings (decoded from the generated bit tables).
const SB_DA_V = 'aeiouyåæø';
const SB_DA_S_ENDING = "'abcdfghjklmnoprtvyzå";
const SB_DA_UNDOUBLE = 'bdfgklmnprst';
const SB_SV_V = 'aeiouyäåö';
const SB_SV_S_ENDING = 'bcdfghjklmnoprtvy';
const SB_SV_OST_ENDING = 'iklnprtuv';
const SB_NB_V = 'aeiouyåæêòóôø';
const SB_NB_S_ENDING = 'bcdfghjlmnoptvyz';

// An `among` table: space-separated suffixes, "suffix:k" gives result k (default 1). Snowball's
// find_among_b returns the result of the longest entry that ends at the cursor, so entries are
// tried longest first.
function sbTable(spec) {
  return spec
    .split(' ')
    .map((t) => {
      const [s, r] = t.split(':');
      return { s: Array.from(s), r: r === undefined ? 1 : Number(r) };
    })
    .sort((a, b) => b.s.length - a.s.length);
}

// The longest entry of `table` that is a suffix of w[0..n) starting at or after `from`
// (the region's limit_backward), or null.
function sbFind(w, n, from, table) {
  for (const e of table) {
    const k = n - e.s.length;
    if (k < from) continue;
    let j = 0;
    while (j < e.s.length && w[k + j] === e.s[j]) j++;
    if (j === e.s.length) return e;
  }
  return null;
}

function sbIn(set, ch) {
  return ch !== undefined && set.includes(ch);
}

// Standard Snowball p1: just after the first non-vowel that follows a vowel, or the end.
function sbP1(w, v) {
  let i = 0;
  while (i < w.length && !sbIn(v, w[i])) i++;
  if (i >= w.length) return w.length;
  i++;
  while (i < w.length && sbIn(v, w[i])) i++;
  return i >= w.length ? w.length : i + 1;
}

// Danish and Norwegian (since Snowball 3.x): if the word has an apostrophe, p1 is just after
// the first one; otherwise the standard p1. Either way at least 3 characters in.
function sbP1Apostrophe(w, v) {
  const a = w.indexOf("'");
  return Math.max(a >= 0 ? a + 1 : sbP1(w, v), 3);
}

const SB_DA_MAIN = sbTable(
  'hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer s:2 heds es ' +
    'endes erendes enes ernes eres ens hedens erens ers ets erets et eret',
);
const SB_DA_PAIR = sbTable('gd dt gt kt');
const SB_DA_OTHER = sbTable('ig lig elig els løst:2');

// danish.sbl: main_suffix, consonant_pair, other_suffix, undouble, then drop a final "'".
function sbDanish(w) {
  if (w.length < 3) return w.length; // `hop 3` fails: the word is left as it is
  const p1 = sbP1Apostrophe(w, SB_DA_V);
  let n = w.length;
  // consonant_pair: "gd" "dt" "gt" "kt" in R1 lose their last letter.
  const pair = () => {
    if (sbFind(w, n, p1, SB_DA_PAIR)) n--;
  };
  let m = sbFind(w, n, p1, SB_DA_MAIN);
  // A lone "s" goes only after a valid s-ending (checked outside R1).
  if (m && (m.r === 1 || sbIn(SB_DA_S_ENDING, w[n - 2]))) n -= m.s.length;
  pair();
  // other_suffix: "igst" -> "ig" anywhere in the word, then the R1 suffixes.
  if (n >= 4 && w[n - 4] === 'i' && w[n - 3] === 'g' && w[n - 2] === 's' && w[n - 1] === 't') {
    n -= 2;
  }
  m = sbFind(w, n, p1, SB_DA_OTHER);
  if (m && m.r === 1) {
    n -= m.s.length;
    pair();
  } else if (m) {
    n--; // "løst" -> "løs"
  }
  // undouble: a doubled undouble_c consonant ending R1 loses one.
  if (n - 1 >= p1 && sbIn(SB_DA_UNDOUBLE, w[n - 1]) && w[n - 2] === w[n - 1]) n--;
  if (w[n - 1] === "'") n--;
  return n;
}

const SB_SV_ET_EXCEPTIONS = sbTable(
  'fab h pak rak stak kom iet cit dit alit ilit mit nit pit rit sit tit uit ivit kvit xit',
);
const SB_SV_MAIN = sbTable(
  'a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter ' +
    'or s:2 as arnas ernas ornas es ades andes ens arens hetens erns at et:3 andet het ast',
);
const SB_SV_PAIR = sbTable('dd gd nn dt gt kt tt');
const SB_SV_OTHER = sbTable('ig lig els fullt:3 öst:2');

// swedish.sbl et_condition, with the cursor at `c` (just before "et"): a non-vowel preceded by
// a vowel that is not the first letter, and none of the exception endings.
function sbSvEtCondition(w, c) {
  return (
    c >= 3 &&
    !sbIn(SB_SV_V, w[c - 1]) &&
    sbIn(SB_SV_V, w[c - 2]) &&
    !sbFind(w, c, 0, SB_SV_ET_EXCEPTIONS)
  );
}

// swedish.sbl: main_suffix, consonant_pair, other_suffix (no apostrophe handling).
function sbSwedish(w) {
  let n = w.length;
  // p1 has no `hop 3` failure exit here: a short word just gets an empty R1.
  const p1 = n < 3 ? n : Math.max(sbP1(w, SB_SV_V), 3);
  const m = sbFind(w, n, p1, SB_SV_MAIN);
  if (m && m.r === 1) {
    n -= m.s.length;
  } else if (m && m.r === 2) {
    // "s": drop "ets" when et_condition holds, else "s" after a valid s-ending.
    const c = n - 1;
    if (w[c - 2] === 'e' && w[c - 1] === 't' && sbSvEtCondition(w, c - 2)) n = c - 2;
    else if (sbIn(SB_SV_S_ENDING, w[c - 1])) n = c;
  } else if (m && sbSvEtCondition(w, n - 2)) {
    n -= 2; // "et"
  }
  if (sbFind(w, n, p1, SB_SV_PAIR)) n--;
  const o = sbFind(w, n, p1, SB_SV_OTHER);
  if (o && o.r === 1) n -= o.s.length;
  else if (o && o.r === 2 && sbIn(SB_SV_OST_ENDING, w[n - 4])) n--; // "öst" -> "ös"
  else if (o && o.r === 3) n--; // "fullt" -> "full"
  return n;
}

const SB_NB_MAIN = sbTable(
  'a e ede ande ende ane ene hetene erte:4 en heten ar er heter s:3 as es edes endes enes ' +
    'hetenes ens hetens ers:2 ets et het ert:4 ast',
);
// Before "ers" (whole word): these endings keep it (:0), the longer ones and anything else
// let it go.
const SB_NB_ERS = sbTable('ind:0 kk:0 nk:0 amm:0 omm:0 kap:0 skap pp:0 lt:0 ast:0 øst:0 v:0 hav giv');
const SB_NB_PAIR = sbTable('dt vt');
const SB_NB_OTHER = sbTable('leg eleg ig eig lig elig els lov elov slov hetslov');

// norwegian.sbl: main_suffix, consonant_pair, other_suffix, then drop a final "'".
function sbNorwegian(w) {
  if (w.length < 3) return w.length; // `hop 3` fails: the word is left as it is
  const p1 = sbP1Apostrophe(w, SB_NB_V);
  let n = w.length;
  const m = sbFind(w, n, p1, SB_NB_MAIN);
  if (m && m.r === 1) {
    n -= m.s.length;
  } else if (m && m.r === 2) {
    const keep = sbFind(w, n - 3, 0, SB_NB_ERS);
    if (!keep || keep.r === 1) n -= 3;
  } else if (m && m.r === 3) {
    // "s" after an s-ending, after "r" not preceded by "e", or after "k" after a non-vowel.
    const c = n - 1;
    const b = w[c - 1];
    if (
      sbIn(SB_NB_S_ENDING, b) ||
      (b === 'r' && w[c - 2] !== 'e') ||
      (b === 'k' && c >= 2 && !sbIn(SB_NB_V, w[c - 2]))
    ) {
      n = c;
    }
  } else if (m) {
    n -= m.s.length - 2; // "erte" / "ert" -> "er"
  }
  if (sbFind(w, n, p1, SB_NB_PAIR)) n--;
  const o = sbFind(w, n, p1, SB_NB_OTHER);
  if (o) n -= o.s.length;
  if (w[n - 1] === "'") n--;
  return n;
}

function snowballStem(language, word) {
  const w = Array.from(word);
  let n;
  if (language === 'da') n = sbDanish(w);
  else if (language === 'sv') n = sbSwedish(w);
  else if (language === 'nb' || language === 'nn' || language === 'no') n = sbNorwegian(w);
  else return word;
  return n === w.length ? word : w.slice(0, n).join('');
}
