from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from alliage.matching.engine import (
    BM25Scorer,
    CombinedScorer,
    Document,
    Index,
    NgramScorer,
    diversify,
)

from .quality import DemoCorpus

ACTORS = {"organisation", "person"}

SMALL = [
    Document(
        "org:a", "organisation", "association", "Sobriété numérique et réemploi des ordinateurs"
    ),
    Document("org:b", "organisation", "sme", "Réemploi, réemploi et reconditionnement numérique"),
    Document("org:c", "organisation", "public_body", "Commande publique numérique responsable"),
    Document("org:d", "organisation", "media", "Journal numérique des territoires ruraux"),
    Document(
        "person:e", "person", "research", "Chercheuse en données personnelles", ("self data",)
    ),
    Document("person:f", "person", "other", "Médiation numérique dans les territoires"),
    Document("coalition:g", "coalition", "", "Une coalition pour la sobriété des data centers"),
]


@pytest.fixture(scope="module")
def demo(demo_corpus: DemoCorpus) -> Index:
    return Index.build(demo_corpus.documents)


@pytest.mark.parametrize(
    "query",
    [
        "numérique",  # in more than half the documents: negative idf, epsilon floor
        "réemploi numérique réemploi",  # a repeated query term counts twice
        "sobriété des data centers self data",
        "inconnu au bataillon",
    ],
)
def test_okapi_mode_gives_rank_bm25_scores(query: str) -> None:
    index = Index.build(SMALL, scorer=BM25Scorer(idf="okapi"))
    reference = BM25Okapi([index.bag(d).token_list() for d in SMALL])
    q = index.query(query)
    assert np.allclose(index.scorer.score(q), reference.get_scores(q.bag.token_list()))


def test_okapi_mode_gives_rank_bm25_scores_on_the_demo_corpus(demo_corpus: DemoCorpus) -> None:
    documents = demo_corpus.documents
    index = Index.build(documents, scorer=BM25Scorer(idf="okapi", k1=1.2, b=0.6))
    reference = BM25Okapi([index.bag(d).token_list() for d in documents], k1=1.2, b=0.6)
    for text in ("commande publique numérique", "données personnelles self data", "jeunes"):
        q = index.query(text)
        ours, theirs = index.scorer.score(q), reference.get_scores(q.bag.token_list())
        assert np.allclose(ours, theirs)
        assert list(np.argsort(-ours, kind="stable")[:10]) == list(
            np.argsort(-theirs, kind="stable")[:10]
        )


def test_search_filters_kinds_excludes_keys_and_drops_zero_scores() -> None:
    index = Index.build(SMALL)
    keys = [h.key for h in index.search("réemploi numérique", kinds=ACTORS, exclude=["org:a"])]
    assert keys[0] == "org:b"
    assert "org:a" not in keys and "coalition:g" not in keys
    assert index.search("aucun rapport", kinds=ACTORS) == []


def test_typos_and_missing_accents_still_find_the_document(
    demo: Index, demo_corpus: DemoCorpus
) -> None:
    key = demo_corpus.key
    hits = demo.search("comande publik numérique responsabl", kinds=ACTORS, k=10)
    assert key("org:mission-achats-numeriques") in [h.key for h in hits]
    hits = demo.search("mediateurs numeriques", kinds=ACTORS, k=3)
    assert hits[0].key in {key("org:reseau-mediation-bretagne"), key("org:ateliers-du-clic")} or (
        "médiation numérique" in hits[0].shared_tags
    )


def test_hits_quote_surface_words_and_shared_tags(demo: Index, demo_corpus: DemoCorpus) -> None:
    (hit,) = demo.search("Énergies et sobriété des bâtiments", kinds={"organisation"}, k=1)
    assert hit.key == demo_corpus.key("org:terranoe")
    # Quoted as the query wrote them (the reader's own words), tags as the document has them.
    assert "énergies" in hit.shared_terms and "sobriété" in hit.shared_tags
    assert not any(t in hit.shared_terms for t in ("energ", "sobriet"))
    (hit,) = demo.search("x", tags=["Self Data"], kinds={"organisation"}, k=1)
    assert "self data" in hit.shared_tags


def test_scores_do_not_depend_on_the_candidates_and_compare_across_queries(demo: Index) -> None:
    everything = {h.key: h.score for h in demo.search("sobriété numérique", k=100)}
    people = demo.search("sobriété numérique", kinds={"person"}, k=5)
    assert all(everything[h.key] == pytest.approx(h.score) for h in people)
    (exact,) = demo.search("qualité de vie au travail", kinds={"organisation"}, k=1)
    (weak,) = demo.search("zzz inconnu", kinds={"organisation"}, k=1)
    assert exact.score > 0.5 > 0.2 > weak.score


def results(index: Index, queries: list[str]) -> list[list[tuple[str, float]]]:
    return [[(h.key, round(h.score, 9)) for h in index.search(q, k=20)] for q in queries]


QUERIES = [
    "sobriété numérique des collectivités",
    "données personnelles self data",
    "médiation numérique en zone rurale",
    "comande publik",
    "jeunes emploi",
]


def test_upsert_remove_and_reload_equal_a_fresh_build(
    tmp_path: Path, demo_corpus: DemoCorpus
) -> None:
    documents = list(demo_corpus.documents)
    fing = demo_corpus.key("org:fing")
    changed = Document(
        fing,
        "organisation",
        "association",
        "Prospective et sobriété énergétique",
        ("énergie",),
    )
    gone = {d.key for d in documents[1::4]} - {fing}  # a quarter: past the compaction ratio
    final = [changed if d.key == fing else d for d in documents if d.key not in gone]

    index = Index.build(documents[:50])
    index.upsert(documents[50:])
    index.search("warm up")  # fitted once before the changes
    index.upsert([changed])
    index.remove(gone)
    index.remove(["org:unknown"])
    fresh = Index.build(final)
    assert len(index) == len(fresh) == len(final)
    assert results(index, QUERIES) == results(fresh, QUERIES)
    assert index.corpus.n_rows == len(final)  # compacted when refreshed
    assert index.search("sobriété énergétique", k=1)[0].key == fing

    path = tmp_path / "matching.npz"
    index.save(path)
    with zipfile.ZipFile(path) as archive:  # plain arrays only: loadable without pickle
        assert all(name.endswith(".npy") for name in archive.namelist())
    loaded = Index.load(path)
    assert results(loaded, QUERIES) == results(fresh, QUERIES)
    loaded.upsert([Document("person:new", "person", "sme", "Énergie et sobriété numérique")])
    assert loaded.search("énergie sobriété", kinds={"person"}, k=1)[0].key == "person:new"


def test_removal_refreshes_the_idf_before_compaction() -> None:
    documents = [
        Document(f"org:{i}", "organisation", "sme", f"numérique mot{i}") for i in range(20)
    ]
    documents.append(Document("org:rare", "organisation", "sme", "énergie numérique"))
    documents.append(Document("org:rare2", "organisation", "sme", "énergie"))
    index = Index.build(documents)
    index.remove(["org:rare2"])  # under the compaction ratio: a tombstone
    assert index.corpus.n_rows == 22
    fresh = Index.build(documents[:-1])
    assert results(index, ["énergie numérique"]) == results(fresh, ["énergie numérique"])
    assert index.corpus.df[index.corpus.vocab["energ"]] == 1


def test_any_scorer_configuration_survives_save_and_load(tmp_path: Path) -> None:
    scorer = CombinedScorer(
        [(BM25Scorer(idf="okapi", k1=1.2), 0.3), (NgramScorer(sizes=(3, 4)), 0.7)]
    )
    index = Index.build(SMALL, scorer=scorer)
    index.save(tmp_path / "i.npz")
    loaded = Index.load(tmp_path / "i.npz")
    assert loaded.scorer.config() == scorer.config()
    assert results(loaded, QUERIES) == results(index, QUERIES)


def equally_relevant_actors() -> list[Document]:
    text = "Réemploi des ordinateurs et sobriété numérique des collectivités"
    return [
        Document(f"org:{group}", "organisation", group, text)
        for group in ("association", "large_company", "public_body", "sme")
    ]


def test_a_coalition_of_associations_gets_a_company_or_a_public_body_first() -> None:
    index = Index.build(equally_relevant_actors())
    hits = index.search("Faire durer les ordinateurs : réemploi et sobriété numérique", k=10)
    assert len({round(h.score, 9) for h in hits}) == 1  # equally relevant
    assert hits[0].group == "association"  # alphabetical tie-break before diversity

    suggestions = diversify(hits, present_groups=Counter(association=3), k=4)
    assert suggestions[0].group in {"large_company", "public_body"}
    assert suggestions[0].adds_group == suggestions[0].group
    assert suggestions[-1].group == "association" and suggestions[-1].adds_group is None
    assert len({s.group for s in suggestions[:3]}) == 3  # groups not yet picked come next


def test_relevance_still_outweighs_diversity() -> None:
    hits = Index.build(
        [
            Document("org:asso", "organisation", "association", "réemploi sobriété ordinateurs"),
            Document("org:firm", "organisation", "large_company", "ordinateurs portables"),
        ]
    ).search("réemploi et sobriété des ordinateurs")
    suggestions = diversify(hits, present_groups={"association": 2}, k=2)
    assert [s.key for s in suggestions] == ["org:asso", "org:firm"]


def test_each_suggestion_explains_itself(demo: Index, demo_corpus: DemoCorpus) -> None:
    from alliage.demo import data

    coalition = next(c for c in data.COALITIONS if c["slug"] == "commande-publique-responsable")
    names = [f"person:{m['person']}" for m in coalition["members"]]
    names += [f"org:{m['organisation']}" for m in coalition["members"] if m["organisation"]]
    members = [demo_corpus.key(name) for name in names]
    kinds = {o["slug"]: o["kind"] for o in data.ORGANISATIONS}
    present = Counter(kinds[m["organisation"]] for m in coalition["members"] if m["organisation"])
    text = "\n".join([coalition["title"], coalition["summary"], coalition["seeking"]])

    hits = demo.search(text, kinds=ACTORS, exclude=members, k=30)
    suggestions = diversify(hits, present_groups=present, k=10)
    assert len(suggestions) == 10
    assert not {s.key for s in suggestions} & set(members)
    for s in suggestions:
        assert s.explained and s.shared_terms
        assert s.adds_group == (s.group if s.group and not present[s.group] else None)
    assert any(s.adds_group for s in suggestions)


def test_a_removed_or_replaced_document_no_longer_lends_its_words() -> None:
    """Surface forms are counted over the live rows, like every other statistic: the word a
    document no longer holds is not quoted for it, nor for anyone else."""
    index = Index.build(
        [
            Document("org:a", "organisation", "sme", "énergies énergies énergies"),
            Document("org:b", "organisation", "sme", "énergie"),
        ]
    )
    assert index.surface("energ") == "énergies"
    index.upsert([Document("org:a", "organisation", "sme", "sobriété")])
    assert index.surface("energ") == "énergie"
    assert ("energ", "énergies") not in index.surface_counts
    index.remove(["org:b"])
    assert index.surface("energ") == "energ"


def test_purge_leaves_what_a_fresh_build_without_them_gives(tmp_path: Path) -> None:
    secret = Document("person:x", "person", "other", "zqsecretwordz énergies", ("zqtagz",))
    index = Index.build([*SMALL, secret])
    index.upsert([Document("org:a", "organisation", "sme", "zqoldwordz")])
    index.upsert([Document("org:a", "organisation", "sme", "since replaced")])
    index.purge(["person:x", "org:unknown"])
    fresh = Index.build([*SMALL[1:], Document("org:a", "organisation", "sme", "since replaced")])
    assert sorted(index.corpus.keys) == sorted(fresh.corpus.keys)  # no tombstone
    assert sorted(index.corpus.terms) == sorted(fresh.corpus.terms)
    assert sorted(index.pairs) == sorted(fresh.pairs)
    assert results(index, QUERIES) == results(fresh, QUERIES)
    index.save(tmp_path / "i.npz")
    data = (tmp_path / "i.npz").read_bytes()
    for word in ("zqsecretwordz", "zqtagz", "zqoldwordz", "énergies"):
        for encoding in ("utf-8", "utf-32-le"):
            assert word.encode(encoding) not in data, word
    assert results(Index.load(tmp_path / "i.npz"), QUERIES) == results(fresh, QUERIES)
