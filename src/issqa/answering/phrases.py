"""Noun phrases of a question: what it is about, and what a follow-up may point back at.

A phrase is found by small rules: an optional determiner, then words that are neither function
words nor verbs, possessives included ("the european lab columbus", "ESA's cargo ship", "the
crack in Zvezda's transfer tunnel"). The phrases are ranked by where they stand: the phrase the
question asks about ("what is X", "how long is X", "when did X go up", "is X ...") first, then
the phrase after "what" or "how many" ("what spacesuit ...", "how many windows ..."), then the
others in order. "You" is never a subject, and "the station" comes last: every question here is
about it. A phrase knows which pronouns agree with it (a thing takes "it"; a plural, a crew or
a kind "they"; a person "he") and how to be written in a pronoun's place.

Rules, not a model, pinned by the tests of ``followup.py``, this module's one reader (its
names are private to the answering package). Tokens and phrases are cached: every request of
a chat repeats the thread's earlier questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from ..tagging import looks_like_person

__all__ = ["ASKER", "COUNTRY_WORDS", "EVER_ASKED", "GO_OUTSIDE", "NATIONALITIES", "own_words",
           "word_groups"]

# Who is asking, before the question itself: "my son asks whats the coldest place ...", "my
# class wants to know how ...".
ASKER = (r"(?:(?:my|our)\s+(?:little\s+)?(?:son|daughter|kids?|child|children|class|students?|"
         r"grandson|granddaughter|nephew|niece|brother|sister|friend|mum|mom|dad)"
         # The asker named before, in a thread: "he asked how hot the water is".
         r"|he|she|they)"
         # "my daughter (7)", "my son, 6,", "my son (age 5)", "my daughter is 6 and she"
         r"(?:\s*\((?:age\s*|aged\s*)?\d+\)|\s*,\s*(?:age\s*|aged\s*)?\d+\s*,"
         r"|\s+is\s+\d+\s*(?:years?\s+old\s*)?,?\s+and\s+(?:she|he))?\s+(?:asks|asked|"
         r"keeps asking|kept asking|is always asking|always asks|wants to know|wanted to know|"
         r"wonders|is wondering|was wondering|would like to know)"
         r"(?:\s+me)?\s*[,:-]?\s*(?=(?:what|whats|what's|when|where|who|why|how|which|do|does|did|is|"
         r"are|can|could|will|would|if|whether)\b)")


# Going outside, which the pages call a spacewalk: "do you ever go outside?", "time spent
# outside".
GO_OUTSIDE = re.compile(r"\b(?:go|goes|going|went|gone|step|steps|stepping|stepped)\s+"
                        r"out(?:side)?\b|\b(?:work(?:s|ing|ed)?|spen[dt]s?|spending|time)\s+"
                        r"outside\b", re.I)
# Whether something ever happened: "has there ever been a fire on the station?", "has anything
# ever hit it?", "did that ever happen?".
EVER_ASKED = re.compile(r"^\s*(?:has|have|had|did|was|were)\b.*\bever\b|\b(?:has|have)\s+there\s+"
                        r"(?:ever\s+)?been\b|\bwas\s+there\s+ever\b|\bever\s+(?:happened|happen)\b",
                        re.I)


# Words a follow-up or an earlier part carries in parentheses: the thread's, not the question's.
_CARRIED_WORDS = re.compile(r"\([^)]*\)")


def own_words(text: str) -> str:
    """``text`` without the words carried in parentheses ("... up? (country paid)")."""
    return _CARRIED_WORDS.sub(" ", text)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def word_groups(table: str) -> dict[str, tuple[str, ...]]:
    """Each word of a table of synonyms (one group a line) -> its whole group."""
    return {word: group for group in (tuple(line.split()) for line in table.strip().splitlines())
            for word in group}


# A country and the words for its people, each naming the other: "a korean astronaut" is
# searched with Korea too ("South Korea's first visitor was Yi So-yeon"), and an answer
# naming the Danes names Denmark.
COUNTRY_WORDS = word_groups("""
    belgium belgian
    brazil brazilian
    britain british briton brit brits uk
    china chinese
    denmark dane danish
    france french
    germany german
    hungary hungarian
    india indian
    israel israeli
    italy italian
    kazakhstan kazakh
    korea korean
    malaysia malaysian
    netherlands dutch
    norway norwegian
    poland polish
    saudi arabia arabian
    spain spanish spaniard
    sweden swede swedish
    switzerland swiss
    turkey turkish
    emirates emirati uae""")
# Words for people of a country or partner, which a follow-up naming another does not carry
# ("and the first european?" after "who was our first canadian astronaut?").
NATIONALITIES = frozenset(COUNTRY_WORDS) | _words(
    "american americans russian russians european europeans canadian canadians japanese "
    "us usa america russia europe canada japan")


_WH = _words("what when where who whom whose why how which whats what's whos who's hows how's "
             "how'd where's wheres when's whatever whenever")
_COPULA = _words("is are was were 's isnt isn't arent aren't wasnt wasn't werent weren't")
_AUX = _COPULA | _words(
    "do does did can could will would shall should may might must has have had dont don't "
    "doesnt doesn't didnt didn't cant can't couldnt couldn't wont won't wouldnt wouldn't")
# "how <word>" asks for a quantity or manner; the word belongs to the question, not a phrase.
_HOW_WORDS = _words(
    "many much big large long far fast high heavy old often tall wide bad hot cold quickly "
    "deep low loud strong small frequently soon close early late safe dangerous bright dark "
    "easy hard expensive cheap visible noisy quiet clean dirty thin cool warm risky")
# Words that rank or date a thing rather than say what kind it is ("the last module").
_RANKING = _words("first second third last next new old main only other same different "
                  "whole entire own current original early earliest latest recent")
_DETERMINERS = _words("the a an this that these those each every any some all both another "
                      "its their his her our my your which what whose no")
_OWNERS = _words("its their his her our my your")
_PREPOSITIONS = _words(
    "in on at of for to from with by about into onto out up down off over under after before "
    "during around through inside outside aboard near since until till between without "
    "against per via like than as across along behind beyond within upon towards toward")
_PRONOUNS = {
    **dict.fromkeys(("it", "itself"), "it"), "its": "its", "it's": "it's",
    **dict.fromkeys(("they", "them", "themselves"), "they"), "their": "their",
    "theirs": "their",
    **dict.fromkeys(("he", "him", "himself", "she", "herself"), "he"),
    **dict.fromkeys(("his", "hers"), "his"), "her": "her",
}
# Words that never belong to a noun phrase: function words, pronouns, chat, adverbs.
_FUNCTION = (frozenset(w for w in (
    "a about above after again against all am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each few for "
    "from further had has have having he her here hers herself him himself his how i if in "
    "into is it its itself just me more most my myself no nor not now of off on once only or "
    "other our ours ourselves out over own same she should so some such than that the their "
    "theirs them themselves then there these they this those through to too under until up "
    "very was we were what when where which while who whom why will with would you your yours "
    "yourself yourselves").split()) | _WH | _AUX | _PREPOSITIONS | _words(
    "vs versus "  # "mir vs the iss": two things compared, not one
    "it's that's there's here's also really actually ever never still already even yet just "
    "they're they've they'd they'll we're we've you're you've i'm i've i'd i'll he's she's soon "
    "instead "
    "again finally usually currently today tonight home early late ago back away together "
    "altogether around inside outside aboard please tell know wonder whatever else anyway "
    "exactly approximately roughly ok okay hey hi oh um uh hmm well one ones someone anyone "
    "everyone something anything everything guys folks y'all yall u ur pls plz thanks "
    "thank gonna wanna kinda sorta lot lots bit right wrong true false ago anymore many much "
    "loads heaps tons handful bunch "
    "haywire awry amiss "
    # "what happens if it's serious?": how things stand, not a thing
    "serious urgent worse "
    "almost nearly barely hardly sometimes often always far supposedly reportedly "
    # "how much longer is the station going to be up there": no thing called "longer"
    "longer further farther sooner "
    # Chat words: "lol so what did they name after him" names nothing called "lol".
    "lol lmao haha omg btw tho idk ngl tbh wait random im ive"))
# Common verbs (base forms); their inflections are generated below. A verb ends a noun phrase
# ("when did the Destiny lab go up" -> "the Destiny lab").
_VERB_BASES = (
    "go get come fly launch dock undock carry cost weigh start begin end do make build use have "
    "mean land leave arrive return work run live sleep eat drink say call take see spin spend "
    "pay happen install replace sign join stay last look know need want think tell send bring "
    "move hold keep put give find show help try turn leak break fix repair count wear "
    "attach let lose orbit travel reach retire deorbit die crash burn "
    "create design operate control cool produce generate provide supply support host include "
    "contain measure study test train walk visit survive grow cause choose select name become "
    "begin bring catch cut draw drive fall feel fight hear hit hurt lead learn lie light meet "
    "read ride ring rise sell set shoot shut sing sink sit speak stand steal stick strike swim "
    "teach throw understand wake win write remove add open close connect power float "
    "wash cook breathe exercise capture berth relocate jettison decommission "
    "abandon cancel approve fund own manage record detect observe photograph track appear "
    "stop keep allow plan decide expect last serve protect shield block die kill save rescue "
    "evacuate escape return re-enter reenter enter exit practise practice rehearse prepare "
    "learn clean shower dodge avoid spot talk watch splash rid haul lift deliver steer rotate "
    "push pull poop poo pee fit overtake outweigh outgrow stink smell taste")
_IRREGULAR = _words(
    "went gone got gotten came flew flown did done made built meant left ran said took taken "
    "saw seen spent paid kept put gave given found brought lost became begun began caught "
    "drew drawn drove driven fell fallen felt fought heard led learnt lay met read rode rang "
    "rung rose risen sold shot shut sang sung sank sunk sat spoke spoken stood stole stolen "
    "struck swam taught threw thrown understood woke woken won wrote written chose chosen "
    "grew grown broke broken wore worn knew known thought told sent held hit hurt set cut "
    "ate eaten drank drunk slept bought fed fled dug hung slid spun stuck cost "
    "let is are was were be been being has have had does")


def _inflections(base: str) -> set[str]:
    forms = {base, base + "s", base + "ed", base + "ing", base + "d"}
    if base.endswith(("s", "sh", "ch", "x", "o")):
        forms.add(base + "es")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if base.endswith("e"):
        forms |= {base[:-1] + "ing", base + "d"}
    if len(base) <= 4 and base[-1] not in "aeiouwy" and base[-2:-1] in "aeiou":
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # "stopped", "spinning"
    return forms


_VERBS = frozenset(f for base in _VERB_BASES.split() for f in _inflections(base)) | _IRREGULAR
# -ing and -ed words that are nouns or adjectives, not verbs.
_NOT_VERBS = _words(
    "thing things ring rings wing wings king ceiling building buildings spring string morning "
    "evening ping speed need seed bed feed shed red hundred sled bled led")
# Words naming the site itself, and the people asking: never what a follow-up points back at.
_GENERIC = _words("station stations space iss international earth orbit nasa you guys folks "
                  "we us i people everyone")
_PERSON_NOUNS = _words(
    "astronaut astronauts cosmonaut cosmonauts taikonaut tourist tourists commander commanders "
    "pilot pilots engineer engineers scientist scientists woman women man men person people "
    "member members crewmate crewmates spaceflight participant participants doctor doctors "
    "teacher teachers student students girl boy girls boys guy director administrator "
    "flyer flyers visitor visitors founder winner controller controllers husband wife "
    "brother sister son daughter father mother child children kid kids twin ppl boss bosses "
    "billionaire billionaires millionaire millionaires businessman businesswoman")
# Groups of people, which take "they"; organisations, which take "it" or "they".
_CREW_NOUNS = _words("crew crews expedition expeditions team teams couple pair family partners "
                     "crewmates")
_ORGANISATION_NOUNS = _words("mission missions agency agencies company companies program "
                             "programme programs partner nasa esa jaxa roscosmos")

_TOKEN = re.compile(r"[A-Za-z0-9][\w'-]*")
_OPENERS = _words("and so but also ok okay hey hi well then oh um uh hmm plus")


class _Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int
    capital: bool  # written with a capital letter, not at the start of the question


@dataclass(frozen=True)
class _Phrase:
    """A noun phrase of a question: its words as written and its determiner."""

    text: str          # as written, determiner included ("the Destiny lab")
    body: str          # without the determiner ("Destiny lab")
    determiner: str    # "", "the", "a", "what", "their", ...
    head: str          # the main noun as written ("lab"; "leak" in "the leak in Zvezda")
    name: bool         # has a capitalised or coded word ("Zarya", "Crew-9")
    generic: bool      # names the whole site ("the station", "the ISS")
    number: str = ""   # "sg" or "pl" when the question's verb says so ("what was Poisk")
    span: tuple[int, int] = field(default=(0, 0), compare=False)  # where it stands

    @property
    def plural(self) -> bool:
        """Whether the phrase reads as plural: "the radiators", "solar array wings"."""
        if self.number:
            return self.number == "pl"
        head = self.head
        return head in ("people", "women", "men") or (
            len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is"))
            and head.islower()) or (head[:1].isupper() and head.endswith("ans"))  # "Russians"

    @property
    def common(self) -> bool:
        """Whether the main noun is a common noun ("contacts"), not a name ("ATV")."""
        return self.head.islower() and self.head.isalpha()

    @property
    def person(self) -> bool:
        """Whether the phrase names a person: "the first commander", "Sunita Williams"."""
        words = self.body.split()
        return self.head.lower() in _PERSON_NOUNS or (
            not self.determiner and 2 <= len(words) <= 3
            and all(w.isalpha() for w in words) and not self.group
            # "first piece" ranks a thing; no name starts so
            and words[0] not in _RANKING
            # "SpaceX Dragon", "spacex dragon" is a capsule
            and looks_like_person(self.body))

    @property
    def crew(self) -> bool:
        """A group of people ("Crew-11", "the Expedition 6 crew"): "they" fits best. "Crew
        Dragon" is a capsule."""
        body = re.sub(r"\bcrew\s+(?:dragon|capsule|vehicle|module|ship)s?\b", "", self.body.lower())
        return any(w in _CREW_NOUNS for w in re.split(r"[\s-]+", body))

    @property
    def organisation(self) -> bool:
        """An agency, company, mission or acronym ("ARISS"): "it" or "they" both fit."""
        return any(w in _ORGANISATION_NOUNS for w in re.split(r"[\s-]+", self.body.lower())) \
            or (self.body.isupper() and len(self.body) > 1)

    @property
    def group(self) -> bool:
        """A crew or an organisation."""
        return self.crew or self.organisation

    def agreement(self, pronoun: str) -> int:
        """How well ``pronoun`` fits this phrase: 2 well, 1 possibly, 0 not."""
        if pronoun in ("it", "its", "it's"):
            if self.plural or self.head.lower() in _PERSON_NOUNS:
                return 0
            return 1 if self.crew or self.person else 2
        if pronoun in ("they", "their"):
            if self.generic and self.head.lower() in ("iss", "station"):
                return 0  # the station is "it": "who were they?" means people
            if self.plural or self.crew:
                return 2
            # "what is a spacewalk?" / "how long do they last?": "they" are spacewalks.
            return 1 if self.organisation or self.person or self.determiner in ("a", "an") \
                else 0
        return 2 if self.person else 0  # he, him, his, she, her

    def definite(self) -> str:
        """The phrase as a definite reference: "a truss" -> "the truss"."""
        if self.determiner in ("a", "an", "what", "which", "some", "any"):
            return f"the {self.body}"
        return self.text

    def kind(self) -> str:
        """The phrase as a kind, for "they" after "what is a spacewalk?" or "its own cargo
        ship": "spacewalks", "cargo ships"."""
        if self.determiner not in ("a", "an", *_OWNERS) or self.plural:
            return self.definite()
        body = self.body
        if body.endswith(("s", "sh", "ch", "x")):
            return body + "es"
        if body.endswith("y") and body[-2:-1] not in "aeiou":
            return body[:-1] + "ies"
        return body + "s"

    def possessive(self) -> str:
        """"the truss" -> "the truss's"; a plural ending in s takes an apostrophe only."""
        text = self.definite()
        if text.endswith(("'s", "s'")):
            return text  # already a possessive: no "X's's"
        return f"{text}'" if text.endswith("s") and self.plural else f"{text}'s"

    def noun(self, kind: bool = False) -> str:
        """The noun that "one" stands for: the main noun, singular ("radiators" -> "radiator");
        with ``kind``, with a noun before it that says which kind ("cargo ship", not "ship":
        the first ship to reach the station was no cargo ship)."""
        noun = _singular(self.head) if self.plural else self.head
        words = self.body.split()
        if kind and len(words) > 1 and words[-1] == self.head:
            modifier = words[-2]
            if modifier.isalpha() and modifier.islower() and \
                    modifier not in _HOW_WORDS | _RANKING and not modifier.endswith("est") and \
                    (_is_noun(modifier) or modifier in _BASES):  # "supply ship", a noun here
                return f"{modifier} {noun}"
            if modifier.isalpha() and modifier[:1].isupper() and modifier[1:].islower() and \
                    modifier.lower() not in _HOW_WORDS | _RANKING:
                # A name says which kind too: "the first one" of "Progress ships" is the
                # first Progress ship, not the first ship of any kind (a shuttle).
                return f"{modifier} {noun}"
        return noun

    def whole(self) -> str:
        """The phrase's words without determiner or owner, singular: "solar array wing"."""
        words = self.body.split()
        if self.owner():
            words = words[1:]
        if self.plural and words and words[-1] == self.head:
            words[-1] = _singular(self.head)
        return " ".join(words) if words else self.noun()

    def owner(self) -> str:
        """A possessive that opens the phrase ("the station's" in "the station's big arm")."""
        words = self.body.split()
        if len(words) < 2 or not words[0].lower().endswith("'s"):
            return ""
        return f"{self.determiner} {words[0]}" if self.determiner else words[0]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[_Token, ...]:
    out = []
    for i, m in enumerate(_TOKEN.finditer(text)):
        word = m.group() if m.group().endswith("s'") else m.group().rstrip("'")
        out.append(_Token(word, word.lower(), m.start(), m.start() + len(word),
                          i > 0 and word[:1].isupper()))
    return tuple(out)


def _is_content(token: _Token) -> bool:
    if token.lower in _PRONOUNS or token.lower == "i":
        return False
    return token.capital or token.lower not in _FUNCTION


def _is_verb(token: _Token) -> bool:
    word = token.lower
    if token.capital or any(ch.isdigit() for ch in word) or word in _NOT_VERBS:
        return False
    return word in _VERBS or (len(word) > 4 and word.endswith(("ed", "ing")))


_BASES = _words(_VERB_BASES)
# A verb's -ing form and its base: "going" -> "go", "showering" -> "shower".
_GERUNDS = {form: base for base in sorted(_BASES) for form in _inflections(base)
            if form.endswith("ing")}


def _bare_noun(before: _Token, token: _Token, following: _Token | None) -> bool:
    """Whether a verb's bare form after a singular noun is a noun ("air leak", "coolant
    leak"): with no auxiliary before it, a singular subject would need "leaks"."""
    return (token.lower in _BASES and token.lower not in _IRREGULAR
            and not before.lower.endswith("s") and not _is_verb(before)
            and (following is None or following.lower in _PREPOSITIONS))


def _participle(token: _Token) -> bool:
    return _is_verb(token) and (token.lower.endswith(("ed", "en", "ing"))
                                or token.lower in _IRREGULAR)


# Verbs followed by a state ("get bored", "feel sick"): never the noun of a compound.
_TAKES_STATE = _words("get gets got getting feel feels felt feeling become becomes became stay "
                      "stays seem seems go goes went keep keeps look looks")


def _phrase_end(tokens: Sequence[_Token], first: int, mode: str) -> int:
    """End (exclusive) of the noun phrase whose first content word is ``tokens[first]``.

    ``mode`` says what may follow: after "is" (``copula``) only a participle ends the phrase
    ("what was Poisk used for"); after "did" (``aux``) the main verb does, and of two verb-like
    words the last is the verb ("when did the air leak start"); elsewhere (``any``) any verb
    that is not part of a compound ("the Soyuz test flight"). A negative end means the
    phrase's last word carries "'s" for "is" ("NASA's bringing ...").
    """
    j, n = first, len(tokens)
    while j < n and _is_content(tokens[j]):
        token = tokens[j]
        if mode == "aux" and j > first and token.lower in ("first", "ever", "still", "also",
                                                             "really", "actually", "even"):
            break  # "when did people first start living there": "first" says when
        if mode == "copula" and j > first and token.lower in _PERSON_NOUNS \
                and _clause_follows(tokens, j + 1):
            # "what was the first crop astronauts actually ate?": after "was" the people
            # start a clause of their own ("how do the russian cosmonauts sleep" has none).
            break
        if j > first and _is_verb(token):
            following = tokens[j + 1] if j + 1 < n else None
            # "the Soyuz test flight", not "Suni getting stuck" nor "my uncle says Scott Kelly"
            compound = (following is not None and _is_content(following)
                        and not _is_verb(following) and not tokens[j - 1].lower.endswith("s")
                        and token.lower not in _TAKES_STATE and not following.capital)
            if mode == "copula" and not _participle(token):
                pass  # "what is the air leak in ...": no main verb follows a copula's phrase
            elif mode == "aux" and following is not None and _is_verb(following) \
                    and _is_content(following) and not following.lower.endswith("ing") \
                    and token.lower not in _TAKES_STATE:
                # "the air leak start": "leak" is a noun; but "the station avoid getting
                # hit": a verb takes an -ing word after it, and "do astronauts get bored": a
                # verb of a state takes a participle
                pass
            elif mode == "any" and compound:
                pass  # "the Soyuz test flight"
            elif mode == "any" and _bare_noun(tokens[j - 1], token, following) and not (
                    first and tokens[first - 1].lower in _AUX):
                # "an air leak on the station": a singular noun takes no bare verb; after an
                # auxiliary it does ("what share ... does Japan pay?")
                pass
            else:
                break
        if token.lower.endswith("'s") and j + 1 < n and _participle(tokens[j + 1]):
            return -(j + 1)  # "NASA's bringing": "'s" is "is"; the phrase is "NASA"
        j += 1
    return j


def _clause_follows(tokens: Sequence[_Token], i: int) -> bool:
    """Whether a verb (perhaps after an adverb) starts at ``tokens[i]``: "ate", "actually ate"."""
    if i < len(tokens) and tokens[i].lower.endswith("ly") and not _is_verb(tokens[i]):
        i += 1
    return i < len(tokens) and _is_verb(tokens[i]) and tokens[i].lower not in _AUX


_JOINING = ("of", "in", "on", "aboard")
_NUMBER_OF_VERB = {**dict.fromkeys(("is", "was", "does", "has", "s"), "sg"),
                   **dict.fromkeys(("are", "were", "do", "have"), "pl")}


def _phrase_at(text: str, tokens: Sequence[_Token], i: int,
               mode: str) -> tuple[_Phrase, int] | None:
    """The noun phrase starting at ``tokens[i]`` (a determiner or a content word), if any."""
    n = len(tokens)
    determiner = ""
    j = i
    if tokens[j].lower in _DETERMINERS and not tokens[j].capital:
        determiner = tokens[j].lower
        j += 1
        if determiner in _OWNERS and j < n and tokens[j].lower == "own":
            j += 1  # "its own cargo ship": the ship is the phrase
    if j >= n or not _is_content(tokens[j]) or (
            _is_verb(tokens[j]) and determiner in ("", "what", "which")):
        return None
    if determiner in ("that", "this", "those", "these") and _is_verb(tokens[j]) and (
            tokens[j].lower in _IRREGULAR or tokens[j].lower.endswith("ed") or (
                i and tokens[i - 1].lower in _AUX - _COPULA)):
        # "how much of that went on the shuttle?", "how fast do those spin?": a pronoun, then
        # its verb ("was that launch delayed?" has a noun).
        return None
    if not determiner and j and tokens[j - 1].lower == "to" and tokens[j].lower in _BASES:
        return None  # "the best time to spot the ISS": a verb, not a thing to point back at
    if tokens[j].lower in ("word", "name", "term") and j + 1 < n and tokens[j + 1].capital:
        # "the word Kounotori": the thing is Kounotori, not the word.
        determiner, i, j = "", j + 1, j + 1
    end = _phrase_end(tokens, j, mode)
    contraction = end < 0
    end = max(-end if contraction else end, j + 1)
    head_at = end - 1
    # "the air leak in Zvezda's PrK tunnel", "the name of their capsule": a following phrase
    # that names something joins this one.
    while not contraction and end + 1 < n and tokens[end].lower in _JOINING:
        inner = _phrase_at(text, tokens, end + 1, "any")
        if inner is None or inner[0].generic or inner[0].body.isdigit() or (
                inner[0].person and inner[0].name and not inner[0].determiner):
            break  # "a project on Christina Koch": she is a phrase of her own
        named = any(t.capital or t.lower.endswith("'s") or t.lower in _PRONOUNS
                    for t in tokens[end + 1:inner[1]])
        if tokens[end].lower != "of" and not named:
            break
        end = inner[1]
    words = tokens[j:head_at + 1]
    stop = tokens[end - 1].end - (2 if contraction else 0)
    head = words[-1].text[:-2] if words[-1].lower.endswith("'s") else words[-1].text
    if head.lower() in ("one", "ones") or all(w.lower.isdigit() for w in words):
        return None

    def clean(span: str) -> str:
        return " ".join(span.replace('"', "").replace("“", "").replace("”", "").split())

    generic = all(w.lower.split("'")[0] in _GENERIC for w in words)
    name = any(t.capital or any(c.isdigit() for c in t.lower) for t in words)
    return _Phrase(clean(text[tokens[i].start:stop]), clean(text[tokens[j].start:stop]),
                   determiner, head, name, generic, span=(tokens[i].start, stop)), end


def _skip_lead_in(tokens: Sequence[_Token]) -> int:
    i = 0
    while i < len(tokens) and tokens[i].lower in _OPENERS:
        i += 1
    if i + 1 < len(tokens) and tokens[i].lower == "tell" and tokens[i + 1].lower == "me":
        i += 2
        if i < len(tokens) and tokens[i].lower == "about":
            i += 1
    return i


def _first_phrase(text: str, tokens: Sequence[_Token], i: int,
                  mode: str) -> tuple[_Phrase, int] | None:
    """The first noun phrase from ``tokens[i]`` on, before the main verb."""
    while i < len(tokens):
        if i > 0 and _is_verb(tokens[i]) and tokens[i - 1].lower not in _DETERMINERS:
            return None
        found = _phrase_at(text, tokens, i, mode)
        if found:
            return found
        i += 1
    return None


@lru_cache(maxsize=1024)
def _phrases(question: str) -> tuple[_Phrase, ...]:
    """The noun phrases of a question, the one it asks about first; the site's names last.

    Cached: a thread's earlier questions come back with every new one.
    """
    text = question.replace("’", "'")
    tokens = _tokens(text)
    n = len(tokens)
    p = _skip_lead_in(tokens)
    subject: tuple[_Phrase, int] | None = None
    asked: tuple[_Phrase, int] | None = None  # "what spacesuit", "how many toilets"
    q = p
    if p < n and tokens[p].lower in _WH:
        word = tokens[p].lower
        q = p + 1
        if word == "how" and q < n and tokens[q].lower in _HOW_WORDS:
            q += 1
        if word in ("whats", "what's", "whos", "who's", "where's", "wheres", "hows", "how's"):
            subject = _first_phrase(text, tokens, q, "copula")
        elif q < n and word in ("what", "which", "whose", "how") \
                and tokens[q].lower not in _AUX and _is_content(tokens[q]) \
                and not _is_verb(tokens[q]):
            found = _phrase_at(text, tokens, q, "aux")
            if found:
                x = found[0]
                asked = replace(x, determiner=x.determiner or "what"), found[1]
                q = found[1]
    if subject is None and q < n and tokens[q].lower in _AUX:
        subject = _first_phrase(text, tokens, q + 1,
                                "copula" if tokens[q].lower in _COPULA else "aux")
        number = _NUMBER_OF_VERB.get(tokens[q].lower.replace("'", "").replace("nt", ""), "")
        if subject is not None and number:
            # "what was poisk used for": the verb says poisk is one thing.
            subject = replace(subject[0], number=number), subject[1]
    phrases = [x[0] for x in (subject, asked) if x is not None]
    taken = {x[0].body.lower() for x in (subject, asked) if x is not None}
    i = q
    while i < n:
        found = _phrase_at(text, tokens, i, "any")
        if found is None:
            i += 1
            continue
        phrase, end = found
        if end + 1 < n and tokens[end].lower == "and" and _first_name(phrase) and \
                (other := _phrase_at(text, tokens, end + 1, "any")) and _first_name(other[0]):
            # "butch and suni": two people, whom a later "they" means together.
            phrase = replace(phrase, text=f"{phrase.text} and {other[0].text}",
                             body=f"{phrase.body} and {other[0].body}", head=other[0].head,
                             number="pl", span=(phrase.span[0], other[0].span[1]))
            end = other[1]
        if not any(phrase.body.lower() in t or t in phrase.body.lower() for t in taken):
            phrases.append(phrase)
        i = end
    phrases = [x for x in phrases if x.head.lower() not in ("guys", "folks", "you")
               and not (x.body.lower() in _GERUNDS and _TAKES_OBJECT.match(text, x.span[1]))
               # "how much is that costing?": "that" is the subject, "costing" its verb
               and not (x.determiner in ("that", "this") and x.body.lower() in _GERUNDS)
               # "bigger than a football field?": a comparison, not a thing
               and not (" " not in x.body and _THAN.match(text, x.span[1]))
               # "what do i need to study?": after "i" a word is what i do
               and not (" " not in x.body and not x.determiner
                        and _SUBJECT_BEFORE.search(text, 0, x.span[0]))]
    return tuple(sorted(phrases, key=lambda x: x.generic))


_THAN = re.compile(r"\s+than\b", re.I)
_SUBJECT_BEFORE = re.compile(r"\b(?:i|you|we|they|he|she)\s+$", re.I)
# An -ing word before an object is a verb, whatever else it may be: "who is building that
# thing?" builds.
_TAKES_OBJECT = re.compile(r"\s+(?:the|a|an|that|this|these|those|its|their|his|her|it|them)\b",
                           re.I)


def _first_name(phrase: _Phrase) -> bool:
    """Whether ``phrase`` is a person's name written bare ("Suni", "Butch Wilmore")."""
    words = phrase.body.split()
    return phrase.name and not phrase.determiner and len(words) <= 3 and \
        all(w[:1].isupper() and w.isalpha() for w in words) and not phrase.group and \
        not phrase.generic and phrase.body not in ("Moon", "Sun")


def _is_noun(word: str) -> bool:
    token = _Token(word, word.lower(), 0, len(word), False)
    return _is_content(token) and not _is_verb(token)


def _likeness(a: _Phrase, b: _Phrase) -> int:
    """How alike two phrases are in number, person and name: "breakfast" is like "dinner"."""
    # A person is replaced by a person, a thing by a thing: "and clothes?" after "how do
    # astronauts wash their hair?" replaces the hair.
    return (a.plural == b.plural) + 2 * (a.person == b.person) + (a.name == b.name)
