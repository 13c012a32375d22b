#!/bin/bash
# Sequential timing runs, no network (unshare -n) and proxies pointed at a dead port.
cd /tmp/embed-d
OFF="env HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 HF_HUB_OFFLINE=1"
for m in use e5 e5-enpt; do
  echo "$(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) full t1 $m"
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 unshare -n $OFF ./venv/bin/python measure.py $m out/${m}_full_t1.json > out/${m}_full_t1.log 2>&1
done
for r in 1 2 3; do
  for m in use e5; do
    for t in 1 2; do
      echo "$(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) quick t$t $m r$r"
      QUICK=1 OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t unshare -n $OFF ./venv/bin/python measure.py $m out/${m}_quick_t${t}_r$r.json > out/${m}_quick_t${t}_r$r.log 2>&1
    done
  done
done
echo "$(date -u +%T) done load $(cut -d' ' -f1-3 /proc/loadavg)"
