"""Write ``src/paperasse/auth/french_words.txt``, the French words the password
estimator knows beside zxcvbn's English lists, most guessable first.

Order: words people build passwords on (hand-written below), the town's own
vocabulary, first names, towns, departments and regions, then Faker's list of
about 1,500 common French words (``faker`` is in the ``[training]`` extra).
Each word is also listed without its accents, as people type them.
Run: ``.venv/bin/python tools/make_french_words.py``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from faker.providers.address.fr_FR import Provider as Address
from faker.providers.lorem.fr_FR import Provider as Lorem
from faker.providers.person.fr_FR import Provider as Person

OUT = Path(__file__).resolve().parent.parent / "src" / "paperasse" / "auth" / "french_words.txt"

# Words French passwords are most often built on (leaked-password studies and common sense).
PASSWORD_WORDS = [
    "motdepasse",
    "azerty",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "azerqsdf",
    "soleil",
    "bonjour",
    "doudou",
    "chouchou",
    "loulou",
    "jetaime",
    "jetaimeplus",
    "amour",
    "chocolat",
    "princesse",
    "coucou",
    "bisous",
    "nounours",
    "minou",
    "chaton",
    "doudoune",
    "poussin",
    "tresor",
    "cheri",
    "cherie",
    "bebe",
    "papa",
    "maman",
    "mamie",
    "papi",
    "famille",
    "maison",
    "vacances",
    "liberte",
    "france",
    "football",
    "olympique",
    "allezlom",
    "psg",
    "marseille",
    "paris",
    "lyon",
    "toulouse",
    "bordeaux",
    "nantes",
    "lille",
    "chelsea",
    "barcelone",
    "madrid",
    "juventus",
    "real",
    "arsenal",
    "pompier",
    "gendarme",
    "police",
    "marine",
    "armee",
    "soldat",
    "dragon",
    "tigre",
    "lion",
    "lapin",
    "chien",
    "chat",
    "cheval",
    "licorne",
    "fleur",
    "rose",
    "etoile",
    "lune",
    "ciel",
    "mer",
    "plage",
    "ocean",
    "montagne",
    "neige",
    "hiver",
    "ete",
    "printemps",
    "automne",
    "noel",
    "paques",
    "dieu",
    "jesus",
    "marie",
    "ange",
    "diable",
    "enfer",
    "paradis",
    "bonheur",
    "chance",
    "victoire",
    "champion",
    "musique",
    "guitare",
    "piano",
    "danse",
    "cinema",
    "manga",
    "pokemon",
    "naruto",
    "zelda",
    "mario",
    "minecraft",
    "fortnite",
    "ordinateur",
    "internet",
    "bonjour1",
    "salut",
    "hello",
    "coucou1",
    "merci",
    "bienvenue",
    "secret",
    "changeme",
    "admin",
    "administrateur",
    "utilisateur",
    "invite",
    "test",
    "essai",
    "demo",
    "motdepasse1",
    "passe",
]

# The town hall's own vocabulary: an attacker tries it first against this service.
TOWN_WORDS = [
    "mairie",
    "commune",
    "hotel",
    "ville",
    "courrier",
    "paperasse",
    "dossier",
    "dossiers",
    "archive",
    "archives",
    "archiviste",
    "agent",
    "agents",
    "citoyen",
    "citoyenne",
    "administrateur",
    "accueil",
    "etat",
    "civil",
    "etatcivil",
    "urbanisme",
    "social",
    "sociale",
    "scolaire",
    "elections",
    "election",
    "technique",
    "services",
    "service",
    "document",
    "documents",
    "registre",
    "conseil",
    "municipal",
    "maire",
    "adjoint",
    "secretariat",
    "prefecture",
    "republique",
    "francaise",
]

TOWNS = [
    "paris",
    "marseille",
    "lyon",
    "toulouse",
    "nice",
    "nantes",
    "montpellier",
    "strasbourg",
    "bordeaux",
    "lille",
    "rennes",
    "reims",
    "toulon",
    "grenoble",
    "dijon",
    "angers",
    "nimes",
    "villeurbanne",
    "clermont",
    "lemans",
    "aix",
    "brest",
    "tours",
    "amiens",
    "limoges",
    "annecy",
    "perpignan",
    "metz",
    "besancon",
    "orleans",
    "rouen",
    "mulhouse",
    "caen",
    "nancy",
    "argenteuil",
    "montreuil",
    "roubaix",
    "tourcoing",
    "avignon",
    "dunkerque",
    "poitiers",
    "versailles",
    "courbevoie",
    "vitry",
    "colombes",
    "pau",
    "aulnay",
    "asnieres",
    "rueil",
    "calais",
    "cannes",
    "antibes",
    "bastia",
    "ajaccio",
    "lorient",
    "quimper",
    "vannes",
    "larochelle",
    "niort",
    "troyes",
    "chartres",
    "bourges",
    "nevers",
]


def plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words() -> list[str]:
    sources: list[str] = [*PASSWORD_WORDS, *TOWN_WORDS]
    sources += list(Person.first_names_female) + list(Person.first_names_male)
    sources += TOWNS
    sources += [name for _, name in Address.departments] + list(Address.regions)
    sources += list(Person.last_names)
    sources += list(Lorem.word_list)
    seen: dict[str, None] = {}
    for source in sources:
        for form in (source.lower(), plain(source.lower())):
            for word in (form, form.replace(" ", "").replace("-", "").replace("'", "")):
                if len(word) >= 3 and word.isalpha():
                    seen.setdefault(word, None)
    return list(seen)


if __name__ == "__main__":
    found = words()
    OUT.write_text("\n".join(found) + "\n", encoding="utf-8")
    print(f"{len(found)} words written to {OUT}")
