"""Text baseline vs embedding rankings vs reciprocal-rank fusion, on the demo labelled set.
python3 fuse.py  (reads out/*_rankings.json written by baseline_text.py and measure.py)"""
import json, math, sys, os
C = json.load(open("/tmp/embed-d/corpus.json"))
Q = C["queries"]
def ndcg(r, rel, k=10):
    dcg = sum(1 / math.log2(i + 2) for i, x in enumerate(r[:k]) if x in rel)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(rel))))
    return dcg / ideal
def metrics(R):
    rows = []
    for i, q in enumerate(Q):
        r, rel = R[str(i)], set(q["relevant"])
        rows.append(((r[:1] and r[0] in rel) and 1 or 0, sum(x in rel for x in r[:5]) / 5, ndcg(r, rel)))
    n = len(rows)
    return tuple(sum(x[j] for x in rows) / n for j in range(3))
def rrf(A, B, k=60, wa=1.0, wb=1.0):
    out = {}
    for i in A:
        s = {}
        for rank, key in enumerate(A[i]): s[key] = s.get(key, 0) + wa / (k + rank + 1)
        for rank, key in enumerate(B[i]): s[key] = s.get(key, 0) + wb / (k + rank + 1)
        out[i] = sorted(s, key=lambda x: (-s[x], x))
    return out
T = json.load(open("/tmp/embed-d/out/text_rankings.json"))
print(f"{'ranker':38s}  P@1    P@5    nDCG@10")
print(f"{'text scorer (repo default)':38s}  " + "  ".join(f"{v:.3f}" for v in metrics(T)))
for m in ("use", "e5", "e5-enpt"):
    for mode in ("whole", "whole+chunk_max"):
        p = f"/tmp/embed-d/out/{m}_{mode}_rankings.json"
        if not os.path.exists(p): continue
        E = json.load(open(p))
        print(f"{m + ' ' + mode:38s}  " + "  ".join(f"{v:.3f}" for v in metrics(E)))
        for k in (10, 60):
            print(f"{'  RRF(text, ' + m + ' ' + mode + f') k={k}':38s}  " + "  ".join(f"{v:.3f}" for v in metrics(rrf(T, E, k))))

# subsets of the labelled set, by the note the set gives each query
def subset_metrics(R, idx):
    rows = []
    for i in idx:
        r, rel = R[str(i)], set(Q[i]["relevant"])
        rows.append((1 if r and r[0] in rel else 0, sum(x in rel for x in r[:5]) / 5, ndcg(r, rel)))
    return tuple(sum(x[j] for x in rows) / len(rows) for j in range(3))
subsets = {
    "paraphrase (note says so)": [i for i, q in enumerate(Q) if "paraphrase" in (q["note"] or "").lower()],
    "typos (note says so)": [i for i, q in enumerate(Q) if "typo" in (q["note"] or "").lower()],
    "English (lang=en)": [i for i, q in enumerate(Q) if q["lang"] == "en"],
}
print()
for name, idx in subsets.items():
    print(f"-- subset {name}: {len(idx)} queries  (P@1, P@5, nDCG@10)")
    rankers = {"text": T}
    for m in ("use", "e5"):
        p = f"/tmp/embed-d/out/{m}_whole+chunk_max_rankings.json"
        if os.path.exists(p):
            rankers[m] = json.load(open(p)); rankers[f"RRF10(text,{m})"] = rrf(T, rankers[m], 10)
    for rn, R in rankers.items():
        print(f"   {rn:22s} " + "  ".join(f"{v:.3f}" for v in subset_metrics(R, idx)))

print("\n-- weighted RRF (k=10), embedding weight w, text weight 1; whole+chunk_max vectors (indicative: 72 queries)")
for m in ("use", "e5"):
    E = json.load(open(f"/tmp/embed-d/out/{m}_whole+chunk_max_rankings.json"))
    for w in (0.25, 0.5, 0.75, 1.0):
        print(f"   {m:4s} w={w:<5} " + "  ".join(f"{v:.3f}" for v in metrics(rrf(T, E, 10, 1.0, w))))
