from __future__ import annotations
import json
from pathlib import Path




def test_dump(db):
    from tests.matching import quality
    corpus = quality.demo_corpus()
    out = {
        "documents": [
            {"key": d.key, "kind": d.kind, "group": d.group, "text": d.text,
             "tags": list(d.tags), "lang": d.lang}
            for d in corpus.documents
        ],
        "keys": dict(corpus.keys),
        "queries": [
            {"text": q.text, "relevant": sorted(q.relevant),
             "kinds": sorted(q.kinds) if q.kinds else None, "lang": q.lang, "note": q.note}
            for q in corpus.labelled(quality.load_labelled())
        ],
    }
    Path("/tmp/embed-d/corpus.json").write_text(json.dumps(out, ensure_ascii=False, indent=1))
