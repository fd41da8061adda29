"""Hand-written lexical evidence: marker words and suffix rules of the written standards.

Evidence is a vector of log-weights (nats) over LEX_LANGS. A token adds its weight to every language in
whose standard it is a normal written form, so e.g. "ikke" supports nb and da against nn and sv, while
"etter" supports nb and nn against da ("efter"). Everything here comes from the standards' spelling
rules and grammar, not from any evaluation data.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

LEX_LANGS: tuple[str, ...] = ("nb", "nn", "da", "sv", "en")
_IDX = {lang: i for i, lang in enumerate(LEX_LANGS)}
DEFAULT_WEIGHT = 2.0

# One token = one run of letters. Digits, underscores and apostrophes split tokens, so "don't" -> don, t.
_TOKEN_RE = re.compile(r"[^\W\d_]+")
# Proper nouns that are themselves spelling markers (Noreg is the Nynorsk name of the country).
_KEEP_CAPITALISED = frozenset({"noreg", "noregs", "norge", "norges"})

# Suffix rules: (ending, languages, weight, minimum word length). First matching ending wins, so the
# longer, more specific endings come first. Only applied to words that are not in the lexicon.
_SUFFIX_RULES: tuple[tuple[str, tuple[str, ...], float, int], ...] = (
    # -heit is the Nynorsk form of the German-derived -het (Bokmål, Swedish) / -hed (Danish).
    ("heitene", ("nn",), 2.0, 9),
    ("heiter", ("nn",), 2.0, 8),
    ("heita", ("nn",), 2.0, 7),
    ("heit", ("nn",), 2.0, 6),
    ("hetene", ("nb",), 2.0, 8),
    ("heter", ("nb", "sv"), 2.0, 7),  # min length 7 keeps out the verb "heter"
    ("heten", ("nb", "sv"), 2.0, 7),
    ("het", ("nb", "sv"), 2.0, 6),
    ("hederne", ("da",), 2.0, 9),
    ("heden", ("da",), 2.0, 7),
    ("heder", ("da",), 2.0, 7),
    ("hed", ("da",), 1.5, 6),
    # Nynorsk writes the adjective suffix -leg (-lege, -legt, -legare, -legast, -legvis) where the other
    # three write -lig. Doctor compounds (tannlege) are handled as exceptions below.
    ("legvis", ("nn",), 2.0, 8),
    ("legare", ("nn",), 2.0, 8),
    ("legast", ("nn",), 2.0, 8),
    ("legaste", ("nn",), 2.0, 9),
    ("legt", ("nn",), 2.0, 6),
    ("lege", ("nn",), 1.5, 7),
    ("leg", ("nn",), 2.0, 5),
    ("ligvis", ("nb", "da"), 2.0, 8),
    ("ligere", ("nb", "da"), 2.0, 8),
    ("ligste", ("nb", "da"), 2.0, 8),  # Swedish -ligaste
    ("ligst", ("nb", "da"), 2.0, 7),  # Swedish -ligast
    ("ligt", ("da", "sv"), 1.5, 6),  # Bokmål/Nynorsk drop the neuter -t after -lig/-leg
    ("lige", ("nb", "da"), 2.0, 6),  # Swedish -liga
    ("lig", ("nb", "da", "sv"), 2.0, 5),
    # -leik (kjærleik) is the Nynorsk counterpart of Bokmål -lighet.
    ("leiken", ("nn",), 1.5, 8),
    ("leik", ("nn",), 1.5, 6),
    # Norwegian (both standards) write -sjon for the Danish/Swedish/English -tion.
    ("sjonane", ("nn",), 2.0, 9),
    ("sjonar", ("nn",), 2.0, 8),
    ("sjonene", ("nb",), 1.5, 9),
    ("sjoner", ("nb",), 1.5, 8),
    ("sjonen", ("nb", "nn"), 1.5, 8),
    ("sjon", ("nb", "nn"), 1.5, 6),
    ("tionerne", ("da",), 2.0, 10),
    ("tions", ("en",), 2.0, 7),
    ("tion", ("da", "sv", "en"), 1.5, 6),
    # Verbal nouns in -ing are feminine in Nynorsk (regjeringa, plural -ingar, -ingane) but masculine
    # in standard Bokmål prose (regjeringen, plural -inger, -ingene).
    ("ingane", ("nn",), 2.0, 8),
    ("ingar", ("nn", "sv"), 2.0, 7),
    ("inga", ("nn",), 1.0, 6),
    ("ingene", ("nb", "da"), 1.5, 8),
    ("inger", ("nb", "da"), 1.5, 7),
    ("ingen", ("nb", "da", "sv"), 1.0, 8),  # length 8 keeps out tingen, ringen, svingen
    # Nynorsk masculine plurals -ar/-ane and class-1 weak verb presents -ar (kastar, snakkar); Bokmål
    # has -er/-ene. Swedish shares the -ar plural. Loanwords in -ar are listed as exceptions.
    ("ane", ("nn",), 1.5, 6),
    ("ar", ("nn", "sv"), 1.0, 5),
    # Nynorsk passive and superlative -ast (brukast, finast); Bokmål -es / -est. Swedish shares -ast.
    ("ast", ("nn", "sv"), 1.5, 6),
    # Nynorsk present participle -ande (komande); Bokmål -ende. Swedish shares -ande.
    ("ande", ("nn", "sv"), 1.5, 7),
    # Nynorsk keeps kj/gj before a front vowel inside words (tenkje, følgje, byggje, søkjer).
    ("kjast", ("nn",), 1.5, 7),
    ("gjast", ("nn",), 1.5, 7),
    ("kjer", ("nn",), 1.5, 6),
    ("gjer", ("nn",), 1.5, 6),
    ("kje", ("nn",), 1.5, 5),
    ("gje", ("nn",), 1.5, 5),
    # Genitive -s on a definite noun (dommerens, landets, partienes) is ordinary Bokmål (and Danish,
    # Swedish); Nynorsk keeps the s-genitive for names and fixed phrases and otherwise rewrites it.
    ("enes", ("nb", "da"), 1.0, 7),
    ("ens", ("nb", "da", "sv"), 1.0, 6),
    ("ets", ("nb", "da", "sv"), 1.0, 6),
    # Participles of strong verbs: Nynorsk -teken/-tekne (oppteken), -gjeven against Bokmål -tatt,
    # -funnet, -skrevet; and compound verbs: Bokmål -gjør/-setter/-holder/-kommer/-ligger against
    # Nynorsk -gjer (above), -kjem, -gjev.
    ("tekne", ("nn",), 2.0, 7),
    ("teken", ("nn",), 2.0, 7),
    ("gjeven", ("nn",), 2.0, 8),
    ("gjev", ("nn",), 2.0, 6),
    ("kjem", ("nn",), 2.0, 6),
    ("tatt", ("nb",), 1.5, 6),
    ("funnet", ("nb", "da"), 1.5, 8),
    ("skrevet", ("nb", "da"), 1.5, 9),
    ("gjøre", ("nb",), 2.0, 7),
    ("gjør", ("nb",), 2.0, 6),
    ("setter", ("nb",), 1.5, 8),
    ("holder", ("nb", "da"), 1.5, 8),
    ("holdt", ("nb", "da"), 1.5, 7),
    ("kommer", ("nb", "da", "sv"), 1.5, 8),
    ("ligger", ("nb", "da", "sv"), 1.5, 8),
    # Nynorsk (and Swedish) comparatives in -are (viktigare, finare); Bokmål and Danish -ere.
    ("are", ("nn", "sv"), 1.5, 7),
    # Passive of -ere verbs: Bokmål/Danish -eres (vurderes), Nynorsk -erast, Swedish -eras.
    ("eres", ("nb", "da"), 1.5, 7),
    # Nynorsk replaces the German-derived -else (følelse, hendelse) by -sle/-ing (kjensle, hending).
    ("elsene", ("nb", "da"), 1.0, 9),
    ("elsen", ("nb", "da"), 1.0, 8),
    ("elser", ("nb", "da"), 1.0, 8),
    ("else", ("nb", "da"), 1.0, 7),
    # Danish -skab vs Norwegian/Swedish -skap.
    ("skabet", ("da",), 2.0, 8),
    ("skaber", ("da",), 1.0, 8),
    ("skab", ("da",), 2.0, 6),
)

# Words and word-endings the rules above would misread: loanwords in -ar (kommentar, januar), -bar
# adjectives, doctor compounds in -lege, -ast words that are not passives (kontrast, plast, utkast),
# -ande verbs (blande, lande), -kje/-skjer forms that Bokmål has too (skje, skjer, bikkje), English words.
_SUFFIX_EXCEPTION_ENDINGS: tuple[str, ...] = (
    "bar",
    "svar",
    "klar",
    "par",
    "januar",
    "februar",
    "dollar",
    "kommentar",
    "seminar",
    "radar",
    "hektar",
    "nektar",
    "gitar",
    "sigar",
    "kaviar",
    "jaguar",
    "vikar",
    "polar",
    "singular",
    "plural",
    "modular",
    "molar",
    "altar",
    "inventar",
    "hangar",
    "similar",
    "regular",
    "popular",
    "particular",
    "calendar",
    "grammar",
    "ear",
    "far",
    "ular",
    "avatar",
    "basar",
    "bazar",
    "memoar",
    "pulsar",
    "kvasar",
    "sonar",
    "lunar",
    "cheddar",
    "sugar",
    "cigar",
    "vinegar",
    "collar",
    "pillar",
    "cellar",
    "tannlege",
    "fastlege",
    "overlege",
    "dyrlege",
    "skolelege",
    "huslege",
    "allmennlege",
    "kommunelege",
    "bedriftslege",
    "turnuslege",
    "privatlege",
    "militærlege",
    "kollege",
    "college",
    # English -ed past tenses look like Danish -hed (finished, reached, laughed).
    "shed",
    "ched",
    "thed",
    "ghed",
    "phed",
    # -ast: whole words shorter than 6 letters never reach the rule; these are compounds of kast/last/fast.
    "utkast",
    "innkast",
    "omkast",
    "plast",
    "ballast",
    "overlast",
    "nyttelast",
    "podcast",
    "forecast",
    "broadcast",
    "standfast",
    "stedfast",
    "bofast",
    "breakfast",
    "east",
    "oast",
    "kontrast",
    "contrast",
    "gymnast",
    "iast",
    "lande",
    "strande",
    "helse",
    "statt",
    # -are that is not a comparative: verbs (forsvare, bevare, erfare, avklare) and English words.
    "svare",
    "spare",
    "klare",
    "vare",
    "fare",
    "bare",
    "rare",
    "hare",
    "mare",
    "ware",
    "quare",
    "clare",
    "pare",
    "share",
    "care",
    "skje",
    "skjer",
    "bikkje",
    "humane",
    "urbane",
    "profane",
    "plane",
    "insane",
    "mundane",
    # -ens/-ets that are not genitives: Latin -ens nouns, English plurals in -ets.
    "kvens",
    "stens",
    "gens",
    "lisens",
    "tendens",
    "evidens",
    "residens",
    "audiens",
    "differens",
    "referens",
    "potens",
    "valens",
    "kets",
    "gets",
    "lets",
    "nets",
    "pets",
    "sets",
    "finger",
    "ringer",
    "springer",
    "bringer",
    "tvinger",
    "svinger",
    "klinger",
    "singer",
    "ginger",
    "linger",
)
_SUFFIX_EXCEPTION_WORDS = frozenset({"ande", "vande", "sande", "rast", "tast", "fantast", "bevar"})

_ALL_ENDINGS = tuple(rule[0] for rule in _SUFFIX_RULES)


@cache
def lexicon() -> dict[str, tuple[tuple[int, float], ...]]:
    """Word form -> ((language index, weight), ...), parsed once from lexicon.txt."""
    text = resources.files(__package__).joinpath("lexicon.txt").read_text(encoding="utf-8")
    return parse_lexicon(text)


def parse_lexicon(text: str) -> dict[str, tuple[tuple[int, float], ...]]:
    """Parse the `[langs] w=WEIGHT` sectioned word list; a word listed twice is an authoring error."""
    table: dict[str, tuple[tuple[int, float], ...]] = {}
    current: tuple[tuple[int, float], ...] | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            langs_part, _, rest = line[1:].partition("]")
            weight = float(rest.strip().removeprefix("w=")) if rest.strip() else DEFAULT_WEIGHT
            current = tuple((_IDX[lang], weight) for lang in langs_part.split())
            continue
        if current is None:
            raise ValueError(f"lexicon line {lineno}: words before the first [langs] header")
        for word in line.split():
            if word in table:
                raise ValueError(f"lexicon line {lineno}: {word!r} is listed twice")
            table[word] = current
    return table


def _suffix_table() -> dict[str, tuple[tuple[int, float], ...]]:
    return {end: tuple((_IDX[lang], w) for lang in langs) for end, langs, w, _ in _SUFFIX_RULES}


_SUFFIX_EVIDENCE = _suffix_table()
_SUFFIX_MIN_LEN = {end: min_len for end, _, _, min_len in _SUFFIX_RULES}
_AR_EVIDENCE = _SUFFIX_EVIDENCE["ar"]
_SUFFIX_BY_ENDING = {end: (_SUFFIX_EVIDENCE[end], _SUFFIX_MIN_LEN[end]) for end in _SUFFIX_EVIDENCE}
_ENDING_SIZES = sorted({len(end) for end in _SUFFIX_EVIDENCE}, reverse=True)


def suffix_evidence(word: str) -> tuple[tuple[int, float], ...]:
    """Evidence from the word's ending, or () when no rule applies. `word` is lowercase.

    The longest listed ending decides (so -kjast beats -ast); if the word is shorter than that
    rule's minimum length, no rule applies.
    """
    if word in _SUFFIX_EXCEPTION_WORDS or word.endswith(_SUFFIX_EXCEPTION_ENDINGS):
        return ()
    n = len(word)
    for size in _ENDING_SIZES:
        rule = _SUFFIX_BY_ENDING.get(word[-size:])
        if rule is not None:
            return rule[0] if n >= rule[1] else ()
    return ()


def _compound_heads() -> dict[str, tuple[tuple[int, float], ...]]:
    """Strong Scandinavian lexicon entries of 5+ letters, at half weight, usable as compound heads.

    Norwegian compounds are head-final and written as one word, so "totalforbod" carries the Nynorsk
    spelling of its head "forbod". Weak (w<2) and English entries are left out: English compounds are
    spaced, and a weak form inside a compound (valgseier) proves even less.
    """
    heads = {}
    for word, hits in lexicon().items():
        if len(word) >= 5 and all(w >= DEFAULT_WEIGHT for _, w in hits) and _IDX["en"] not in dict(hits):
            heads[word] = tuple((idx, w * _COMPOUND_FACTOR) for idx, w in hits)
    return heads


_COMPOUND_FACTOR = 0.5
_MIN_COMPOUND = 8  # shortest word split as prefix (3+ letters) + head (5+ letters)


def _is_sentence_start(text: str, pos: int) -> bool:
    """Whether a capitalised token at `pos` opens a sentence (True) or is a proper noun (False)."""
    j = pos - 1
    if j >= 0 and text[j] == "-":
        return j == 0 or text[j - 1].isspace()  # "Nord-Korea" is a name; "- Nei" opens a line of dialogue
    while j >= 0 and text[j] == " ":
        j -= 1
    if j < 0:
        return True
    prev = text[j]
    return not (prev.isalpha() or prev == ",")


def evidence(text: str) -> tuple[list[float], int]:
    """Summed marker, suffix and compound-head weights per LEX_LANGS language, and the token count.

    Capitalised words inside a sentence are proper nouns (Norwegian, Danish and Swedish capitalise
    nothing else) and are skipped; their endings (Gunnar, Einar) must not vote. A capitalised word
    that opens a sentence is only looked up in the lexicon, since it may still be a name.
    """
    if text.isupper():
        text = text.lower()
    totals = [0.0] * len(LEX_LANGS)
    table = lexicon()
    heads = _HEADS or _load_heads()
    tokens = _TOKEN_RE.findall(text)
    cursor = 0
    prev = ""
    for word in tokens:
        if prev in _BIGRAM_CONTEXT:
            hits = _bigram_evidence(prev, word)
            for idx, weight in hits:
                totals[idx] += weight
        prev = word
        if not word.islower():
            pos = text.find(word, cursor)
            cursor = pos + len(word)
            lower = word.lower()
            if lower in _KEEP_CAPITALISED:
                hits = table[lower]
            elif not word.isupper() and _is_sentence_start(text, pos):
                # A sentence-initial word may be a name; names in -ar (Gunnar, Einar) are common, so the
                # -ar rule is not applied here, the others (-leg, -heit, compounds) are.
                hits = table.get(lower) or _unlisted_evidence(lower, heads)
                if hits is _AR_EVIDENCE:
                    continue
            else:
                continue
        else:
            hits = table.get(word)
            if hits is None:
                if len(word) < 5:
                    continue
                hits = _unlisted_evidence(word, heads)
        for idx, weight in hits:
            totals[idx] += weight
    return totals, len(tokens)


def _unlisted_evidence(word: str, heads: dict[str, tuple[tuple[int, float], ...]]) -> tuple:
    """Evidence for a lowercase word missing from the lexicon: its compound head, else its ending.

    Memoised: word frequencies are Zipfian, so most calls in a real corpus are repeats.
    """
    hits = _UNLISTED_CACHE.get(word)
    if hits is None:
        hits = _compute_unlisted(word, heads)
        if len(_UNLISTED_CACHE) >= _CACHE_LIMIT:
            _UNLISTED_CACHE.clear()
        _UNLISTED_CACHE[word] = hits
    return hits


def _compute_unlisted(word: str, heads: dict[str, tuple[tuple[int, float], ...]]) -> tuple:
    n = len(word)
    if n >= _MIN_COMPOUND:
        for cut in range(3, n - 4):
            head = heads.get(word[cut:])
            if head is not None:
                return head
    if n >= 5 and word.endswith(_ALL_ENDINGS):
        return suffix_evidence(word)
    return ()


_UNLISTED_CACHE: dict[str, tuple] = {}
_CACHE_LIMIT = 200_000


# Two-word rules from the verb systems. Bokmål infinitives always end in -e (or are monosyllables such
# as ha, ta, dra, la), so "å" + a word in -a of 4+ letters is the Nynorsk a-infinitive (å vera, å kasta).
# Bokmål weak verbs take -et in the participle (har kastet, ble kastet); Nynorsk a-verbs take -a.
_PERFECT_AUX = frozenset({"har", "hadde", "ble", "blitt"})
_BIGRAM_CONTEXT = _PERFECT_AUX | {"å"}
_A_INFINITIVE = ((_IDX["nn"], 2.0),)
_ET_PARTICIPLE = ((_IDX["nb"], 1.0), (_IDX["da"], 1.0))


def _bigram_evidence(prev: str, word: str) -> tuple[tuple[int, float], ...]:
    if prev == "å":
        return _A_INFINITIVE if len(word) >= 4 and word.endswith("a") else ()
    return _ET_PARTICIPLE if len(word) >= 5 and word.endswith("et") else ()


_HEADS: dict[str, tuple[tuple[int, float], ...]] = {}


def _load_heads() -> dict[str, tuple[tuple[int, float], ...]]:
    _HEADS.update(_compound_heads())
    return _HEADS
