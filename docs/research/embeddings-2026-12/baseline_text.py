"""Text-scorer baseline on the dumped demo corpus (run with the repo's venv, read-only)."""
import json, sys, math
sys.path.insert(0, "/work/main/src")
from alliage.matching.engine import Document, Index

C = json.load(open("/tmp/embed-d/corpus.json"))
docs = [Document(key=d["key"], kind=d["kind"], group=d["group"], text=d["text"],
                 tags=tuple(d["tags"]), lang=d["lang"]) for d in C["documents"]]
idx = Index.build(docs)
rankings = {}
for i, q in enumerate(C["queries"]):
    hits = idx.search(q["text"], lang=q["lang"], kinds=set(q["kinds"]) if q["kinds"] else None, k=100)
    rankings[i] = [h.key for h in hits]
json.dump(rankings, open("/tmp/embed-d/out/text_rankings.json", "w"))
print("docs", len(docs), "queries", len(C["queries"]))
