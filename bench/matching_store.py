"""The matching index as the app servers hold it: published in the database, memory-mapped.

Seeds a synthetic index of ``--documents`` (50,000 by default: the corpus of
``bench/matching.py``), publishes it in the database of ``ALLIAGE_DATABASE_URL`` (a SQLite
file in a temporary directory by default), then measures side by side:

- a profile save with the default immediate tasks, before (the one-file store of earlier
  versions: read the file, upsert, refit, rewrite it whole) and now (one delta row under the
  version row's lock), with the rows and bytes it writes;
- what the next read costs a web process (the version, the new delta, the changes searched
  on top of the snapshot), and a search then;
- the compaction the worker runs once the delta log is long (a new snapshot);
- the memory of three processes that load the index at once and search it: the ``.npz``
  read into each, against the snapshot memory-mapped from one cache directory (RSS, and PSS,
  which counts a page shared by three processes a third in each).

    ALLIAGE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/matching_store.py [--documents 50000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="alliage-bench-matching-"))
os.environ.setdefault("ALLIAGE_DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")
os.environ["ALLIAGE_MATCHING_INDEX"] = str(TMP / "matching" / "index.npz")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.base")
os.environ["ALLIAGE_TASKS"] = "immediate"

import django  # noqa: E402

django.setup()

from bench.matching import corpus  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from alliage.matching import store  # noqa: E402
from alliage.matching.documents import organisation_document  # noqa: E402
from alliage.matching.engine import Index  # noqa: E402

MEMORY = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from alliage.matching.engine import Index
def status(field):
    text = Path("/proc/self/status").read_text()
    return next(int(l.split()[1]) / 1024 for l in text.splitlines() if l.startswith(field))
def rollup(field):
    text = Path("/proc/self/smaps_rollup").read_text()
    return next(int(l.split()[1]) / 1024 for l in text.splitlines() if l.startswith(field + ":"))
before = status("VmRSS")
before_pss = rollup("Pss")
before_private = rollup("Private_Clean") + rollup("Private_Dirty")
index = Index.load(sys.argv[2], mmap=True)
for text in ("réparation des ordinateurs des écoles", "mobilité rurale partagée",
             "open data territoire", "sobriété numérique des data centers"):
    index.search(text, kinds={"organisation", "person"}, k=30)
time.sleep(float(sys.argv[3]))  # the three processes are alive together here
private = rollup("Private_Clean") + rollup("Private_Dirty")
print(f"{status('VmRSS') - before} {rollup('Pss') - before_pss} {private - before_private}")
"""


def memory(path: Path, label: str) -> None:
    """Three processes load the index at once and search it (as three web workers)."""
    runs = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", MEMORY, str(ROOT / "src"), str(path), "6"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    figures = [run.communicate()[0].split() for run in runs]
    rss = [float(f[0]) for f in figures]
    pss = [float(f[1]) for f in figures]
    private = [float(f[2]) for f in figures]
    print(
        f"3 processes, {label}: each +{statistics.mean(rss):.0f} MB RSS, "
        f"+{statistics.mean(pss):.0f} MB PSS, +{statistics.mean(private):.0f} MB private; "
        f"the three together +{sum(pss):.0f} MB"
    )


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    store.index_forget()
    coalitions = args.documents // 11
    documents = corpus(args.documents - coalitions, coalitions)
    started = time.perf_counter()
    index = Index.build(documents)
    print(
        f"{len(index)} documents ({connection.vendor}); build {time.perf_counter() - started:.1f} s"
    )

    from tests.factories import OrganisationFactory

    org = OrganisationFactory(
        slug=f"bench-{TMP.name}", is_listed=True, capabilities="Réparation des ordinateurs."
    )
    changed = organisation_document(org)

    # Before: the one-file store rewrote the whole file inside the request.
    npz = TMP / "before.npz"
    index.save(npz)
    before = []
    for _ in range(args.saves):
        started = time.perf_counter()
        old = Index.load(npz)
        old.upsert([changed])
        old.refresh()
        old.save(npz)
        before.append(time.perf_counter() - started)
    print(
        f"profile save, one-file store (read, upsert, refit, rewrite {npz.stat().st_size >> 20}"
        f" MB): {median_ms(before)}"
    )

    started = time.perf_counter()
    store._publish(index, version=0, expected=None)
    print(f"publish a snapshot (compaction's write): {time.perf_counter() - started:.1f} s")

    saves, reads, searches, rows, sizes = [], [], [], [], []
    for n in range(args.saves):
        with CaptureQueriesContext(connection) as seen:
            started = time.perf_counter()
            with transaction.atomic():
                org.capabilities = f"Réparation des ordinateurs, version {n}."
                org.save()  # the task runs after the commit (immediate backend)
            saves.append(time.perf_counter() - started)
        writes = [
            q["sql"]
            for q in seen.captured_queries
            if "matching_" in q["sql"] and q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
        ]
        rows.append(len(writes))
        sizes.append(sum(len(sql) for sql in writes))
        started = time.perf_counter()
        view = store.index_get()
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        view.search("réparation des ordinateurs", kinds={"organisation", "person"}, k=30)
        searches.append(time.perf_counter() - started)
    print(
        f"profile save, database store (the save, its commit hooks, the delta row): "
        f"{median_ms(saves)}; "
        f"{statistics.median(rows):.0f} write statements, {statistics.median(sizes):.0f} bytes "
        f"of SQL; the next read {median_ms(reads)}, a search then {median_ms(searches)}"
    )
    alone = []
    for _ in range(args.saves):
        started = time.perf_counter()
        store.index_write([changed.key])
        alone.append(time.perf_counter() - started)
    print(f"the index_refresh task alone (re-read the object, write its row): {median_ms(alone)}")
    started = time.perf_counter()
    store.index_compact()
    print(f"compaction (the worker's task): {time.perf_counter() - started:.1f} s")

    memory(npz, "the .npz read into each")
    memory(store.path(), "the snapshot memory-mapped")
    store.index_forget()


if __name__ == "__main__":
    main()
