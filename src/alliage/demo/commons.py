"""The demo's commons: the seed's recent publications (the Hypervoix, Open data impact and Reset
cahiers, the agenda for a digital and ecological future, the Innovation Facteur 4 guide in two
versions, the Self Data territorial kit), InternetActu articles, a fact check, a training
course, a draft advocacy note, and a dataset of equipment lifetimes with its CSV and a
published reuse. Files are made here, small and in memory, so the demo loads fast."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import struct
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.commons.models import Publication
from alliage.commons.services import (
    publication_create,
    publication_file_add,
    resource_add,
    reuse_declare,
    reuse_moderate,
)
from alliage.core.models import User

# slug, kind, title, summary, body, programme, coalitions, organisations, people (e-mails),
# days before today, licence, cover colours (or None)
PUBLICATIONS: list[dict[str, Any]] = [
    {
        "slug": "cahier-hypervoix",
        "kind": "cahier",
        "title": "Hypervoix : usages et enjeux de conception des assistants vocaux",
        "summary": (
            "Les assistants vocaux s'installent dans les cuisines, les voitures et les "
            "services publics. Ce cahier décrit ce que les gens en font vraiment et propose "
            "des pistes pour concevoir des interfaces vocales loyales et maîtrisables."
        ),
        "body": (
            "## Pourquoi ce cahier\n\n"
            "Parler à une machine n'a plus rien d'exotique. Mais la voix change la relation : "
            "pas d'écran pour comparer, une seule réponse proposée, un interlocuteur qui semble "
            "neutre alors qu'il choisit pour nous.\n\n"
            "## Ce que nous avons observé\n\n"
            "- des usages modestes et répétitifs (minuteur, météo, musique) plutôt que "
            "la conversation promise ;\n"
            "- une confiance fragile, qui s'effondre au premier malentendu ;\n"
            "- des foyers où l'assistant écoute tout le monde mais n'obéit qu'à certains.\n\n"
            "## Pistes de conception\n\n"
            "1. Rendre visible ce que l'assistant a compris et pourquoi il répond ainsi.\n"
            "2. Proposer plusieurs réponses quand il en existe plusieurs.\n"
            "3. Permettre d'effacer simplement ce qui a été enregistré.\n"
        ),
        "programme": "reset-2022",
        "coalitions": ["conception-responsable-ouverte"],
        "organisations": ["fing"],
        "people": ["mathieu.kerjean@fing.example.org"],
        "days_ago": 310,
        "licence": "CC-BY-SA-4.0",
        "cover": ((45, 93, 161), (11, 110, 79)),
        "file": "Cahier complet (PDF)",
    },
    {
        "slug": "cahier-open-data-impact",
        "kind": "cahier",
        "title": "Open data impact : bilan et feuille de route de l'open data",
        "summary": (
            "Dix ans après les premiers portails, que sont devenues les données ouvertes ? Un "
            "bilan des réutilisations réelles, de ce qui a marché et de ce qui a déçu, et une "
            "feuille de route pour que l'ouverture produise enfin des effets mesurables."
        ),
        "body": (
            "## Le constat\n\n"
            "Beaucoup de jeux de données publiés, beaucoup moins de réutilisations connues. "
            "Les portails comptent les téléchargements, rarement les effets.\n\n"
            "## La feuille de route\n\n"
            "- **Partir des usages** : ouvrir d'abord les données dont quelqu'un a besoin.\n"
            "- **Documenter les réutilisations**, pour les rendre visibles et en susciter "
            "d'autres.\n"
            "- **Mesurer l'impact** avec les réutilisateurs, pas seulement le volume publié.\n"
        ),
        "programme": "self-data-territorial",
        "coalitions": ["rudi-donnees-rennes"],
        "organisations": ["fing", "open-data-ouest"],
        "people": ["ines.haddad@fing.example.org"],
        "days_ago": 250,
        "licence": "CC-BY-4.0",
        "cover": ((107, 79, 160), (45, 93, 161)),
        "file": "Cahier complet (PDF)",
    },
    {
        "slug": "cahier-reset-sept-qualites",
        "kind": "cahier",
        "title": "Cahier Reset : sept qualités pour le numérique que nous voulons",
        "summary": (
            "Au terme du cycle de prospective #Reset, sept qualités pour définir un numérique "
            "choisi plutôt que subi : sobre, loyal, ouvert, robuste, accessible, capacitant et "
            "démocratique. Chacune est accompagnée de leviers concrets."
        ),
        "body": (
            "## Un diagnostic sévère\n\n"
            "Le numérique d'aujourd'hui suppose un monde stable et en croissance. Il concentre "
            "le pouvoir, consomme des ressources rares et échappe largement à la décision "
            "collective.\n\n"
            "## Sept qualités\n\n"
            "| Qualité | En une phrase |\n"
            "| --- | --- |\n"
            "| Sobre | faire mieux avec moins de matière et d'énergie |\n"
            "| Loyal | servir les intérêts de ceux qui l'utilisent |\n"
            "| Ouvert | pouvoir être compris, modifié et partagé |\n"
            "| Robuste | tenir quand le monde vacille |\n"
            "| Accessible | ne laisser personne au bord du chemin |\n"
            "| Capacitant | augmenter le pouvoir d'agir |\n"
            "| Démocratique | se décider collectivement |\n"
        ),
        "programme": "reset-2022",
        "coalitions": ["commande-publique-responsable", "apprendre-a-choisir-son-numerique"],
        "organisations": ["fing"],
        "people": ["equipe@alliage.example.org"],
        "days_ago": 200,
        "licence": "CC-BY-SA-4.0",
        "cover": ((164, 77, 31), (11, 110, 79)),
        "file": "Cahier complet (PDF)",
    },
    {
        "slug": "agenda-futur-numerique-ecologique",
        "kind": "advocacy",
        "title": "L'agenda pour un futur numérique et écologique",
        "summary": (
            "Cinquante pistes neuves pour mettre le numérique au service de la planète, et non "
            "l'inverse : de la conception des services à la commande publique, des usages "
            "quotidiens aux politiques territoriales."
        ),
        "body": (
            "Cet agenda rassemble des propositions venues de chercheurs, d'entreprises, de "
            "collectivités et d'associations. Il ne s'agit pas seulement de réduire l'empreinte "
            "du numérique, mais d'orienter son pouvoir de transformation vers la transition "
            "écologique.\n\n"
            "Quelques pistes parmi les cinquante :\n\n"
            "- faire durer les équipements publics et l'inscrire dans les marchés ;\n"
            "- publier l'empreinte des services numériques de l'État ;\n"
            "- former les concepteurs à l'écoconception dès l'école ;\n"
            "- soutenir les innovations à impact écologique radical.\n"
        ),
        "programme": "reset-2022",
        "coalitions": ["sobriete-parcs-informatiques"],
        "organisations": ["fing", "chaire-numerique-soutenable", "collectif-numerique-sobre"],
        "people": [],
        "days_ago": 150,
        "licence": "CC-BY-4.0",
        "cover": None,
        "file": "L'agenda en 50 pistes (PDF)",
    },
    {
        "slug": "guide-methodologique-innovation-facteur-4",
        "kind": "guide",
        "title": "Guide méthodologique Innovation Facteur 4",
        "summary": (
            "Un outil de dialogue sur l'impact écologique d'un projet entre les innovateurs et "
            "celles et ceux qui les accompagnent : qualifier l'impact en profondeur, en ampleur "
            "et en robustesse, puis construire ensemble son chemin de croissance."
        ),
        "body": (
            "## À qui s'adresse ce guide\n\n"
            "Aux porteurs de projets innovants qui visent un impact écologique fort, et aux "
            "financeurs, incubateurs, clusters et collectivités qui les soutiennent.\n\n"
            "## La démarche\n\n"
            "1. **Repérer** les projets à fort potentiel sur un territoire.\n"
            "2. **Qualifier** leur impact avec la grille Facteur 4, à deux voix : le porteur et "
            "l'accompagnateur.\n"
            "3. **Accélérer** : lever les obstacles, trouver les alliés, mesurer les progrès.\n\n"
            "La grille elle-même est disponible dans Alliage, sur la page d'impact de chaque "
            "coalition du programme."
        ),
        "programme": "innovation-facteur-4",
        "coalitions": ["reperage-facteur-4-bretagne", "accelerateur-des-possibles-occitanie"],
        "organisations": ["fing"],
        "people": ["claire.dubreuil@fing.example.org"],
        "days_ago": 120,
        "licence": "CC-BY-SA-4.0",
        "cover": ((11, 110, 79), (138, 109, 0)),
        "file": "Guide méthodologique (PDF)",
        "new_version": (
            "Ajout des retours des territoires pilotes et d'une fiche d'auto-évaluation."
        ),
    },
    {
        "slug": "kit-self-data-territorial",
        "kind": "kit",
        "title": "Kit Self Data territorial",
        "summary": (
            "Un outil pour mettre en œuvre le Self Data sur votre territoire : cas d'usage, "
            "fiches pour animer un atelier SWOT, modèle de feuille de route et conseils pour "
            "réunir acteurs publics, entreprises et habitants."
        ),
        "body": (
            "## Dans le kit\n\n"
            "- **Six cas d'usage** issus de l'expédition Self Data territorial (énergie, "
            "mobilité, santé, budget, emploi, alimentation).\n"
            "- **Un atelier SWOT** prêt à animer, avec ses cartes et son déroulé.\n"
            "- **Un modèle de feuille de route** pour passer de l'expérimentation au service.\n\n"
            "Le principe reste le même : les personnes récupèrent leurs données et choisissent "
            "ce qu'elles en font."
        ),
        "programme": "self-data-territorial",
        "coalitions": ["self-data-loire-estuaire", "feuille-de-route-self-data"],
        "organisations": ["fing", "mydata-global"],
        "people": ["aurelie.fontaine@mydata.example.org"],
        "days_ago": 90,
        "licence": "CC-BY-4.0",
        "cover": ((45, 93, 161), (164, 77, 31)),
        "file": "Kit complet (PDF)",
    },
    {
        "slug": "numerique-a-l-epreuve-des-crises",
        "kind": "article",
        "title": "Le numérique à l'épreuve des crises : ce que le confinement a révélé",
        "summary": (
            "Pendant le confinement, les services numériques des collectivités ont tenu, "
            "souvent de justesse. Retour sur les fragilités découvertes et les dépendances que "
            "personne n'avait cartographiées."
        ),
        "body": (
            "Un prestataire unique pour la messagerie, des sauvegardes jamais testées, un "
            "standard téléphonique passé en ligne en un week-end : les témoignages recueillis "
            "par l'expédition Numérique tous risques dessinent un paysage fragile.\n\n"
            "> « Nous avons découvert que tout tenait à une personne et à un mot de passe. »\n\n"
            "La coalition qui s'est formée depuis travaille à des plans de continuité "
            "partagés entre communes voisines."
        ),
        "programme": "numerique-tous-risques",
        "coalitions": ["continuite-services-numeriques-locaux"],
        "organisations": ["internetactu"],
        "people": ["paul.verdier@fing.example.org"],
        "days_ago": 60,
        "licence": "CC-BY-4.0",
        "cover": None,
    },
    {
        "slug": "acheteurs-publics-et-marche-du-numerique",
        "kind": "article",
        "title": "Quand les acheteurs publics font bouger le marché du numérique",
        "summary": (
            "Quarante collectivités ont décidé d'écrire les mêmes critères de numérique "
            "responsable dans leurs marchés. Les fournisseurs commencent à suivre."
        ),
        "body": (
            "Un acheteur seul pèse peu. Quarante acheteurs qui demandent la même chose, au même "
            "moment, changent l'offre. C'est le pari de la coalition pour une commande publique "
            "responsable : une grille commune, testée sur des marchés pilotes, puis partagée."
        ),
        "programme": "reset-2022",
        "coalitions": ["commande-publique-responsable"],
        "organisations": ["internetactu"],
        "people": ["paul.verdier@fing.example.org"],
        "days_ago": 35,
        "licence": "CC-BY-4.0",
        "cover": None,
    },
    {
        "slug": "faire-durer-les-ordinateurs-des-collectivites",
        "kind": "article",
        "title": "Faire durer les ordinateurs des collectivités, un gisement sous-estimé",
        "summary": (
            "Allonger d'un ou deux ans la vie des postes de travail coûte peu et évite beaucoup. "
            "Six collectivités publient leurs chiffres : un jeu de données à explorer."
        ),
        "body": (
            "La fabrication concentre l'essentiel de l'empreinte d'un ordinateur. Le garder "
            "plus longtemps est donc le geste le plus efficace, et pourtant les parcs sont "
            "souvent renouvelés par habitude.\n\n"
            "Les six collectivités de la coalition sobriété ont mis en commun la durée de vie "
            "de leurs équipements : le jeu de données est dans la bibliothèque, sous Licence "
            "Ouverte."
        ),
        "programme": "reset-2022",
        "coalitions": ["sobriete-parcs-informatiques"],
        "organisations": ["internetactu"],
        "people": ["chloe.nguyen@lefilnumerique.example.org"],
        "days_ago": 12,
        "licence": "CC-BY-4.0",
        "cover": None,
    },
    {
        "slug": "le-cloud-est-il-immateriel",
        "kind": "fact_check",
        "title": "Vrai ou faux : « le cloud, c'est immatériel »",
        "summary": (
            "Faux. Derrière le nuage, des centres de données, des câbles et des terminaux bien "
            "réels. Ce que l'on sait, ce que l'on ignore encore, et les ordres de grandeur à "
            "retenir."
        ),
        "body": (
            "**Faux.** Stocker et traiter des données à distance déplace la matière, mais ne la "
            "supprime pas : bâtiments, serveurs, refroidissement, réseaux et surtout les "
            "terminaux qui servent à y accéder.\n\n"
            "Ce qui compte le plus dans l'empreinte reste la fabrication des équipements des "
            "utilisateurs ; d'où l'intérêt de les faire durer."
        ),
        "programme": "reset-2022",
        "coalitions": ["apprendre-a-choisir-son-numerique"],
        "organisations": ["fing", "sobre-et-connecte"],
        "people": [],
        "days_ago": 20,
        "licence": "CC0-1.0",
        "cover": None,
    },
    {
        "slug": "parcours-qualifier-impact-ecologique",
        "kind": "training",
        "title": "Parcours de formation : qualifier l'impact écologique d'un projet",
        "summary": (
            "Trois séances pour apprendre à utiliser la grille Innovation Facteur 4 avec les "
            "porteurs de projets que vous accompagnez. Supports, exercices et cas pratiques."
        ),
        "body": (
            "- **Séance 1** : pourquoi l'impact écologique ne se résume pas au carbone.\n"
            "- **Séance 2** : la grille, question par question, sur un cas réel.\n"
            "- **Séance 3** : conduire le dialogue avec le porteur et suivre ses indicateurs."
        ),
        "programme": "innovation-facteur-4",
        "coalitions": ["reperage-facteur-4-bretagne"],
        "organisations": ["fing", "cluster-eco-innovation-bretagne"],
        "people": ["claire.dubreuil@fing.example.org"],
        "days_ago": 45,
        "licence": "CC-BY-SA-4.0",
        "cover": None,
    },
    {
        "slug": "note-criteres-appels-a-projets",
        "kind": "advocacy",
        "title": "Note de plaidoyer : des critères responsables dans les appels à projets",
        "summary": (
            "Brouillon. Ce que les financeurs de l'innovation pourraient exiger des projets "
            "numériques qu'ils soutiennent, et comment le vérifier sans alourdir les dossiers."
        ),
        "body": "Version de travail, à relire par la coalition avant publication.",
        "programme": "reset-2022",
        "coalitions": ["criteres-appels-innovation"],
        "organisations": ["fing"],
        "people": ["porteuse@alliage.example.org"],
        "days_ago": None,
        "licence": "CC-BY-4.0",
        "cover": None,
        "status": "draft",
    },
]

DATASET = {
    "slug": "duree-de-vie-equipements-collectivites",
    "kind": "dataset",
    "title": "Durée de vie des équipements numériques de six collectivités",
    "summary": (
        "Pour cinq familles d'équipements (portables, postes fixes, écrans, smartphones, "
        "imprimantes), la taille du parc, l'âge moyen, la durée de vie constatée et visée, et "
        "la part réemployée, dans six collectivités de la coalition sobriété."
    ),
    "body": (
        "Chaque ligne décrit une famille d'équipements dans une collectivité, pour une année.\n\n"
        "- `parc` : nombre d'équipements en service au 31 décembre ;\n"
        "- `age_moyen_ans` : âge moyen du parc, en années ;\n"
        "- `duree_de_vie_constatee_ans` : âge moyen des équipements retirés du service ;\n"
        "- `duree_de_vie_cible_ans` : l'objectif que la collectivité s'est fixé ;\n"
        "- `part_reemploi_pct` : part des équipements retirés qui ont été réemployés "
        "(don, reconditionnement) plutôt que recyclés.\n\n"
        "Les chiffres sont déclarés par les collectivités et n'ont pas été audités."
    ),
    "programme": "reset-2022",
    "coalitions": ["sobriete-parcs-informatiques"],
    "organisations": [
        "rennes-metropole",
        "metropole-loire-estuaire",
        "syndicat-numerique-armor",
        "cc-cevennes-vallees",
        "ville-beaulieu-sur-aure",
        "agglo-coeur-de-garonne",
    ],
    "people": ["laurent.bouvier@numerique-armor.example.org"],
    "days_ago": 14,
    "licence": "etalab-2.0",
    "spatial": "Six collectivités de l'Ouest et du Sud-Ouest de la France",
}

COLLECTIVITES = (
    ("Rennes Métropole", "métropole", 6.0),
    ("Métropole Loire-Estuaire", "métropole", 5.0),
    ("Syndicat mixte Numérique Armor", "syndicat mixte", 1.2),
    ("Communauté de communes Cévennes-Vallées", "communauté de communes", 0.5),
    ("Ville de Beaulieu-sur-Aure", "commune", 0.4),
    ("Agglomération Cœur de Garonne", "communauté d'agglomération", 1.5),
)
# equipment, fleet for a size of 1, lifetime observed (years), target lifetime
EQUIPMENT = (
    ("ordinateur portable", 900, 4.6, 6),
    ("ordinateur fixe", 700, 5.8, 7),
    ("écran", 1500, 7.9, 10),
    ("smartphone", 600, 3.1, 5),
    ("imprimante multifonction", 120, 6.4, 8),
)


def equipment_rows(year: int) -> list[dict[str, Any]]:
    """A small, realistic table: fleets scale with each collectivité's size, and lifetimes
    vary a little from one to the next (made up, deterministic)."""
    rows = []
    for i, (name, kind, size) in enumerate(COLLECTIVITES):
        for j, (equipment, fleet, observed, target) in enumerate(EQUIPMENT):
            wobble = ((i * 7 + j * 3) % 9 - 4) / 10
            rows.append(
                {
                    "collectivite": name,
                    "type_collectivite": kind,
                    "annee": year,
                    "equipement": equipment,
                    "parc": round(fleet * size * (1 + wobble / 4)),
                    "age_moyen_ans": round(observed * 0.62 + wobble / 2, 1),
                    "duree_de_vie_constatee_ans": round(observed + wobble, 1),
                    "duree_de_vie_cible_ans": target,
                    "part_reemploi_pct": (i * 11 + j * 5) % 35 + 5,
                }
            )
    return rows


def _csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and a few lines, written by hand (no dependency)."""

    def text(value: str) -> str:
        raw = value.encode("cp1252", errors="replace").decode("latin-1")
        return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 20 Tf", "60 770 Td", f"({text(title)}) Tj", "/F1 11 Tf", "0 -34 Td"]
    for line in lines:
        ops += [f"({text(line)}) Tj", "0 -16 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _png(left: tuple[int, int, int], right: tuple[int, int, int]) -> bytes:
    """A 1200 by 630 cover (the size link previews use): a gradient between two colours, with
    a lighter band, as a PNG written by hand."""
    width, height = 1200, 630

    def row(light: bool) -> bytes:
        pixels = bytearray([0])  # filter: none
        for x in range(width):
            t = x / (width - 1)
            colour = [round(a + (b - a) * t) for a, b in zip(left, right, strict=True)]
            if light:
                colour = [c + (255 - c) // 4 for c in colour]
            pixels += bytes(colour)
        return bytes(pixels)

    plain, band = row(False), row(True)
    raw = b"".join(band if 380 <= y < 460 else plain for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def commons_load(
    *,
    today: dt.date,
    programmes: dict[str, Programme],
    organisations: dict[str, Organisation],
    people: dict[str, Person],
    team_user: User,
) -> int:
    """Publish the demo's library through the services, as the programme team would."""
    coalitions = {c.slug: c for c in Coalition.objects.all()}
    count = 0
    for row in [*PUBLICATIONS, DATASET]:
        days = row.get("days_ago")
        fields: dict[str, Any] = {
            "slug": row["slug"],
            "kind": row["kind"],
            "title": row["title"],
            "summary": row["summary"],
            "body": row["body"],
            "programme": programmes[row["programme"]],
            "licence": row["licence"],
            "status": row.get("status", "published"),
            "published_on": today - dt.timedelta(days=days) if days is not None else None,
        }
        cover = None
        if row.get("cover"):
            cover = _upload(f"{row['slug']}.png", _png(*row["cover"]))
            fields["cover_alt"] = f"Couverture : {row['title']}"
        if row["kind"] == "dataset":
            fields["temporal_start"] = dt.date(today.year - 2, 1, 1)
            fields["temporal_end"] = dt.date(today.year - 1, 12, 31)
            fields["spatial"] = row["spatial"]
        publication = publication_create(
            by=team_user,
            fields=fields,
            coalitions=[coalitions[s] for s in row["coalitions"]],
            author_organisations=[organisations[s] for s in row["organisations"]],
            author_people=[people[e] for e in row["people"]],
            cover=cover,
        )
        count += 1
        if row.get("file"):
            lines = [row["summary"][i : i + 90] for i in range(0, len(row["summary"]), 90)]
            publication_file_add(
                publication=publication,
                by=team_user,
                upload=_upload(f"{row['slug']}.pdf", _pdf(row["title"], lines)),
                label=row["file"],
            )
            if row.get("new_version"):
                first = publication.files.get()
                publication_file_add(
                    publication=publication,
                    by=team_user,
                    upload=_upload(
                        f"{row['slug']}-v2.pdf",
                        _pdf(row["title"], [*lines, "", "Version 2", row["new_version"]]),
                    ),
                    replaces=first,
                    note=row["new_version"],
                )
            # The files came out with the publication (the second version a month later).
            for document in publication.files.all():
                document.uploaded_at = dt.datetime.combine(
                    publication.published_on + dt.timedelta(days=30 * (document.version - 1)),
                    dt.time(10, 0),
                    tzinfo=dt.UTC,
                )
                document.save(update_fields=["uploaded_at"])
        if row["kind"] == "dataset":
            _dataset_resources(publication, today, team_user)
            _reuses(publication, people, team_user)
    _pending_reuse(people)
    return count


def _dataset_resources(publication: Publication, today: dt.date, team_user: User) -> None:
    rows = equipment_rows(today.year - 1)
    resource_add(
        publication=publication,
        by=team_user,
        title="Durée de vie des équipements (CSV)",
        upload=_upload("duree-de-vie-equipements.csv", _csv(rows)),
        description=(
            "Une ligne par collectivité et par famille d'équipements ; séparateur virgule, UTF-8."
        ),
    )
    resource_add(
        publication=publication,
        by=team_user,
        title="Durée de vie des équipements (JSON)",
        upload=_upload(
            "duree-de-vie-equipements.json",
            json.dumps(rows, ensure_ascii=False, indent=1).encode(),
        ),
        description="Les mêmes données, en JSON.",
    )


def _reuses(publication: Publication, people: dict[str, Person], team_user: User) -> None:
    reuse = reuse_declare(
        publication=publication,
        by=people["membre@alliage.example.org"].user,
        title="Calculateur : combien rapporte un an de plus ?",
        url="https://sobrio.example.org/calculateur-duree-de-vie",
        kind="application",
        description=(
            "Un petit calculateur en ligne qui part des chiffres des six collectivités pour "
            "estimer les achats et les émissions évités en gardant ses équipements un an de "
            "plus."
        ),
    )
    reuse_moderate(reuse=reuse, by=team_user, decision="published")
    reuse = reuse_declare(
        publication=publication,
        by=people["chloe.nguyen@lefilnumerique.example.org"].user,
        title="Carte : la durée de vie des ordinateurs, collectivité par collectivité",
        url="https://lefilnumerique.example.org/cartes/duree-de-vie",
        kind="visualisation",
        description="Une carte interactive qui compare les collectivités entre elles.",
    )
    reuse_moderate(reuse=reuse, by=team_user, decision="published")


def _pending_reuse(people: dict[str, Person]) -> None:
    """One reuse waits for the team, so that the moderation page has something to show."""
    reuse_declare(
        publication=Publication.objects.get(slug="cahier-reset-sept-qualites"),
        by=people["visiteur@alliage.example.org"].user,
        title="Séquence pédagogique : les sept qualités en classe de seconde",
        url="https://lycee-lumiere.example.org/numerique/sept-qualites",
        kind="other",
        description=(
            "Trois heures de cours en sciences numériques et technologie, où les élèves "
            "évaluent leurs applications préférées à l'aune des sept qualités."
        ),
    )
