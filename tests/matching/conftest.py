from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from alliage.matching import semantic, signals, store

from . import quality


@pytest.fixture
def matching_index(db: None) -> Iterator[None]:
    """Each test starts without an index file; the first search builds it from the test's
    own database rows. The keys earlier tests of this process marked and rolled back (a demo
    load marks thousands) are forgotten too: they would go with this test's first commit and
    could pass the compaction threshold (a test that measures one update's writes failed so)."""
    store.index_forget()
    signals._pending.keys = set()
    yield
    store.index_forget()


@pytest.fixture(scope="session")
def demo_corpus(django_db_setup: None, django_db_blocker: Any) -> quality.DemoCorpus:
    """The demo's documents as the index holds them, read once per test process from a demo
    loaded in the test database and rolled back."""
    with django_db_blocker.unblock():
        return quality.demo_corpus()


class ConceptEncoder:
    """A stand-in for the sentence encoder, deterministic and instant: each word that contains
    one of a concept's stems points the vector to that concept's axis, above a component every
    text shares (as real embeddings have), so that two texts about one concept come close
    though they share no word. ``calls`` counts the texts encoded."""

    name = "concepts-test"
    dim = semantic.DIM
    CONCEPTS = (
        ("serveur", "data", "center", "empreinte", "sobri", "datacent", "clim"),
        ("vélo", "cargo", "livraison", "logistique"),
        ("école", "ordinateur", "reconditionn", "réemploi"),
    )

    def __init__(self) -> None:
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        vector[-1] = 1.0
        for word in text.lower().split():
            for axis, stems in enumerate(self.CONCEPTS):
                if any(stem in word for stem in stems):
                    vector[axis] += 1.0
        return vector / np.linalg.norm(vector)

    def passages(self, texts):
        self.calls += len(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim))

    def query(self, text: str) -> np.ndarray:
        self.calls += 1
        return self._vector(text)


@pytest.fixture
def semantic_on(settings, monkeypatch) -> ConceptEncoder:
    """The semantic signal on, with the stand-in encoder in place of the model."""
    concepts = ConceptEncoder()
    settings.ALLIAGE_MATCHING_SEMANTIC = True
    monkeypatch.setattr(store, "encoder", lambda: concepts)
    return concepts
