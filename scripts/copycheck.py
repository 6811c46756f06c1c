#!/usr/bin/env python3
"""Flags any run of 12 or more words that a content file shares with a source document.

The knowledge base must state the sources' facts in its own words; this finds
accidental copying. Usage: scripts/copycheck.py [SEEDS_DIR] [CONTENT_DIR]
"""
import pathlib, re, sys

N = 12
seeds = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds")
content = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "content")
word = re.compile(r"[\wæøåäöÆØÅÄÖ§]+", re.UNICODE)

def words(text):
    return [w.lower() for w in word.findall(text)]

grams = set()
for f in sorted(seeds.glob("*.txt")):
    ws = words(f.read_text(encoding="utf-8"))
    for i in range(len(ws) - N + 1):
        grams.add(tuple(ws[i:i + N]))

bad = 0
for f in sorted(content.rglob("*.md")):
    ws = words(f.read_text(encoding="utf-8"))
    for i in range(len(ws) - N + 1):
        if tuple(ws[i:i + N]) in grams:
            print(f"{f}: copied run: {' '.join(ws[i:i + N])}")
            bad += 1
            break
print(f"{bad} file(s) with a copied run of {N}+ words")
sys.exit(1 if bad else 0)
