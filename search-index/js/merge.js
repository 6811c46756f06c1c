// "Search all languages": one ranking over several indexes, one result per item. An ES module
// of its own, `samspil-search-merge.js`, that client.js imports only for a search in several
// languages (FORMAT.md, "Client extras", Languages).
//
// BM25 scores of different indexes are not comparable: each index has its own idf values,
// document count and average lengths, so the same page scores differently in Danish and in
// Swedish. Each hit is therefore ranked by its relevance: its score divided by the best score
// any document of its index could reach for the same resolved query (per term the sum of
// idf · field boost · factor over the fields it occurs in, times 1 + K1, since BM25 gives one
// term in one field at most idf · (1 + K1) · boost; a term missing from the index counts with
// the idf of a term no document has, in every field). That is the share of the attainable
// score a document reaches in its own language, comparable across indexes.

function relevanceOf(h) {
  return h.norm > 0 ? h.score / h.norm : 0;
}

// The best score a document of index `m` could reach for `terms` ([[term, factor], ...]);
// `entriesOf(term)` gives the term's field entries in the index, or null.
export function attainableScore(m, terms, entriesOf) {
  let boosts = 0;
  for (const f of m.fields) boosts += f.boost;
  const missing = Math.log(1 + (m.docs + 0.5) / 0.5) * boosts;
  let best = 0;
  for (const [term, factor] of terms) {
    const entries = entriesOf(term);
    let sum = entries ? 0 : missing;
    if (entries) for (const f of entries) sum += f.idf * m.fields[f.slot].boost;
    best += sum * factor;
  }
  return best * m.k1plus1;
}

// The first `n` hits of all languages by (tier, relevance, position of the language in
// `langs`, doc id), one per translation group (`groups.get(lang)[doc]`, 0 for none): the best
// version of an item stands for it and carries its versions in the other languages of `langs`
// in `also` ({ lang, doc }, in `langs` order), found by the query or not.
export function mergeLanguages(hits, langs, groups, n) {
  const groupOf = (h) => groups.get(h.lang)[h.doc] || 0;
  const ranked = hits.map((h) => ({ ...h, relevance: relevanceOf(h), also: [] }));
  ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.relevance - a.relevance ||
      langs.indexOf(a.lang) - langs.indexOf(b.lang) ||
      a.doc - b.doc,
  );
  const top = [];
  const byGroup = new Map();
  for (const h of ranked) {
    const g = groupOf(h);
    const first = g ? byGroup.get(g) : undefined;
    if (first) {
      if (first.lang !== h.lang && !first.also.some((a) => a.lang === h.lang)) first.also.push(h);
      continue;
    }
    if (top.length >= n) continue;
    top.push(h);
    if (g) byGroup.set(g, h);
  }
  const docsOf = new Map();
  for (const h of top) {
    const g = groupOf(h);
    if (!g) continue;
    for (const l of langs) {
      if (l === h.lang || h.also.some((a) => a.lang === l)) continue;
      if (!docsOf.has(l)) {
        const byG = new Map();
        groups.get(l).forEach((gl, doc) => {
          if (gl && !byG.has(gl)) byG.set(gl, doc);
        });
        docsOf.set(l, byG);
      }
      const doc = docsOf.get(l).get(g);
      if (doc !== undefined) h.also.push({ lang: l, doc });
    }
    h.also.sort((a, b) => langs.indexOf(a.lang) - langs.indexOf(b.lang));
  }
  return top;
}
