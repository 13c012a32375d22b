"""A published snapshot with the changes made since, searched without rewriting it.

Each process maps the snapshot's arrays (shared with the other processes of its machine, see
``snapshot``) and keeps the documents changed since in a small second index, ``extra``.
Searching scores both and merges the hits: the snapshot's rows of changed or removed keys are
masked, the changed documents are scored in ``extra``. Applying a change costs the size of
the changes, never a refit of the snapshot, so a save never touches the shared arrays.

Statistics are frozen at the snapshot: ``extra``'s rows are weighed with the snapshot's term
IDF, average length and n-gram IDF (a term or n-gram the snapshot lacks gets the IDF its
count among the changed documents gives over the snapshot's documents and theirs), and the query's
scale and n-gram vector are computed over both vocabularies, so scores of the two parts
compare as those of one index. What a fresh build would differ in is only the statistics the
changes would have moved (a document more or less in a term's frequency), by about 1/N;
the next compaction (``store.index_compact``) folds the changes into a new snapshot, refitted
exactly. That is how segment-based engines (Lucene) count too.

The semantic part (``semantic``) needs no frozen statistic: a row's vector is its own, so
``extra`` holds the changed documents' vectors (computed by the task that wrote them) and each
part adds its cosines as ``Index.search`` does.

The shortcut covers the default scorer (0.2 BM25 + 0.8 n-grams, "scale"); another scorer, and
every use of the index beyond ``search`` (the convergences' vectors, the reviewers' affinity:
team pages), read ``exact()``: the snapshot copied with the changes applied and refitted,
made once per version in the process that asks.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from .engine import Document, Hit, Index
from .scorers import BM25Scorer, CombinedScorer, NgramScorer, scorer_from_config
from .semantic import WEIGHT
from .text import Bag, char_ngrams


def _default_parts(index: Index) -> tuple[BM25Scorer, float, NgramScorer, float] | None:
    scorer = index.scorer
    if not isinstance(scorer, CombinedScorer) or scorer.normalise != "scale":
        return None
    if len(scorer.parts) != 2:
        return None
    (bm25, w0), (ngram, w1) = scorer.parts
    if not isinstance(bm25, BM25Scorer) or not isinstance(ngram, NgramScorer):
        return None
    return bm25, w0, ngram, w1


class _Extra(Index):
    """The changed documents' index, which analyses each document once per process."""

    def __init__(self, *args: Any, bags: dict[Document, Bag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bags = bags

    def bag(self, document: Document) -> Bag:
        bag = self._bags.get(document)
        if bag is None:
            bag = self._bags[document] = super().bag(document)
        return bag


class Layered:
    """``base`` (never written) with ``changes`` (key → its document now, or None when it
    left the index) on top. ``exact_loader`` gives a private, writable copy of ``base`` for
    ``exact()``; ``bags`` keeps the changed documents' analyses from one version to the next
    (each process builds a ``Layered`` per version, and a document analysed once need not be
    again)."""

    def __init__(
        self,
        base: Index,
        changes: Mapping[str, Document | None],
        *,
        exact_loader: Callable[[], Index],
        bags: dict[Document, Bag] | None = None,
        vectors: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        self.base = base
        self.changes = dict(changes)
        # The changed documents' semantic vectors, computed where they were written (a
        # document without one is encoded here, once per version).
        self.vectors = dict(vectors or {})
        self.hidden = {key for key in self.changes if key in base.rows}
        self._exact_loader = exact_loader
        self._exact: Index | None = None
        self._lock = threading.Lock()
        self.extra = _Extra(
            scorer_from_config(base.scorer.name, base.scorer.config()),
            tag_weight=base.tag_weight,
            bags=bags if bags is not None else {},
            encoder=base.encoder if base.has_meaning else None,
        )
        self.extra.upsert((d for d in self.changes.values() if d is not None), vectors=self.vectors)
        self.extra.refresh()
        self._parts = _default_parts(base)
        if self._parts is not None and len(self.extra):
            self._freeze()

    # What the pages use, answered from the two parts.

    def __len__(self) -> int:
        return len(self.base.rows) - len(self.hidden) + len(self.extra.rows)

    def __contains__(self, key: object) -> bool:
        if key in self.extra.rows:
            return True
        return key in self.base.rows and key not in self.hidden

    def bag(self, document: Document) -> Bag:
        return self.base.bag(document)

    @property
    def has_meaning(self) -> bool:
        return self.base.has_meaning

    def indexed_as(self, key: str, text: str) -> bool:
        if key in self.extra.rows:
            return self.extra.indexed_as(key, text)
        return key not in self.hidden and self.base.indexed_as(key, text)

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
        """As ``Index.search`` over the snapshot with the changes applied."""
        if self._parts is None:
            return self.exact().search(
                text, tags=tags, lang=lang, kinds=kinds, exclude=exclude, k=k
            )
        exclude = list(exclude)
        bag = Bag.of(text, tags, lang=lang, tag_weight=self.base.tag_weight)
        if not bag.weights:
            return []
        q_base, q_extra = self.base.corpus.query(bag), self.extra.corpus.query(bag)
        rows_base = self.base.candidates(kinds=kinds, exclude=[*exclude, *self.hidden])
        rows_extra = self.extra.candidates(kinds=kinds, exclude=exclude)
        if rows_base.size + rows_extra.size == 0:
            return []
        bm25, w0, _ngram, w1 = self._parts
        scale = bm25.scale(q_base) + self._extra_scale(bag)
        grams = self._query_grams(bag)
        found: list[tuple[float, str, Index, int, Any, float]] = []
        for index, rows, query in (
            (self.base, rows_base, q_base),
            (self.extra, rows_extra, q_extra),
        ):
            if rows.size == 0 or (index is self.extra and not len(self.extra)):
                continue
            part_bm25, _w, part_ngram, _w1 = _default_parts(index) or self._parts
            scores = np.zeros(rows.size)
            if scale > 0:
                scores += part_bm25.score(query, rows) * (w0 / scale)
            scores += self._ngram_scores(part_ngram, grams, rows) * w1
            meaning = index.meaning(text, rows)
            if meaning is not None:
                scores += WEIGHT * meaning
            keys = index.corpus.keys
            positive = np.flatnonzero(scores > 0)
            if positive.size > k:  # only each part's top k can be in the merged top k
                kth = np.partition(scores[positive], -k)[-k]
                positive = positive[scores[positive] >= kth]
            for position in positive.tolist():
                row = int(rows[position])
                part = float(meaning[position]) if meaning is not None else 0.0
                found.append((float(scores[position]), keys[row], index, row, query, part))
        found.sort(key=lambda item: (-round(item[0], 9), item[1]))
        return [
            index._hit(row, score, query, part)
            for score, _key, index, row, query, part in found[:k]
        ]

    # The frozen statistics.

    def _freeze(self) -> None:
        """Weigh ``extra``'s rows with the snapshot's statistics (see the module docstring)."""
        bm25, _w0, ngram, _w1 = self._parts  # type: ignore[misc]
        extra_bm25, _e0, extra_ngram, _e1 = _default_parts(self.extra)  # type: ignore[misc]
        base, extra = self.base.corpus, self.extra.corpus
        n = base.n_alive
        # A term or n-gram only the changes hold is counted among them, over the snapshot's
        # documents and theirs (its frequency can never exceed the count it is taken over).
        n_new = n + extra.n_alive
        # BM25: the snapshot's IDF of each term, the count among the changes for a new one.
        idf = np.empty(len(extra.terms))
        new_df = extra.df
        for col, term in enumerate(extra.terms):
            known = base.vocab.get(term)
            idf[col] = bm25.term_idf[known] if known is not None else math.nan
        missing = np.isnan(idf)
        if missing.any():
            df = new_df[missing]
            if bm25.idf_kind == "lucene":
                idf[missing] = np.log1p((n_new - df + 0.5) / (df + 0.5))
            else:
                present = bm25.term_idf[base.df > 0]
                average = float(present.mean()) if present.size else 0.0
                okapi = np.log(np.maximum(n_new - df + 0.5, 1e-9)) - np.log(df + 0.5)
                idf[missing] = np.where(okapi < 0, bm25.epsilon * average, okapi)
        tf = extra.tf
        rows = np.repeat(np.arange(tf.shape[0]), np.diff(tf.indptr))
        avgdl = base.avgdl or 1.0
        k1, b = bm25.k1, bm25.b
        norm = k1 * (1 - b + b * extra.lengths / avgdl)
        data = idf[tf.indices] * tf.data * (k1 + 1) / (tf.data + norm[rows])
        data[~extra.alive[rows]] = 0.0
        extra_bm25.weights = sp.csr_matrix((data, tf.indices, tf.indptr), shape=tf.shape).tocsc()
        extra_bm25.term_idf = idf
        # N-grams: the snapshot's IDF of each n-gram, the changes' count for a new one.
        live = np.flatnonzero(extra.alive)
        block = tf[live].copy()
        block.data = np.ones_like(block.data)
        counts = extra_ngram.counts
        grams_df = np.bincount((block @ counts).indices, minlength=len(extra_ngram.ngrams))
        gram_idf = np.log((1 + n_new) / (1 + grams_df)) + 1
        for gram, col in extra_ngram.ngrams.items():
            known = ngram.ngrams.get(gram)
            if known is not None:
                gram_idf[col] = ngram.idf[known]
        extra_ngram.idf = gram_idf
        weighted = (counts @ sp.diags(gram_idf)).tocsr()
        product = tf @ weighted
        norms = np.sqrt(np.asarray(product.multiply(product).sum(axis=1)).ravel())
        extra_ngram.norms = np.where(norms > 0, norms, 1.0)
        extra_ngram.weighted = weighted.tocsc()

    def _extra_scale(self, bag: Bag) -> float:
        """BM25's scale over the query terms only the changed documents know."""
        extra_bm25 = _default_parts(self.extra)[0]  # type: ignore[index]
        base_vocab, extra_vocab = self.base.corpus.vocab, self.extra.corpus.vocab
        total = 0.0
        for stem, weight in bag.weights.items():
            if stem not in base_vocab and stem in extra_vocab:
                total += float(extra_bm25.term_idf[extra_vocab[stem]]) * weight
        return total

    def _query_grams(self, bag: Bag) -> dict[str, float]:
        """The query's n-grams, unit-normalised over both vocabularies' IDF."""
        ngram = self._parts[2]  # type: ignore[index]
        extra_ngram = _default_parts(self.extra)[2] if len(self.extra) else None  # type: ignore[index]
        counts: dict[str, float] = {}
        for stem, weight in bag.weights.items():
            for gram in char_ngrams(stem, ngram.sizes):
                counts[gram] = counts.get(gram, 0.0) + weight
        values: dict[str, float] = {}
        for gram, count in counts.items():
            col = ngram.ngrams.get(gram)
            if col is not None:
                values[gram] = count * float(ngram.idf[col])
            elif extra_ngram is not None and gram in extra_ngram.ngrams:
                values[gram] = count * float(extra_ngram.idf[extra_ngram.ngrams[gram]])
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {gram: v / norm for gram, v in values.items()}

    @staticmethod
    def _ngram_scores(scorer: NgramScorer, grams: Mapping[str, float], rows: np.ndarray):
        known = [(scorer.ngrams[g], v) for g, v in grams.items() if g in scorer.ngrams]
        if not known:
            return np.zeros(rows.size)
        cols = np.array([c for c, _ in known], dtype=np.int64)
        values = np.array([v for _, v in known])
        per_term = scorer.weighted[:, cols] @ values
        return ((scorer._tf @ per_term) / scorer.norms)[rows]

    # Everything else: the exact index.

    def exact(self) -> Index:
        """The snapshot copied with the changes applied and every statistic refitted: what a
        fresh build gives. Made once, in this process, when something beyond ``search`` is
        asked."""
        with self._lock:
            if self._exact is None:
                index = self._exact_loader()
                index.remove(self.hidden)
                index.upsert(
                    (d for d in self.changes.values() if d is not None), vectors=self.vectors
                )
                index.refresh()
                self._exact = index
            return self._exact

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.exact(), name)
