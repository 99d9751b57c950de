"""Follow-up questions: "Who built it?" after "When was Zarya launched?" means Zarya.

The server keeps no conversation; a client sends the earlier questions of the thread as
``history`` (oldest first) and each new question is rewritten in full before it is analysed.
Earlier turns are resolved first, oldest first, so a thread of three follows through.

**What an earlier question is about.** Its noun phrases are found by small rules: a phrase is
an optional determiner, then words that are neither function words nor verbs, possessives
included ("the european lab columbus", "ESA's cargo ship", "the crack in Zvezda's transfer
tunnel"). They are ranked by where they stand: the phrase the question asks about ("what is
X", "how long is X", "when did X go up", "is X ...") first, then the phrase after "what" or
"how many" ("what spacesuit ...", "how many windows ..."), then the others in order. "You"
is never a subject, and "the station" comes last: every question here is about it.

**Rewriting.** The latest turn's subject comes first; a turn that borrowed a subject keeps
it, so a noun of the middle turn does not take over.

- *Pronouns*: it/its/it's, they/them/their, he/him/his/she/her take the best-ranked phrase
  that agrees with them (a thing for "it"; a plural, a crew or a kind for "they"; a person
  for "he"). Only the pronoun that agrees is replaced ("how long are they keeping it
  attached?" replaces "it"). "its" before a verb or article is "it's"; "there" is replaced
  when it points at a place ("how many people work there"), not in "up there", "out there"
  or "is there".
- *"one"*: "each one", "the last one" take the earlier noun ("each radiator").
- *Ellipsis*: "what about Kibo?", "and doors?" repeat the previous question with the phrase
  most like the new one replaced, in number, person and name ("and doors?" after "How many
  windows does the station have?" replaces "windows"; "what about breakfast?" after "what
  do astronauts eat for dinner?" replaces "dinner"); "the american one" borrows the noun.

**Context carried.** A follow-up that points at a whole event ("whose idea was that?", "what
happened then?"), that names nothing of its own ("who were the two men"), whose "they" fits
no earlier phrase (a flight's crew), or whose pronoun was replaced carries the content words
of the earlier question it leans on, in parentheses: "when did they land?" after "How did
the Expedition 6 crew get home after the Columbia disaster?" reads "when did the Expedition
6 crew land (Columbia disaster)?". Retrieval then still finds the thread's topic where the
rewrite is incomplete. ``interpreted_as`` shows the rewrite without the parentheses when the
rewrite names the subject ("Who built Zarya?"), and with them when they are all the
resolution there is ("whose idea was that (first all-female spacewalk)?").

**What the answer must be about.** The phrase put in place of a pronoun or "one" ("the first
crew") is returned as ``borrowed``; when it singles one out of many, the answerer leads with a
sentence that mentions it, so "when did they go home?" is answered with the first crew's
return, not the latest crew's.

**Standing alone.** A question with a proper name of its own, one whose pronoun points at its
own phrase ("could the station fall on a house when it comes down?", "by its tenth
birthday", "move itself"), one whose "they" fits nothing earlier while it names something
("how do they keep the ISS from falling?"), and one spoken to the crew ("how fast are you
moving?") are left as they are.

Rules, not a model, each pinned by a test in ``tests/answering/test_followup.py``. A request
costs well under a millisecond: phrases and resolved threads are cached, as every request of
a chat repeats the earlier questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from ..text import tokenize

__all__ = ["MAX_HISTORY", "FollowUp", "read_follow_up", "resolve_follow_up", "subject_of"]

MAX_HISTORY = 6


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WH = _words("what when where who whom whose why how which whats what's whos who's hows how's "
             "how'd where's wheres when's whatever whenever")
_COPULA = _words("is are was were 's isnt isn't arent aren't wasnt wasn't werent weren't")
_AUX = _COPULA | _words(
    "do does did can could will would shall should may might must has have had dont don't "
    "doesnt doesn't didnt didn't cant can't couldnt couldn't wont won't wouldnt wouldn't")
# "how <word>" asks for a quantity or manner; the word belongs to the question, not a phrase.
_HOW_WORDS = _words(
    "many much big large long far fast high heavy old often tall wide bad hot cold quickly "
    "deep low loud strong small frequently soon close early late safe dangerous")
_DETERMINERS = _words("the a an this that these those each every any some all both another "
                      "its their his her our my your which what whose no")
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
    "it's that's there's here's also really actually ever never still already even yet just "
    "again finally usually currently today tonight home early late ago back away together "
    "altogether around inside outside aboard please tell know wonder whatever else anyway "
    "exactly approximately roughly ok okay hey hi oh um uh hmm well one ones someone anyone "
    "everyone something anything everything guys folks y'all yall u ur pls plz thanks "
    "thank gonna wanna kinda sorta lot lots bit right wrong true false ago anymore many much"))
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
    "evacuate escape return re-enter reenter enter exit")
_IRREGULAR = _words(
    "went gone got gotten came flew flown did done made built meant left ran said took taken "
    "saw seen spent paid kept put gave given found brought lost became begun began caught "
    "drew drawn drove driven fell fallen felt fought heard led learnt lay met read rode rang "
    "rung rose risen sold shot shut sang sung sank sunk sat spoke spoken stood stole stolen "
    "struck swam taught threw thrown understood woke woken won wrote written chose chosen "
    "grew grown broke broken wore worn knew known thought told sent held hit hurt set cut "
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
_STATION_WORDS = _words("station stations iss")
# Words naming the site itself, and the people asking: never what a follow-up points back at.
_GENERIC = _words("station stations space iss international earth orbit nasa you guys folks "
                  "we us i people everyone")
_PERSON_NOUNS = _words(
    "astronaut astronauts cosmonaut cosmonauts taikonaut tourist tourists commander commanders "
    "pilot pilots engineer engineers scientist scientists woman women man men person people "
    "member members crewmate crewmates spaceflight participant participants doctor doctors "
    "teacher teachers student students girl boy girls boys guy director administrator "
    "flyer flyers visitor visitors founder winner controller controllers husband wife "
    "brother sister son daughter father mother child children kid kids twin")
# Groups of people, which take "they"; organisations, which take "it" or "they".
_CREW_NOUNS = _words("crew crews expedition expeditions team teams couple pair family partners "
                     "crewmates")
_ORGANISATION_NOUNS = _words("mission missions agency agencies company companies program "
                             "programme programs partner nasa esa jaxa roscosmos")
# Question words and quantity words carried over add nothing to a search.
_NOT_CARRIED = _words("many much long big large far fast high heavy old often tall wide bad "
                      "kind type thing things really actually exactly tell know please like "
                      "get got make made go went lot lots way use used uses using happen "
                      "happened happens mean means meant")

_TOKEN = re.compile(r"[A-Za-z0-9][\w'-]*")
_ELLIPSIS = re.compile(
    r"^\s*(?:and|but|so|ok|okay|also)?\s*,?\s*(?:what|how)\s+about\s+(?P<x>.+?)\s*[?.!]*\s*$"
    # "and Harmony?": a bare subject, not "and how long is it?".
    r"|^\s*(?:and|also|plus)\s+(?!(?:what|when|where|who|why|how|which|is|are|was|were|do|"
    r"does|did|can|could|will|would|has|have|had|should)\b)(?P<y>[^?]{1,60}?)\s*\?\s*$", re.I)
_OPENERS = _words("and so but also ok okay hey hi well then oh um uh hmm plus")
_LEAD_IN = re.compile(r"^\s*(?:(?:and|so|but|also|ok|okay|then|plus)\s*,?\s+)+", re.I)
# "its" before one of these words is "it's" written without the apostrophe.
_ITS_AS_IT_IS = _words(
    "a an the not been being going gonna called still so too really just made used got "
    "coming supposed possible true only always never also there here in on at up down back "
    "over done like very about that worth")
# "that" or "this" standing for a whole earlier event: "whose idea was that?", "why is that".
_EVENT = re.compile(
    r"\b(?:that|this)(?=\s*(?:[?.!]|$|\s+(?:happen\w*|mean\w*|work\w*|true|possible|so|"
    r"right|the case|go|went|come|came|start\w*|end\w*|take|took|cost\w*|last\w*)\b))"
    r"|\b(?:after|before|since|about|of|from|with|by|for)\s+(?:that|this)\b(?!\s+\w+\s)"
    r"|\b(?:then|afterwards|after that)\s*[?.!]*\s*$", re.I)
_IDIOM_THERE = re.compile(r"\b(?:up|out|down|over|back|get|got|getting|go|going|went|gone|"
                          r"come|came|from)\s+there\b", re.I)
_EXISTENTIAL_THERE = re.compile(
    r"\b(?:is|are|was|were|will|be|been|have|has|had|isn't|aren't|wasn't|weren't)\s+there\b"
    r"|\bthere\s+(?:is|are|was|were|will|be|have|has|had|'s|isn't|aren't)\b"
    r"|\bthere's\b", re.I)
_NAME = re.compile(r"(?<!^)\b(?:[A-Z][\w'-]*|[A-Za-z]+-\d+[\w-]*)"
                   r"(?:\s+(?:[A-Z][\w'-]*|[A-Z]*\d[\w-]*))*")
_NAME_GENERIC = frozenset({"ISS", "International Space Station", "Space Station", "I", "NASA",
                           "Earth", "The"})


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
            and head.islower())

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
            and all(w.isalpha() for w in words) and not self.group)

    @property
    def crew(self) -> bool:
        """A group of people ("Crew-11", "the Expedition 6 crew"): "they" fits best."""
        return any(w in _CREW_NOUNS for w in re.split(r"[\s-]+", self.body.lower()))

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
        """The phrase as a kind, for "they" after "what is a spacewalk?": "spacewalks"."""
        if self.determiner not in ("a", "an") or self.plural:
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

    def noun(self) -> str:
        """The noun that "one" stands for: the main noun, singular ("radiators" -> "radiator")."""
        return _singular(self.head) if self.plural else self.head

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


def _participle(token: _Token) -> bool:
    return _is_verb(token) and (token.lower.endswith(("ed", "en", "ing"))
                                or token.lower in _IRREGULAR)


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
        if j > first and _is_verb(token):
            following = tokens[j + 1] if j + 1 < n else None
            compound = (following is not None and _is_content(following)
                        and not _is_verb(following) and not tokens[j - 1].lower.endswith("s"))
            if mode == "copula" and not _participle(token):
                pass  # "what is the air leak in ...": no main verb follows a copula's phrase
            elif mode == "aux" and following is not None and _is_verb(following) \
                    and _is_content(following):
                pass  # "the air leak start": "leak" is a noun
            elif mode == "any" and compound:
                pass  # "the Soyuz test flight"
            else:
                break
        if token.lower.endswith("'s") and j + 1 < n and _participle(tokens[j + 1]):
            return -(j + 1)  # "NASA's bringing": "'s" is "is"; the phrase is "NASA"
        j += 1
    return j


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
    if j >= n or not _is_content(tokens[j]) or (
            _is_verb(tokens[j]) and determiner in ("", "what", "which")):
        return None
    end = _phrase_end(tokens, j, mode)
    contraction = end < 0
    end = max(-end if contraction else end, j + 1)
    head_at = end - 1
    # "the air leak in Zvezda's PrK tunnel", "the name of their capsule": a following phrase
    # that names something joins this one.
    while not contraction and end + 1 < n and tokens[end].lower in _JOINING:
        inner = _phrase_at(text, tokens, end + 1, "any")
        if inner is None or inner[0].generic or inner[0].body.isdigit():
            break
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
        if not any(phrase.body.lower() in t or t in phrase.body.lower() for t in taken):
            phrases.append(phrase)
        i = end
    phrases = [x for x in phrases if x.head.lower() not in ("guys", "folks", "you")]
    return tuple(sorted(phrases, key=lambda x: x.generic))


def subject_of(question: str) -> str | None:
    """What a question is about: "the Destiny lab" in "When did the Destiny lab go up?"."""
    phrases = _phrases(question)
    return phrases[0].text if phrases else None


@dataclass(frozen=True)
class _Turn:
    """An earlier question, resolved: its text, its phrases, what it is about."""

    text: str                  # resolved, with any context carried
    core: str                  # resolved, without the carried context
    phrases: tuple[_Phrase, ...]
    subject: _Phrase | None
    context: str               # what a follow-up about ``subject`` should carry
    borrowed: str = ""         # the earlier phrase written in place of a pronoun or "one"


class FollowUp(NamedTuple):
    """A follow-up read in full: the text searched, the context it carries only for the search
    (``" (launched)"``), and the earlier phrase it borrowed ("the first crew"; empty when it
    borrowed none), which an answer must be about."""

    text: str
    carried: str
    borrowed: str


def resolve_follow_up(question: str, history: Sequence[str]) -> str:
    """``question`` written out in full, given the earlier questions of the thread."""
    return read_follow_up(question, history)[0]


def read_follow_up(question: str, history: Sequence[str]) -> FollowUp:
    """``question`` written out in full; the context in parentheses it carries only for the
    search (``" (launched)"``), which a reader need not see because the rewrite already names
    the subject (empty when nothing was carried or the context is all there is); and the
    earlier phrase the rewrite borrowed."""
    if not history:
        return FollowUp(question, "", "")
    turn = _resolve_one(question, _resolved(tuple(history[-MAX_HISTORY:])))
    core = turn.core.rstrip(" ?")
    if turn.text == turn.core or core == question.strip().rstrip(" ?") \
            or not turn.text.startswith(core):
        return FollowUp(turn.text, "", turn.borrowed)
    return FollowUp(turn.text, turn.text[len(core):].rstrip("?"), turn.borrowed)


@lru_cache(maxsize=256)
def _resolved(history: tuple[str, ...]) -> tuple[_Turn, ...]:
    """The thread's earlier questions, each resolved against those before it.

    Cached: the next request of a chat sends the same questions again, and one more.
    """
    if not history:
        return ()
    earlier = _resolved(history[:-1])
    return (*earlier, _resolve_one(history[-1], earlier))


def _own_name(question: str) -> bool:
    """Whether a question names its own subject (a proper name), so it stands alone."""
    text = question.strip().rstrip("?")
    return any(m.start() > 0 and m.group() not in _NAME_GENERIC
               and m.group().lower() not in _WH | _AUX | _PRONOUNS.keys()
               for m in _NAME.finditer(text))


def _plain(question: str) -> _Turn:
    phrases = tuple(_phrases(question))
    subject = next((x for x in phrases if not x.generic), phrases[0] if phrases else None)
    return _Turn(question, question, phrases, subject, question)


def _candidates(turns: Sequence[_Turn]) -> list[tuple[_Phrase, _Turn]]:
    """Phrases a follow-up may point back at, the likeliest first, with the turn of each."""
    out: list[tuple[_Phrase, _Turn]] = []
    latest = turns[-1]
    if latest.subject is not None:
        out.append((latest.subject, latest))
    out.extend((x, latest) for x in latest.phrases)
    out.extend((t.subject, t) for t in reversed(turns[:-1]) if t.subject is not None)
    seen: set[str] = set()
    unique = []
    for phrase, turn in out:
        if phrase.generic and not _STATION_WORDS & set(phrase.body.lower().split()):
            continue  # "Earth", "space": places, not what a thread is about
        if phrase.body.lower() not in seen:
            seen.add(phrase.body.lower())
            unique.append((phrase, turn))
    return sorted(unique, key=lambda x: x[0].generic)


def _carry(text: str, context: str) -> str:
    """``text`` with the content words of ``context`` it lacks, in parentheses.

    Verbs stay behind ("when did Zarya launch" carries "Zarya") unless a noun phrase holds
    them ("a coolant leak", "the docking port").
    """
    have = set(tokenize(re.sub(r"'s\b", "", text)))
    words = []
    context = context.replace("’", "'")
    spans = [x.span for x in _phrases(context)]
    for token in _tokens(context):
        word = token.text[:-2] if token.lower.endswith("'s") else token.text.strip("'")
        lower = word.lower()
        terms = tokenize(word)
        if not terms or lower in _NOT_CARRIED or lower in _FUNCTION or lower in _GENERIC:
            continue
        if _is_verb(token) and not any(a <= token.start < b for a, b in spans):
            continue
        if any(t not in have for t in terms):
            words.append(word)
            have.update(terms)
    if not words:
        return text
    return f"{text.rstrip(' ?')} ({' '.join(words)})?"


def _resolve_one(question: str, turns: Sequence[_Turn]) -> _Turn:
    if not turns:
        return _plain(question)
    ellipsis = _ELLIPSIS.match(question)
    if ellipsis:
        return _resolve_ellipsis((ellipsis.group("x") or ellipsis.group("y")).strip(), turns)
    if _own_name(question):
        return _plain(question)
    text = _LEAD_IN.sub("", question).replace("’", "'")
    text = re.sub(r"\bits\b(?=\s+(\w+))",
                  lambda m: "it's" if m.group(1).lower() in _ITS_AS_IT_IS else m.group(), text,
                  flags=re.I)
    if not _EXISTENTIAL_THERE.search(text):
        # "with there familys": "their" spelt "there".
        text = re.sub(r"\bthere(?=\s+(\w+))", lambda m: "their" if _is_noun(m.group(1))
                      else m.group(), text, flags=re.I)
    tokens = _tokens(text)
    own = _plain(text)
    candidates = _candidates(turns)
    pronouns = _outward_pronouns(text, tokens, own.phrases)
    if pronouns is None:
        return _plain(question)  # "when it comes down" after "the station": its own referent
    if pronouns and candidates:
        return _replace_pronoun(text, tokens, pronouns, candidates, own.phrases)
    ones = [k for k, t in enumerate(tokens) if t.lower == "one" and k > 0
            and tokens[k - 1].lower not in _PREPOSITIONS | _AUX | {"no", "every", "any", "some"}
            and not (k + 1 < len(tokens) and tokens[k + 1].lower == "of")]
    if ones and any(x.determiner in ("which", "what") and x.span[1] <= tokens[ones[0]].start
                    for x in own.phrases):
        return _plain(question)  # "which expedition was the first one ...": its own noun
    if ones and candidates:
        phrase, turn = next(((x, t) for x, t in candidates if x.common and not x.generic),
                            candidates[0])
        token = tokens[ones[0]]
        # "each one" stands for the whole phrase, "the first one" for its noun.
        whole = tokens[ones[0] - 1].lower in ("each", "every", "which", "that", "this", "the")
        borrowed = phrase.whole() if whole else phrase.noun()
        resolved = text[:token.start] + borrowed + text[token.end:]
        return _Turn(_carry(resolved, turn.context), resolved, tuple(_phrases(resolved)),
                     turns[-1].subject, turn.context, borrowed)
    there = _referential_there(text)
    if there is not None and candidates:
        phrase, turn = candidates[0]
        resolved = text[:there.start()] + f"in {phrase.definite()}" + text[there.end():]
        return _Turn(_carry(resolved, turn.context), resolved, tuple(_phrases(resolved)),
                     phrase, turn.context, phrase.definite())
    if _EVENT.search(text) or _leans_on_context(text, own):
        # "whose idea was that?", "who were the two men": the earlier turn is the context.
        latest = turns[-1]
        carried = _carry(text, latest.context)
        subject = own.subject if own.subject and not own.subject.generic else latest.subject
        return _Turn(carried, text, own.phrases, subject, carried)
    return _plain(question)


def _is_noun(word: str) -> bool:
    token = _Token(word, word.lower(), 0, len(word), False)
    return _is_content(token) and not _is_verb(token)


# Where a clause ends, so that a pronoun after it may point back at a phrase before it.
_CLAUSE_BREAK = re.compile(
    r"[,:;.!?\u2013\u2014]|\s-\s|\b(?:when|whenever|if|like|before|after|because|that|"
    r"while|so|and|but|until|once|since|as|unless|although|though|where)\b", re.I)
_POSSESSIVES = ("its", "their", "his", "her")
# "relocate itself", "its own modules": the question names its own referent.
_SELF_REFERENCE = re.compile(r"\b(?:itself|themselves|himself|herself|(?:its|their|his|her)\s+"
                             r"own)\b", re.I)
# "it" that stands for nothing: "how long does it take", "is it safe to", "what time is it".
_DUMMY_IT = re.compile(
    r"\b(?:is|was|isn't|wasn't)\s+(it)\s+(?:really\s+|very\s+|so\s+)?\w+\s+(?:to|for)\b"
    r"|\b(it)(?:'s|\s+is|\s+was)\s+(?:really\s+|very\s+|so\s+)?\w+\s+(?:to|for)\b"
    r"|\b(it)(?:'s)?\s+(?:take|takes|took|taking)\b|\bwhat\s+time\s+is\s+(it)\b", re.I)
_PARTITIVE = re.compile(r"\b(?:many|much|some|all|each|one|none|both|most|any|few|several|"
                        r"which)\s+of\s+$", re.I)


def _outward_pronouns(text: str, tokens: Sequence[_Token],
                      phrases: Sequence[_Phrase]) -> list[_Token] | None:
    """The pronouns that point outside the question; None if one points inside it.

    A possessive may point back at a phrase of its own clause ("Was the ISS the longest-occupied
    station by its tenth birthday?"); "it"/"they"/"he" only at one before a clause break ("could
    the station fall on a house when it comes down?"). Only the first pronoun of each kind is
    checked: in "how much was spent on it before it was cancelled?" the second "it" is the
    first one again.
    """
    if _SELF_REFERENCE.search(text):
        return None
    dummies = {m.start(g) for m in _DUMMY_IT.finditer(text) for g in range(1, 5)
               if m.group(g)}
    pronouns = [t for t in tokens if t.lower in _PRONOUNS and t.start not in dummies]
    seen: set[str] = set()
    for pronoun in pronouns:
        kind = _PRONOUNS[pronoun.lower]
        family = {"its": "it", "it's": "it", "their": "they", "his": "he", "her": "he"}.get(
            kind, kind)
        if family in seen:
            continue
        seen.add(family)
        for phrase in phrases:
            if phrase.span[1] > pronoun.start:
                continue
            score = phrase.agreement(kind)
            needed = 2 if family == "it" else 1
            if score < needed:
                continue
            if kind in _POSSESSIVES or _CLAUSE_BREAK.search(text, phrase.span[1],
                                                             pronoun.start):
                return None
    return pronouns


def _leans_on_context(text: str, turn: _Turn) -> bool:
    """Whether a short question names nothing of its own ("who were the two men").

    Only "the <common noun>" phrases, or none at all, and at most two content words; a
    question to the crew ("how fast are you moving?") is about the station, not the thread.
    """
    if re.search(r"\b(?:you|your|yours|u|ur)\b", text, re.I):
        return False
    terms = [t for t in tokenize(text) if t not in _NOT_CARRIED and t not in _GENERIC]
    if len(terms) > 2:
        return False
    specific = [x for x in turn.phrases if not x.generic]
    if not turn.phrases:
        return True
    return bool(specific) and all(
        x.determiner in ("the", "that", "this", "these", "those") and not x.name
        for x in specific)


def _referential_there(text: str) -> re.Match[str] | None:
    match = re.search(r"\bthere\b", text, re.I)
    if match is None or _IDIOM_THERE.search(text) or _EXISTENTIAL_THERE.search(text):
        return None
    return match


def _agreement(phrase: _Phrase, text: str, pronoun: _Token) -> int:
    kind = _PRONOUNS[pronoun.lower]
    if kind == "they" and _PARTITIVE.search(text, 0, pronoun.start) and not phrase.person:
        return max(phrase.agreement("they"), phrase.agreement("it"))  # "how many of them"
    return phrase.agreement(kind)


def _replace_pronoun(text: str, tokens: Sequence[_Token], pronouns: list[_Token],
                     candidates: list[tuple[_Phrase, _Turn]],
                     own: Sequence[_Phrase]) -> _Turn:
    """Replace the pronoun that best agrees with the likeliest earlier phrase.

    When none agrees ("when did they get home?" after a question about a launch means its
    crew), the pronoun stays and the earlier turn's words are carried; a question with a
    phrase of its own is then left alone ("how do they keep the ISS from falling?": "they"
    are its controllers).
    """
    chosen = None
    for phrase, turn in candidates:
        score, at = max((_agreement(phrase, text, p), -k) for k, p in enumerate(pronouns))
        if score > 0:
            chosen = phrase, turn, pronouns[-at]
            break
    if chosen is None:
        if any(x.determiner not in ("what", "which") for x in own):
            return _plain(text)
        turn = candidates[0][1]
        return _Turn(_carry(text, turn.context), text, tuple(own), turn.subject, turn.context)
    phrase, turn, pronoun = chosen
    kind = _PRONOUNS[pronoun.lower]
    index = tokens.index(pronoun)
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if kind in ("its", "their", "his") or (
            kind == "her" and following is not None and _is_content(following)
            and not _is_verb(following)):
        replacement = phrase.possessive()
    elif kind == "it's":
        replacement = f"{phrase.definite()} is"
    elif kind == "they":
        replacement = phrase.kind()
    else:
        replacement = phrase.definite()
    resolved = text[:pronoun.start] + replacement + text[pronoun.end:]
    return _Turn(_carry(resolved, turn.context), resolved, tuple(_phrases(resolved)),
                 phrase, turn.context, replacement)


def _likeness(a: _Phrase, b: _Phrase) -> int:
    """How alike two phrases are in number, person and name: "breakfast" is like "dinner"."""
    return (a.plural == b.plural) + (a.person == b.person) + (a.name == b.name)


def _resolve_ellipsis(new: str, turns: Sequence[_Turn]) -> _Turn:
    """"what about Kibo?": the previous question again, about Kibo.

    Of the previous question's phrases, the new one replaces the best-ranked of those most
    like it ("what about breakfast?" after "what do astronauts eat for dinner?" replaces
    "dinner"; "what about cosmonauts?" replaces "astronauts").
    """
    previous = turns[-1]
    specific = [x for x in previous.phrases if not x.generic]
    given = _phrases(new)
    if specific and given:
        target: _Phrase | None = max(
            specific, key=lambda x: (_likeness(x, given[0]), -specific.index(x)))
    else:
        target = specific[0] if specific else (previous.phrases[0] if previous.phrases else None)
    if target is not None:
        # "and her husband?": her is the one the previous question was about.
        new = re.sub(r"\b(?:its|their|his|her)\b", lambda m: target.possessive(), new,
                     count=1, flags=re.I)
    if target is not None and re.search(r"\bones?\b", new, re.I):
        # "the russian one": the noun of the phrase it contrasts with, and its owner.
        new = re.sub(r"\bones?\b", target.noun(), new, count=1, flags=re.I)
        if target.owner():
            new = re.sub(r"^(?:the|a|an)\s+", target.owner() + " ", new, flags=re.I)
    found = _phrases(new)
    new_phrase = found[0] if found else None
    core = previous.core
    at = core.lower().find(target.body.lower()) if target is not None else -1
    if target is None or at < 0:
        resolved = f"{core.rstrip(' ?')} ({new})?"
        return _Turn(resolved, resolved, tuple(found), new_phrase, new)
    start, end = at, at + len(target.body)
    if target.determiner not in ("what", "which") and target.text != target.body:
        opened = core.lower().rfind(target.text.lower(), 0, end)
        start = opened if opened >= 0 else start
    resolved = core[:start] + new + core[end:]
    return _Turn(resolved, resolved, tuple(_phrases(resolved)), new_phrase, new)
