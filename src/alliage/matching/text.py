"""Text analysis for French and English, shared by indexing and querying.

The rule: a word is lower-cased, its elided article dropped (l', d', qu'…), its accents folded
(é→e, œ→oe, ç→c), then stemmed with Snowball in the text's language. Folding comes *before*
stemming so that a word typed without accents meets its accented form: "énergie" and "energie"
both give "energ", "données" and "donnees" both give "donne". Stop words of both languages are
dropped, so are pure numbers and one-letter tokens. The surface form (lower-cased, accents kept)
travels with each stem so that explanations can quote real words.

Character n-grams of the stems (3 to 5 letters, padded with a space at both ends so that they
stay within word boundaries) feed the typo-tolerant signal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from alliage.core.text import fold

LANGUAGES = {"fr": "french", "en": "english"}
DEFAULT_LANGUAGE = "fr"
TAG_WEIGHT = 2
NGRAM_SIZES = (3, 4, 5)

# Folded forms (no accents). Kept short on purpose: only words that carry no topic, and the
# pieces left by elisions and contractions (l', qu', lorsqu', it's, don't).
# fmt: off
FRENCH_STOP_WORDS = frozenset((
    "a", "afin", "ai", "aie", "ainsi", "alors", "apres", "au", "aucun", "aujourd", "aupres",
    "aussi", "autre", "autres", "aux", "avaient", "avais", "avait", "avant", "avec", "avez",
    "avions", "avoir", "avons", "ayant", "bien", "c", "ca", "car", "ce", "ceci", "cela",
    "celle", "celles", "celui", "cependant", "ces", "cet", "cette", "ceux", "chacun", "chaque",
    "chez", "ci", "comme", "comment", "d", "dans", "de", "deja", "depuis", "des", "donc",
    "dont", "du", "elle", "elles", "en", "encore", "entre", "es", "est", "et", "etaient",
    "etais", "etait", "etant", "ete", "etes", "etre", "eu", "eux", "faire", "fait", "faut",
    "font", "hui", "ici", "il", "ils", "j", "je", "jusqu", "l", "la", "le", "les", "leur",
    "leurs", "lors", "lorsqu", "lui", "m", "ma", "mais", "me", "meme", "memes", "mes", "moi",
    "moins", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "par", "parce",
    "pas", "pendant", "peu", "peut", "peuvent", "plus", "plusieurs", "pour", "pourquoi",
    "presqu", "puisqu", "qu", "quand", "que", "quel", "quelle", "quelles", "quelqu", "quels",
    "qui", "quoi", "quoiqu", "s", "sa", "sans", "se", "selon", "sera", "serait", "ses", "si",
    "sinon", "soi", "soit", "son", "sont", "sous", "suis", "sur", "t", "ta", "tant", "te",
    "tel", "telle", "tes", "toi", "ton", "tous", "tout", "toute", "toutes", "tres", "tu", "un",
    "une", "unes", "uns", "vers", "via", "voici", "voila", "vos", "votre", "vous", "y",
))
ENGLISH_STOP_WORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "aren", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "ca", "can", "cannot", "could", "couldn", "d", "did", "didn", "do",
    "does", "doesn", "doing", "don", "down", "during", "each", "either", "etc", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "i", "if", "in", "into", "is", "isn", "it", "its", "itself",
    "just", "ll", "m", "may", "me", "might", "more", "most", "must", "my", "myself", "no",
    "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "re", "s", "same", "shall", "she", "should", "so",
    "some", "such", "t", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "us", "ve", "very", "was", "wasn", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "wo", "won", "would", "you", "your", "yours",
    "yourself", "yourselves",
))
# fmt: on
STOP_WORDS = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS
# Words that tell one language from the other (those common to both lists prove nothing).
_FRENCH_ONLY = FRENCH_STOP_WORDS - ENGLISH_STOP_WORDS
_ENGLISH_ONLY = ENGLISH_STOP_WORDS - FRENCH_STOP_WORDS

# Elided articles and pronouns (l'empreinte, qu'il) and English contractions (it's, don't)
# split at the apostrophe into pieces that are all stop words, so a plain word pattern will do.
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-cased words, accents kept; apostrophes and hyphens split words."""
    return _WORD.findall(text.lower())


def guess_language(text: str) -> str:
    """The text's language, "fr" or "en", by counting the stop words proper to each; French
    when in doubt, since most of the programme's texts are French."""
    counts = Counter(fold(w) for w in words(text))
    french = sum(n for w, n in counts.items() if w in _FRENCH_ONLY)
    english = sum(n for w, n in counts.items() if w in _ENGLISH_ONLY)
    return "en" if english > french else DEFAULT_LANGUAGE


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(LANGUAGES.get(lang, LANGUAGES[DEFAULT_LANGUAGE]))


# word → (stem, surface), or () for a word that is dropped; one cache per language.
_CACHE: dict[str, dict[str, tuple[str, str] | tuple[()]]] = {lang: {} for lang in LANGUAGES}
_CACHE_LIMIT = 500_000


def _analyse_word(word: str, lang: str) -> tuple[str, str] | tuple[()]:
    """(stem, surface) of one word, or () for a stop word, a number or a single letter."""
    folded = fold(word)
    if len(folded) < 2 or folded in STOP_WORDS or folded.isdigit():
        return ()
    return (_stemmer(lang).stemWord(folded), word)


def tokens(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    """(stem, surface) pairs of a text, in order, stop words removed."""
    lang = lang if lang in LANGUAGES else guess_language(text)
    cache = _CACHE[lang]
    found = words(text)
    analysed = list(map(cache.get, found))
    if None in analysed:
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        for i, result in enumerate(analysed):
            if result is None:
                analysed[i] = cache[found[i]] = _analyse_word(found[i], lang)
    return [pair for pair in analysed if pair]  # type: ignore[misc]


def stems(text: str, lang: str | None = None) -> list[str]:
    """The stems of a text, in order: what BM25 counts."""
    return [s for s, _ in tokens(text, lang)]


def char_ngrams(term: str, sizes: Iterable[int] = NGRAM_SIZES) -> list[str]:
    """Character n-grams of one term padded with spaces: "energ" → " en", "ene", …, "rg "."""
    padded = f" {term} "
    return [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]


def tag_key(tag: str) -> str:
    """How two tags are compared: folded, inner spaces collapsed."""
    return " ".join(fold(tag).split())


@dataclass
class Bag:
    """A document or a query as a weighted bag of stems.

    Text words weigh 1 each; tags weigh ``TAG_WEIGHT`` each by default, so that a declared
    tag counts as if its words were written twice. Integer weights keep the bag expressible
    as a plain token list (``token_list``), which is what rank_bm25 expects.
    """

    lang: str = DEFAULT_LANGUAGE
    weights: Counter[str] = field(default_factory=Counter)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        text: str,
        tags: Iterable[str] = (),
        *,
        lang: str | None = None,
        tag_weight: int = TAG_WEIGHT,
    ) -> Bag:
        """Analyse a text and its tags in one language (given, or guessed from the text)."""
        bag = cls(lang=lang if lang in LANGUAGES else guess_language(text))
        bag.add_text(text)
        bag.add_tags(tags, weight=tag_weight)
        return bag

    def add_text(self, text: str, *, weight: int = 1) -> None:
        """Add the words of a text, each weighing ``weight``; (stem, surface) pairs are kept
        so that the index can tell the most frequent surface form of each stem."""
        pairs = tokens(text, self.lang)
        self.pairs.extend(pairs)
        weights = self.weights
        for stem, _ in pairs:
            weights[stem] = weights.get(stem, 0) + weight

    def add_tags(self, tags: Iterable[str], *, weight: int = TAG_WEIGHT) -> None:
        """Add tags, each of their words weighing ``weight``."""
        tags = list(tags)
        self.tags.extend(tags)
        if tags:
            self.add_text(" ; ".join(tags), weight=weight)

    @property
    def length(self) -> int:
        return sum(self.weights.values())

    def token_list(self) -> list[str]:
        """The bag as a token list, each stem repeated by its weight."""
        return [stem for stem, n in self.weights.items() for _ in range(int(n))]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(self.weights.items())
