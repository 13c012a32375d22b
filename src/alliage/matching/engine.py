"""The matching index: documents in, ranked and explained hits out.

    index = Index.build(documents)                       # or Index.load(path)
    hits = index.search(coalition_text, kinds={"organisation", "person"}, exclude=members, k=30)
    suggestions = diversify(hits, present_groups=Counter(member_kinds), k=10)
    index.upsert([changed_document]); index.remove(["person:12"]); index.save(path)

Changes are incremental: a replaced or removed document's row is tombstoned, new rows are
appended, and every statistic (document frequencies, IDF, average length, n-gram norms,
surface forms) is recomputed from the live rows before the next search or save, so results are
those of a fresh build. Dead rows are compacted away once they pass a fifth of the rows, with
the terms and words only they held; ``purge`` does it at once (an erasure).

Costs: a refresh is O(corpus) (about 2.5 s at 110,000 documents), so batch the changes;
searches only read, and may run from several threads once the index is refreshed or loaded.

The default scorer was chosen by measuring on tests/matching/labelled_queries.json over the
demo corpus (101 documents): 55 short queries as people type them (typos, inflections,
paraphrases, a few in English) and 17 coalition canvases whose relevant actors are those who
joined them. precision@5 / nDCG@10:

    scorer                                all 72         55 short       17 canvases
    BM25, Lucene idf, alone               0.578 / 0.775  0.560 / 0.833  0.635 / 0.586
    BM25, Okapi idf, alone                0.589 / 0.776  0.567 / 0.834  0.659 / 0.588
    char n-grams alone                    0.594 / 0.785  0.582 / 0.856  0.635 / 0.555
    0.4 BM25 + 0.6 n-grams, max-norm      0.611 / 0.800  0.600 / 0.871  0.647 / 0.571
    0.1 BM25 + 0.9 n-grams, scale-norm    0.608 / 0.792  0.596 / 0.863  0.647 / 0.560
    0.2 BM25 + 0.8 n-grams, scale-norm *  0.608 / 0.794  0.593 / 0.863  0.659 / 0.570
    0.3 BM25 + 0.7 n-grams, scale-norm    0.606 / 0.792  0.593 / 0.860  0.647 / 0.572
    0.5 BM25 + 0.5 n-grams, scale-norm    0.597 / 0.791  0.585 / 0.859  0.635 / 0.572

The combination beats each signal alone: n-grams rescue typos and inflections the stemmer
misses ("comande publik"), BM25 keeps long clean canvases precise. Weights from 0.1 to 0.5
(scale) or 0.3 to 0.7 (max) lie within 0.01 of each other; we take the middle of the plateau
with the "scale" normalisation (see ``CombinedScorer``), 0.006 nDCG below the best "max"
setting, because its scores do not depend on the candidate rows and compare across queries,
which the pages need to drop weak suggestions. The BM25 weight looks small because BM25 over
its scale often exceeds the cosine; the two contribute comparably. Paraphrases without a
shared word ("réduire l'empreinte des serveurs" / "sobriété des data centers") stay out of
reach of both signals: that is what an embedding scorer would add.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .scorers import (
    BM25Scorer,
    CombinedScorer,
    Corpus,
    NgramScorer,
    Query,
    Scorer,
    scorer_from_config,
    sparse_arrays,
    sparse_from,
)
from .semantic import MEANING, WEIGHT, Encoder, SemanticRows, semantic_score
from .text import TAG_WEIGHT, Bag, char_ngrams, stems, tag_key

__all__ = [
    "BM25Scorer",
    "CombinedScorer",
    "Document",
    "Hit",
    "Index",
    "NgramScorer",
    "Query",
    "Scorer",
    "Suggestion",
    "UnreadableIndex",
    "default_scorer",
    "diversify",
]

BM25_WEIGHT = 0.2
FORMAT = 3  # 3: live rows, df, best surface forms and the n-gram weights stored
COMPACT_RATIO = 0.2
CHUNK = 10_000
MAX_SHARED_TERMS = 8


class UnreadableIndex(ValueError):
    """An index file that cannot be read back: not an .npz, truncated, of another format, or
    whose parts do not agree. The file is only a cache of the database: rebuild it."""


@dataclass(frozen=True)
class Document:
    """What the index knows of an indexed object.

    ``key`` names it ("org:fing", "person:12", "coalition:slug", "submission:5"); ``kind``
    says what it is ("organisation", "person", "coalition", "submission"); ``group`` is the
    organisation kind used for diversity ("" when none); ``lang`` is guessed when None.
    """

    key: str
    kind: str
    group: str = ""
    text: str = ""
    tags: tuple[str, ...] = ()
    lang: str | None = None


@dataclass(frozen=True)
class Hit:
    """A ranked document, with what it shares with the query: surface words (not stems) in
    decreasing weight, and tags. With the default scorer ``score`` reads as the share of the
    query found in the document (about 1 when all of it is) and compares across queries."""

    key: str
    kind: str
    group: str
    score: float
    shared_terms: tuple[str, ...]
    shared_tags: tuple[str, ...]
    meaning: float = 0.0  # the semantic part before its weight, 0..1 (0 without vectors)

    @property
    def by_meaning(self) -> bool:
        """Found by what it means more than by the words it shares: its semantic part is
        strong and carries at least half of its score. Its reason says so."""
        return self.meaning >= MEANING and 2 * WEIGHT * self.meaning >= self.score


def default_scorer() -> Scorer:
    """0.2 BM25 + 0.8 character n-grams, scale-normalised: see the module docstring."""
    return CombinedScorer([(BM25Scorer(), BM25_WEIGHT), (NgramScorer(), 1 - BM25_WEIGHT)])


class Index:
    """Documents and a scorer; see the module docstring.

    ``corpus`` holds the analysed rows; ``rows`` maps each live key to its row; ``kinds``,
    ``groups``, ``tags`` and ``langs`` are per row (dead rows included until compaction).
    """

    def __init__(
        self,
        scorer: Scorer | None = None,
        *,
        tag_weight: int = TAG_WEIGHT,
        encoder: Encoder | None = None,
    ) -> None:
        self.scorer = scorer if scorer is not None else default_scorer()
        self.tag_weight = tag_weight
        # The semantic signal: the encoder of queries (None: off, whatever vectors are
        # stored) and the rows' vectors (None when the index was built without them).
        self.encoder = encoder
        self.semantic = SemanticRows(encoder.name, encoder.dim) if encoder else None
        self.corpus = Corpus()
        self.rows: dict[str, int] = {}
        self.kinds: list[str] = []
        self.groups: list[str] = []
        self.tags: list[tuple[str, ...]] = []
        self.langs: list[str] = []
        # (stem, surface word) pairs as columns; one row per corpus row with how many times
        # the document wrote each, so that a removed document's words go with it.
        self.pairs: list[tuple[str, str]] = []
        self._pair_ids: dict[tuple[str, str], int] = {}
        self.pair_counts = sp.csr_matrix((0, 0), dtype=np.int32)
        self._surfaces: dict[str, str] | None = None
        self._tag_stems: dict[tuple[str, str], frozenset[str]] = {}
        self._kind_codes: dict[str, int] = {}
        self._kind_ids = np.zeros(0, dtype=np.int16)
        self.term_idf = np.zeros(0)
        self._dirty = True

    @classmethod
    def build(
        cls,
        documents: Iterable[Document],
        *,
        scorer: Scorer | None = None,
        tag_weight: int = TAG_WEIGHT,
        encoder: Encoder | None = None,
    ) -> Index:
        index = cls(scorer, tag_weight=tag_weight, encoder=encoder)
        index.upsert(documents)
        index.refresh()
        return index

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, key: object) -> bool:
        return key in self.rows

    def bag(self, document: Document) -> Bag:
        return Bag.of(document.text, document.tags, lang=document.lang, tag_weight=self.tag_weight)

    def upsert(
        self, documents: Iterable[Document], *, vectors: Mapping[str, np.ndarray] | None = None
    ) -> None:
        """Add documents, or replace those whose key is already indexed (the last version
        given wins). Analysed by chunks to bound the memory of a full build. With semantic
        rows, each document's vector is taken from ``vectors`` (computed where it was
        indexed) or encoded now, in batches."""
        latest = list({d.key: d for d in documents}.values())
        self.remove(d.key for d in latest if d.key in self.rows)
        for start in range(0, len(latest), CHUNK):
            chunk = latest[start : start + CHUNK]
            if self.semantic is not None:
                self.semantic.append(self._vectors(chunk, vectors or {}), [d.text for d in chunk])
            bags = [self.bag(d) for d in chunk]
            first = self.corpus.n_rows
            self.corpus.append([d.key for d in chunk], bags)
            self._append_pairs(bags)
            for offset, (document, bag) in enumerate(zip(chunk, bags, strict=True)):
                self.rows[document.key] = first + offset
                self.kinds.append(document.kind)
                self.groups.append(document.group)
                self.tags.append(tuple(document.tags))
                self.langs.append(bag.lang)
            self._surfaces = None
            self._dirty = True

    def _vectors(self, chunk: Sequence[Document], given: Mapping[str, np.ndarray]) -> np.ndarray:
        dim = self.semantic.dim if self.semantic is not None else 0
        out = np.zeros((len(chunk), dim), dtype=np.float32)
        missing = []
        for i, document in enumerate(chunk):
            vector = given.get(document.key)
            if vector is not None and len(vector) == dim:
                out[i] = vector
            else:
                missing.append(i)
        if missing:
            if self.encoder is None:  # the signal was turned off: the index goes without it
                self.semantic = None
                return out
            out[missing] = self.encoder.passages([chunk[i].text for i in missing])
        return out

    def attach(self, encoder: Encoder | None) -> None:
        """Encode queries with ``encoder`` (after ``load``: an encoder is not stored), when
        the stored vectors are its model's; otherwise the index goes without its semantic
        part (None: the signal is off; another model: rebuild to use it)."""
        semantic = self.semantic
        model = (semantic.model, semantic.dim) if semantic is not None else None
        if encoder is not None and model not in (None, (encoder.name, encoder.dim)):
            self.semantic, encoder = None, None
        self.encoder = encoder if self.semantic is not None else None

    @property
    def has_meaning(self) -> bool:
        """Whether searches add the semantic part (vectors stored and an encoder on)."""
        return self.semantic is not None and self.encoder is not None and len(self.semantic) > 0

    def indexed_as(self, key: str, text: str) -> bool:
        """Whether ``key`` is indexed with this very text (its vector says what this text
        means): a reason "close in meaning" is only given for what is shown now."""
        row = self.rows.get(key)
        return row is not None and self.semantic is not None and self.semantic.holds(row, text)

    def vectors_for(self, keys: Sequence[str]) -> np.ndarray | None:
        """The semantic vectors of these indexed documents, one unit row each in their
        order; None when the index has none or its encoder is off."""
        self.refresh()
        if self.semantic is None or self.encoder is None:
            return None
        return np.asarray(self.semantic.vectors[[self.rows[key] for key in keys]])

    def _append_pairs(self, bags: Sequence[Bag]) -> None:
        ids, pairs = self._pair_ids, self.pairs
        indptr, indices, data = [0], [], []
        for bag in bags:
            counted = Counter(bag.pairs)
            for pair in counted:
                if pair not in ids:
                    ids[pair] = len(pairs)
                    pairs.append(pair)
            indices.extend(ids[p] for p in counted)
            data.extend(counted.values())
            indptr.append(len(indices))
        rows = sp.csr_matrix(
            (
                np.array(data, dtype=np.int32),
                np.array(indices, dtype=np.int32),
                np.array(indptr, dtype=np.int64),
            ),
            shape=(len(bags), len(pairs)),
        )
        old = self.pair_counts
        old.resize((old.shape[0], len(pairs)))
        self.pair_counts = sp.vstack([old, rows], format="csr") if old.shape[0] else rows

    @property
    def surface_counts(self) -> Counter[tuple[str, str]]:
        """How many times the live documents write each (stem, surface word) pair."""
        totals = np.asarray(self.pair_counts[self.corpus.alive].sum(axis=0)).ravel()
        return Counter({self.pairs[i]: int(totals[i]) for i in np.flatnonzero(totals).tolist()})

    def remove(self, keys: Iterable[str]) -> None:
        """Forget documents; unknown keys are ignored."""
        for key in list(keys):
            row = self.rows.pop(key, None)
            if row is not None:
                self.corpus.alive[row] = False
                self._surfaces = None
                self._dirty = True

    def purge(self, keys: Iterable[str]) -> None:
        """Forget documents so that nothing of them is left, as if the index had been built
        without them (an erasure): no tombstone (every dead row goes now), no term, surface
        word or n-gram only they used, statistics and scorer refitted from the rows that
        remain."""
        self.remove(keys)
        self.compact()
        self.refresh()

    def refresh(self) -> None:
        """Compact if needed, recompute statistics and refit the scorer (done lazily)."""
        if not self._dirty:
            return
        dead = self.corpus.n_rows - len(self.rows)
        if dead and dead > COMPACT_RATIO * self.corpus.n_rows:
            self.compact()
        self.corpus.refresh_stats()
        self.scorer.fit(self.corpus)
        self.term_idf = self.corpus.idf()
        self._dirty = False

    def compact(self) -> None:
        """Drop the dead rows, and the terms and surface words no live row holds any more."""
        keep = self.corpus.alive.copy()
        mapping = self.corpus.compact()
        self.rows = {key: int(mapping[row]) for key, row in self.rows.items()}
        for name in ("kinds", "groups", "tags", "langs"):
            values = getattr(self, name)
            setattr(self, name, [v for v, k in zip(values, keep, strict=True) if k])
        self.pair_counts = self.pair_counts[keep]
        if self.semantic is not None:
            self.semantic.keep(keep)
        corpus = self.corpus
        used = np.flatnonzero(corpus.tf.getnnz(axis=0))
        if used.size != len(corpus.terms):
            corpus.tf = corpus.tf[:, used].tocsr()
            corpus.tf.sort_indices()
            corpus.terms = [corpus.terms[i] for i in used.tolist()]
            corpus.vocab = {term: i for i, term in enumerate(corpus.terms)}
            # The n-grams of the terms that went go with them: a fresh scorer, fitted anew.
            self.scorer = scorer_from_config(self.scorer.name, self.scorer.config())
        used = np.flatnonzero(self.pair_counts.getnnz(axis=0))
        if used.size != len(self.pairs):
            self.pair_counts = self.pair_counts[:, used].tocsr()
            self.pairs = [self.pairs[i] for i in used.tolist()]
            self._pair_ids = {pair: i for i, pair in enumerate(self.pairs)}
        self._surfaces = None
        self._tag_stems = {}
        self._kind_codes = {}
        self._kind_ids = np.zeros(0, dtype=np.int16)
        self._dirty = True

    def surface(self, stem: str) -> str:
        """The most frequent surface form the live documents write for a stem (the stem
        itself if none does)."""
        if self._surfaces is None:
            best: dict[str, tuple[int, str]] = {}
            for (s, word), n in self.surface_counts.items():
                if (n, word) > best.get(s, (0, "")):
                    best[s] = (n, word)
            self._surfaces = {s: word for s, (_, word) in best.items()}
        return self._surfaces.get(stem, stem)

    def query(self, text: str, *, tags: Sequence[str] = (), lang: str | None = None) -> Query:
        return self.corpus.query(Bag.of(text, tags, lang=lang, tag_weight=self.tag_weight))

    def candidates(
        self, *, kinds: Collection[str] | None = None, exclude: Iterable[str] = ()
    ) -> np.ndarray:
        """Row numbers of the live documents of the given kinds, minus the excluded keys."""
        mask = self.corpus.alive.copy()
        if kinds is not None:
            if self._kind_ids.size != len(self.kinds):
                codes = self._kind_codes
                ids = (codes.setdefault(k, len(codes)) for k in self.kinds)
                self._kind_ids = np.fromiter(ids, np.int16, len(self.kinds))
            wanted = [self._kind_codes[k] for k in kinds if k in self._kind_codes]
            mask &= np.isin(self._kind_ids, wanted)
        for key in exclude:
            row = self.rows.get(key)
            if row is not None:
                mask[row] = False
        return np.flatnonzero(mask)

    def search(
        self,
        text: str,
        *,
        tags: Sequence[str] = (),
        lang: str | None = None,
        kinds: Collection[str] | None = None,
        exclude: Iterable[str] = (),
        k: int = 10,
    ) -> list[Hit]:
        """The k live documents most relevant to a text (and tags), best first; ties go to
        the smaller key so that results do not depend on row order. Zero scores are dropped."""
        self.refresh()
        query = self.query(text, tags=tags, lang=lang)
        rows = self.candidates(kinds=kinds, exclude=exclude)
        if rows.size == 0 or not query.bag.weights:
            return []
        scores = self.scorer.score(query, rows)
        meaning = self.meaning(text, rows)
        if meaning is not None:
            scores = scores + WEIGHT * meaning
        positive = np.flatnonzero(scores > 0)
        if positive.size > k:
            kth = np.partition(scores[positive], -k)[-k]
            positive = positive[scores[positive] >= kth]
        keys = self.corpus.keys
        ranked = sorted(positive, key=lambda i: (-round(float(scores[i]), 9), keys[rows[i]]))
        parts = meaning if meaning is not None else np.zeros(rows.size)
        return [
            self._hit(int(rows[i]), float(scores[i]), query, float(parts[i])) for i in ranked[:k]
        ]

    def meaning(self, text: str, rows: np.ndarray) -> np.ndarray | None:
        """The semantic part of each row's score (before its weight), or None without
        vectors or encoder. The query's vector is the encoder's (encoded once, kept)."""
        if self.semantic is None or self.encoder is None or not len(self.semantic):
            return None
        return semantic_score(self.semantic.cosines(self.encoder.query(text), rows))

    def _hit(self, row: int, score: float, query: Query, meaning: float = 0.0) -> Hit:
        return Hit(
            key=self.corpus.keys[row],
            kind=self.kinds[row],
            group=self.groups[row],
            score=score,
            shared_terms=self._shared_terms(row, query),
            shared_tags=self._shared_tags(row, query),
            meaning=meaning,
        )

    def _shared_terms(self, row: int, query: Query) -> tuple[str, ...]:
        """Terms of the document found in the query, weighted by idf and frequency; a query
        word unknown to the index (a typo) is matched to the document's closest term when
        they share at least half of their trigrams."""
        tf = self.corpus.tf
        start, end = tf.indptr[row], tf.indptr[row + 1]
        doc_cols, doc_tf = tf.indices[start:end], tf.data[start:end]
        query_weight = dict(zip(query.cols.tolist(), query.weights.tolist(), strict=True))
        weight: dict[int, float] = {}
        for col, freq in zip(doc_cols.tolist(), doc_tf.tolist(), strict=True):
            if col in query_weight:
                weight[col] = self.term_idf[col] * min(query_weight[col], 3) * freq / (freq + 1)
        unknown = [s for s in query.bag.weights if s not in self.corpus.vocab]
        if unknown:
            terms = self.corpus.terms
            for stem in unknown:
                grams = set(char_ngrams(stem, (3,)))
                for col in doc_cols.tolist():
                    other = set(char_ngrams(terms[col], (3,)))
                    similarity = 2 * len(grams & other) / (len(grams) + len(other))
                    if similarity >= 0.5:
                        weight[col] = max(weight.get(col, 0.0), similarity * self.term_idf[col])
        ordered = sorted(weight, key=lambda c: (-weight[c], c))
        # Quoted as the query wrote them where it did: the reader sees their own words, never
        # a form only some other (perhaps unpublished) document uses.
        asked = Counter(query.bag.pairs)
        written: dict[str, str] = {}
        for (stem, word), _n in sorted(asked.items(), key=lambda item: -item[1]):
            written.setdefault(stem, word)
        terms = self.corpus.terms
        words = dict.fromkeys(written.get(terms[c]) or self.surface(terms[c]) for c in ordered)
        return tuple(words)[:MAX_SHARED_TERMS]

    def _shared_tags(self, row: int, query: Query) -> tuple[str, ...]:
        """The document's tags named by the query, or whose every word is in the query."""
        wanted = {tag_key(t) for t in query.bag.tags}
        query_stems = set(query.bag.weights)
        shared = []
        for tag in self.tags[row]:
            cache_key = (tag, self.langs[row])
            if cache_key not in self._tag_stems:
                self._tag_stems[cache_key] = frozenset(stems(tag, self.langs[row]))
            tag_stems = self._tag_stems[cache_key]
            if tag_key(tag) in wanted or (tag_stems and tag_stems <= query_stems):
                shared.append(tag)
        return tuple(shared)

    def parts(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """What ``save`` writes: the metadata (JSON-able) and the arrays, refreshed first."""
        self.refresh()
        surfaces = [self.surface(term) for term in self.corpus.terms]
        meta = {
            "format": FORMAT,
            "tag_weight": self.tag_weight,
            "scorer": {"name": self.scorer.name, "config": self.scorer.config()},
            "keys": self.corpus.keys,
            "terms": self.corpus.terms,
            "surfaces": surfaces,
            "kinds": self.kinds,
            "groups": self.groups,
            "tags": self.tags,
            "langs": self.langs,
            "pairs": [list(pair) for pair in self.pairs],
        }
        arrays = {
            "alive": self.corpus.alive,
            "lengths": self.corpus.lengths,
            "df": self.corpus.df,
            **sparse_arrays("tf", self.corpus.tf),
            **sparse_arrays("pairs", self.pair_counts),
            **{f"scorer.{k}": v for k, v in self.scorer.state().items()},
        }
        if self.semantic is not None:
            meta["semantic"] = self.semantic.meta()
            arrays.update(self.semantic.state())
        return meta, arrays

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index to one .npz file (arrays, and the metadata as JSON bytes), without
        pickle; the file is replaced atomically so that readers never see half of it."""
        meta, arrays = self.parts()
        arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), np.uint8)
        target = Path(path)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, **arrays)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, mmap: bool = False) -> Index:
        """Read what ``save`` wrote (or, for a directory, what ``snapshot.write`` wrote, its
        arrays memory-mapped when ``mmap``); nothing is recomputed. A file that cannot be
        read whole and consistent raises ``UnreadableIndex`` (a missing one,
        ``FileNotFoundError``)."""
        try:
            if Path(path).is_dir():
                from .snapshot import read_parts

                meta, arrays = read_parts(Path(path), mmap=mmap)
            else:
                with np.load(path, allow_pickle=False) as data:
                    arrays = {name: data[name] for name in data.files}
                meta = json.loads(arrays.pop("meta").tobytes().decode())
            index = cls.from_parts(meta, arrays)
        except (FileNotFoundError, UnreadableIndex):
            raise
        except Exception as error:  # zip, npy, JSON, scipy and numpy each fail their own way
            raise UnreadableIndex(f"{type(error).__name__}: {error}") from error
        n = index.corpus.n_rows
        sizes = {
            len(index.corpus.alive),
            len(index.corpus.lengths),
            index.corpus.tf.shape[0],
            len(index.kinds),
            len(index.groups),
            len(index.tags),
            len(index.langs),
            index.pair_counts.shape[0],
            *([len(index.semantic)] if index.semantic is not None else []),
        }
        columns_agree = index.corpus.tf.shape[1] == len(index.corpus.terms) and (
            index.pair_counts.shape[1] == len(index.pairs)
        )
        if sizes != {n} or not columns_agree:
            raise UnreadableIndex("the rows of the index do not agree")
        return index

    @classmethod
    def from_parts(cls, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Index:
        """The index ``parts`` described. Arrays are used as given (memory-mapped ones stay
        mapped): only the small per-row mask of live rows is copied, since updates write it."""
        if meta["format"] != FORMAT:
            raise UnreadableIndex(f"index format {meta['format']} is not {FORMAT}: rebuild it")
        index = cls(
            scorer_from_config(meta["scorer"]["name"], meta["scorer"]["config"]),
            tag_weight=meta["tag_weight"],
        )
        corpus = index.corpus
        corpus.keys, corpus.terms = meta["keys"], meta["terms"]
        corpus.vocab = {term: i for i, term in enumerate(corpus.terms)}
        corpus.alive = np.array(arrays["alive"], dtype=bool)
        corpus.lengths = arrays["lengths"]
        corpus.tf = sparse_from("tf", arrays)
        corpus.df = arrays["df"]
        corpus.n_alive = int(corpus.alive.sum())
        corpus.avgdl = float(corpus.lengths[corpus.alive].mean()) if corpus.n_alive else 0.0
        index.rows = {k: i for i, k in enumerate(corpus.keys) if corpus.alive[i]}
        # Interned: a hundred thousand rows share a handful of kinds, groups and tags.
        index.kinds = [sys.intern(k) for k in meta["kinds"]]
        index.groups = [sys.intern(g) for g in meta["groups"]]
        index.langs = [sys.intern(lang) for lang in meta["langs"]]
        index.tags = [tuple(sys.intern(t) for t in tags) for tags in meta["tags"]]
        index.pairs = [(s, w) for s, w in meta["pairs"]]
        index._pair_ids = {pair: i for i, pair in enumerate(index.pairs)}
        index.pair_counts = sparse_from("pairs", arrays)
        index._surfaces = dict(zip(corpus.terms, meta["surfaces"], strict=True))
        prefix = "scorer."
        index.scorer.restore(
            corpus, {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}
        )
        if "semantic" in meta:
            index.semantic = SemanticRows.restore(meta["semantic"], arrays)
        index.term_idf = corpus.idf()
        index._dirty = False
        return index


@dataclass(frozen=True)
class Suggestion:
    """A diversified suggestion and its reason as data: the words and tags it shares with the
    query, and the group (organisation kind) it brings that the coalition lacks, if any.
    ``relevance`` is the hit's score, ``value`` the marginal value it was picked at."""

    key: str
    kind: str
    group: str
    relevance: float
    value: float
    shared_terms: tuple[str, ...]
    shared_tags: tuple[str, ...]
    adds_group: str | None
    by_meaning: bool = False

    @property
    def explained(self) -> bool:
        return bool(self.shared_terms or self.shared_tags or self.adds_group or self.by_meaning)


def diversify(
    hits: Sequence[Hit],
    *,
    present_groups: Mapping[str, int],
    k: int = 10,
    lam: float = 0.7,
) -> list[Suggestion]:
    """Re-rank hits so that the coalition becomes more heterogeneous (maximal marginal
    relevance over groups). Picks greedily the hit maximising

        lam · relevance / best relevance + (1 - lam) · 1 / (1 + present[g] + picked[g])

    so that among equally relevant actors one of a kind the coalition lacks comes first, then
    one of a kind not yet suggested; a hit without group ("") earns no novelty. With lam=0.7 a
    hit must be within 30 % of the best relevance for novelty to overtake it.
    """
    best = max((h.score for h in hits), default=0.0) or 1.0
    picked: Counter[str] = Counter()

    def value(position: int, hit: Hit) -> tuple[float, float, int]:
        count = present_groups.get(hit.group, 0) + picked[hit.group]
        novelty = 1.0 / (1 + count) if hit.group else 0.0
        return (lam * hit.score / best + (1 - lam) * novelty, hit.score, -position)

    remaining = list(enumerate(hits))
    chosen: list[Suggestion] = []
    while remaining and len(chosen) < k:
        position, hit = max(remaining, key=lambda item: value(*item))
        remaining.remove((position, hit))
        lacking = bool(hit.group) and not present_groups.get(hit.group, 0)
        chosen.append(
            Suggestion(
                key=hit.key,
                kind=hit.kind,
                group=hit.group,
                relevance=hit.score,
                value=value(position, hit)[0],
                shared_terms=hit.shared_terms,
                shared_tags=hit.shared_tags,
                adds_group=hit.group if lacking else None,
                by_meaning=hit.by_meaning,
            )
        )
        picked[hit.group] += 1
    return chosen
