"""Demo data for Alliage: the Fing's 2020 programme, told through fictional actors.

Pure data, written on the seed's own timeline as if today were 2020-11-29; the loader
(``services.demo_load``) shifts every date by whole years so that the demo stays current.
Organisations and people are fictional, except public institutions named in the seed.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Programmes
# ---------------------------------------------------------------------------

PROGRAMMES: list[dict] = [
    {
        "slug": "reset-2022",
        "name": "#Reset 2022",
        "kind": "collective",
        "tagline": "Des coalitions d'acteurs très différents pour réinventer le numérique, avec des résultats concrets d'ici 2022.",
        "description": (
            "#Reset 2022 prend la suite du cycle de prospective #Reset 2018-2019. Ce travail avait "
            "dressé un constat sans complaisance du numérique actuel, mais il avait aussi repéré des "
            "leviers d'action et proposé sept « qualités » à lui donner. Place maintenant aux actes, "
            "avec celles et ceux qui conçoivent, commandent et utilisent les services numériques.\n\n"
            "La méthode est collective. Il s'agit de faire naître des **coalitions d'acteurs "
            "hétérogènes** — collectivités, administrations, entreprises de toutes tailles, "
            "associations, chercheurs, médias, citoyens — qui s'accordent sur une intention commune, "
            "sur un objectif ambitieux mais atteignable en moins de trois ans, et sur les leviers "
            "pour y arriver. Chaque coalition tient son canevas : un diagnostic, un impact visé à "
            "une date précise, un chemin jalonné, une manière d'évaluer.\n\n"
            "Les premiers chantiers ouverts :\n\n"
            "- des critères actionnables pour les financeurs de l'innovation et pour la maîtrise "
            "d'ouvrage publique ;\n"
            "- une conception responsable largement ouverte ;\n"
            "- ce qui rend les employeurs du numérique attractifs ;\n"
            "- les conditions culturelles et éducatives d'une vraie maîtrise de nos choix numériques ;\n"
            "- la sobriété numérique dans les organisations publiques.\n\n"
            "Le dispositif repose sur une assemblée #Reset, des **Reset Days** presque chaque mois "
            "pour présenter des projets, tester des idées, apprendre et débattre, un séminaire "
            "« Grands décideurs » et une deuxième conférence #Reset. En continu, une « fabrique » "
            "accompagne les coalitions pour qu'elles se structurent (coaching, ingénierie), fait "
            "circuler leurs résultats et produit des outils partagés : grilles pour les appels à "
            "projets, modules de formation, vérifications de faits.\n\n"
            "Une quinzaine de coalitions sont en cours de constitution ; l'ambition est d'en "
            "accompagner plusieurs dizaines d'ici 2022."
        ),
        "starts_on": "2019-12-02",
        "ends_on": "2022-12-31",
        "team": ["equipe@alliage.example.org", "paul.verdier@fing.example.org"],
    },
    {
        "slug": "innovation-facteur-4",
        "name": "Innovation Facteur 4",
        "kind": "project",
        "tagline": "Concevoir, accompagner et évaluer les innovations qui visent un impact écologique radical.",
        "description": (
            "Beaucoup de projets innovants revendiquent une ambition écologique forte, mais rares "
            "sont ceux qui disposent des outils pour la qualifier et la démontrer. Innovation "
            "Facteur 4 part de ce constat : avec un groupe de partenaires, la Fing a d'abord bâti un "
            "référentiel, qui a ensuite donné naissance à un **guide méthodologique**. Celui-ci sert "
            "de support de discussion entre porteurs de projets et structures qui les financent ou "
            "les accompagnent.\n\n"
            "Le « facteur 4 » désigne l'ordre de grandeur visé : non pas quelques pourcents de "
            "mieux, mais une division par quatre des ressources consommées ou des émissions pour un "
            "même service rendu. La grille interroge le projet sous plusieurs angles — matières, "
            "énergie, usages, effets rebond — et aide à situer son potentiel réel.\n\n"
            "Depuis 2020, le programme s'ancre dans les territoires. Avec des clusters locaux et des "
            "collectivités, il transmet la méthode aux accompagnateurs de l'innovation et aux "
            "porteurs de projets, en trois temps :\n\n"
            "- **repérage territorial** des projets et des acteurs ;\n"
            "- **accélérateur des possibles**, où les projets retenus travaillent leur impact avec "
            "la grille ;\n"
            "- **documentation** de la démarche et contribution aux stratégies territoriales.\n\n"
            "Les coalitions du programme publient leurs retours d'expérience en communs ; ils "
            "enrichissent à leur tour la méthode."
        ),
        "starts_on": "2019-01-14",
        "ends_on": "2022-06-30",
        "team": ["claire.dubreuil@fing.example.org"],
    },
    {
        "slug": "self-data-territorial",
        "name": "Self Data territorial",
        "kind": "project",
        "tagline": "Rendre aux habitants la maîtrise et l'usage de leurs données personnelles, à l'échelle d'un territoire.",
        "description": (
            "Le Self Data, c'est la production, l'exploitation et le partage de données "
            "personnelles par les personnes elles-mêmes, sous leur contrôle et à leurs propres fins. "
            "Le programme MesInfos, puis l'essor du réseau international MyData, ont montré qu'on "
            "pouvait partager avec les usagers la valeur d'usage de leurs données ; des offres "
            "technologiques et des projets innovants en sont nés.\n\n"
            "En 2019, l'expédition Self Data territorial a exploré des cas d'usage concrets — "
            "énergie, mobilité, alimentation, démarches sociales — et préparé le terrain pour des "
            "expérimentations locales. Elle a abouti au **kit Self Data territorial**, publié sous "
            "licence libre, pour aider une collectivité à se lancer.\n\n"
            "Cette année, le travail porte sur la stratégie : qu'est-ce qui fait réussir une "
            "démarche de Self Data sur un territoire, et quelles alliances faut-il nouer entre "
            "collectivités, entreprises, habitants et collectifs ? Des **ateliers SWOT** "
            "réunissent ces acteurs ; ils débouchent sur des feuilles de route pour chaque "
            "territoire et sur une contribution à l'échelle internationale.\n\n"
            "Le programme s'appuie notamment sur Rennes Métropole, engagée de longue date dans le "
            "partage des données de son territoire, et sur MyData Global pour la dimension "
            "internationale."
        ),
        "starts_on": "2019-02-04",
        "ends_on": "2022-12-31",
        "team": ["mathieu.kerjean@fing.example.org"],
    },
    {
        "slug": "capacitylab",
        "name": "CapacityLab",
        "kind": "project",
        "tagline": "Faire du numérique un levier du pouvoir d'agir des personnes et des collectifs.",
        "description": (
            "CapacityLab s'appuie sur les acquis de Capacity, un projet de recherche mené de 2015 à "
            "2018 avec le soutien de l'Agence nationale de la recherche. Plutôt que d'aborder les difficultés liées au numérique — "
            "exclusion, apprentissage, appropriation — par les manques, il les regarde sous l'angle "
            "de la **capacitation** : ce que le numérique rend possible, ou empêche, en matière de "
            "pouvoir d'agir individuel et collectif.\n\n"
            "Ce changement de regard a des conséquences très pratiques. Il invite les politiques "
            "publiques et les grandes organisations à revoir leurs stratégies, il donne des clés aux "
            "concepteurs de services numériques, et il nourrit le savoir-faire des médiateurs et de "
            "tous ceux qui accompagnent les usagers.\n\n"
            "Le laboratoire réunit des acteurs publics du social et des territoires, des innovateurs "
            "et des médiateurs pour mettre des ressources en commun et faire émerger des projets "
            "transformateurs, avec des effets attendus d'ici 2022.\n\n"
            "Plusieurs projets partenariaux y sont rattachés :\n\n"
            "- la **Musette du jeune actif**, avec la Fondation de France et la Fondation EDF ;\n"
            "- **Incub-O**, avec la préfecture de la région Occitanie ;\n"
            "- le **Transformateur numérique**, avec l'Anact et le réseau des ARACT, autour de la "
            "qualité de vie au travail."
        ),
        "starts_on": "2019-03-04",
        "ends_on": "2022-12-31",
        "team": ["ines.haddad@fing.example.org", "equipe@alliage.example.org"],
    },
    {
        "slug": "numerique-tous-risques",
        "name": "Numérique tous risques",
        "kind": "expedition",
        "tagline": "Une expédition prospective sur ce que les crises et les catastrophes révèlent des fragilités du numérique.",
        "description": (
            "Nos infrastructures et nos services numériques supposent un monde prévisible, où la "
            "croissance ne s'arrête jamais. Celui qui vient sera plus incertain : épidémies, événements "
            "climatiques extrêmes, pannes géantes, cyberattaques, tensions sur les matières "
            "premières.\n\n"
            "Lancée au printemps 2020, en plein confinement, l'expédition **Numérique tous risques** "
            "considère chaque risque majeur comme une épreuve de vérité. Que deviennent les services "
            "numériques quand le réseau tombe, quand un fournisseur disparaît, quand tout le monde "
            "doit télétravailler du jour au lendemain ? Quelles dépendances, souvent invisibles, la "
            "crise met-elle en lumière — et à quelles fragilités le numérique expose-t-il à son tour "
            "la société ?\n\n"
            "La démarche est celle de la prospective collective et créative : des ateliers ouverts "
            "qui réunissent professionnels de la gestion de crise, élus, agents territoriaux, "
            "acteurs sociaux, chercheurs et entreprises ; une collecte de signaux et de récits ; "
            "puis l'élaboration de pistes de travail.\n\n"
            "Les pistes les plus mûres donnent naissance à des coalitions chargées de les mettre en "
            "œuvre, par exemple sur la continuité des services numériques locaux ou sur la "
            "cartographie des dépendances critiques. Une deuxième expédition prendra le relais à "
            "partir de la fin 2020."
        ),
        "starts_on": "2020-04-15",
        "ends_on": "2022-12-31",
        "team": ["paul.verdier@fing.example.org"],
    },
]

# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------

ORGANISATIONS: list[dict] = [
    # --- association: the think tank itself -------------------------------
    {
        "slug": "fing",
        "name": "Fing",
        "kind": "association",
        "city": "Paris",
        "website": "https://fing.example.org",
        "description": (
            "Think-and-do tank indépendant créé en 2000, la Fing réunit praticiens et chercheurs, "
            "acteurs publics et privés, petites et grandes structures pour interroger les "
            "transformations numériques. Ses travaux collectifs sont publiés comme des communs, "
            "sous licence libre."
        ),
        "intentions": (
            "Passer de l'analyse des effets du numérique sur la société à l'action : que la société "
            "pèse davantage sur le numérique d'ici 2022, en visant le « mieux » plutôt que le « plus »."
        ),
        "capabilities": (
            "Animation de coalitions d'acteurs hétérogènes, méthodes de prospective collective, "
            "ingénierie de projet, et un média, InternetActu, pour faire connaître les résultats."
        ),
        "tags": ["prospective", "communs", "innovation", "territoire"],
        "membership": None,
    },
    # --- public_body -----------------------------------------------------------
    {
        "slug": "anact",
        "name": "Anact — Agence nationale pour l'amélioration des conditions de travail",
        "kind": "public_body",
        "city": "Lyon",
        "website": "https://anact.example.org",
        "description": (
            "Établissement public placé sous la tutelle du ministère du Travail, l'Anact aide les "
            "entreprises et les organisations publiques à améliorer les conditions de travail. Avec "
            "le réseau des ARACT, elle anime des dispositifs d'accompagnement dans les régions."
        ),
        "intentions": (
            "Faire en sorte que les projets numériques des organisations améliorent la qualité de "
            "vie au travail au lieu de la dégrader."
        ),
        "capabilities": (
            "Méthodes d'analyse du travail, réseau régional des ARACT, co-animation du "
            "Transformateur numérique et relais d'appels à candidatures."
        ),
        "tags": ["qualité de vie au travail", "emploi", "services publics"],
        "membership": {"tier": "partner", "starts_on": "2020-01-01", "ends_on": "2021-12-31"},
    },
    {
        "slug": "prefecture-occitanie",
        "name": "Préfecture de la région Occitanie",
        "kind": "public_body",
        "city": "Toulouse",
        "website": "https://prefecture-occitanie.example.org",
        "description": (
            "Représentante de l'État dans la région, la préfecture coordonne l'action des services "
            "déconcentrés en Occitanie. Elle conduit un plan de transformation numérique qui "
            "concerne plusieurs milliers d'agents."
        ),
        "intentions": (
            "Donner à tous les agents de l'État en région, et pas seulement aux spécialistes, "
            "l'aisance et l'autonomie nécessaires face aux outils numériques."
        ),
        "capabilities": (
            "Accès aux services de l'État en région, mobilisation de l'encadrement, lieux de "
            "formation et financement de dispositifs d'acculturation."
        ),
        "tags": ["services publics", "médiation numérique", "inclusion"],
        "membership": None,
    },
    {
        "slug": "aract-pays-de-la-loire",
        "name": "ARACT Pays de la Loire",
        "kind": "public_body",
        "city": "Nantes",
        "website": "https://aract-pdl.example.org",
        "description": (
            "Structure régionale du réseau de l'Anact, administrée à parité par les organisations "
            "d'employeurs et de salariés. Elle accompagne les entreprises et les établissements de "
            "la région sur l'organisation et les conditions de travail."
        ),
        "intentions": (
            "Faire émerger dans la région une dizaine de projets exemplaires où le numérique sert "
            "la qualité de vie au travail."
        ),
        "capabilities": (
            "Connaissance fine du tissu économique régional, pilotage de l'appel à candidatures "
            "2020 du Transformateur numérique, accompagnement des projets retenus."
        ),
        "tags": ["qualité de vie au travail", "territoire", "emploi"],
        "membership": None,
    },
    {
        "slug": "mission-achats-numeriques",
        "name": "Mission interministérielle des achats numériques responsables",
        "kind": "public_body",
        "city": "Paris",
        "website": "https://achats-numeriques.example.org",
        "description": (
            "Petite équipe interministérielle chargée d'aider les acheteurs publics à intégrer des "
            "exigences sociales et environnementales dans leurs marchés numériques. Elle rédige des "
            "clauses types et anime un réseau national d'acheteurs."
        ),
        "intentions": (
            "Que la majorité des marchés publics de services numériques comportent des critères de "
            "sobriété, d'accessibilité et de réversibilité vérifiables."
        ),
        "capabilities": (
            "Expertise juridique de la commande publique, réseau de 300 acheteurs, diffusion de "
            "clauses types et de guides."
        ),
        "tags": ["achats publics", "sobriété", "services publics"],
        "membership": None,
    },
    {
        "slug": "agence-innovation-centre-loire",
        "name": "Agence régionale d'innovation Centre-Loire",
        "kind": "public_body",
        "city": "Orléans",
        "website": "https://innovation-centre-loire.example.org",
        "description": (
            "Agence de développement économique financée par la région, elle instruit des aides à "
            "l'innovation et accompagne chaque année près de deux cents entreprises. Elle veut "
            "mieux tenir compte des effets sociaux et environnementaux des projets qu'elle soutient."
        ),
        "intentions": (
            "Réécrire ses grilles d'appels à projets pour que l'impact écologique et social pèse "
            "réellement dans la sélection."
        ),
        "capabilities": (
            "Instruction de dossiers, fonds d'amorçage régionaux, réseau de chargés d'affaires et "
            "expérience de plusieurs centaines d'évaluations."
        ),
        "tags": ["innovation", "financement", "territoire"],
        "membership": None,
    },
    {
        "slug": "service-secours-alpes",
        "name": "Service interdépartemental de secours des Alpes du Nord",
        "kind": "public_body",
        "city": "Chambéry",
        "website": "https://secours-alpes.example.org",
        "description": (
            "Établissement public chargé de la prévention et de la gestion des risques sur deux "
            "départements alpins : incendies, crues, avalanches, accidents industriels. Ses systèmes "
            "d'alerte et de coordination reposent de plus en plus sur le numérique."
        ),
        "intentions": (
            "Comprendre et réduire la dépendance de la chaîne des secours à des réseaux et à des "
            "services numériques qui peuvent tomber au pire moment."
        ),
        "capabilities": (
            "Retours d'expérience de crises réelles, exercices de simulation, expertise des plans "
            "de continuité d'activité."
        ),
        "tags": ["résilience", "services publics", "territoire"],
        "membership": None,
    },
    # --- local_authority --------------------------------------------------------
    {
        "slug": "rennes-metropole",
        "name": "Rennes Métropole",
        "kind": "local_authority",
        "city": "Rennes",
        "website": "https://rennes-metropole.example.org",
        "description": (
            "Intercommunalité de quarante-trois communes, Rennes Métropole mène depuis plus de dix "
            "ans une politique active d'ouverture et de partage des données. Elle porte RUDI, un "
            "portail de partage des données du territoire."
        ),
        "intentions": (
            "Faire des données du territoire un bien partagé, utile aux habitants, aux entreprises "
            "et aux services publics, en laissant chacun maître de ses données personnelles."
        ),
        "capabilities": (
            "Gouvernance territoriale des données, équipe open data expérimentée, terrains "
            "d'expérimentation et financement de pilotes."
        ),
        "tags": ["open data", "données personnelles", "self data", "territoire"],
        "membership": {"tier": "partner", "starts_on": "2019-01-01", "ends_on": "2022-12-31"},
    },
    {
        "slug": "metropole-loire-estuaire",
        "name": "Métropole Loire-Estuaire",
        "kind": "local_authority",
        "city": "Saint-Nazaire",
        "website": "https://loire-estuaire.example.org",
        "description": (
            "Intercommunalité de l'estuaire de la Loire qui regroupe une vingtaine de communes et "
            "près de 300 000 habitants. Sa direction du numérique responsable conduit à la fois la "
            "transformation des services et une politique d'achats exigeante."
        ),
        "intentions": (
            "Montrer qu'une collectivité peut acheter et concevoir un numérique plus sobre et plus "
            "respectueux des habitants, et entraîner les autres collectivités de la région."
        ),
        "capabilities": (
            "Un volume d'achats numériques important, une équipe projet pluridisciplinaire et des "
            "terrains d'expérimentation pour des services aux habitants."
        ),
        "tags": ["achats publics", "sobriété", "self data", "territoire"],
        "membership": {"tier": "large", "starts_on": "2020-01-01", "ends_on": "2021-12-31"},
    },
    {
        "slug": "cc-cevennes-vallees",
        "name": "Communauté de communes Cévennes-Vallées",
        "kind": "local_authority",
        "city": "Le Vigan",
        "website": "https://cevennes-vallees.example.org",
        "description": (
            "Intercommunalité rurale d'une trentaine de communes de montagne, où la couverture "
            "réseau reste inégale. Elle a ouvert deux maisons de services au public et organise des "
            "permanences numériques itinérantes."
        ),
        "intentions": (
            "Que personne sur le territoire ne soit privé de ses droits faute d'équipement, de "
            "connexion ou d'accompagnement."
        ),
        "capabilities": (
            "Connaissance fine des usages en zone rurale, réseau de secrétaires de mairie, "
            "médiateurs itinérants."
        ),
        "tags": ["inclusion", "médiation numérique", "territoire", "résilience"],
        "membership": {"tier": "small", "starts_on": "2020-03-01", "ends_on": "2021-02-28"},
    },
    {
        "slug": "ville-beaulieu-sur-aure",
        "name": "Ville de Beaulieu-sur-Aure",
        "kind": "local_authority",
        "city": "Beaulieu-sur-Aure",
        "website": "https://beaulieu-sur-aure.example.org",
        "description": (
            "Commune normande de 12 000 habitants engagée dans un plan de sobriété pour ses "
            "bâtiments et son informatique. Elle expérimente l'allongement de la durée de vie de "
            "son parc et le réemploi des équipements des écoles."
        ),
        "intentions": (
            "Réduire de moitié le renouvellement de ses équipements informatiques d'ici 2022 sans "
            "dégrader le service rendu aux habitants."
        ),
        "capabilities": (
            "Retour d'expérience d'une petite commune, parc informatique des écoles, élus mobilisés."
        ),
        "tags": ["sobriété", "éducation", "énergie"],
        "membership": None,
    },
    {
        "slug": "syndicat-numerique-armor",
        "name": "Syndicat mixte Numérique Armor",
        "kind": "local_authority",
        "city": "Saint-Brieuc",
        "website": "https://numerique-armor.example.org",
        "description": (
            "Syndicat qui mutualise l'informatique de plus de 150 communes et intercommunalités : "
            "hébergement, logiciels métiers, messagerie, sites web. Au printemps 2020, il a dû "
            "équiper en urgence des centaines d'agents pour le télétravail."
        ),
        "intentions": (
            "Rendre les services numériques des petites collectivités plus sobres, plus robustes et "
            "moins dépendants de quelques fournisseurs."
        ),
        "capabilities": (
            "Infrastructures mutualisées, équipe technique, achats groupés et capacité à diffuser "
            "une pratique auprès de dizaines de collectivités."
        ),
        "tags": ["résilience", "sobriété", "achats publics", "services publics"],
        "membership": {"tier": "large", "starts_on": "2020-01-01", "ends_on": "2020-12-31"},
    },
    {
        "slug": "agglo-coeur-de-garonne",
        "name": "Agglomération Cœur de Garonne",
        "kind": "local_authority",
        "city": "Agen",
        "website": "https://coeur-de-garonne.example.org",
        "description": (
            "Communauté d'agglomération de taille moyenne dont le centre-ville reconquiert "
            "progressivement ses commerces. Elle s'intéresse à l'usage des données pour la mobilité "
            "et le commerce de proximité."
        ),
        "intentions": (
            "Construire une stratégie de données qui profite aux habitants et au commerce local "
            "sans dépendre d'une plateforme unique."
        ),
        "capabilities": (
            "Données de mobilité et de stationnement, liens avec les associations de commerçants, "
            "terrain d'expérimentation."
        ),
        "tags": ["mobilité", "open data", "territoire"],
        "membership": None,
    },
    # --- large_company ----------------------------------------------------------
    {
        "slug": "orbis-telecom",
        "name": "Orbis Télécom",
        "kind": "large_company",
        "city": "Puteaux",
        "website": "https://orbis-telecom.example.org",
        "description": (
            "Opérateur de télécommunications présent auprès du grand public et des entreprises, "
            "avec plus de 20 000 salariés. Son studio de design interne conçoit les applications et "
            "les parcours clients du groupe."
        ),
        "intentions": (
            "Faire de l'écoconception et de l'accessibilité la norme pour tous les services "
            "numériques du groupe d'ici 2022."
        ),
        "capabilities": (
            "Un studio de design de 80 personnes, des panels d'utilisateurs, des données sur la "
            "consommation réelle des services et un fort pouvoir d'entraînement sur ses fournisseurs."
        ),
        "tags": ["conception responsable", "sobriété", "résilience"],
        "membership": {"tier": "large", "starts_on": "2020-01-01", "ends_on": "2020-12-31"},
    },
    {
        "slug": "banque-ponant",
        "name": "Banque coopérative du Ponant",
        "kind": "large_company",
        "city": "Brest",
        "website": "https://banque-ponant.example.org",
        "description": (
            "Banque coopérative régionale qui compte près d'un million de sociétaires dans l'Ouest. "
            "Elle étudie de nouveaux services fondés sur le partage volontaire des données par ses "
            "clients."
        ),
        "intentions": (
            "Permettre à ses sociétaires de récupérer leurs données bancaires et de les réutiliser "
            "à leur profit, dans un cadre de confiance."
        ),
        "capabilities": (
            "Une base de sociétaires engagés, une expertise réglementaire (DSP2, RGPD) et le "
            "financement de pilotes locaux."
        ),
        "tags": ["données personnelles", "self data", "financement"],
        "membership": {"tier": "large", "starts_on": "2020-04-01", "ends_on": "2021-03-31"},
    },
    {
        "slug": "helios-energies",
        "name": "Hélios Énergies",
        "kind": "large_company",
        "city": "Lyon",
        "website": "https://helios-energies.example.org",
        "description": (
            "Fournisseur d'énergie et de services d'efficacité énergétique pour les particuliers et "
            "les collectivités. Il dispose de données de consommation fines issues des compteurs "
            "communicants."
        ),
        "intentions": (
            "Aider ses clients à réduire leur consommation en leur donnant un accès simple et "
            "maîtrisé à leurs propres données."
        ),
        "capabilities": (
            "Données de consommation, équipes data, expérience des programmes d'efficacité "
            "énergétique."
        ),
        "tags": ["énergie", "données personnelles", "sobriété"],
        "membership": {"tier": "large", "starts_on": "2018-01-01", "ends_on": "2019-12-31"},
    },
    {
        "slug": "groupe-altaris",
        "name": "Groupe Altaris",
        "kind": "large_company",
        "city": "Toulouse",
        "website": "https://altaris.example.org",
        "description": (
            "Entreprise de services du numérique de 6 000 collaborateurs, très présente dans "
            "l'aéronautique et le secteur public. Elle a créé en 2019 une direction de l'engagement "
            "numérique responsable."
        ),
        "intentions": (
            "Rester un employeur attractif pour les jeunes ingénieurs en donnant du sens à leurs "
            "missions, et proposer à ses clients des offres plus sobres."
        ),
        "capabilities": (
            "Équipes de développement et d'architecture, mécénat de compétences, cofinancement "
            "d'expérimentations."
        ),
        "tags": ["emploi", "conception responsable", "sobriété", "résilience"],
        "membership": {"tier": "large", "starts_on": "2020-01-01", "ends_on": "2020-12-31"},
    },
    {
        "slug": "mutuelle-horizon",
        "name": "Mutuelle Horizon",
        "kind": "large_company",
        "city": "Nantes",
        "website": "https://mutuelle-horizon.example.org",
        "description": (
            "Mutuelle santé et prévoyance qui couvre plus de 600 000 personnes, surtout des "
            "salariés de PME et leurs familles. Elle développe des services de prévention en santé "
            "au travail."
        ),
        "intentions": (
            "Prévenir l'épuisement professionnel lié aux outils numériques dans les petites "
            "entreprises qu'elle couvre."
        ),
        "capabilities": (
            "Données agrégées de santé au travail, réseau d'entreprises adhérentes, financement de "
            "programmes de prévention."
        ),
        "tags": ["santé", "qualité de vie au travail", "données personnelles"],
        "membership": {"tier": "large", "starts_on": "2020-06-01", "ends_on": "2021-05-31"},
    },
    # --- sme ----------------------------------------------------------------------
    {
        "slug": "sobrio",
        "name": "Sobrio",
        "kind": "sme",
        "city": "Nantes",
        "website": "https://sobrio.example.org",
        "description": (
            "Coopérative de quinze personnes spécialisée dans l'écoconception de services "
            "numériques : sites et applications légers, accessibles et durables. Elle travaille "
            "aussi bien pour des collectivités que pour des entreprises."
        ),
        "intentions": (
            "Que l'écoconception devienne une exigence ordinaire des commanditaires, publics comme "
            "privés, et non plus un argument de niche."
        ),
        "capabilities": (
            "Audits d'écoconception et d'accessibilité, conception et développement sobres, "
            "formation des équipes produit."
        ),
        "tags": ["conception responsable", "sobriété", "achats publics"],
        "membership": {"tier": "small", "starts_on": "2020-01-16", "ends_on": "2021-01-15"},
    },
    {
        "slug": "pivot-cloud",
        "name": "Pivot Cloud",
        "kind": "sme",
        "city": "Rennes",
        "website": "https://pivot-cloud.example.org",
        "description": (
            "Jeune entreprise d'une vingtaine de salariés qui développe un cloud personnel open "
            "source : chacun y rassemble ses données (factures, relevés, santé, énergie) et choisit "
            "avec qui les partager."
        ),
        "intentions": (
            "Rendre le Self Data concret pour des dizaines de milliers d'habitants grâce à des "
            "partenariats avec des collectivités."
        ),
        "capabilities": (
            "Une plateforme de cloud personnel, des connecteurs vers de nombreux fournisseurs de "
            "données et un vrai savoir-faire sur le consentement."
        ),
        "tags": ["self data", "données personnelles", "open data"],
        "membership": {"tier": "small", "starts_on": "2020-01-01", "ends_on": "2020-12-31"},
    },
    {
        "slug": "terranoe",
        "name": "Terranoé",
        "kind": "sme",
        "city": "Montpellier",
        "website": "https://terranoe.example.org",
        "description": (
            "Start-up qui conçoit des capteurs et un logiciel de pilotage énergétique pour les "
            "bâtiments publics, pensés pour durer et être réparés. Elle équipe déjà une soixantaine "
            "d'écoles et de gymnases."
        ),
        "intentions": (
            "Démontrer que l'internet des objets peut réduire fortement l'empreinte d'un bâtiment "
            "sans déclencher une nouvelle vague d'équipements jetables."
        ),
        "capabilities": (
            "Capteurs réparables, analyse des consommations, retours d'expérience auprès de "
            "collectivités du Sud."
        ),
        "tags": ["énergie", "sobriété", "innovation"],
        "membership": {"tier": "small", "starts_on": "2020-02-01", "ends_on": "2021-01-31"},
    },
    {
        "slug": "ecotone-conseil",
        "name": "Ecotone Conseil",
        "kind": "sme",
        "city": "Lille",
        "website": "https://ecotone-conseil.example.org",
        "description": (
            "Cabinet d'une dizaine de consultants spécialisé dans l'évaluation environnementale des "
            "projets innovants. Il a participé à l'élaboration du référentiel Innovation Facteur 4."
        ),
        "intentions": (
            "Diffuser des méthodes d'évaluation de l'impact écologique honnêtes, qui aident les "
            "projets à progresser plutôt qu'à s'attribuer des labels."
        ),
        "capabilities": (
            "Analyse de cycle de vie, animation d'ateliers d'évaluation, formation des chargés "
            "d'accompagnement."
        ),
        "tags": ["écologie", "innovation", "évaluation"],
        "membership": {"tier": "small", "starts_on": "2019-01-01", "ends_on": "2019-12-31"},
    },
    {
        "slug": "atelier-mediane",
        "name": "Atelier Médiane",
        "kind": "sme",
        "city": "Bordeaux",
        "website": "https://atelier-mediane.example.org",
        "description": (
            "Agence de design de services qui travaille surtout pour des services publics et des "
            "associations. Elle s'est fait une spécialité des démarches en ligne simples et "
            "accessibles."
        ),
        "intentions": (
            "Que les services publics numériques soient conçus avec les personnes qui en ont le plus "
            "besoin, et pas seulement pour elles."
        ),
        "capabilities": (
            "Design de services, tests avec des usagers éloignés du numérique, audits "
            "d'accessibilité RGAA."
        ),
        "tags": ["conception responsable", "inclusion", "services publics"],
        "membership": {"tier": "small", "starts_on": "2020-09-01", "ends_on": "2021-08-31"},
    },
    {
        "slug": "neree-analytics",
        "name": "Nérée Analytics",
        "kind": "sme",
        "city": "Grenoble",
        "website": "https://neree-analytics.example.org",
        "description": (
            "Start-up deeptech née d'un programme qui rapproche créateurs d'entreprise et "
            "chercheurs. Elle valorise une technologie du CEA d'apprentissage automatique embarqué "
            "pour la maintenance prédictive des réseaux d'eau."
        ),
        "intentions": (
            "Grandir sans renoncer à des modèles d'intelligence artificielle frugaux et "
            "explicables, et recruter des profils qui partagent ces valeurs."
        ),
        "capabilities": (
            "IA embarquée et frugale, expérience du transfert de technologie, réseau de jeunes "
            "pousses deeptech."
        ),
        "tags": ["deeptech", "innovation", "emploi"],
        "membership": None,
    },
    {
        "slug": "reconditio",
        "name": "Reconditio",
        "kind": "sme",
        "city": "Angers",
        "website": "https://reconditio.example.org",
        "description": (
            "Entreprise de l'économie sociale qui reconditionne ordinateurs et smartphones "
            "professionnels en employant des personnes en parcours d'insertion. Ses clients sont "
            "des collectivités et des associations."
        ),
        "intentions": (
            "Faire du réemploi la première option dans les achats informatiques publics de l'Ouest."
        ),
        "capabilities": (
            "Reconditionnement certifié, effacement sécurisé des données, logistique de collecte et "
            "emplois d'insertion."
        ),
        "tags": ["sobriété", "emploi", "achats publics", "inclusion"],
        "membership": None,
    },
    # --- association ----------------------------------------------------------------
    {
        "slug": "mydata-global",
        "name": "MyData Global",
        "kind": "association",
        "city": "Helsinki",
        "website": "https://mydata-global.example.org",
        "description": (
            "Organisation internationale issue du mouvement MyData, qui défend une approche centrée "
            "sur l'humain de la gestion des données personnelles. Elle fédère des membres et des "
            "antennes locales dans plus de quarante pays."
        ),
        "intentions": (
            "Construire une feuille de route internationale qui aide les villes et les régions à "
            "adopter les principes MyData."
        ),
        "capabilities": (
            "Réseau international d'experts, déclaration et principes MyData, conférences et "
            "groupes thématiques."
        ),
        "tags": ["self data", "données personnelles", "international"],
        "membership": {"tier": "partner", "starts_on": "2019-06-01", "ends_on": "2021-05-31"},
    },
    {
        "slug": "reseau-mediation-bretagne",
        "name": "Réseau breton de la médiation numérique",
        "kind": "association",
        "city": "Rennes",
        "website": "https://mediation-bretagne.example.org",
        "description": (
            "Réseau associatif qui rassemble plus de 120 lieux et professionnels de la médiation "
            "numérique en Bretagne. Il outille et forme les médiateurs, et porte leur voix auprès "
            "des pouvoirs publics."
        ),
        "intentions": (
            "Faire reconnaître la médiation numérique comme un métier et lui donner les moyens "
            "d'accompagner chacun vers l'autonomie."
        ),
        "capabilities": (
            "Un réseau de terrain, des formations de médiateurs, des ressources pédagogiques sous "
            "licence libre."
        ),
        "tags": ["médiation numérique", "inclusion", "éducation"],
        "membership": None,
    },
    {
        "slug": "ateliers-du-clic",
        "name": "Les Ateliers du Clic",
        "kind": "association",
        "city": "Toulouse",
        "website": "https://ateliers-du-clic.example.org",
        "description": (
            "Association de médiation numérique qui anime des ateliers dans les quartiers, les "
            "bibliothèques et les administrations de l'agglomération toulousaine. Elle forme aussi "
            "des agents publics à l'accompagnement des usagers."
        ),
        "intentions": (
            "Aider chaque personne à gagner en autonomie avec le numérique, à son rythme et selon "
            "ses propres projets."
        ),
        "capabilities": (
            "Animation d'ateliers, formation de formateurs, ingénierie pédagogique tournée vers le "
            "pouvoir d'agir."
        ),
        "tags": ["médiation numérique", "inclusion", "éducation", "jeunesse"],
        "membership": {"tier": "small", "starts_on": "2020-01-01", "ends_on": "2020-12-31"},
    },
    {
        "slug": "collectif-numerique-sobre",
        "name": "Collectif pour un numérique sobre",
        "kind": "association",
        "city": "Lyon",
        "website": "https://numerique-sobre.example.org",
        "description": (
            "Collectif national de professionnels, d'associations et de citoyens engagés pour "
            "réduire l'empreinte environnementale du numérique. Il publie des guides pratiques et "
            "organise des défis de sobriété."
        ),
        "intentions": (
            "Faire passer la sobriété numérique du discours à la pratique dans les organisations "
            "publiques et privées."
        ),
        "capabilities": (
            "Une communauté de bénévoles experts, des guides pratiques, des campagnes de "
            "sensibilisation et des outils de mesure."
        ),
        "tags": ["sobriété", "écologie", "conception responsable"],
        "membership": {"tier": "small", "starts_on": "2020-05-01", "ends_on": "2021-04-30"},
    },
    {
        "slug": "passerelle-jeunes-actifs",
        "name": "Passerelle Jeunes Actifs",
        "kind": "association",
        "city": "Marseille",
        "website": "https://passerelle-jeunes.example.org",
        "description": (
            "Association d'insertion qui accompagne chaque année plus de 800 jeunes de 16 à 25 ans "
            "vers la formation et l'emploi dans les quartiers nord de Marseille. Elle mise sur les "
            "projets collectifs et la reconnaissance des expériences informelles."
        ),
        "intentions": (
            "Aider les jeunes à faire reconnaître ce qu'ils savent déjà faire et à transformer ces "
            "acquis en parcours vers l'emploi."
        ),
        "capabilities": (
            "Une relation de confiance avec les jeunes, des conseillers en insertion, un réseau "
            "d'employeurs locaux."
        ),
        "tags": ["jeunesse", "emploi", "inclusion"],
        "membership": None,
    },
    {
        "slug": "citoyens-connectes-rennes",
        "name": "Citoyens connectés",
        "kind": "association",
        "city": "Rennes",
        "website": "https://citoyens-connectes.example.org",
        "description": (
            "Association d'habitants qui organise des cafés données, des cartoparties et des "
            "ateliers d'autodéfense numérique. Elle est régulièrement associée aux projets de la "
            "métropole sur les données."
        ),
        "intentions": (
            "Que les habitants aient leur mot à dire sur l'usage des données du territoire, et "
            "qu'ils puissent s'en servir eux-mêmes."
        ),
        "capabilities": (
            "Mobilisation d'habitants, animation d'ateliers participatifs, tests d'usage."
        ),
        "tags": ["open data", "données personnelles", "éducation", "territoire"],
        "membership": None,
    },
    {
        "slug": "open-data-ouest",
        "name": "Open Data Ouest",
        "kind": "association",
        "city": "Nantes",
        "website": "https://open-data-ouest.example.org",
        "description": (
            "Association qui fédère réutilisateurs, développeurs et agents publics autour de "
            "l'ouverture des données dans le Grand Ouest. Elle organise chaque année un hackathon "
            "régional."
        ),
        "intentions": (
            "Mesurer et faire connaître l'impact réel de l'open data, au-delà du nombre de jeux de "
            "données publiés."
        ),
        "capabilities": (
            "Une communauté de réutilisateurs, des compétences techniques, l'organisation "
            "d'événements."
        ),
        "tags": ["open data", "territoire", "communs"],
        "membership": None,
    },
    # --- research ---------------------------------------------------------------------
    {
        "slug": "inria",
        "name": "Inria",
        "kind": "research",
        "city": "Le Chesnay-Rocquencourt",
        "website": "https://inria.example.org",
        "description": (
            "Institut national de recherche en sciences et technologies du numérique, présent dans "
            "toute la France à travers ses centres. Il soutient la création de start-ups qui "
            "valorisent ses technologies."
        ),
        "intentions": (
            "Renforcer l'impact économique et sociétal de la recherche en numérique en rapprochant "
            "chercheurs et créateurs d'entreprise."
        ),
        "capabilities": (
            "Équipes de recherche en intelligence artificielle, science des données, protection de "
            "la vie privée et objets connectés ; dispositifs de transfert et d'accompagnement de "
            "start-ups."
        ),
        "tags": ["deeptech", "recherche", "données personnelles"],
        "membership": {"tier": "partner", "starts_on": "2020-01-01", "ends_on": "2021-12-31"},
    },
    {
        "slug": "cea",
        "name": "CEA — Commissariat à l'énergie atomique et aux énergies alternatives",
        "kind": "research",
        "city": "Gif-sur-Yvette",
        "website": "https://cea.example.org",
        "description": (
            "Organisme public de recherche dont les instituts technologiques développent notamment "
            "des composants et des logiciels pour l'internet des objets et l'intelligence "
            "artificielle embarquée. Ces technologies sont transférées vers l'industrie et les "
            "start-ups."
        ),
        "intentions": (
            "Voir ses technologies numériques reprises par des entreprises qui en font un usage "
            "utile et sobre."
        ),
        "capabilities": (
            "Plateformes technologiques pour l'IoT et l'IA, ingénieurs-chercheurs, licences de "
            "technologies."
        ),
        "tags": ["deeptech", "recherche", "énergie"],
        "membership": None,
    },
    {
        "slug": "labo-usages-territoires",
        "name": "Laboratoire Usages, Territoires et Numérique",
        "kind": "research",
        "city": "Rennes",
        "website": "https://lutn.example.org",
        "description": (
            "Laboratoire universitaire de sciences sociales qui étudie les usages du numérique, les "
            "inégalités et les politiques d'inclusion. Plusieurs de ses chercheurs ont contribué au "
            "projet Capacity."
        ),
        "intentions": (
            "Mettre la recherche sur la capacitation au service de projets concrets, et en évaluer "
            "les effets avec rigueur."
        ),
        "capabilities": (
            "Enquêtes quantitatives et qualitatives, protocoles d'évaluation, accueil de "
            "doctorants et de stagiaires."
        ),
        "tags": ["recherche", "inclusion", "médiation numérique", "évaluation"],
        "membership": None,
    },
    {
        "slug": "institut-resilience",
        "name": "Institut des risques et de la résilience",
        "kind": "research",
        "city": "Grenoble",
        "website": "https://institut-resilience.example.org",
        "description": (
            "Institut de recherche pluridisciplinaire consacré aux risques naturels et "
            "technologiques et à la résilience des territoires. Il a ouvert récemment un axe sur "
            "les dépendances numériques des services essentiels."
        ),
        "intentions": (
            "Faire entrer le numérique dans les plans de prévention des risques, comme une "
            "infrastructure critique parmi d'autres."
        ),
        "capabilities": (
            "Modélisation des risques, retours d'expérience de crises, méthodes de cartographie des "
            "dépendances."
        ),
        "tags": ["résilience", "recherche", "prospective", "territoire"],
        "membership": None,
    },
    {
        "slug": "chaire-numerique-soutenable",
        "name": "Chaire Numérique soutenable",
        "kind": "research",
        "city": "Lille",
        "website": "https://chaire-numerique-soutenable.example.org",
        "description": (
            "Chaire de recherche et d'enseignement portée par une école d'ingénieurs et consacrée à "
            "l'empreinte environnementale des services numériques. Elle forme chaque année "
            "plusieurs centaines d'élèves à l'écoconception."
        ),
        "intentions": (
            "Donner aux futurs ingénieurs comme aux acheteurs des méthodes solides pour mesurer et "
            "réduire l'empreinte des services numériques."
        ),
        "capabilities": (
            "Mesure d'empreinte, référentiels d'écoconception, enseignement et formation continue."
        ),
        "tags": ["conception responsable", "sobriété", "recherche", "éducation"],
        "membership": None,
    },
    # --- media ---------------------------------------------------------------------------
    {
        "slug": "internetactu",
        "name": "InternetActu",
        "kind": "media",
        "city": "Paris",
        "website": "https://internetactu.example.org",
        "description": (
            "Média en ligne de la Fing consacré aux enjeux des technologies, lu aussi bien par des "
            "chercheurs, des décideurs et des entrepreneurs que par le grand public. Il cherche à "
            "rendre les technologies plus responsables et plus équitables, en faisant connaître "
            "initiatives, débats et travaux de recherche."
        ),
        "intentions": (
            "Faire connaître les coalitions #Reset et leurs résultats bien au-delà du cercle des "
            "spécialistes."
        ),
        "capabilities": (
            "Plusieurs millions de pages vues, une équipe éditoriale aguerrie et un partenariat de "
            "longue date avec un quotidien national."
        ),
        "tags": ["journalisme", "prospective", "communs"],
        "membership": None,
    },
    {
        "slug": "radio-territoires",
        "name": "Radio Territoires",
        "kind": "media",
        "city": "Clermont-Ferrand",
        "website": "https://radio-territoires.example.org",
        "description": (
            "Réseau de radios associatives locales qui mutualisent une émission hebdomadaire sur la "
            "vie des territoires ruraux. Le numérique y est abordé par ses effets concrets sur le "
            "quotidien."
        ),
        "intentions": (
            "Donner la parole aux habitants des campagnes sur leur expérience du numérique, y "
            "compris en temps de crise."
        ),
        "capabilities": (
            "Diffusion sur une trentaine de radios locales, reportages de terrain, podcasts."
        ),
        "tags": ["journalisme", "territoire", "inclusion"],
        "membership": None,
    },
    {
        "slug": "le-fil-numerique",
        "name": "Le Fil numérique",
        "kind": "media",
        "city": "Paris",
        "website": "https://lefilnumerique.example.org",
        "description": (
            "Magazine en ligne indépendant consacré aux politiques numériques et à l'innovation "
            "publique. Il publie enquêtes et entretiens, ainsi qu'une lettre hebdomadaire lue par de "
            "nombreux décideurs publics."
        ),
        "intentions": (
            "Documenter les initiatives qui changent vraiment la façon dont le numérique est conçu "
            "et acheté, et vérifier les promesses."
        ),
        "capabilities": ("Enquêtes, vérification de faits, lettre d'information à 40 000 abonnés."),
        "tags": ["journalisme", "services publics", "achats publics"],
        "membership": None,
    },
    {
        "slug": "hebdo-des-communs",
        "name": "L'Hebdo des communs",
        "kind": "media",
        "city": "Grenoble",
        "website": "https://hebdo-des-communs.example.org",
        "description": (
            "Publication coopérative qui raconte chaque semaine des initiatives de communs : "
            "logiciels libres, données partagées, tiers-lieux, coopératives d'habitants. Elle est "
            "financée par ses lecteurs."
        ),
        "intentions": (
            "Faire connaître les ressources produites en commun et encourager leur réutilisation."
        ),
        "capabilities": (
            "Rédaction, réseau de contributeurs bénévoles, lectorat engagé dans l'économie sociale "
            "et solidaire."
        ),
        "tags": ["communs", "journalisme", "open data"],
        "membership": None,
    },
    {
        "slug": "sobre-et-connecte",
        "name": "Sobre & Connecté",
        "kind": "media",
        "city": "Lyon",
        "website": "https://sobre-et-connecte.example.org",
        "description": (
            "Podcast mensuel et chaîne vidéo consacrés aux pratiques numériques plus sobres, pour "
            "le grand public. Chaque épisode suit une personne ou une organisation qui a changé ses "
            "habitudes."
        ),
        "intentions": ("Rendre la sobriété numérique désirable et concrète pour le grand public."),
        "capabilities": ("Production audio et vidéo, communauté d'auditeurs, vulgarisation."),
        "tags": ["sobriété", "journalisme", "éducation"],
        "membership": None,
    },
    # --- other ------------------------------------------------------------------------------
    {
        "slug": "fondation-de-france",
        "name": "Fondation de France",
        "kind": "other",
        "city": "Paris",
        "website": "https://fondationdefrance.example.org",
        "description": (
            "Premier réseau de philanthropie en France, la Fondation de France soutient des projets "
            "d'intérêt général dans tous les domaines, dont l'insertion des jeunes. Elle abrite "
            "aussi des fondations créées par des donateurs."
        ),
        "intentions": (
            "Soutenir des dispositifs innovants qui ouvrent de vraies perspectives aux jeunes les "
            "plus éloignés de l'emploi."
        ),
        "capabilities": (
            "Financement de projets, expertise de l'évaluation, réseau de bénévoles et de "
            "fondations abritées."
        ),
        "tags": ["jeunesse", "emploi", "financement", "inclusion"],
        "membership": {"tier": "partner", "starts_on": "2020-01-01", "ends_on": "2022-12-31"},
    },
    {
        "slug": "fondation-edf",
        "name": "Fondation EDF",
        "kind": "other",
        "city": "Paris",
        "website": "https://fondation-edf.example.org",
        "description": (
            "Fondation d'entreprise qui soutient des projets solidaires, éducatifs et "
            "environnementaux. Elle encourage l'engagement des salariés du groupe par le mécénat de "
            "compétences."
        ),
        "intentions": (
            "Mettre les compétences des salariés au service de l'insertion professionnelle des "
            "jeunes."
        ),
        "capabilities": (
            "Cofinancement, mécénat de compétences et tutorat assuré par des salariés volontaires."
        ),
        "tags": ["jeunesse", "emploi", "financement", "énergie"],
        "membership": {"tier": "partner", "starts_on": "2020-01-01", "ends_on": "2021-12-31"},
    },
    {
        "slug": "tiers-lieu-la-canopee",
        "name": "La Canopée, tiers-lieu coopératif",
        "kind": "other",
        "city": "Poitiers",
        "website": "https://la-canopee.example.org",
        "description": (
            "Tiers-lieu organisé en société coopérative, qui réunit un espace de travail partagé, un "
            "atelier de fabrication et un repair café. Il accueille des permanences de médiation "
            "numérique et des formations."
        ),
        "intentions": (
            "Faire du tiers-lieu un point d'appui local pour apprendre, réparer et entreprendre avec "
            "le numérique."
        ),
        "capabilities": (
            "Des espaces et du matériel, une communauté d'usagers, l'animation d'ateliers de "
            "réparation et de fabrication."
        ),
        "tags": ["médiation numérique", "sobriété", "territoire", "communs"],
        "membership": None,
    },
    {
        "slug": "cluster-ecotech-sud",
        "name": "Cluster Écotech Sud",
        "kind": "other",
        "city": "Montpellier",
        "website": "https://ecotech-sud.example.org",
        "description": (
            "Réseau qui fédère plus de 150 acteurs des éco-technologies en Occitanie : start-ups, "
            "PME, laboratoires et collectivités. Il anime un programme d'accompagnement de jeunes "
            "pousses à vocation environnementale."
        ),
        "intentions": (
            "Aider ses membres à démontrer un impact écologique réel et à le faire reconnaître par "
            "les financeurs."
        ),
        "capabilities": (
            "Réseau d'entreprises, programme d'accompagnement, relations suivies avec les "
            "financeurs régionaux."
        ),
        "tags": ["écologie", "innovation", "territoire"],
        "membership": {"tier": "small", "starts_on": "2020-01-01", "ends_on": "2020-12-31"},
    },
    {
        "slug": "cluster-eco-innovation-bretagne",
        "name": "Cluster Éco-innovation Bretagne",
        "kind": "other",
        "city": "Lorient",
        "website": "https://eco-innovation-bretagne.example.org",
        "description": (
            "Pôle régional qui accompagne les entreprises bretonnes dans leurs projets "
            "d'éco-innovation, de l'idée au marché. Il anime une communauté d'accompagnateurs issus "
            "des technopoles et des incubateurs."
        ),
        "intentions": (
            "Repérer et soutenir les projets bretons capables de diviser par quatre leur empreinte "
            "écologique."
        ),
        "capabilities": (
            "Maillage territorial avec les technopoles, animation de communautés, rencontres de "
            "mise en relation."
        ),
        "tags": ["écologie", "innovation", "territoire"],
        "membership": None,
    },
    {
        "slug": "pole-ouest-numerique",
        "name": "Pôle Ouest Numérique",
        "kind": "other",
        "city": "Nantes",
        "website": "https://pole-ouest-numerique.example.org",
        "description": (
            "Pôle de compétitivité qui réunit entreprises, laboratoires et écoles du numérique du "
            "Grand Ouest. Il labellise des projets de recherche collaborative et observe l'emploi "
            "dans la filière."
        ),
        "intentions": (
            "Aider la filière régionale à recruter et à garder des talents qui cherchent du sens "
            "dans leur travail."
        ),
        "capabilities": (
            "Observatoire de l'emploi numérique, réseau de 400 adhérents, labellisation de projets."
        ),
        "tags": ["emploi", "innovation", "territoire"],
        "membership": None,
    },
]

# ---------------------------------------------------------------------------
# People (the first four are the demo accounts)
# ---------------------------------------------------------------------------

PEOPLE: list[dict] = [
    {
        "email": "equipe@alliage.example.org",
        "first_name": "Hélène",
        "last_name": "Marchal",
        "bio": (
            "Chargée de programme à la Fing, elle anime la fabrique de coalitions #Reset et "
            "coordonne les Reset Days. Elle a auparavant dirigé pendant huit ans un tiers-lieu en "
            "Bourgogne."
        ),
        "intentions": (
            "Aider les coalitions à passer de la bonne intention à des résultats mesurables, et "
            "faire circuler ce qu'elles apprennent."
        ),
        "capabilities": (
            "Animation d'ateliers, accompagnement de projets, mise en relation, rédaction de "
            "synthèses."
        ),
        "tags": ["prospective", "innovation", "territoire", "communs"],
        "affiliations": [{"organisation": "fing", "role": "Chargée de programme #Reset"}],
        "suggestable": False,
        "membership": None,
    },
    {
        "email": "porteuse@alliage.example.org",
        "first_name": "Nathalie",
        "last_name": "Guérin",
        "bio": (
            "Directrice du numérique responsable de la Métropole Loire-Estuaire, après dix ans "
            "passés à la commande publique. Elle est convaincue qu'un acheteur public peut faire "
            "bouger tout un marché."
        ),
        "intentions": (
            "Faire adopter des critères de numérique responsable par les acheteurs publics de la "
            "région, et lancer des services Self Data pour les habitants de l'estuaire."
        ),
        "capabilities": (
            "Pilotage de projets publics, connaissance fine du droit des marchés, réseau de "
            "directeurs des systèmes d'information de collectivités."
        ),
        "tags": ["achats publics", "sobriété", "self data", "territoire"],
        "affiliations": [
            {
                "organisation": "metropole-loire-estuaire",
                "role": "Directrice du numérique responsable",
            }
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "membre@alliage.example.org",
        "first_name": "Thomas",
        "last_name": "Lemaire",
        "bio": (
            "Designer et cogérant de la coopérative Sobrio, il aide depuis dix ans des équipes "
            "produit à concevoir des services plus légers et plus accessibles. Il anime aussi des "
            "formations à l'écoconception."
        ),
        "intentions": (
            "Contribuer à des coalitions qui changent les pratiques des commanditaires, et pas "
            "seulement celles des designers."
        ),
        "capabilities": (
            "Audits d'écoconception, design d'interfaces sobres, formation et vulgarisation."
        ),
        "tags": ["conception responsable", "sobriété", "achats publics"],
        "affiliations": [{"organisation": "sobrio", "role": "Cogérant et designer"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "visiteur@alliage.example.org",
        "first_name": "Lucie",
        "last_name": "Bernard",
        "bio": (
            "Enseignante dans un lycée lyonnais, elle s'intéresse à la place du numérique dans la "
            "vie de ses élèves. Elle découvre Alliage pour voir comment s'impliquer."
        ),
        "intentions": (
            "Comprendre les initiatives en cours et, peut-être, rejoindre une coalition sur "
            "l'éducation aux choix numériques."
        ),
        "capabilities": (
            "Expérience de l'enseignement, regard d'usagère, un peu de temps le soir."
        ),
        "tags": ["éducation", "sobriété"],
        "affiliations": [],
        "suggestable": True,
        "membership": None,
    },
    # --- the Fing's programme team ----------------------------------------------
    {
        "email": "claire.dubreuil@fing.example.org",
        "first_name": "Claire",
        "last_name": "Dubreuil",
        "bio": (
            "Responsable du programme Innovation Facteur 4 à la Fing, ingénieure en environnement "
            "de formation. Elle a coordonné la rédaction du guide méthodologique."
        ),
        "intentions": (
            "Transmettre la méthode Facteur 4 à des accompagnateurs de l'innovation dans plusieurs "
            "régions."
        ),
        "capabilities": (
            "Évaluation de l'impact écologique, animation de communautés d'accompagnateurs, "
            "formation."
        ),
        "tags": ["écologie", "innovation", "évaluation"],
        "affiliations": [
            {"organisation": "fing", "role": "Responsable du programme Innovation Facteur 4"}
        ],
        "suggestable": False,
        "membership": None,
    },
    {
        "email": "mathieu.kerjean@fing.example.org",
        "first_name": "Mathieu",
        "last_name": "Kerjean",
        "bio": (
            "Responsable du programme Self Data à la Fing, il a participé à MesInfos puis à "
            "l'expédition Self Data territorial. Il fait le lien avec le réseau MyData."
        ),
        "intentions": (
            "Aider des territoires à passer de l'expérimentation à une stratégie de Self Data "
            "durable."
        ),
        "capabilities": (
            "Ateliers SWOT, écriture de feuilles de route, connaissance des acteurs européens du "
            "Self Data."
        ),
        "tags": ["self data", "données personnelles", "territoire"],
        "affiliations": [{"organisation": "fing", "role": "Responsable du programme Self Data"}],
        "suggestable": False,
        "membership": None,
    },
    {
        "email": "ines.haddad@fing.example.org",
        "first_name": "Inès",
        "last_name": "Haddad",
        "bio": (
            "Sociologue de formation, elle a travaillé sur le projet de recherche Capacity avant de "
            "prendre la responsabilité de CapacityLab. Elle suit les projets Musette, Incub-O et "
            "Transformateur numérique."
        ),
        "intentions": (
            "Faire de la capacitation un critère de conception des politiques et des services "
            "numériques."
        ),
        "capabilities": (
            "Ingénierie de projets partenariaux, méthodes d'enquête, animation de réseaux de "
            "médiateurs."
        ),
        "tags": ["inclusion", "médiation numérique", "recherche"],
        "affiliations": [{"organisation": "fing", "role": "Responsable de CapacityLab"}],
        "suggestable": False,
        "membership": None,
    },
    {
        "email": "paul.verdier@fing.example.org",
        "first_name": "Paul",
        "last_name": "Verdier",
        "bio": (
            "Responsable des expéditions prospectives de la Fing et rédacteur à InternetActu. Il "
            "coordonne aussi la programmation des Reset Days."
        ),
        "intentions": (
            "Relier prospective et action : que les pistes ouvertes par les expéditions trouvent "
            "des coalitions pour les porter."
        ),
        "capabilities": ("Conduite d'expéditions, écriture, animation de débats publics."),
        "tags": ["prospective", "résilience", "journalisme"],
        "affiliations": [
            {"organisation": "fing", "role": "Responsable des expéditions"},
            {"organisation": "internetactu", "role": "Rédacteur"},
        ],
        "suggestable": False,
        "membership": None,
    },
    # --- actors ------------------------------------------------------------------
    {
        "email": "yannick.lebihan@rennes-metropole.example.org",
        "first_name": "Yannick",
        "last_name": "Le Bihan",
        "bio": (
            "Chef de projet données à Rennes Métropole, il pilote le projet RUDI. Il a participé aux "
            "premières expérimentations de partage de données personnelles avec des habitants."
        ),
        "intentions": (
            "Faire de RUDI un outil réellement utilisé par les habitants et les entreprises, pas "
            "seulement un catalogue de plus."
        ),
        "capabilities": (
            "Gouvernance des données, pilotage de projets à plusieurs partenaires, connaissance du "
            "cadre juridique."
        ),
        "tags": ["open data", "self data", "mobilité", "territoire"],
        "affiliations": [{"organisation": "rennes-metropole", "role": "Chef de projet données"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "aurelie.fontaine@mydata.example.org",
        "first_name": "Aurélie",
        "last_name": "Fontaine",
        "bio": (
            "Coordinatrice des villes et territoires chez MyData Global, elle partage son temps entre "
            "Helsinki et Lyon. Elle accompagne des collectivités européennes dans leurs projets de "
            "données personnelles."
        ),
        "intentions": (
            "Bâtir une feuille de route internationale pour le Self Data territorial, nourrie des "
            "expériences françaises."
        ),
        "capabilities": (
            "Réseau international, maîtrise des principes MyData, animation en français et en "
            "anglais."
        ),
        "tags": ["self data", "données personnelles", "international"],
        "affiliations": [
            {"organisation": "mydata-global", "role": "Coordinatrice villes et territoires"}
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "karim.benali@pivot-cloud.example.org",
        "first_name": "Karim",
        "last_name": "Benali",
        "bio": (
            "Cofondateur et directeur général de Pivot Cloud, ancien développeur dans une banque en "
            "ligne. Il défend un cloud personnel ouvert et interopérable."
        ),
        "intentions": (
            "Déployer le cloud personnel auprès des habitants de plusieurs territoires pilotes."
        ),
        "capabilities": (
            "Architecture technique, connecteurs de données, expérience des partenariats entre "
            "public et privé."
        ),
        "tags": ["self data", "données personnelles", "open data"],
        "affiliations": [
            {"organisation": "pivot-cloud", "role": "Cofondateur et directeur général"}
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "sandrine.roux@anact.example.org",
        "first_name": "Sandrine",
        "last_name": "Roux",
        "bio": (
            "Chargée de mission à l'Anact sur les transformations numériques du travail. Elle "
            "co-anime le Transformateur numérique avec les ARACT."
        ),
        "intentions": (
            "Multiplier les projets où les salariés participent à la conception des outils "
            "numériques qu'ils utilisent."
        ),
        "capabilities": (
            "Analyse du travail, méthodes participatives, animation d'un réseau national."
        ),
        "tags": ["qualité de vie au travail", "emploi", "conception responsable"],
        "affiliations": [
            {"organisation": "anact", "role": "Chargée de mission transformations numériques"}
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "olivier.gaudin@aract-pdl.example.org",
        "first_name": "Olivier",
        "last_name": "Gaudin",
        "bio": (
            "Chargé de mission à l'ARACT Pays de la Loire, il accompagne des PME et des "
            "établissements médico-sociaux. Il a organisé l'appel à candidatures régional 2020 du "
            "Transformateur numérique."
        ),
        "intentions": (
            "Faire émerger des projets exemplaires dans la région et capitaliser ce qu'ils "
            "enseignent."
        ),
        "capabilities": (
            "Accompagnement de terrain, connaissance du tissu régional, animation de collectifs "
            "d'entreprises."
        ),
        "tags": ["qualité de vie au travail", "territoire", "santé"],
        "affiliations": [{"organisation": "aract-pays-de-la-loire", "role": "Chargé de mission"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "marion.delmas@prefecture-occitanie.example.org",
        "first_name": "Marion",
        "last_name": "Delmas",
        "bio": (
            "Cheffe de projet transformation numérique au secrétariat général pour les affaires "
            "régionales d'Occitanie. Elle a lancé Incub-O en 2019."
        ),
        "intentions": (
            "Rendre tous les agents de l'État en région autonomes avec les outils numériques, y "
            "compris les plus réticents."
        ),
        "capabilities": (
            "Pilotage interministériel, mobilisation de l'encadrement, conduite du changement."
        ),
        "tags": ["services publics", "médiation numérique", "inclusion"],
        "affiliations": [
            {
                "organisation": "prefecture-occitanie",
                "role": "Cheffe de projet transformation numérique",
            }
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "fatou.diallo@fondationdefrance.example.org",
        "first_name": "Fatou",
        "last_name": "Diallo",
        "bio": (
            "Responsable de programme jeunesse et insertion à la Fondation de France. Elle a "
            "auparavant dirigé une mission locale en Seine-Saint-Denis."
        ),
        "intentions": (
            "Soutenir des dispositifs qui reconnaissent les compétences des jeunes au lieu de "
            "souligner leurs manques."
        ),
        "capabilities": ("Financement, évaluation de projets sociaux, réseau associatif national."),
        "tags": ["jeunesse", "emploi", "financement"],
        "affiliations": [
            {
                "organisation": "fondation-de-france",
                "role": "Responsable de programme jeunesse et insertion",
            }
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "bertrand.caillaud@fondation-edf.example.org",
        "first_name": "Bertrand",
        "last_name": "Caillaud",
        "bio": (
            "Chargé du mécénat de compétences à la Fondation EDF. Il organise l'engagement de "
            "salariés volontaires auprès d'associations d'insertion."
        ),
        "intentions": (
            "Mobiliser une cinquantaine de salariés tuteurs pour accompagner des jeunes vers "
            "l'emploi."
        ),
        "capabilities": ("Mécénat de compétences, cofinancement, organisation du tutorat."),
        "tags": ["jeunesse", "emploi", "financement"],
        "affiliations": [
            {"organisation": "fondation-edf", "role": "Chargé du mécénat de compétences"}
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "lea.martineau@passerelle-jeunes.example.org",
        "first_name": "Léa",
        "last_name": "Martineau",
        "bio": (
            "Directrice de Passerelle Jeunes Actifs, éducatrice spécialisée de formation. Elle "
            "coordonne l'expérimentation de la Musette du jeune actif à Marseille."
        ),
        "intentions": (
            "Prouver qu'un outil numérique simple peut aider des jeunes à valoriser leur expérience "
            "et à décrocher un emploi."
        ),
        "capabilities": (
            "Accompagnement des jeunes, coordination de partenariats, connaissance des dispositifs "
            "d'insertion."
        ),
        "tags": ["jeunesse", "emploi", "inclusion"],
        "affiliations": [{"organisation": "passerelle-jeunes-actifs", "role": "Directrice"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "sylvain.perrot@ateliers-du-clic.example.org",
        "first_name": "Sylvain",
        "last_name": "Perrot",
        "bio": (
            "Médiateur numérique et coordinateur pédagogique des Ateliers du Clic. Bénévole, il "
            "siège au conseil d'administration du Collectif pour un numérique sobre."
        ),
        "intentions": (
            "Relier médiation et sobriété : apprendre à bien se servir du numérique, c'est aussi "
            "apprendre à moins consommer."
        ),
        "capabilities": (
            "Animation d'ateliers, formation de formateurs, conception de ressources pédagogiques."
        ),
        "tags": ["médiation numérique", "sobriété", "éducation"],
        "affiliations": [
            {"organisation": "ateliers-du-clic", "role": "Coordinateur pédagogique"},
            {"organisation": "collectif-numerique-sobre", "role": "Administrateur bénévole"},
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "gwenaelle.tanguy@mediation-bretagne.example.org",
        "first_name": "Gwenaëlle",
        "last_name": "Tanguy",
        "bio": (
            "Coordinatrice du Réseau breton de la médiation numérique et présidente de l'association "
            "rennaise Citoyens connectés. Elle a été bibliothécaire pendant quinze ans."
        ),
        "intentions": (
            "Que l'éducation aux choix numériques concerne tout le monde, et pas seulement les "
            "publics dits « éloignés »."
        ),
        "capabilities": ("Animation de réseau, formation, mobilisation d'habitants."),
        "tags": ["médiation numérique", "éducation", "open data"],
        "affiliations": [
            {"organisation": "reseau-mediation-bretagne", "role": "Coordinatrice"},
            {"organisation": "citoyens-connectes-rennes", "role": "Présidente"},
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "julie.carpentier@ecotone-conseil.example.org",
        "first_name": "Julie",
        "last_name": "Carpentier",
        "bio": (
            "Consultante en évaluation environnementale chez Ecotone Conseil et chercheuse associée "
            "à la Chaire Numérique soutenable. Elle a contribué au référentiel Innovation Facteur 4."
        ),
        "intentions": (
            "Rendre les évaluations d'impact écologique utiles aux projets eux-mêmes, et pas "
            "seulement à leurs financeurs."
        ),
        "capabilities": (
            "Analyse de cycle de vie, mesure de l'empreinte des services numériques, formation."
        ),
        "tags": ["écologie", "évaluation", "conception responsable"],
        "affiliations": [
            {"organisation": "ecotone-conseil", "role": "Consultante senior"},
            {"organisation": "chaire-numerique-soutenable", "role": "Chercheuse associée"},
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "xavier.lambert@ecotech-sud.example.org",
        "first_name": "Xavier",
        "last_name": "Lambert",
        "bio": (
            "Délégué général du Cluster Écotech Sud, ancien chef d'entreprise dans le traitement de "
            "l'eau. Il connaît la plupart des jeunes pousses environnementales d'Occitanie."
        ),
        "intentions": (
            "Doter le cluster d'une méthode reconnue pour évaluer l'impact écologique des projets "
            "qu'il accompagne."
        ),
        "capabilities": (
            "Réseau d'entreprises, accès aux financeurs régionaux, organisation de programmes "
            "d'accélération."
        ),
        "tags": ["écologie", "innovation", "territoire"],
        "affiliations": [{"organisation": "cluster-ecotech-sud", "role": "Délégué général"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "nolwenn.riou@eco-innovation-bretagne.example.org",
        "first_name": "Nolwenn",
        "last_name": "Riou",
        "bio": (
            "Chargée d'accompagnement au Cluster Éco-innovation Bretagne, elle suit une trentaine de "
            "projets par an. Elle a été formée à la méthode Facteur 4 en 2019."
        ),
        "intentions": (
            "Repérer les projets bretons à fort potentiel écologique avant qu'ils ne s'essoufflent "
            "faute de soutien."
        ),
        "capabilities": (
            "Accompagnement de projets, liens avec les technopoles, animation d'ateliers."
        ),
        "tags": ["écologie", "innovation", "territoire"],
        "affiliations": [
            {"organisation": "cluster-eco-innovation-bretagne", "role": "Chargée d'accompagnement"}
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "emilie.faure@terranoe.example.org",
        "first_name": "Émilie",
        "last_name": "Faure",
        "bio": (
            "Fondatrice de Terranoé, ingénieure en thermique du bâtiment. Elle est aussi "
            "vice-présidente du Cluster Écotech Sud."
        ),
        "intentions": (
            "Faire reconnaître la réparabilité et la durabilité comme des critères d'achat des "
            "objets connectés."
        ),
        "capabilities": (
            "Expertise de l'énergie et de l'IoT, expérience de start-up, réseau de collectivités "
            "clientes."
        ),
        "tags": ["énergie", "sobriété", "innovation"],
        "affiliations": [
            {"organisation": "terranoe", "role": "Fondatrice et présidente"},
            {"organisation": "cluster-ecotech-sud", "role": "Vice-présidente"},
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "francois.meunier@altaris.example.org",
        "first_name": "François",
        "last_name": "Meunier",
        "bio": (
            "Directeur de l'engagement numérique responsable du Groupe Altaris, après vingt ans de "
            "direction de projets. Il siège au conseil d'administration du Pôle Ouest Numérique."
        ),
        "intentions": (
            "Faire du numérique responsable un atout d'attractivité pour les employeurs de la "
            "filière."
        ),
        "capabilities": (
            "Accès à de grands comptes, équipes techniques, cofinancement et mécénat de compétences."
        ),
        "tags": ["emploi", "conception responsable", "résilience"],
        "affiliations": [
            {
                "organisation": "groupe-altaris",
                "role": "Directeur de l'engagement numérique responsable",
            },
            {"organisation": "pole-ouest-numerique", "role": "Administrateur"},
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "celine.barre@orbis-telecom.example.org",
        "first_name": "Céline",
        "last_name": "Barré",
        "bio": (
            "Directrice du design chez Orbis Télécom, où elle a créé le studio de design interne. "
            "Elle intervient souvent sur l'écoconception des parcours clients."
        ),
        "intentions": (
            "Diffuser l'écoconception et l'accessibilité chez les grands commanditaires et leurs "
            "fournisseurs."
        ),
        "capabilities": (
            "Studio de design, panels d'utilisateurs, pouvoir d'entraînement sur un large réseau de "
            "prestataires."
        ),
        "tags": ["conception responsable", "sobriété", "emploi"],
        "affiliations": [{"organisation": "orbis-telecom", "role": "Directrice du design"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "hugo.marchetti@achats-numeriques.example.org",
        "first_name": "Hugo",
        "last_name": "Marchetti",
        "bio": (
            "Acheteur public spécialisé dans le numérique, il a rejoint la Mission interministérielle "
            "des achats numériques responsables dès sa création. Il anime un réseau de 300 "
            "acheteurs."
        ),
        "intentions": (
            "Outiller les acheteurs avec des critères simples, vérifiables et juridiquement solides."
        ),
        "capabilities": (
            "Droit de la commande publique, rédaction de clauses, animation de réseau."
        ),
        "tags": ["achats publics", "sobriété", "services publics"],
        "affiliations": [
            {
                "organisation": "mission-achats-numeriques",
                "role": "Chargé de mission achats numériques",
            }
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "agnes.poulain@innovation-centre-loire.example.org",
        "first_name": "Agnès",
        "last_name": "Poulain",
        "bio": (
            "Chargée d'affaires à l'Agence régionale d'innovation Centre-Loire, elle instruit une "
            "cinquantaine de dossiers d'aide par an. Elle pilote la refonte des critères de "
            "sélection de l'agence."
        ),
        "intentions": (
            "Que les aides publiques à l'innovation récompensent les projets les plus utiles, pas "
            "seulement les plus spectaculaires."
        ),
        "capabilities": (
            "Instruction de dossiers, connaissance des financeurs publics, accès aux comités de "
            "sélection."
        ),
        "tags": ["innovation", "financement", "évaluation"],
        "affiliations": [
            {
                "organisation": "agence-innovation-centre-loire",
                "role": "Chargée d'affaires innovation",
            }
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "damien.roche@inria.example.org",
        "first_name": "Damien",
        "last_name": "Roche",
        "bio": (
            "Chercheur en protection de la vie privée dans un centre Inria de l'Ouest. Il participe "
            "aussi à FitYourTech, qui rapproche chercheurs et créateurs d'entreprise."
        ),
        "intentions": (
            "Voir des technologies respectueuses de la vie privée adoptées dans des services utilisés "
            "au quotidien."
        ),
        "capabilities": (
            "Anonymisation, calcul sur données chiffrées, accompagnement du transfert technologique."
        ),
        "tags": ["données personnelles", "deeptech", "recherche"],
        "affiliations": [{"organisation": "inria", "role": "Chargé de recherche"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "elodie.vasseur@cea.example.org",
        "first_name": "Élodie",
        "last_name": "Vasseur",
        "bio": (
            "Ingénieure-chercheuse au CEA, spécialiste des réseaux de capteurs à basse consommation. "
            "Elle a accompagné plusieurs start-ups issues de FitYourTech."
        ),
        "intentions": (
            "Concevoir des objets connectés capables de fonctionner en mode dégradé quand les "
            "réseaux tombent."
        ),
        "capabilities": (
            "Électronique basse consommation, réseaux maillés, transfert de technologie."
        ),
        "tags": ["deeptech", "énergie", "résilience"],
        "affiliations": [{"organisation": "cea", "role": "Ingénieure-chercheuse"}],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "maxime.girard@neree-analytics.example.org",
        "first_name": "Maxime",
        "last_name": "Girard",
        "bio": (
            "Cofondateur de Nérée Analytics. Il a rencontré son associée, chercheuse au CEA, lors de "
            "la session 2019 de FitYourTech, et recrute aujourd'hui des profils en science des "
            "données."
        ),
        "intentions": (
            "Construire une entreprise deeptech où les jeunes ingénieurs ont envie de rester."
        ),
        "capabilities": ("Création d'entreprise, IA embarquée, recrutement dans la deeptech."),
        "tags": ["deeptech", "emploi", "innovation"],
        "affiliations": [
            {"organisation": "neree-analytics", "role": "Cofondateur et directeur général"}
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "anne.lefort@lutn.example.org",
        "first_name": "Anne",
        "last_name": "Lefort",
        "bio": (
            "Sociologue, maîtresse de conférences au Laboratoire Usages, Territoires et Numérique. "
            "Elle a participé au projet de recherche Capacity."
        ),
        "intentions": (
            "Évaluer avec les acteurs de terrain ce qui renforce réellement le pouvoir d'agir des "
            "personnes."
        ),
        "capabilities": ("Enquêtes de terrain, protocoles d'évaluation, encadrement d'étudiants."),
        "tags": ["recherche", "inclusion", "évaluation", "éducation"],
        "affiliations": [
            {"organisation": "labo-usages-territoires", "role": "Maîtresse de conférences"}
        ],
        "suggestable": True,
        "membership": {"tier": "individual", "starts_on": "2020-02-01", "ends_on": "2021-01-31"},
    },
    {
        "email": "romain.esteve@institut-resilience.example.org",
        "first_name": "Romain",
        "last_name": "Estève",
        "bio": (
            "Géographe des risques à l'Institut des risques et de la résilience et conseiller "
            "scientifique du service de secours des Alpes du Nord. Il a rejoint l'expédition "
            "Numérique tous risques dès son lancement."
        ),
        "intentions": (
            "Cartographier les dépendances numériques des services essentiels pour mieux s'y "
            "préparer."
        ),
        "capabilities": (
            "Retours d'expérience de crises, cartographie des dépendances, animation d'exercices."
        ),
        "tags": ["résilience", "prospective", "recherche"],
        "affiliations": [
            {"organisation": "institut-resilience", "role": "Chercheur"},
            {"organisation": "service-secours-alpes", "role": "Conseiller scientifique"},
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "laurent.bouvier@numerique-armor.example.org",
        "first_name": "Laurent",
        "last_name": "Bouvier",
        "bio": (
            "Directeur technique du Syndicat mixte Numérique Armor, il a organisé au printemps 2020 "
            "le passage en télétravail de centaines d'agents communaux. Il plaide pour des "
            "infrastructures publiques sobres et mutualisées."
        ),
        "intentions": (
            "Garantir la continuité des services numériques des petites communes, même en pleine "
            "crise."
        ),
        "capabilities": ("Infrastructures mutualisées, plans de continuité, achats groupés."),
        "tags": ["résilience", "sobriété", "services publics"],
        "affiliations": [
            {"organisation": "syndicat-numerique-armor", "role": "Directeur technique"}
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "melanie.garnier@cevennes-vallees.example.org",
        "first_name": "Mélanie",
        "last_name": "Garnier",
        "bio": (
            "Chargée de mission inclusion numérique à la communauté de communes Cévennes-Vallées. "
            "Elle coordonne les permanences itinérantes et le réseau des secrétaires de mairie."
        ),
        "intentions": (
            "Adapter l'accompagnement numérique aux réalités des territoires de montagne."
        ),
        "capabilities": (
            "Connaissance du terrain rural, coordination de médiateurs, montage de dossiers de "
            "financement."
        ),
        "tags": ["inclusion", "médiation numérique", "territoire", "résilience"],
        "affiliations": [
            {
                "organisation": "cc-cevennes-vallees",
                "role": "Chargée de mission inclusion numérique",
            }
        ],
        "suggestable": True,
        "membership": None,
    },
    {
        "email": "chloe.nguyen@lefilnumerique.example.org",
        "first_name": "Chloé",
        "last_name": "Nguyen",
        "bio": (
            "Journaliste au Fil numérique, spécialiste des politiques numériques locales. Elle "
            "co-anime le podcast Sobre & Connecté."
        ),
        "intentions": (
            "Raconter les coalitions qui réussissent, et celles qui échouent, pour que d'autres en "
            "tirent des leçons."
        ),
        "capabilities": ("Enquête, vérification de faits, vulgarisation à l'écrit comme à l'oral."),
        "tags": ["journalisme", "sobriété", "services publics"],
        "affiliations": [
            {"organisation": "le-fil-numerique", "role": "Journaliste"},
            {"organisation": "sobre-et-connecte", "role": "Co-animatrice"},
        ],
        "suggestable": True,
        "membership": {"tier": "individual", "starts_on": "2019-01-01", "ends_on": "2019-12-31"},
    },
    {
        "email": "pierre.aubert@courriel.example.org",
        "first_name": "Pierre",
        "last_name": "Aubert",
        "bio": (
            "Ingénieur télécom à la retraite installé à Rennes, il participe bénévolement à des "
            "ateliers de réparation et à des cartoparties. Il teste volontiers les nouveaux services "
            "publics en ligne."
        ),
        "intentions": (
            "Mettre son expérience technique au service de projets utiles aux habitants."
        ),
        "capabilities": ("Tests d'usage, réparation de matériel, bonne connaissance des réseaux."),
        "tags": ["open data", "sobriété", "médiation numérique"],
        "affiliations": [],
        "suggestable": True,
        "membership": {"tier": "individual", "starts_on": "2020-01-15", "ends_on": "2021-01-14"},
    },
]

# ---------------------------------------------------------------------------
# Coalitions
# ---------------------------------------------------------------------------

COALITIONS: list[dict] = [
    # ======================= #Reset 2022 =======================
    {
        "slug": "commande-publique-responsable",
        "programme": "reset-2022",
        "title": "Des critères de numérique responsable dans la commande publique",
        "summary": (
            "Acheteurs publics, fournisseurs et experts s'allient pour que les marchés numériques "
            "des collectivités comportent des critères de sobriété, d'accessibilité et de "
            "réversibilité vérifiables."
        ),
        "status": "active",
        "published": True,
        "diagnostic": (
            "Les collectivités et les administrations achètent chaque année pour plusieurs milliards "
            "d'euros de matériels, de logiciels et de prestations numériques. C'est un levier "
            "considérable pour orienter l'offre — et pourtant, la plupart des marchés se jouent "
            "encore presque uniquement sur le prix et les fonctionnalités.\n\n"
            "Une enquête conduite au printemps 2020 auprès de 120 acheteurs publics de l'Ouest "
            "montre que **moins d'un marché numérique sur cinq** comporte un critère "
            "environnemental, et que ces critères, quand ils existent, sont rarement contrôlés à la "
            "livraison. Les acheteurs citent le manque de clauses types, la crainte du contentieux "
            "et l'absence de méthode de notation.\n\n"
            "Le moment est favorable : la loi anti-gaspillage de février 2020 fixe des objectifs de "
            "réemploi pour les achats publics, un texte sur l'empreinte environnementale du "
            "numérique est en discussion au Parlement, et de nombreuses collectivités renouvellent "
            "leurs marchés après la crise sanitaire."
        ),
        "swot": {
            "strengths": (
                "- Une métropole pilote prête à tester les critères sur ses propres marchés\n"
                "- Un réseau national de 300 acheteurs grâce à la Mission interministérielle\n"
                "- Des fournisseurs qui jouent le jeu"
            ),
            "weaknesses": (
                "- Peu de données fiables sur l'empreinte des prestations logicielles\n"
                "- Des services achats déjà surchargés"
            ),
            "opportunities": (
                "- Obligations de réemploi introduites par la loi anti-gaspillage\n"
                "- Renouvellement de nombreux marchés en 2021"
            ),
            "threats": (
                "- Des critères de façade, jamais vérifiés\n- Des recours de candidats évincés"
            ),
        },
        "impact_statement": (
            "D'ici fin 2022, 40 collectivités et administrations de l'Ouest utilisent la grille "
            "commune dans leurs marchés numériques, et au moins 30 % de la note y porte sur la "
            "sobriété, l'accessibilité et la réversibilité."
        ),
        "target_date": "2022-12-31",
        "levers": (
            "- Une grille de critères et des clauses types, publiées sous licence libre\n"
            "- Des marchés pilotes lancés par la Métropole Loire-Estuaire et le Syndicat mixte "
            "Numérique Armor\n"
            "- Une formation courte pour les acheteurs et les prescripteurs techniques\n"
            "- Un dialogue régulier avec les fournisseurs pour tester la faisabilité des exigences\n"
            "- Une méthode de vérification à la livraison et pendant l'exécution du marché"
        ),
        "seeking": (
            "Nous cherchons deux ou trois collectivités supplémentaires prêtes à tester la grille "
            "sur un marché en 2021, ainsi qu'un juriste spécialiste de la commande publique pour "
            "sécuriser les clauses."
        ),
        "evaluation": (
            "Nous suivons le nombre d'acheteurs qui adoptent la grille, la part de la note "
            "réellement consacrée aux critères responsables dans les marchés publiés, et les écarts "
            "entre les engagements des titulaires et ce qui est constaté à la livraison.\n\n"
            "Un bilan intermédiaire sera présenté à l'assemblée #Reset de juin 2021 ; chaque marché "
            "pilote fera l'objet d'une analyse détaillée, publiée comme retour d'expérience."
        ),
        "members_notes": (
            "Prochaine réunion le 15 décembre en visio : relecture de la version 2 de la grille (le "
            "critère de réversibilité reste flou). Question ouverte : faut-il pondérer différemment "
            "les marchés de matériel et ceux de prestations intellectuelles ? Hugo doit nous "
            "transmettre l'avis de sa direction juridique avant la fin de l'année. Penser à préparer "
            "le point d'étape pour le Reset Day de janvier."
        ),
        "milestones": [
            {
                "title": "Enquête auprès des acheteurs publics de l'Ouest",
                "due_date": "2020-05-29",
                "status": "done",
            },
            {
                "title": "Version 1 de la grille de critères et des clauses types",
                "due_date": "2020-09-30",
                "status": "done",
            },
            {
                "title": "Premier marché pilote lancé par la Métropole Loire-Estuaire",
                "due_date": "2021-01-29",
                "status": "in_progress",
            },
            {
                "title": "Première session de formation des acheteurs",
                "due_date": "2021-03-18",
                "status": "planned",
            },
            {
                "title": "Bilan intermédiaire à l'assemblée #Reset",
                "due_date": "2021-06-17",
                "status": "planned",
            },
            {
                "title": "Grille finale et retour d'expérience publiés",
                "due_date": "2022-10-14",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "porteuse@alliage.example.org",
                "organisation": "metropole-loire-estuaire",
                "role": "lead",
            },
            {
                "person": "hugo.marchetti@achats-numeriques.example.org",
                "organisation": "mission-achats-numeriques",
                "role": "member",
            },
            {
                "person": "laurent.bouvier@numerique-armor.example.org",
                "organisation": "syndicat-numerique-armor",
                "role": "member",
            },
            {
                "person": "francois.meunier@altaris.example.org",
                "organisation": "groupe-altaris",
                "role": "member",
            },
            {
                "person": "emilie.faure@terranoe.example.org",
                "organisation": "terranoe",
                "role": "member",
            },
            {
                "person": "julie.carpentier@ecotone-conseil.example.org",
                "organisation": "chaire-numerique-soutenable",
                "role": "member",
            },
            {
                "person": "sylvain.perrot@ateliers-du-clic.example.org",
                "organisation": "collectif-numerique-sobre",
                "role": "supporter",
            },
            {
                "person": "chloe.nguyen@lefilnumerique.example.org",
                "organisation": "le-fil-numerique",
                "role": "observer",
            },
        ],
    },
    {
        "slug": "criteres-appels-innovation",
        "programme": "reset-2022",
        "title": "Des critères actionnables pour les appels à projets d'innovation",
        "summary": (
            "Financeurs publics, clusters et porteurs de projets veulent réécrire les grilles de "
            "sélection des aides à l'innovation pour y faire entrer l'utilité sociale et l'impact "
            "écologique."
        ),
        "status": "forming",
        "published": True,
        "diagnostic": (
            "Les aides publiques à l'innovation restent massivement tournées vers la croissance, la "
            "nouveauté technologique et la création d'emplois à court terme. Les effets sur "
            "l'environnement ou sur les usagers apparaissent au mieux comme une rubrique "
            "déclarative du dossier, rarement comme un critère qui compte dans la décision.\n\n"
            "Les chargés d'affaires rencontrés lors des Reset Days le reconnaissent : il leur manque "
            "des questions précises à poser, des ordres de grandeur pour juger les réponses et du "
            "temps pour instruire. Les porteurs de projets, eux, apprennent vite à cocher les "
            "bonnes cases.\n\n"
            "Plusieurs agences régionales refondent leurs dispositifs pour la période 2021-2027 : "
            "c'est maintenant qu'il faut y faire entrer des critères simples et vérifiables."
        ),
        "swot": None,
        "impact_statement": (
            "Fin 2022, au moins cinq financeurs régionaux de l'innovation ont intégré à leurs appels "
            "à projets des critères d'impact écologique et social qui comptent pour au moins un "
            "quart de la note."
        ),
        "target_date": "2022-12-31",
        "levers": (
            "- Un jeu de critères et de questions types, inspiré de la grille Innovation Facteur 4\n"
            "- Un test grandeur nature sur un appel à projets de l'Agence régionale d'innovation "
            "Centre-Loire\n"
            "- Une formation des chargés d'affaires à l'instruction de ces critères\n"
            "- Un plaidoyer auprès des régions qui préparent leurs programmes 2021-2027"
        ),
        "seeking": (
            "Nous cherchons d'autres financeurs de l'innovation (régions, banques publiques, "
            "fondations) prêts à comparer leurs grilles, et des porteurs de projets pour tester les "
            "questions."
        ),
        "evaluation": (
            "Indicateurs : nombre de financeurs qui adoptent tout ou partie des critères, poids de "
            "ces critères dans la notation, évolution du profil des projets retenus. Nous "
            "comparerons les résultats d'un même appel à projets avant et après l'adoption de la "
            "grille."
        ),
        "members_notes": (
            "La coalition se constitue encore : il manque un second financeur pour que le test soit "
            "comparatif, et Agnès sonde deux régions voisines. Prochain point en marge du Reset Day "
            "du 14 janvier ; chacun apporte la grille de sélection qu'il utilise aujourd'hui."
        ),
        "milestones": [
            {
                "title": "Atelier de cadrage lors d'un Reset Day",
                "due_date": "2020-10-08",
                "status": "done",
            },
            {
                "title": "Inventaire des grilles de sélection existantes",
                "due_date": "2021-01-14",
                "status": "in_progress",
            },
            {
                "title": "Premier jeu de critères testé sur un appel à projets régional",
                "due_date": "2021-05-31",
                "status": "planned",
            },
            {
                "title": "Formation des chargés d'affaires",
                "due_date": "2021-09-30",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "agnes.poulain@innovation-centre-loire.example.org",
                "organisation": "agence-innovation-centre-loire",
                "role": "lead",
            },
            {
                "person": "xavier.lambert@ecotech-sud.example.org",
                "organisation": "cluster-ecotech-sud",
                "role": "member",
            },
            {
                "person": "emilie.faure@terranoe.example.org",
                "organisation": "terranoe",
                "role": "member",
            },
            {
                "person": "damien.roche@inria.example.org",
                "organisation": "inria",
                "role": "observer",
            },
        ],
    },
    {
        "slug": "conception-responsable-ouverte",
        "programme": "reset-2022",
        "title": "Une conception responsable grande ouverte",
        "summary": (
            "Designers, grands commanditaires et citoyens testeurs construisent un référentiel "
            "ouvert d'écoconception et d'accessibilité, et l'appliquent à des services très "
            "utilisés."
        ),
        "status": "active",
        "published": True,
        "diagnostic": (
            "L'écoconception et l'accessibilité progressent, mais restent l'affaire d'équipes "
            "convaincues et de projets vitrines. Les référentiels se multiplient, se recoupent en "
            "partie et demeurent difficiles à appliquer pour une équipe produit sous pression.\n\n"
            "Un service grand public mobilise des milliers de terminaux pendant des années : chaque "
            "kilo-octet superflu, chaque fonction inutile se multiplie à cette échelle. Les mesures "
            "d'usage d'Orbis Télécom montrent que **moins de 20 % des fonctionnalités** de ses "
            "applications sont utilisées chaque mois.\n\n"
            "La conception responsable ne se généralisera que si elle devient un langage commun "
            "entre commanditaires, designers, développeurs et usagers. D'où l'idée d'un référentiel "
            "ouvert, construit et éprouvé ensemble."
        ),
        "swot": {
            "strengths": (
                "- Un grand commanditaire prêt à appliquer le référentiel à ses propres services\n"
                "- Des praticiens reconnus de l'écoconception\n"
                "- Des citoyens testeurs mobilisés"
            ),
            "weaknesses": (
                "- Une mesure de l'empreinte encore approximative\n"
                "- Une disponibilité limitée des bénévoles"
            ),
            "opportunities": (
                "- Une forte demande de formation dans les équipes produit\n"
                "- Des attentes croissantes des usagers sur l'accessibilité"
            ),
            "threats": (
                "- La multiplication de labels concurrents\n"
                "- La tentation de l'écoblanchiment dans la communication"
            ),
        },
        "impact_statement": (
            "D'ici juin 2022, le référentiel ouvert est appliqué à 25 services numériques utilisés "
            "par plus d'un million de personnes, avec une baisse moyenne d'au moins 30 % du poids "
            "des pages et une accessibilité conforme au RGAA."
        ),
        "target_date": "2022-06-30",
        "levers": (
            "- Un référentiel ouvert d'écoconception et d'accessibilité, versionné et sous licence "
            "libre\n"
            "- Des refontes pilotes des applications d'Orbis Télécom\n"
            "- Des sessions de test avec des citoyens et des personnes en situation de handicap\n"
            "- Un module de formation pour les équipes produit\n"
            "- Une communication grand public pour valoriser les services engagés"
        ),
        "seeking": (
            "Nous recherchons des commanditaires publics prêts à appliquer le référentiel, et des "
            "compétences en mesure de l'empreinte environnementale des terminaux."
        ),
        "evaluation": (
            "Pour chaque service engagé, nous mesurons avant et après : poids moyen des pages, "
            "nombre de requêtes, compatibilité avec des terminaux anciens, conformité au RGAA. Un "
            "panel de citoyens testeurs juge aussi la facilité d'usage.\n\n"
            "Le nombre de services qui adoptent le référentiel et le nombre de personnes formées "
            "complètent le tableau de bord, mis à jour chaque trimestre."
        ),
        "members_notes": (
            "La version 0.9 du référentiel est en relecture jusqu'au 11 décembre ; Thomas propose "
            "de fusionner les critères « images » et « vidéos ». À trancher à la prochaine réunion, "
            "le 17 décembre dans les locaux d'Orbis : qui porte le module de formation, et faut-il "
            "un signe distinctif pour les services engagés ?"
        ),
        "milestones": [
            {
                "title": "Atelier de lancement avec designers et testeurs",
                "due_date": "2020-03-05",
                "status": "done",
            },
            {
                "title": "Version 0.9 du référentiel ouvert",
                "due_date": "2020-11-20",
                "status": "done",
            },
            {
                "title": "Refonte pilote de l'application client d'Orbis Télécom",
                "due_date": "2021-04-30",
                "status": "in_progress",
            },
            {
                "title": "Première session du module de formation",
                "due_date": "2021-06-10",
                "status": "planned",
            },
            {
                "title": "Version 1.0 et dix retours d'expérience publiés",
                "due_date": "2022-03-31",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "celine.barre@orbis-telecom.example.org",
                "organisation": "orbis-telecom",
                "role": "lead",
            },
            {"person": "membre@alliage.example.org", "organisation": "sobrio", "role": "member"},
            {
                "person": "julie.carpentier@ecotone-conseil.example.org",
                "organisation": "chaire-numerique-soutenable",
                "role": "member",
            },
            {
                "person": "pierre.aubert@courriel.example.org",
                "organisation": None,
                "role": "member",
            },
            {
                "person": "chloe.nguyen@lefilnumerique.example.org",
                "organisation": "sobre-et-connecte",
                "role": "supporter",
            },
        ],
    },
    {
        "slug": "attractivite-employeurs-numeriques",
        "programme": "reset-2022",
        "title": "Ce qui rend un employeur du numérique attractif",
        "summary": (
            "Des entreprises du numérique veulent comprendre pourquoi leurs jeunes recrues s'en vont "
            "et tester des engagements concrets sur le sens du travail."
        ),
        "status": "idea",
        "published": False,
        "diagnostic": (
            "Les entreprises du numérique peinent à recruter et, plus encore, à garder leurs "
            "équipes. Dans plusieurs entreprises de services du numérique, plus d'un jeune "
            "ingénieur sur cinq part chaque année, et les entretiens de départ évoquent de plus en "
            "plus la perte de sens plutôt que le salaire.\n\n"
            "Dans le même temps, des étudiants de grandes écoles signent des manifestes où ils "
            "annoncent refuser de travailler pour des employeurs dont l'activité contredit "
            "l'urgence écologique. Les employeurs sentent que quelque chose change, mais savent mal "
            "ce qui pèse vraiment dans les choix des candidats."
        ),
        "swot": None,
        "impact_statement": (
            "D'ici mi-2023, une dizaine d'employeurs du numérique ont pris des engagements publics "
            "et mesurables sur le sens du travail, et réduit d'un quart les départs de leurs jeunes "
            "recrues."
        ),
        "target_date": "2023-06-30",
        "levers": (
            "- Une enquête auprès de jeunes diplômés et de salariés partis\n"
            "- Un socle d'engagements communs : choix des missions, temps consacré à des projets "
            "d'intérêt général, transparence sur les clients\n"
            "- Un partage des résultats entre employeurs participants"
        ),
        "seeking": (
            "Nous cherchons un partenaire de recherche pour conduire l'enquête, ainsi que des "
            "représentants de salariés et d'étudiants."
        ),
        "evaluation": (
            "Taux de départ des jeunes recrues à un et deux ans, part des engagements effectivement "
            "tenus, perception des candidats mesurée par une enquête annuelle."
        ),
        "members_notes": (
            "Idée encore à mûrir, à présenter au Reset Day de février. Il faudra élargir au-delà des "
            "seules entreprises, sinon la coalition risque de tourner à l'exercice de marque "
            "employeur."
        ),
        "milestones": [
            {
                "title": "Présentation de l'idée lors d'un Reset Day",
                "due_date": "2021-02-11",
                "status": "planned",
            },
            {
                "title": "Enquête auprès des jeunes diplômés",
                "due_date": "2021-06-30",
                "status": "planned",
            },
            {"title": "Socle d'engagements communs", "due_date": "2021-12-15", "status": "planned"},
        ],
        "members": [
            {
                "person": "francois.meunier@altaris.example.org",
                "organisation": "groupe-altaris",
                "role": "lead",
            },
            {
                "person": "celine.barre@orbis-telecom.example.org",
                "organisation": "orbis-telecom",
                "role": "member",
            },
            {
                "person": "karim.benali@pivot-cloud.example.org",
                "organisation": "pivot-cloud",
                "role": "member",
            },
            {
                "person": "maxime.girard@neree-analytics.example.org",
                "organisation": "neree-analytics",
                "role": "member",
            },
        ],
    },
    {
        "slug": "apprendre-a-choisir-son-numerique",
        "programme": "reset-2022",
        "title": "Apprendre à choisir son numérique",
        "summary": (
            "Médiateurs, chercheurs, journalistes et habitants veulent installer une éducation aux "
            "choix numériques qui s'adresse à tout le monde, pas seulement aux personnes en "
            "difficulté."
        ),
        "status": "forming",
        "published": True,
        "diagnostic": (
            "L'éducation au numérique se résume encore trop souvent à l'apprentissage des outils : "
            "envoyer un courriel, remplir un formulaire en ligne, utiliser un traitement de texte. "
            "Les questions de fond — qui conçoit ces outils, selon quels intérêts, quelles "
            "alternatives existent — restent réservées à des cercles militants ou spécialisés.\n\n"
            "La demande est pourtant forte. Pendant le confinement, les permanences bretonnes de "
            "médiation ont vu se multiplier les questions sur la vie privée, le choix d'un outil de "
            "visioconférence ou la surveillance des enfants en ligne. Enseignants et bibliothécaires "
            "manquent de ressources pour y répondre.\n\n"
            "Sans une culture partagée des choix numériques, citoyens, élus et acheteurs "
            "continueront à subir leurs outils plutôt qu'à les choisir."
        ),
        "swot": None,
        "impact_statement": (
            "D'ici mi-2023, 200 lieux de médiation, bibliothèques et établissements scolaires "
            "utilisent un parcours commun d'éducation aux choix numériques, suivi par au moins "
            "10 000 personnes."
        ),
        "target_date": "2023-06-30",
        "levers": (
            "- Un parcours pédagogique modulaire sous licence libre\n"
            "- La formation de médiateurs et de bibliothécaires relais\n"
            "- Des chroniques et des fiches de vérification publiées par les médias partenaires\n"
            "- Une évaluation des effets conduite par des chercheurs"
        ),
        "seeking": (
            "Nous cherchons des partenaires dans l'Éducation nationale et les réseaux de "
            "bibliothèques, ainsi qu'un financement pour produire les ressources pédagogiques."
        ),
        "evaluation": (
            "Nombre de lieux qui utilisent le parcours, nombre de participants et, surtout, "
            "évolution des pratiques six mois plus tard : réglages modifiés, alternatives adoptées, "
            "capacité à justifier un choix. Le laboratoire partenaire mènera une enquête avant et "
            "après sur un échantillon de participants."
        ),
        "members_notes": (
            "Réunion de constitution le 10 décembre à Rennes. Points ouverts : le nom du parcours, "
            "la répartition de l'écriture entre le réseau breton et les médias, la recherche d'un "
            "lycée pilote. Pierre propose d'animer une séance test avec Citoyens connectés."
        ),
        "milestones": [
            {
                "title": "Recensement des ressources existantes",
                "due_date": "2020-10-30",
                "status": "done",
            },
            {
                "title": "Réunion de constitution de la coalition",
                "due_date": "2020-12-10",
                "status": "in_progress",
            },
            {
                "title": "Premiers modules testés dans cinq lieux bretons",
                "due_date": "2021-04-30",
                "status": "planned",
            },
            {
                "title": "Formation de 50 médiateurs relais",
                "due_date": "2021-10-29",
                "status": "planned",
            },
            {
                "title": "Ouverture du parcours au niveau national",
                "due_date": "2022-09-30",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "gwenaelle.tanguy@mediation-bretagne.example.org",
                "organisation": "reseau-mediation-bretagne",
                "role": "lead",
            },
            {
                "person": "anne.lefort@lutn.example.org",
                "organisation": "labo-usages-territoires",
                "role": "member",
            },
            {
                "person": "chloe.nguyen@lefilnumerique.example.org",
                "organisation": "le-fil-numerique",
                "role": "member",
            },
            {
                "person": "pierre.aubert@courriel.example.org",
                "organisation": None,
                "role": "member",
            },
        ],
    },
    {
        "slug": "sobriete-parcs-informatiques",
        "programme": "reset-2022",
        "title": "Sobriété numérique : faire durer les équipements des collectivités",
        "summary": (
            "Collectivités, associations et entreprises s'engagent à allonger la durée de vie des "
            "parcs informatiques publics et à faire du réemploi la règle."
        ),
        "status": "active",
        "published": True,
        "diagnostic": (
            "La fabrication des terminaux pèse pour l'essentiel de l'empreinte environnementale du "
            "numérique. Or les collectivités renouvellent encore leurs ordinateurs tous les quatre "
            "ou cinq ans, plus souvent par habitude ou pour des raisons de garantie qu'à cause d'une "
            "panne.\n\n"
            "L'inventaire réalisé par le Syndicat mixte Numérique Armor dans 40 communes adhérentes "
            "montre qu'**un tiers des postes remplacés en 2019 fonctionnaient parfaitement**. Et les "
            "équipements retirés du parc rejoignent trop rarement une filière de réemploi locale.\n\n"
            "Les obligations d'achats issus du réemploi introduites en 2020, et l'attention nouvelle "
            "des élus pour la sobriété, ouvrent une fenêtre pour changer les pratiques."
        ),
        "swot": {
            "strengths": (
                "- Un syndicat mutualisé capable de diffuser la pratique à 150 collectivités\n"
                "- Des données d'inventaire précises\n"
                "- Un collectif national qui apporte méthodes et relais"
            ),
            "weaknesses": (
                "- La dépendance aux calendriers de mise à jour des systèmes d'exploitation\n"
                "- Une filière locale de réemploi encore peu structurée"
            ),
            "opportunities": (
                "- Les obligations de réemploi dans la commande publique\n"
                "- Les attentes des élus et des habitants en matière de sobriété"
            ),
            "threats": (
                "- Des fins de support logiciel qui rendent des matériels obsolètes\n"
                "- Des pénuries de pièces détachées"
            ),
        },
        "impact_statement": (
            "D'ici fin 2022, les 60 collectivités engagées portent la durée de vie moyenne de leurs "
            "postes de travail de 5 à 7 ans et achètent au moins 20 % de leurs équipements "
            "reconditionnés."
        ),
        "target_date": "2022-12-31",
        "levers": (
            "- Un inventaire partagé des parcs et un outil de suivi simple\n"
            "- Des contrats de maintenance qui privilégient la réparation\n"
            "- Des systèmes d'exploitation légers sur les postes anciens\n"
            "- Des partenariats avec des entreprises locales de reconditionnement\n"
            "- Des défis de sobriété pour les agents"
        ),
        "seeking": (
            "Nous recherchons des entreprises de reconditionnement partenaires hors de Bretagne, et "
            "un appui pour mesurer l'empreinte évitée."
        ),
        "evaluation": (
            "Indicateurs : durée de vie moyenne des postes, part d'équipements reconditionnés dans "
            "les achats, volume d'équipements confiés à des filières de réemploi, émissions évitées "
            "estimées selon une méthode publique.\n\n"
            "Les collectivités transmettent leurs données chaque semestre ; le tableau de bord "
            "consolidé est publié en open data."
        ),
        "members_notes": (
            "Le tableau de bord du second semestre prend du retard : il manque les données de 12 "
            "communes, Laurent les relance d'ici le 4 décembre. Prochaine réunion le 8 janvier : "
            "bilan du défi « un mois sans impression » et choix de deux territoires hors de "
            "Bretagne. Thomas présentera la maquette de l'outil de suivi."
        ),
        "milestones": [
            {
                "title": "Inventaire des parcs de 40 communes",
                "due_date": "2020-02-28",
                "status": "done",
            },
            {
                "title": "Charte d'engagement signée par les premières collectivités",
                "due_date": "2020-06-30",
                "status": "done",
            },
            {
                "title": "Mise en service de l'outil de suivi des parcs",
                "due_date": "2020-12-18",
                "status": "in_progress",
            },
            {
                "title": "Premiers achats groupés d'équipements reconditionnés",
                "due_date": "2021-03-31",
                "status": "planned",
            },
            {
                "title": "Extension à deux territoires hors de Bretagne",
                "due_date": "2021-09-30",
                "status": "planned",
            },
            {
                "title": "Bilan final et publication des données",
                "due_date": "2022-12-15",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "sylvain.perrot@ateliers-du-clic.example.org",
                "organisation": "collectif-numerique-sobre",
                "role": "lead",
            },
            {
                "person": "laurent.bouvier@numerique-armor.example.org",
                "organisation": "syndicat-numerique-armor",
                "role": "lead",
            },
            {"person": "membre@alliage.example.org", "organisation": "sobrio", "role": "member"},
            {
                "person": "emilie.faure@terranoe.example.org",
                "organisation": "terranoe",
                "role": "member",
            },
            {
                "person": "melanie.garnier@cevennes-vallees.example.org",
                "organisation": "cc-cevennes-vallees",
                "role": "member",
            },
        ],
    },
    {
        "slug": "suites-seminaire-grands-decideurs",
        "programme": "reset-2022",
        "title": "Après le séminaire « Grands décideurs » : tenir les engagements",
        "summary": (
            "Des dirigeants d'entreprises et de collectivités présents au séminaire « Grands "
            "décideurs » ont pris chacun un engagement mesurable ; la coalition en suit la "
            "réalisation et en tire le bilan."
        ),
        "status": "evaluating",
        "published": True,
        "diagnostic": (
            "Les démarches de numérique responsable se heurtent souvent à un plafond de verre : "
            "elles avancent dans les équipes, puis butent sur les arbitrages budgétaires ou "
            "stratégiques. Sans engagement explicite des directions générales, les meilleurs projets "
            "restent à l'état d'expérimentation.\n\n"
            "Le séminaire « Grands décideurs » de février 2020 a réuni une vingtaine de dirigeants "
            "autour des sept qualités du numérique proposées par #Reset. Chacun en est reparti avec "
            "un engagement personnel à tenir dans l'année. La coalition s'est formée pour suivre ces "
            "engagements, partager les difficultés et en tirer des enseignements."
        ),
        "swot": None,
        "impact_statement": (
            "Un an après le séminaire, au moins 12 des 20 engagements pris par les dirigeants sont "
            "tenus et documentés publiquement."
        ),
        "target_date": "2021-02-26",
        "levers": (
            "- Un engagement individuel, écrit et public, par dirigeant\n"
            "- Un binôme de suivi dans chaque organisation\n"
            "- Deux points d'étape collectifs dans l'année\n"
            "- Une publication des résultats, échecs compris"
        ),
        "seeking": (
            "Nous cherchons des dirigeants prêts à rejoindre la deuxième promotion du séminaire en "
            "2021."
        ),
        "evaluation": (
            "Le bilan est en cours. Fin novembre, **9 engagements sur 20 sont tenus**, 6 sont "
            "partiellement réalisés et 5 ont été abandonnés, souvent à cause de la crise sanitaire. "
            "Parmi les réussites : un critère de sobriété inscrit dans le schéma directeur "
            "informatique de deux collectivités, et un comité d'éthique des données créé dans une "
            "entreprise.\n\n"
            "Le rapport final analysera les conditions de réussite et servira à préparer la "
            "deuxième édition du séminaire."
        ),
        "members_notes": (
            "Il reste quatre entretiens de bilan à mener avant le 18 décembre. Question ouverte : "
            "publie-t-on les engagements abandonnés avec le nom des organisations ? Fatou suggère une "
            "version anonymisée. Décision à la réunion du 6 janvier."
        ),
        "milestones": [
            {"title": "Séminaire « Grands décideurs »", "due_date": "2020-02-06", "status": "done"},
            {"title": "Point d'étape en présentiel", "due_date": "2020-05-14", "status": "dropped"},
            {
                "title": "Point d'étape collectif à distance",
                "due_date": "2020-09-10",
                "status": "done",
            },
            {
                "title": "Entretiens de bilan avec chaque dirigeant",
                "due_date": "2020-12-18",
                "status": "in_progress",
            },
            {"title": "Publication du bilan", "due_date": "2021-02-25", "status": "planned"},
        ],
        "members": [
            {
                "person": "celine.barre@orbis-telecom.example.org",
                "organisation": "orbis-telecom",
                "role": "lead",
            },
            {
                "person": "yannick.lebihan@rennes-metropole.example.org",
                "organisation": "rennes-metropole",
                "role": "member",
            },
            {
                "person": "marion.delmas@prefecture-occitanie.example.org",
                "organisation": "prefecture-occitanie",
                "role": "member",
            },
            {
                "person": "fatou.diallo@fondationdefrance.example.org",
                "organisation": "fondation-de-france",
                "role": "observer",
            },
        ],
    },
    # ======================= Innovation Facteur 4 =======================
    {
        "slug": "reperage-facteur-4-bretagne",
        "programme": "innovation-facteur-4",
        "title": "Repérage territorial Facteur 4 en Bretagne",
        "summary": (
            "Un cluster régional, des consultants et des jeunes entreprises repèrent les projets "
            "bretons à fort potentiel écologique et les aident à qualifier leur impact avec la "
            "méthode Facteur 4."
        ),
        "status": "active",
        "published": True,
        "diagnostic": (
            "Beaucoup de projets au potentiel écologique important passent sous les radars des "
            "dispositifs d'accompagnement, ou sont jugés sur des critères pensés pour la croissance. "
            "À l'inverse, certains projets très visibles ont un bénéfice environnemental bien plus "
            "modeste qu'annoncé.\n\n"
            "En Bretagne, technopoles et incubateurs accompagnent plus de 400 projets par an, sans "
            "méthode partagée pour qualifier leur impact écologique. Les chargés d'accompagnement "
            "formés en 2019 à la méthode Facteur 4 veulent la déployer de façon coordonnée."
        ),
        "swot": {
            "strengths": (
                "- Un maillage régional dense de technopoles\n"
                "- Des chargés d'accompagnement déjà formés\n"
                "- Un guide méthodologique éprouvé"
            ),
            "weaknesses": (
                "- Peu de temps d'accompagnement par projet\n"
                "- Peu de données de référence par secteur"
            ),
            "opportunities": (
                "- L'intérêt de la région pour une stratégie d'innovation écologique\n"
                "- La demande des investisseurs à impact"
            ),
            "threats": (
                "- La confusion avec des labels existants\n"
                "- L'essoufflement si les premiers résultats tardent"
            ),
        },
        "impact_statement": (
            "D'ici fin 2021, 60 projets bretons ont été repérés et évalués avec la grille Facteur 4, "
            "et 15 d'entre eux ont revu leur modèle pour viser un gain écologique d'un facteur 4."
        ),
        "target_date": "2021-12-31",
        "levers": (
            "- Une campagne de repérage avec les technopoles et les incubateurs\n"
            "- Des ateliers d'évaluation collective avec la grille Facteur 4\n"
            "- Un accompagnement renforcé pour les projets les plus prometteurs\n"
            "- La documentation de la démarche au service de la stratégie régionale"
        ),
        "seeking": (
            "Nous cherchons des experts sectoriels (agriculture, mobilité, bâtiment) pour les "
            "ateliers, et un financement régional pour l'accompagnement renforcé."
        ),
        "evaluation": (
            "Indicateurs : nombre de projets repérés et évalués, nombre de projets qui modifient "
            "leur conception après les ateliers, gain écologique estimé avant et après. Un bilan "
            "qualitatif auprès des chargés d'accompagnement mesurera l'appropriation de la méthode."
        ),
        "members_notes": (
            "32 projets repérés à ce jour, dont 11 évalués. Prochain atelier d'évaluation le 9 "
            "décembre à Lorient, avec quatre projets du secteur alimentaire. Toujours pas d'expert "
            "du bâtiment. Karim présentera le retour d'expérience de Pivot Cloud sur la grille."
        ),
        "milestones": [
            {
                "title": "Formation des chargés d'accompagnement bretons",
                "due_date": "2020-03-12",
                "status": "done",
            },
            {
                "title": "Campagne de repérage auprès des technopoles",
                "due_date": "2020-10-30",
                "status": "done",
            },
            {
                "title": "Ateliers d'évaluation collective",
                "due_date": "2021-03-31",
                "status": "in_progress",
            },
            {
                "title": "Accompagnement renforcé de 15 projets",
                "due_date": "2021-10-29",
                "status": "planned",
            },
            {
                "title": "Documentation et contribution à la stratégie régionale",
                "due_date": "2021-12-15",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "nolwenn.riou@eco-innovation-bretagne.example.org",
                "organisation": "cluster-eco-innovation-bretagne",
                "role": "lead",
            },
            {"person": "membre@alliage.example.org", "organisation": "sobrio", "role": "member"},
            {
                "person": "julie.carpentier@ecotone-conseil.example.org",
                "organisation": "ecotone-conseil",
                "role": "accompanier",
            },
            {
                "person": "karim.benali@pivot-cloud.example.org",
                "organisation": "pivot-cloud",
                "role": "member",
            },
        ],
    },
    {
        "slug": "accelerateur-des-possibles-occitanie",
        "programme": "innovation-facteur-4",
        "title": "Accélérateur des possibles en Occitanie",
        "summary": (
            "Un cluster d'éco-technologies, une intercommunalité rurale, des chercheurs et un groupe "
            "du numérique préparent un accélérateur où les projets travaillent leur impact "
            "écologique radical avec la grille Facteur 4."
        ),
        "status": "forming",
        "published": True,
        "diagnostic": (
            "Les programmes d'accélération classiques mesurent le succès à la levée de fonds et à la "
            "croissance du chiffre d'affaires. Pour des projets à vocation écologique, ces "
            "indicateurs peuvent même pousser dans la mauvaise direction, en encourageant la course "
            "au volume.\n\n"
            "Les jeunes pousses accompagnées par le Cluster Écotech Sud réclament un autre appui : "
            "éprouver leurs hypothèses d'impact, repérer les effets rebond, nouer des partenariats "
            "avec des territoires. De leur côté, plusieurs intercommunalités rurales d'Occitanie "
            "cherchent des solutions concrètes et frugales."
        ),
        "swot": {
            "strengths": (
                "- Un cluster reconnu et un vivier de projets\n"
                "- Un cofinanceur privé engagé\n"
                "- Des territoires ruraux demandeurs"
            ),
            "weaknesses": (
                "- Pas encore de financement public confirmé\n"
                "- Une méthode à adapter au format d'un accélérateur"
            ),
            "opportunities": (
                "- Un plan de relance régional tourné vers la transition écologique\n"
                "- La visibilité nationale de la démarche Facteur 4"
            ),
            "threats": (
                "- La concurrence d'accélérateurs mieux dotés\n"
                "- Un calendrier serré pour la première promotion"
            ),
        },
        "impact_statement": (
            "D'ici mi-2022, deux promotions de 8 projets sont passées par l'accélérateur, et au "
            "moins la moitié démontre, grille à l'appui, un gain écologique d'un facteur 4 sur son "
            "service principal."
        ),
        "target_date": "2022-06-30",
        "levers": (
            "- Un programme de six mois construit autour de la grille Facteur 4\n"
            "- Des binômes projet-territoire pour tester en conditions réelles\n"
            "- Des mentors issus des entreprises et de la recherche\n"
            "- Un comité de financeurs qui s'engage à tenir compte des évaluations"
        ),
        "seeking": (
            "Nous cherchons un financeur public régional et des mentors rompus à l'analyse de cycle "
            "de vie."
        ),
        "evaluation": (
            "Pour chaque projet, nous suivrons le gain écologique estimé au début et à la fin du "
            "programme, les partenariats territoriaux noués et les suites données par les "
            "financeurs. Un retour d'expérience sera publié après chaque promotion."
        ),
        "members_notes": (
            "Constitution en cours ; la région doit se prononcer sur le cofinancement en janvier. "
            "Restent à fixer le calendrier de l'appel à candidatures et le nombre de places "
            "réservées à des projets ruraux. Prochaine visio le 16 décembre."
        ),
        "milestones": [
            {
                "title": "Atelier de conception de l'accélérateur",
                "due_date": "2020-11-05",
                "status": "done",
            },
            {"title": "Bouclage du financement", "due_date": "2021-01-29", "status": "in_progress"},
            {
                "title": "Appel à candidatures de la première promotion",
                "due_date": "2021-03-15",
                "status": "planned",
            },
            {"title": "Première promotion", "due_date": "2021-09-30", "status": "planned"},
            {"title": "Deuxième promotion et bilan", "due_date": "2022-06-30", "status": "planned"},
        ],
        "members": [
            {
                "person": "xavier.lambert@ecotech-sud.example.org",
                "organisation": "cluster-ecotech-sud",
                "role": "lead",
            },
            {
                "person": "emilie.faure@terranoe.example.org",
                "organisation": "terranoe",
                "role": "member",
            },
            {
                "person": "melanie.garnier@cevennes-vallees.example.org",
                "organisation": "cc-cevennes-vallees",
                "role": "member",
            },
            {"person": "elodie.vasseur@cea.example.org", "organisation": "cea", "role": "member"},
            {
                "person": "francois.meunier@altaris.example.org",
                "organisation": "groupe-altaris",
                "role": "funder",
            },
            {
                "person": "julie.carpentier@ecotone-conseil.example.org",
                "organisation": "ecotone-conseil",
                "role": "supporter",
            },
        ],
    },
    # ======================= Self Data territorial =======================
    {
        "slug": "self-data-loire-estuaire",
        "programme": "self-data-territorial",
        "title": "Self Data territorial : trois services pilotes dans l'estuaire",
        "summary": (
            "Une métropole, une start-up du cloud personnel et des chercheurs préparent trois "
            "services où les habitants récupèrent leurs données — énergie, mobilité, aides sociales "
            "— et s'en servent pour eux-mêmes."
        ),
        "status": "forming",
        "published": True,
        "diagnostic": (
            "Les habitants produisent en permanence des données — consommation d'énergie, trajets, "
            "démarches administratives — dont ils ne tirent presque aucun bénéfice direct. Elles "
            "restent dispersées chez les fournisseurs et les administrations, difficiles à "
            "récupérer malgré le droit à la portabilité prévu par le RGPD.\n\n"
            "L'expédition Self Data territorial de 2019 a fait ressortir des cas d'usage "
            "prometteurs pour une collectivité : mieux maîtriser sa facture d'énergie, simplifier "
            "l'accès aux aides, organiser ses déplacements. La Métropole Loire-Estuaire, qui "
            "participait aux ateliers, veut passer à l'expérimentation en s'appuyant sur le kit "
            "publié à l'issue de l'expédition.\n\n"
            "La crise sanitaire a accéléré la dématérialisation des démarches : c'est le moment de "
            "montrer qu'un autre modèle, centré sur la personne, est possible."
        ),
        "swot": {
            "strengths": (
                "- Une collectivité volontaire et un élu référent\n"
                "- Une solution de cloud personnel déjà opérationnelle\n"
                "- Le kit Self Data territorial comme cadre de méthode"
            ),
            "weaknesses": (
                "- Le Self Data est encore peu connu des habitants\n"
                "- La dépendance aux fournisseurs de données pour les connecteurs"
            ),
            "opportunities": (
                "- Le droit à la portabilité et l'attente de transparence\n"
                "- L'intérêt d'autres métropoles pour un retour d'expérience"
            ),
            "threats": (
                "- La méfiance envers une collectivité qui manipule des données personnelles\n"
                "- Le coût de maintenance des connecteurs dans la durée"
            ),
        },
        "impact_statement": (
            "D'ici fin 2022, 5 000 habitants de la métropole utilisent au moins un des trois "
            "services Self Data, et 70 % d'entre eux déclarent mieux maîtriser leurs données."
        ),
        "target_date": "2022-12-31",
        "levers": (
            "- Trois services pilotes : énergie, mobilité, accès aux aides sociales\n"
            "- Un cloud personnel ouvert, où les données restent sous le contrôle de l'habitant\n"
            "- Des ateliers d'accompagnement dans les médiathèques\n"
            "- Une charte de confiance écrite avec des habitants\n"
            "- Une évaluation indépendante par un laboratoire de recherche"
        ),
        "seeking": (
            "Nous cherchons des fournisseurs de données prêts à ouvrir des connecteurs (énergie, "
            "transport) et un designer de services pour rendre les parcours vraiment simples."
        ),
        "evaluation": (
            "Indicateurs : habitants inscrits et actifs, données récupérées et réutilisées, "
            "satisfaction et sentiment de maîtrise mesurés par questionnaire, bénéfices concrets "
            "(économies d'énergie, aides obtenues). Le laboratoire partenaire mènera des entretiens "
            "qualitatifs avec une cinquantaine d'utilisateurs."
        ),
        "members_notes": (
            "Prochaine réunion le 14 décembre : choix définitif des trois services et du quartier "
            "pilote. Question ouverte : la Banque coopérative du Ponant accepterait-elle de "
            "rejoindre la coalition pour le service « aides sociales » ? Nathalie prend contact. "
            "Anne prépare une note sur le protocole d'évaluation."
        ),
        "milestones": [
            {
                "title": "Atelier SWOT avec les élus et les services",
                "due_date": "2020-09-24",
                "status": "done",
            },
            {
                "title": "Choix des trois services pilotes",
                "due_date": "2020-12-14",
                "status": "in_progress",
            },
            {
                "title": "Charte de confiance écrite avec des habitants",
                "due_date": "2021-03-31",
                "status": "planned",
            },
            {
                "title": "Ouverture des services dans un premier quartier",
                "due_date": "2021-09-15",
                "status": "planned",
            },
            {
                "title": "Évaluation et décision de généralisation",
                "due_date": "2022-09-30",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "porteuse@alliage.example.org",
                "organisation": "metropole-loire-estuaire",
                "role": "lead",
            },
            {
                "person": "karim.benali@pivot-cloud.example.org",
                "organisation": "pivot-cloud",
                "role": "member",
            },
            {
                "person": "anne.lefort@lutn.example.org",
                "organisation": "labo-usages-territoires",
                "role": "member",
            },
            {
                "person": "aurelie.fontaine@mydata.example.org",
                "organisation": "mydata-global",
                "role": "supporter",
            },
            {
                "person": "celine.barre@orbis-telecom.example.org",
                "organisation": "orbis-telecom",
                "role": "observer",
            },
        ],
    },
    {
        "slug": "feuille-de-route-self-data",
        "programme": "self-data-territorial",
        "title": "Une feuille de route pour le Self Data territorial, ici et ailleurs",
        "summary": (
            "Avec MyData Global et Rennes Métropole, acteurs publics, chercheurs et habitants "
            "analysent ce qui fait réussir le Self Data sur un territoire et en tirent des feuilles "
            "de route, pour chaque territoire comme pour le réseau international."
        ),
        "status": "active",
        "published": True,
        "diagnostic": (
            "Les expérimentations de Self Data se multiplient en Europe, mais elles restent "
            "fragiles : beaucoup s'arrêtent avec le financement initial, faute de modèle "
            "économique, de gouvernance claire ou d'adhésion des habitants. Leurs enseignements "
            "circulent peu d'un territoire à l'autre.\n\n"
            "Les ateliers SWOT menés en 2020 avec des collectivités, des entreprises et des "
            "collectifs citoyens font apparaître des conditions de réussite récurrentes : un "
            "portage politique fort, des alliances avec les détenteurs de données, une médiation "
            "auprès des habitants. Ils révèlent aussi des obstacles communs, comme le coût des "
            "connecteurs ou la méfiance envers les acteurs publics.\n\n"
            "Le réseau MyData prépare une feuille de route internationale pour les villes : "
            "l'expérience française peut y peser."
        ),
        "swot": {
            "strengths": (
                "- Un réseau international (MyData) et un territoire pionnier (Rennes)\n"
                "- Dix ans d'expériences françaises documentées\n"
                "- Des ateliers SWOT déjà menés dans quatre territoires"
            ),
            "weaknesses": (
                "- Peu de services Self Data réellement en production\n"
                "- Des modèles économiques encore incertains"
            ),
            "opportunities": (
                "- La stratégie européenne pour les données\n"
                "- La demande croissante de villes européennes"
            ),
            "threats": (
                "- La domination des grandes plateformes sur les usages\n"
                "- La lassitude des collectivités face aux sujets de données"
            ),
        },
        "impact_statement": (
            "D'ici fin 2021, le réseau MyData adopte une feuille de route internationale qui intègre "
            "les enseignements français, et au moins six territoires français ont écrit leur propre "
            "feuille de route à partir du kit."
        ),
        "target_date": "2021-12-31",
        "levers": (
            "- Des ateliers SWOT dans au moins six territoires\n"
            "- Une synthèse des facteurs de succès, en français et en anglais\n"
            "- Une contribution à la feuille de route internationale de MyData\n"
            "- Un accompagnement des territoires dans l'écriture de leur feuille de route"
        ),
        "seeking": (
            "Nous cherchons des territoires volontaires pour de nouveaux ateliers SWOT, notamment "
            "ruraux, et des traducteurs bénévoles pour la version anglaise de la synthèse."
        ),
        "evaluation": (
            "Nous suivons le nombre d'ateliers réalisés, le nombre de territoires dotés d'une "
            "feuille de route et la reprise de nos recommandations dans la feuille de route "
            "internationale. Un an après, nous vérifierons quelles feuilles de route ont débouché "
            "sur des projets engagés."
        ),
        "members_notes": (
            "Quatre ateliers SWOT réalisés (Rennes, Loire-Estuaire, Lyon, Lille). La synthèse "
            "intermédiaire circule pour commentaires jusqu'au 10 décembre. Aurélie présentera les "
            "premiers résultats au groupe « villes » de MyData le 20 janvier. Reste à décider si "
            "l'on organise un atelier avec des territoires ruraux."
        ),
        "milestones": [
            {
                "title": "Ateliers SWOT dans quatre territoires",
                "due_date": "2020-10-15",
                "status": "done",
            },
            {
                "title": "Synthèse intermédiaire des facteurs de succès",
                "due_date": "2020-12-10",
                "status": "in_progress",
            },
            {
                "title": "Présentation au groupe « villes » de MyData",
                "due_date": "2021-01-20",
                "status": "planned",
            },
            {
                "title": "Deux ateliers supplémentaires, dont un en territoire rural",
                "due_date": "2021-04-30",
                "status": "planned",
            },
            {
                "title": "Publication de la feuille de route internationale",
                "due_date": "2021-11-30",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "aurelie.fontaine@mydata.example.org",
                "organisation": "mydata-global",
                "role": "lead",
            },
            {
                "person": "yannick.lebihan@rennes-metropole.example.org",
                "organisation": "rennes-metropole",
                "role": "lead",
            },
            {"person": "damien.roche@inria.example.org", "organisation": "inria", "role": "member"},
            {
                "person": "pierre.aubert@courriel.example.org",
                "organisation": None,
                "role": "member",
            },
        ],
    },
    {
        "slug": "rudi-donnees-rennes",
        "programme": "self-data-territorial",
        "title": "RUDI : partager et réutiliser les données du territoire rennais",
        "summary": (
            "Autour de Rennes Métropole, acteurs publics, entreprises, associations, chercheurs et "
            "habitants construisent ensemble un portail pour partager et réutiliser les données du "
            "territoire."
        ),
        "status": "active",
        "published": True,
        "diagnostic": (
            "Rennes Métropole publie des données ouvertes depuis 2010, mais l'open data classique a "
            "montré ses limites : des jeux de données peu réutilisés, des acteurs privés qui ne "
            "partagent rien, des habitants tenus à l'écart. Beaucoup de données utiles — énergie, "
            "mobilité, environnement — sont détenues par des entreprises ou des associations et ne "
            "circulent pas.\n\n"
            "RUDI propose un autre modèle : un portail où l'on peut partager des données ouvertes, "
            "mais aussi des données à accès restreint, ou des données personnelles sous le contrôle "
            "des personnes concernées. Lauréat d'un appel national, le projet doit démontrer son "
            "utilité concrète d'ici 2022."
        ),
        "swot": {
            "strengths": (
                "- Une collectivité pionnière de l'open data\n"
                "- Un consortium qui mêle public, privé, associations et recherche\n"
                "- Un financement national acquis"
            ),
            "weaknesses": (
                "- La complexité technique d'un portail à plusieurs niveaux d'accès\n"
                "- Des réutilisateurs encore peu nombreux"
            ),
            "opportunities": (
                "- L'intérêt des entreprises pour le partage de données d'intérêt général\n"
                "- Un cadre européen favorable aux espaces de données"
            ),
            "threats": (
                "- La difficulté à attirer les habitants sur un outil technique\n"
                "- La pérennité du portail après la fin du financement"
            ),
        },
        "impact_statement": (
            "D'ici fin 2022, RUDI héberge 300 jeux de données issus d'au moins 40 producteurs, dont "
            "la moitié ne sont pas des acteurs publics, et 25 services les réutilisent "
            "régulièrement."
        ),
        "target_date": "2022-12-31",
        "levers": (
            "- Un portail en logiciel libre, avec plusieurs niveaux d'accès\n"
            "- Une charte de partage signée par les producteurs de données\n"
            "- Des défis de réutilisation avec des entreprises et des associations\n"
            "- Des ateliers avec les habitants pour définir les usages prioritaires\n"
            "- Des travaux de recherche sur la protection de la vie privée"
        ),
        "seeking": (
            "Nous recherchons de nouveaux producteurs de données, notamment dans l'énergie et les "
            "transports, et des réutilisateurs prêts à construire des services."
        ),
        "evaluation": (
            "Indicateurs : nombre de jeux de données et de producteurs, part des producteurs non "
            "publics, réutilisations actives et services construits, participation des habitants "
            "aux ateliers. Une évaluation des effets sur les politiques publiques locales sera "
            "conduite en 2022."
        ),
        "members_notes": (
            "Mise en ligne de la version bêta du portail prévue mi-janvier. Point ouvert : les "
            "conditions d'accès aux données de Citoyens connectés (licence à préciser). Prochain "
            "comité de pilotage le 17 décembre ; Damien y présentera l'avancement des travaux sur "
            "l'anonymisation."
        ),
        "milestones": [
            {
                "title": "Signature de la convention de consortium",
                "due_date": "2019-12-12",
                "status": "done",
            },
            {
                "title": "Ateliers avec les habitants sur les usages prioritaires",
                "due_date": "2020-06-30",
                "status": "done",
            },
            {"title": "Version bêta du portail", "due_date": "2021-01-15", "status": "in_progress"},
            {
                "title": "Premier défi de réutilisation",
                "due_date": "2021-05-20",
                "status": "planned",
            },
            {
                "title": "Ouverture publique et évaluation",
                "due_date": "2022-06-30",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "yannick.lebihan@rennes-metropole.example.org",
                "organisation": "rennes-metropole",
                "role": "lead",
            },
            {
                "person": "gwenaelle.tanguy@mediation-bretagne.example.org",
                "organisation": "citoyens-connectes-rennes",
                "role": "member",
            },
            {
                "person": "karim.benali@pivot-cloud.example.org",
                "organisation": "pivot-cloud",
                "role": "member",
            },
            {"person": "damien.roche@inria.example.org", "organisation": "inria", "role": "member"},
        ],
    },
    # ======================= CapacityLab =======================
    {
        "slug": "musette-du-jeune-actif",
        "programme": "capacitylab",
        "title": "La Musette du jeune actif",
        "summary": (
            "Une association d'insertion, deux fondations, des médiateurs et des chercheurs "
            "expérimentent un outil numérique qui aide les jeunes à rassembler et valoriser leurs "
            "savoirs et leurs expériences pour accéder à l'emploi."
        ),
        "status": "active",
        "published": True,
        "diagnostic": (
            "Les jeunes éloignés de l'emploi ont souvent une expérience riche — petits boulots, "
            "engagement associatif, entraide familiale, projets personnels — qu'ils ne savent ni "
            "nommer ni faire valoir. Le CV classique la rend invisible, et les dispositifs "
            "d'insertion s'attardent sur ce qui manque plutôt que sur ce qui existe.\n\n"
            "Ces jeunes utilisent intensément leur smartphone, mais rarement pour garder la trace de "
            "ce qu'ils apprennent. La Musette propose de détourner ces pratiques : noter ses "
            "réalisations, les documenter, les partager avec un tuteur et s'en servir pour bâtir un "
            "projet.\n\n"
            "Le projet de recherche Capacity a montré que savoir mettre son expérience en récit est "
            "un ressort essentiel du pouvoir d'agir."
        ),
        "swot": {
            "strengths": (
                "- Des financeurs engagés sur trois ans\n"
                "- Une association ancrée dans les quartiers et reconnue par les jeunes\n"
                "- Des tuteurs volontaires grâce au mécénat de compétences"
            ),
            "weaknesses": (
                "- Un outil encore au stade de prototype\n"
                "- Une assiduité difficile à maintenir sur plusieurs mois"
            ),
            "opportunities": (
                "- Le plan national pour l'emploi des jeunes annoncé en 2020\n"
                "- L'intérêt d'autres associations pour essaimer"
            ),
            "threats": (
                "- La dégradation du marché du travail des jeunes après la crise\n"
                "- Le risque que l'outil soit vécu comme une contrainte administrative de plus"
            ),
        },
        "impact_statement": (
            "D'ici fin 2022, 400 jeunes ont utilisé la Musette avec un tuteur, et 60 % d'entre eux "
            "sont en emploi ou en formation qualifiante six mois après leur parcours."
        ),
        "target_date": "2022-12-31",
        "levers": (
            "- Une application mobile simple pour documenter ses réalisations et ses compétences\n"
            "- Un tutorat assuré par des salariés volontaires en mécénat de compétences\n"
            "- Des ateliers collectifs animés par des médiateurs numériques\n"
            "- Des rencontres avec des employeurs du territoire\n"
            "- Un cofinancement de la Fondation de France et de la Fondation EDF"
        ),
        "seeking": (
            "Nous cherchons d'autres associations d'insertion pour essaimer en 2021, et des "
            "employeurs prêts à accueillir des jeunes en immersion."
        ),
        "evaluation": (
            "Indicateurs : jeunes accompagnés, assiduité, compétences documentées, situation à trois "
            "et six mois (emploi, formation, projet). Le laboratoire partenaire mène des entretiens "
            "pour mesurer l'évolution de la confiance en soi et de la capacité à présenter son "
            "parcours.\n\n"
            "Premiers résultats sur la première cohorte de 42 jeunes, achevée à l'été 2020 : **26 "
            "sont en emploi ou en formation six mois plus tard**, et beaucoup se sont servis de "
            "l'outil pour préparer leurs entretiens d'embauche."
        ),
        "members_notes": (
            "Deuxième cohorte en cours (55 jeunes). Il manque 12 tuteurs pour la cohorte de "
            "février : Bertrand relance le réseau de la Fondation EDF. Prochain comité de pilotage "
            "le 11 décembre ; à l'ordre du jour, l'essaimage à Toulouse avec les Ateliers du Clic."
        ),
        "milestones": [
            {
                "title": "Prototype testé avec dix jeunes",
                "due_date": "2019-12-13",
                "status": "done",
            },
            {"title": "Première cohorte de 42 jeunes", "due_date": "2020-07-10", "status": "done"},
            {"title": "Deuxième cohorte", "due_date": "2021-01-29", "status": "in_progress"},
            {
                "title": "Essaimage dans une deuxième ville",
                "due_date": "2021-09-30",
                "status": "planned",
            },
            {
                "title": "Évaluation finale et publication de l'outil sous licence libre",
                "due_date": "2022-11-30",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "lea.martineau@passerelle-jeunes.example.org",
                "organisation": "passerelle-jeunes-actifs",
                "role": "lead",
            },
            {
                "person": "fatou.diallo@fondationdefrance.example.org",
                "organisation": "fondation-de-france",
                "role": "funder",
            },
            {
                "person": "bertrand.caillaud@fondation-edf.example.org",
                "organisation": "fondation-edf",
                "role": "funder",
            },
            {
                "person": "sylvain.perrot@ateliers-du-clic.example.org",
                "organisation": "ateliers-du-clic",
                "role": "member",
            },
            {
                "person": "anne.lefort@lutn.example.org",
                "organisation": "labo-usages-territoires",
                "role": "member",
            },
        ],
    },
    {
        "slug": "incub-o-occitanie",
        "programme": "capacitylab",
        "title": "Incub-O : l'autonomie numérique des agents de l'État en Occitanie",
        "summary": (
            "La préfecture de région, des médiateurs et une intercommunalité ont accompagné les "
            "agents de l'État en Occitanie vers l'autonomie numérique ; la première saison est "
            "terminée."
        ),
        "status": "closed",
        "published": True,
        "diagnostic": (
            "La transformation numérique de l'État a souvent été pensée pour les usagers, beaucoup "
            "moins pour les agents eux-mêmes. En Occitanie, une enquête interne de 2019 montrait "
            "qu'un tiers des agents des services déconcentrés se sentaient en difficulté avec les "
            "outils qu'on leur demandait d'utiliser, et que beaucoup n'osaient pas le dire.\n\n"
            "Les formations descendantes touchaient surtout les agents déjà à l'aise. Incub-O a "
            "parié sur une approche par les pairs et par le pouvoir d'agir : des ateliers courts, "
            "des agents relais dans chaque service, une attention particulière aux personnes les "
            "plus en retrait."
        ),
        "swot": None,
        "impact_statement": (
            "Fin octobre 2020, 1 500 agents de l'État en Occitanie ont participé à au moins un "
            "atelier, et 80 % d'entre eux se disent plus autonomes avec leurs outils numériques."
        ),
        "target_date": "2020-10-30",
        "levers": (
            "- Des ateliers courts sur le lieu de travail, animés par des médiateurs\n"
            "- Un réseau de 60 agents relais formés dans les services\n"
            "- Une attention particulière aux agents des sites isolés\n"
            "- L'engagement visible de l'encadrement supérieur"
        ),
        "seeking": (
            "La coalition est close. Ses ressources sont à la disposition des régions qui "
            "voudraient s'en inspirer."
        ),
        "evaluation": (
            "Bilan de la première saison : **1 240 agents** ont participé à au moins un atelier, en "
            "deçà de l'objectif de 1 500 à cause de l'interruption du printemps 2020. Parmi eux, "
            "83 % se disent plus autonomes, et 52 agents relais restent actifs dans leurs services. "
            "Le passage contraint au travail à distance a paradoxalement fait grimper la demande.\n\n"
            "Les supports d'ateliers et le guide de l'agent relais sont publiés sous licence libre. "
            "Une deuxième saison, plus légère, est à l'étude pour 2021."
        ),
        "members_notes": (
            "Coalition close. Dernière tâche : archiver les supports et transmettre la liste des "
            "agents relais à la mission régionale qui prend le relais. Marion reste joignable pour "
            "les régions intéressées."
        ),
        "milestones": [
            {"title": "Enquête auprès des agents", "due_date": "2019-06-28", "status": "done"},
            {"title": "Formation des agents relais", "due_date": "2019-11-29", "status": "done"},
            {
                "title": "Ateliers en présentiel sur les sites isolés",
                "due_date": "2020-04-30",
                "status": "dropped",
            },
            {
                "title": "Ateliers dans tous les départements, sur place puis à distance",
                "due_date": "2020-09-30",
                "status": "done",
            },
            {
                "title": "Bilan et publication des ressources",
                "due_date": "2020-10-30",
                "status": "done",
            },
        ],
        "members": [
            {
                "person": "marion.delmas@prefecture-occitanie.example.org",
                "organisation": "prefecture-occitanie",
                "role": "lead",
            },
            {
                "person": "sylvain.perrot@ateliers-du-clic.example.org",
                "organisation": "ateliers-du-clic",
                "role": "member",
            },
            {
                "person": "melanie.garnier@cevennes-vallees.example.org",
                "organisation": "cc-cevennes-vallees",
                "role": "member",
            },
            {
                "person": "hugo.marchetti@achats-numeriques.example.org",
                "organisation": "mission-achats-numeriques",
                "role": "observer",
            },
        ],
    },
    {
        "slug": "transformateur-qvt-pays-de-la-loire",
        "programme": "capacitylab",
        "title": "Transformateur numérique : la qualité de vie au travail en Pays de la Loire",
        "summary": (
            "L'Anact, l'ARACT Pays de la Loire et leurs partenaires accompagnent des projets où le "
            "numérique améliore la qualité de vie au travail ; la promotion 2020 est en cours "
            "d'évaluation."
        ),
        "status": "evaluating",
        "published": True,
        "diagnostic": (
            "Les outils numériques sont souvent déployés sans que ceux qui s'en servent aient voix "
            "au chapitre. Résultat : surcharge d'informations, interruptions permanentes, frontière "
            "brouillée entre vie professionnelle et vie personnelle, sentiment de perdre la main "
            "sur son travail. Ces effets pèsent particulièrement dans les PME et le secteur "
            "médico-social.\n\n"
            "Le confinement du printemps 2020 a généralisé le travail à distance en quelques jours "
            "et rendu ces tensions visibles partout. Le Transformateur numérique prend le problème "
            "dans l'autre sens : partir du travail réel pour concevoir ou adapter les outils."
        ),
        "swot": None,
        "impact_statement": (
            "Les 12 structures accompagnées en 2020 ont chacune mené un projet numérique conçu avec "
            "leurs salariés, et la qualité de vie au travail s'est améliorée de façon mesurable dans "
            "au moins 8 d'entre elles."
        ),
        "target_date": "2021-03-31",
        "levers": (
            "- Un appel à candidatures régional relayé par la Fing et ses partenaires\n"
            "- Six mois d'accompagnement par les chargés de mission de l'ARACT\n"
            "- Des ateliers de co-conception avec les salariés\n"
            "- Des échanges d'expériences entre structures accompagnées"
        ),
        "seeking": (
            "Nous cherchons des relais pour l'appel à candidatures 2021 dans d'autres régions, et "
            "des structures prêtes à témoigner."
        ),
        "evaluation": (
            "L'évaluation de la promotion 2020 est en cours. Sur les 12 structures accompagnées (6 "
            "PME, 4 établissements médico-sociaux, 2 associations), **10 ont mené leur projet à "
            "terme**. Les premiers questionnaires montrent un recul du sentiment de surcharge dans 7 "
            "structures et une meilleure maîtrise des horaires de connexion dans 9.\n\n"
            "Le rapport final croisera ces questionnaires avec des entretiens collectifs et des "
            "indicateurs d'absentéisme ; il paraîtra au premier trimestre 2021."
        ),
        "members_notes": (
            "Entretiens collectifs à terminer dans trois structures avant le 15 décembre. L'Anact "
            "doit dire si un appel 2021 s'ouvre dans une autre région. François propose de partager "
            "l'expérience d'Altaris sur le droit à la déconnexion lors de la restitution de février."
        ),
        "milestones": [
            {"title": "Appel à candidatures régional", "due_date": "2020-02-28", "status": "done"},
            {"title": "Sélection des 12 structures", "due_date": "2020-04-10", "status": "done"},
            {"title": "Accompagnement des projets", "due_date": "2020-10-30", "status": "done"},
            {
                "title": "Questionnaires et entretiens d'évaluation",
                "due_date": "2020-12-15",
                "status": "in_progress",
            },
            {
                "title": "Restitution publique et rapport final",
                "due_date": "2021-02-25",
                "status": "planned",
            },
        ],
        "members": [
            {"person": "sandrine.roux@anact.example.org", "organisation": "anact", "role": "lead"},
            {
                "person": "olivier.gaudin@aract-pdl.example.org",
                "organisation": "aract-pays-de-la-loire",
                "role": "lead",
            },
            {
                "person": "francois.meunier@altaris.example.org",
                "organisation": "groupe-altaris",
                "role": "member",
            },
            {
                "person": "anne.lefort@lutn.example.org",
                "organisation": "labo-usages-territoires",
                "role": "observer",
            },
        ],
    },
    # ======================= Numérique tous risques =======================
    {
        "slug": "continuite-services-numeriques-locaux",
        "programme": "numerique-tous-risques",
        "title": "Continuité des services numériques locaux : les leçons du confinement",
        "summary": (
            "Collectivités, chercheurs, médiateurs et journalistes ont tiré les leçons du printemps "
            "2020 pour aider les petites collectivités à maintenir leurs services numériques en "
            "temps de crise."
        ),
        "status": "closed",
        "published": True,
        "diagnostic": (
            "Au printemps 2020, des centaines de petites collectivités ont dû passer du jour au "
            "lendemain au télétravail et dématérialiser des démarches qui se faisaient au guichet. "
            "Beaucoup ont découvert qu'elles n'avaient ni plan de continuité numérique, ni matériel "
            "pour leurs agents, ni solution pour les habitants sans connexion.\n\n"
            "L'expédition Numérique tous risques a recueilli plus de 80 témoignages d'agents, d'élus "
            "et de médiateurs. Ils révèlent des fragilités récurrentes — dépendance à un prestataire "
            "unique, absence de copies locales, services pensés seulement en ligne — mais aussi des "
            "solutions inventées dans l'urgence qui méritaient d'être partagées."
        ),
        "swot": None,
        "impact_statement": (
            "Avant fin novembre 2020, un guide de continuité numérique pour les petites "
            "collectivités est publié et testé par au moins 20 collectivités."
        ),
        "target_date": "2020-11-30",
        "levers": (
            "- La collecte et l'analyse de témoignages de la crise\n"
            "- Un guide pratique de continuité numérique, sous licence libre\n"
            "- Des exercices de simulation dans quelques collectivités volontaires\n"
            "- Un relais par les réseaux de collectivités et les médias locaux"
        ),
        "seeking": (
            "La coalition est close ; le guide est disponible et les retours d'usage sont les "
            "bienvenus."
        ),
        "evaluation": (
            "Objectif atteint : le guide a été publié fin octobre 2020 et testé par **27 "
            "collectivités**, dont 19 ont depuis rédigé un plan de continuité numérique. Trois "
            "exercices de simulation ont eu lieu, en Bretagne et dans les Cévennes.\n\n"
            "Ces enseignements ont fait naître une nouvelle piste sur la cartographie des "
            "dépendances numériques critiques, reprise par une autre coalition de l'expédition."
        ),
        "members_notes": (
            "Coalition close. Les derniers retours des collectivités testeuses sont à intégrer dans "
            "la version 1.1 du guide ; Laurent s'en charge d'ici janvier."
        ),
        "milestones": [
            {"title": "Collecte de témoignages", "due_date": "2020-06-30", "status": "done"},
            {
                "title": "Rédaction du guide de continuité numérique",
                "due_date": "2020-09-15",
                "status": "done",
            },
            {
                "title": "Exercices de simulation dans trois collectivités",
                "due_date": "2020-10-20",
                "status": "done",
            },
            {"title": "Publication du guide", "due_date": "2020-10-29", "status": "done"},
        ],
        "members": [
            {
                "person": "laurent.bouvier@numerique-armor.example.org",
                "organisation": "syndicat-numerique-armor",
                "role": "lead",
            },
            {
                "person": "romain.esteve@institut-resilience.example.org",
                "organisation": "institut-resilience",
                "role": "member",
            },
            {
                "person": "melanie.garnier@cevennes-vallees.example.org",
                "organisation": "cc-cevennes-vallees",
                "role": "member",
            },
            {
                "person": "gwenaelle.tanguy@mediation-bretagne.example.org",
                "organisation": "reseau-mediation-bretagne",
                "role": "member",
            },
            {
                "person": "chloe.nguyen@lefilnumerique.example.org",
                "organisation": "le-fil-numerique",
                "role": "observer",
            },
        ],
    },
    {
        "slug": "cartographie-dependances-numeriques",
        "programme": "numerique-tous-risques",
        "title": "Cartographier les dépendances numériques des services essentiels",
        "summary": (
            "Chercheurs, syndicat informatique, ingénieurs et start-up proposent de cartographier ce "
            "dont dépendent réellement les services essentiels d'un territoire, pour anticiper les "
            "défaillances."
        ),
        "status": "idea",
        "published": True,
        "diagnostic": (
            "Les services essentiels d'un territoire — eau, secours, santé, état civil, versement "
            "des aides — reposent sur des chaînes de dépendances numériques que personne ne connaît "
            "en entier : opérateurs de réseaux, hébergeurs, éditeurs de logiciels, services de "
            "géolocalisation, composants importés. Une défaillance sur un maillon peut se propager "
            "bien au-delà de ce que prévoient les plans de continuité.\n\n"
            "La coalition sur la continuité des services numériques locaux l'a montré : les "
            "collectivités découvrent souvent ces dépendances au moment de la crise. L'idée est de "
            "proposer une méthode simple pour les rendre visibles avant."
        ),
        "swot": None,
        "impact_statement": (
            "D'ici fin 2022, une méthode ouverte de cartographie des dépendances numériques est "
            "testée sur les services essentiels de trois territoires, et chacun en a tiré au moins "
            "cinq mesures de réduction des risques."
        ),
        "target_date": "2022-12-31",
        "levers": (
            "- Une méthode de cartographie légère, utilisable par une collectivité sans expertise "
            "pointue\n"
            "- Des exercices sur des scénarios de crise : panne de réseau, défaillance d'un "
            "fournisseur, cyberattaque\n"
            "- Des recommandations pour les plans de continuité et les cahiers des charges\n"
            "- Un partage anonymisé des dépendances critiques les plus fréquentes"
        ),
        "seeking": (
            "Nous cherchons un territoire pilote, un opérateur de réseaux prêt à partager son "
            "expérience et des spécialistes de la cybersécurité."
        ),
        "evaluation": (
            "Nombre de territoires ayant réalisé la cartographie, dépendances critiques identifiées, "
            "mesures engagées pour les réduire, résultats des exercices de crise avant et après."
        ),
        "members_notes": (
            "Idée issue de l'atelier de l'expédition du 22 octobre. Premier échange en janvier pour "
            "préciser le périmètre : faut-il commencer par un seul service, l'eau par exemple ? "
            "Romain propose de s'appuyer sur les retours d'expérience du service de secours des "
            "Alpes du Nord."
        ),
        "milestones": [
            {"title": "Réunion de cadrage", "due_date": "2021-01-21", "status": "planned"},
            {
                "title": "Méthode de cartographie, version d'essai",
                "due_date": "2021-06-30",
                "status": "planned",
            },
            {
                "title": "Test sur un premier territoire",
                "due_date": "2021-11-30",
                "status": "planned",
            },
        ],
        "members": [
            {
                "person": "romain.esteve@institut-resilience.example.org",
                "organisation": "institut-resilience",
                "role": "lead",
            },
            {
                "person": "laurent.bouvier@numerique-armor.example.org",
                "organisation": "syndicat-numerique-armor",
                "role": "member",
            },
            {"person": "elodie.vasseur@cea.example.org", "organisation": "cea", "role": "member"},
            {
                "person": "maxime.girard@neree-analytics.example.org",
                "organisation": "neree-analytics",
                "role": "member",
            },
        ],
    },
]

# ---------------------------------------------------------------------------
# Pending join requests
# ---------------------------------------------------------------------------

JOIN_REQUESTS: list[dict] = [
    {
        "coalition": "commande-publique-responsable",
        "person": "membre@alliage.example.org",
        "organisation": "sobrio",
        "message": (
            "Sobrio répond régulièrement à des marchés publics qui comportent des clauses "
            "d'écoconception : nous aimerions apporter ce regard de titulaire et aider à vérifier "
            "que les critères sont tenables pour les fournisseurs."
        ),
    },
    {
        "coalition": "rudi-donnees-rennes",
        "person": "pierre.aubert@courriel.example.org",
        "organisation": None,
        "message": (
            "Habitant de Rennes et habitué des cartoparties, je voudrais participer aux ateliers "
            "d'habitants et tester la version bêta du portail."
        ),
    },
    {
        "coalition": "accelerateur-des-possibles-occitanie",
        "person": "maxime.girard@neree-analytics.example.org",
        "organisation": "neree-analytics",
        "message": (
            "Nérée Analytics aimerait rejoindre l'accélérateur comme mentor sur l'IA frugale, et "
            "confronter au passage son propre modèle à la grille Facteur 4."
        ),
    },
]


# The membership tiers (adhésions). The amounts are the demo's: the seed document names the
# members' programme (breakfasts twice a month, the "nos futurs" day around the general
# assembly, custom interventions for large members) but not the fees.
TIERS = [
    {
        "code": "individual",
        "name": "Individuel",
        "yearly_amount": "50.00",
        "holder": "person",
        "votes": 1,
        "interventions": 0,
        "benefits": "Les petits-déjeuners adhérents (sur place ou en webcast), la journée "
        "« nos futurs » et une voix à l'assemblée générale.",
    },
    {
        "code": "small",
        "name": "Association ou petite structure",
        "yearly_amount": "300.00",
        "holder": "organisation",
        "votes": 1,
        "interventions": 0,
        "benefits": "Les petits-déjeuners adhérents pour toute l'équipe, la journée "
        "« nos futurs » et une voix à l'assemblée générale.",
    },
    {
        "code": "large",
        "name": "Grande organisation",
        "yearly_amount": "3000.00",
        "holder": "organisation",
        "votes": 2,
        "interventions": 2,
        "benefits": "Tout ce qu'offre l'adhésion, plus deux interventions sur mesure par an : "
        "deux événements « brainstorm » sur une thématique qui vous tient à cœur.",
    },
    {
        "code": "partner",
        "name": "Partenaire",
        "yearly_amount": "10000.00",
        "holder": "organisation",
        "votes": 3,
        "interventions": 2,
        "benefits": "Le soutien d'un programme, deux interventions sur mesure par an et votre "
        "nom parmi les partenaires.",
    },
]
