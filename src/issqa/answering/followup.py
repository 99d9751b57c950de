"""Follow-up questions: "Who built it?" after "When was Zarya launched?" means Zarya.

The server keeps no conversation; a client sends the earlier questions of the thread as
``history`` (oldest first) and each new question is rewritten in full before it is analysed.
Earlier turns are resolved first, oldest first, so a thread of three follows through.

**What an earlier question is about** is its best-ranked noun phrase (``phrases.py`` finds
and ranks them): the phrase the question asks about first, "the station" last.

**Rewriting.** The latest turn's subject comes first; a turn that borrowed a subject keeps
it, so a noun of the middle turn does not take over.

- *Pronouns*: it/its/it's, they/them/their, he/him/his/she/her take the best-ranked phrase
  that agrees with them (a thing for "it"; a plural, a crew or a kind for "they"; a person
  for "he"). Only the pronoun that agrees is replaced ("how long are they keeping it
  attached?" replaces "it"). "its" before a verb or article is "it's"; "there" is replaced
  when it points at a place ("how many people work there"), not in "up there", "out there"
  or "is there".
- *"one"*: "each one", "the last one" take the earlier noun ("each radiator").
- *"do it"*: after a subject ("they do it", "you did that") it is what was done: the earlier
  question's verb stands in ("how long do they do it each day?" after "how do astronauts
  exercise?" reads "how long do they exercise each day?").
- *Ellipsis*: "what about Kibo?", "and doors?" repeat the previous question with the phrase
  most like the new one replaced, in number, person and name ("and doors?" after "How many
  windows does the station have?" replaces "windows"; "what about breakfast?" after "what
  do astronauts eat for dinner?" replaces "dinner"); "the american one" borrows the noun.

**Context carried.** A follow-up that points at a whole event ("whose idea was that?", "what
happened then?"), that names nothing of its own ("who were the two men", "who was on board?":
the noun of an idiom names nothing), whose "they" fits no earlier phrase (a flight's crew),
or whose pronoun was replaced carries the content words of the earlier question it leans on,
in parentheses: "when did they land?" after "How did the Expedition 6 crew get home after the
Columbia disaster?" reads "when did the Expedition 6 crew land (Columbia disaster)?". A question
naming nothing but a unit of time carries the earlier question's verbs too ("how many hours
do you actually get?" after "where do you guys sleep?" reads "... (sleep)") and, spoken to
the crew, leans on a thread that spoke to the crew too.
Retrieval then still finds the thread's topic where the rewrite is incomplete.
``interpreted_as`` shows the rewrite without the parentheses when the rewrite names the subject
("Who built Zarya?"), and with them when they are all the resolution there is ("whose idea was
that (first all-female spacewalk)?").

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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from ..text import tokenize
from .phrases import (
    _AUX,
    _DETERMINERS,
    _FUNCTION,
    _GENERIC,
    _GERUNDS,
    _PERSON_NOUNS,
    _PREPOSITIONS,
    _PRONOUNS,
    _RANKING,
    _WH,
    ASKER,
    EVER_ASKED,
    GO_OUTSIDE,
    NATIONALITIES,
    _is_content,
    _is_noun,
    _is_verb,
    _likeness,
    _Phrase,
    _phrases,
    _Token,
    _tokens,
    _words,
    own_words,
)

__all__ = ["MAX_HISTORY", "FollowUp", "Referent", "answered_by_event", "answered_by_name",
           "answered_by_people", "answered_by_thing", "dummy_pronouns", "existential_there",
           "is_event", "leans_on_what_they_did", "one_person_asked", "plural_things",
           "read_follow_up", "resolve_follow_up", "subject_of", "with_context", "with_name",
           "with_people", "with_thing"]

MAX_HISTORY = 6

_STATION_WORDS = _words("station stations iss")
# Question words and quantity words carried over add nothing to a search.
_NOT_CARRIED = _words("heard saw read reading watched "  # how the visitor learnt of it
                      "remember remembered recall clip "
                      "question questions weird dumb stupid silly odd "  # "weird question but"
                      "guy "  # "the british guy's time": someone of the thread
                      "many much money long big large far fast high heavy old often tall wide "
                      "bad "
                      "kind type thing things really actually exactly tell know please like "
                      "get got make made go went lot lots way use used uses using happen "
                      "happened happens mean means meant take takes took taken taking")
_ELLIPSIS = re.compile(
    r"^\s*(?:and|but|so|ok|okay|also)?\s*,?\s*(?:what|how)\s+about\s+(?P<x>.+?)\s*[?.!]*\s*$"
    # "and Harmony?": a bare subject, not "and how long is it?"; "ok and if ...?" too.
    r"|^\s*(?:(?:ok|okay|so|but|oh)\s*,?\s+)?(?:and|also|plus)\s+"
    r"(?!(?:what|when|where|who|why|how|which|is|are|was|were|do|"
    r"does|did|can|could|will|would|has|have|had|should|for\s+how)\b)"
    # "and before spacex what did they use?" asks a question of its own.
    r"(?!(?:before|after|during|since|until|without)\b[^?]*\b(?:what|when|where|who|why|how|"
    r"which)\s+(?:is|are|was|were|do|does|did|can|"
    r"could|will|would|has|have|had)\b)"
    # "and NASA was fine with a rich guy coming along?" asks a question of its own too.
    r"(?!\w+\s+(?:is|are|was|were|did|does|has|had)\s+(?:fine|ok|okay|happy|allowed|able|"
    r"going|gonna|still)\b)(?P<y>[^?]{1,60}?)\s*\?\s*$",
    re.I)
# "what about the russians, are they staying till the end?": the question after the comma,
# about the phrase named first.
_ABOUT_THEN_ASKED = re.compile(
    r"^\s*(?:(?:(?:and|but|so|ok|okay|also)\s*,?\s*)?(?:what|how)\s+about\s+"
    # "and the first of those, did it have a name?"
    r"|(?:and|but|also)\s+(?=(?:the|that|this|those|these)\s))(?P<x>[^,;:?]+?)"
    r"\s*[,;:?]\s*(?P<q>(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|"
    r"what|when|where|who|why|how|which)\b[^?]*\??)\s*$", re.I)
_STANDS_FOR = {"they": "{x}", "them": "{x}", "their": "{x}'s", "it": "{x}", "its": "{x}'s",
               "he": "{x}", "him": "{x}", "his": "{x}'s", "she": "{x}", "her": "{x}"}
# A question about what the crew does, whose "what about <doing>?" asks how they do that.
_DOER = re.compile(r"\b(?:astronauts?|cosmonauts?|crews?|you|you guys|they|people)\b", re.I)
# An ellipsis that names a place ("what about in the russian segment?"), and the place an
# earlier question named, which it replaces ("up there", "on the station", "in Kibo").
_PLACE_GIVEN = re.compile(r"^(?:in|on|at|inside|aboard|onboard|outside)\b", re.I)
_PLACE_ASKED = re.compile(
    r"\b(?:up there|out there|in there|over there|in space|(?:on|in|aboard|at|inside)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:station|iss|segment|module|lab|laboratory|side|"
    r"[A-Z][a-z]+))\b")
# An ellipsis that gives a time or a condition ("what about after a spacewalk?", "and during
# launch?"), and such a clause at the end of an earlier question, which it replaces.
_WHAT_IF = re.compile(r"^\s*(?:(?:and|but|so|ok|okay)\s*,?\s+)?what\s+if\s+(.+?)\s*[?.!]*\s*$",
                      re.I)
_CONDITION_GIVEN = re.compile(r"^(?:if|unless|in\s+case)\b", re.I)
_CONDITION_AT_END = re.compile(r"\s+(?:if|unless|in\s+case)\b[^?]*$", re.I)
_TIME_GIVEN = re.compile(r"^(?:after|before|during|while|when|once|without)\b", re.I)
_TIME_GIVEN_AT_END = re.compile(r"\s+(?:after|before|during|while|when|once|without)\b[^?]*$",
                                re.I)
# "for how long?" asks what "how long?" asks.
_LEAD_IN = re.compile(r"^\s*(?:(?:and|so|but|also|ok|okay|then|plus|for(?=\s+how\s+long\b)|"
                      r"like(?=\s+(?:how|what|when|where|who|why|which)\b)|"
                      r"nice|cool|wow|awesome|great|thanks|oh|ah|interesting|neat)"
                      r"\s*[,!.]?\s+)+", re.I)
# "its" before one of these words is "it's" written without the apostrophe.
_ITS_AS_IT_IS = _words(
    "a an the not been being going gonna called still so too really just made used got ever "
    "coming supposed possible true only always never also there here in on at up down back "
    "over done like very about that worth "
    # a state: "what happens if its serious?"
    "serious bad worse urgent dangerous safe real okay ok fine")
# "that" or "this" standing for a whole earlier event: "whose idea was that?", "why is that".
_EVENT = re.compile(
    r"\b(?:that|this)(?=\s*(?:(?:originally|first|anyway|exactly)\s*)?(?:[?.!]|$)"
    r"|\s*(?:[?.!]|$|\s+(?:(?:even|really|very|ever|actually|actualy)\s+){0,2}"
    r"(?:happen\w*|mean\w*|"
    r"work\w*|true|possible|so|right|the case|go|went|come|came|start\w*|end\w*|take|took|"
    r"cost\w*|last\w*|safe|dangerous|bad|harmful|risky|normal|a lot|enough|much|high|low)\b))"
    r"|\b(?:after|before|since|about|of|from|with|by|for)\s+(?:that|this)\b(?!\s+\w+\s)"
    # A deed named only by pointing at it: "how many spacewalks did that whole job take?"
    r"|\b(?:that|this)\s+(?:whole\s+|entire\s+)?(?:job|work|task|operation|process|incident|"
    r"episode|repair|swap|upgrade|fix|effort|situation)\b"
    r"|\b(?:then|afterwards|after that|after)\s*[?.!]*\s*$"
    # "which state made that legal?": what was done or allowed
    r"|\b(?:made|make|makes|making|kept|keep|keeps)\s+(?:that|this)\s+(?:legal|illegal|possible|"
    r"allowed|official|happen|work)\b", re.I)
# An event told by what was done: "what happens after that?", "where does that happen?".
_SEQUEL = re.compile(r"\b(?:after|afterwards)\b(?:\s+(?:that|this))?\s*[?.!]*\s*$"
                     r"|\b(?:that|this)\s+(?:happen\w*|start\w*|end\w*|take|took|last\w*)\b",
                     re.I)
# A figure asked again in another unit: "how many days is that?", "how much is that in miles?"
_RESTATED = re.compile(r"^\s*how\s+(?:many|much|long|far)\b.*\b(?:is|was|are|were)\s+"
                       r"(?:that|this)\b"
                       # "how many?" alone, after "who has done the most spacewalks?"
                       r"|^\s*(?:and\s+|so\s+|ok\s+)?how\s+(?:many|much|long|far)(?:\s+(?:exactly|"
                       r"precisely|roughly|about|then|again))?\s*[?.!]*\s*$", re.I)
# The time of what an answer told: "when was that?" after "who was the first woman to command
# the iss?" is when Peggy Whitson did.
_WHEN_THAT = re.compile(r"^\s*(?:and\s+|so\s+|ok\s+)?(?:when|what\s+year|what\s+date|which\s+year)"
                        r"\s+(?:was|did)\s+(?:that|this)(?:\s+happen)?\s*[?.!]*\s*$", re.I)
# A superlative with nothing after it: "which woman has the most?", "who did the longest?"
_BARE_SUPERLATIVE = re.compile(r"\bthe\s+(?:most|least|fewest|\w{3,}est)\s*[?.!]*\s*$", re.I)


def is_event(text: str) -> bool:
    """Whether ``text``'s "that" or "this" stands for an earlier event, or asks an earlier
    figure again ("how many days is that?")."""
    return bool(_EVENT.search(text) or _RESTATED.match(text))


_IT_HAPPENED = re.compile(r"\bit\s+((?:(?:ever|actually|really|even)\s+)?(?:happen|occur)\w*)",
                          re.I)


# "the first of those" standing alone, read as "the first one".
_RANKED_OF_THEM = re.compile(r"\b(first|second|third|last|latest|\w{3,}est)\s+(?:of|among)\s+"
                             r"(?:those|these|them)\b(?=\W*(\w+)?)", re.I)


def _as_asked(question: str) -> str:
    """``question`` without its lead-in ("and", "so"), with plain apostrophes, with "it
    happen" read as "that happen": what happens is an event ("why did it happen?"), and with
    a ranked one of those before read as a ranked one ("did the first of those have a
    name?": the first one)."""
    text = _IT_HAPPENED.sub(r"that \1", _LEAD_IN.sub("", question).replace("’", "'"))
    text = _OF_THOSE.sub(r"\1 of them", _WE_ARE_TALKING.sub("", text))
    return _RANKED_OF_THEM.sub(lambda m: m.group() if m.group(2) and _is_noun(m.group(2))
                               else f"{m.group(1)} one", text)


# "has one of those ever sprung a leak?": one of them (not "one of those suits", which names
# its own).
_OF_THOSE = re.compile(r"\b(one|each|either|neither)\s+of\s+"
                       r"(?:those|these)\b(?=\s+(?:ever|have|has|had|did|do|does|is|are|was|"
                       r"were|can|could|will|would|still|really|actually)\b|\s*[?.!,]|\s*$)",
                       re.I)
# "now" in a follow-up, and a phrase naming the first of its kind, which "now" is not about.
_NOWADAYS = re.compile(r"\b(?:now|nowadays|these\s+days|today|currently|at\s+the\s+moment)\b",
                       re.I)
_FIRST_ONE = re.compile(r"\b(?:first|earliest|original|oldest)\b", re.I)
# "how many meters a day are we talking?" asks "how many meters a day?".
_WE_ARE_TALKING = re.compile(r"\s+(?:are|r)\s+we\s+talking(?:\s+about|\s+here)?(?=\s*[?!.]*\s*$)",
                             re.I)
_ORDINALS = "first|second|third|fourth|fifth|last|next"
# A ranked one: "the longest one", "the biggest ones".
_RANKED_ONE = re.compile(r"(?:the\s+)?(?:\w{3,}est|most\s+\w+|first|last)\s+ones?", re.I)
_IN_THERE = re.compile(r"\b(?:in|inside|into)\s+there\b", re.I)
_IDIOM_THERE = re.compile(r"\b(?:up|out|down|over|back|get|got|getting|go|going|went|gone|"
                          r"come|came|from)\s+there\b", re.I)
_EXISTENTIAL_THERE = re.compile(
    r"\b(?:is|are|was|were|will|be|been|have|has|had|isn'?t|aren'?t|wasn'?t|weren'?t)\s+there\b"
    r"|\bthere\s+(?:is|are|was|were|will|be|have|has|had|'s|isn'?t|aren'?t|wasn'?t|weren'?t)\b"
    # typed without the apostrophe: "theres no time", "there isnt enough time"
    r"|\bthere'?s\b", re.I)
_NAME = re.compile(r"(?<!^)\b(?:[A-Z][\w'-]*|[A-Za-z]+-\d+[\w-]*)"
                   r"(?:\s+(?:[A-Z][\w'-]*|[A-Z]*\d[\w-]*))*")
_NAME_GENERIC = frozenset({"ISS", "International Space Station", "Space Station", "I", "NASA",
                           "Earth", "The"})


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
    asked_from: int = 0        # where the question starts after a story told before it


class FollowUp(NamedTuple):
    """A follow-up read in full: the text searched, the context it carries only for the search
    (``" (launched)"``), and the earlier phrase it borrowed ("the first crew"; empty when it
    borrowed none), which an answer must be about."""

    text: str
    carried: str
    borrowed: str

    @property
    def written(self) -> str:
        """The follow-up as written out, without the context carried for the search."""
        if not self.carried:
            return self.text
        return self.text.removesuffix(f"{self.carried}?").rstrip(" ?") + "?"


def _latest_two(history: Sequence[str]) -> range:
    """Where the last two earlier questions stand in ``history``, the latest first: the ones
    whose answer a pronoun may point into."""
    return range(len(history) - 1, max(len(history) - 3, -1), -1)


# He, she and their forms, which point at one person.
_ONE_PERSON = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.I)


def answered_by_name(question: str, history: Sequence[str]) -> int | None:
    """Which earlier question (its index in ``history``) asked "who" when ``question``'s
    "he" or "she" can only be the person its answer named: "what spacecraft did he come home
    in?" after "Who has the American record for the longest single trip?" (the questions name
    no one; the answer names Frank Rubio). None when a phrase of the questions takes the
    pronoun ("when did he launch?" after "who was the first space tourist?") or no "who"
    question is among the last two. "how many days is that?" right after "which person has
    spent the most days in space?" restates the answer's figure: its person too."""
    if history and (_RESTATED.match(question) or _WHEN_THAT.match(question)) and (
            _ASKS_WHO.match(_asked_part(history[-1])) or _ASKS_ANYONE.match(history[-1])):
        return len(history) - 1
    if not history or not _ONE_PERSON.search(question):
        return None
    follow = read_follow_up(question, history)
    # "he" is still the person the answer named when the rules gave "he" no phrase ("when did
    # he announce it?" after "whose idea was the station?": "it" borrowed the idea), or only
    # the person the question asked for ("is he going to fly again?" after "which person has
    # spent the most days in space?").
    asked_for = re.sub(r"^(?:the|a|an|which)\s+|['’]s$", "", follow.borrowed.lower())
    # A description of a person ("the first space tourist") is the person the answer named
    # too: the sentence that says how long Dennis Tito stayed does not call him the first.
    described = asked_for.split()[-1:] and asked_for.split()[-1] in _PERSON_NOUNS | _CASUAL_PERSONS
    unresolved = not follow.borrowed or asked_for in _PERSON_NOUNS or described or (
        len(_ONE_PERSON.findall(follow.text)) == len(_ONE_PERSON.findall(question)))
    # An earlier question counts as written out: "and the first one to command it?" after
    # "who was the first canadian to go on the space station?" asks who, too.
    turns = _resolved(tuple(history[-MAX_HISTORY:]))
    offset = len(history) - len(turns)
    told = None
    for back in _turns_about_one_person(history):
        asked = _asked_part(history[back])
        if _ASKS_ANYONE.match(asked):
            return back  # "any space tourist" singles no one out: the answer's person does
        if _ASKS_WHO.match(asked) or (
                back >= offset and _ASKS_WHO.match(turns[back - offset].core)):
            return back if unresolved else None
        if told is None and described and asked_for and asked_for in history[back].lower():
            told = back
    # "how much did that cost him?" after "i heard the cirque du soleil boss flew to the iss,
    # is that true?": with no "who" question, the person a story described is the one its
    # answer names.
    return told


# People as visitors call them: "a random rich guy".
_CASUAL_PERSONS = _words("guy guys lady businessman businesswoman")
# A person spoken of: "how much did he pay?", "... a random rich guy coming along?".
_PERSON_MENTION = re.compile(r"\b(?:he|she|him|his|her|guy|man|woman|lady|businessman|"
                             r"businesswoman|tourist)\b", re.I)


def _turns_about_one_person(history: Sequence[str]) -> Iterator[int]:
    """The last two earlier questions, the latest first, and before them each one reached
    through questions that still speak of a person: "who went up after him?" three turns
    after "... who was that?" (Dennis Tito), asked "how much did he pay?" in between."""
    last = len(history) - 1
    for back in range(last, -1, -1):
        if back < last - 1 and not _PERSON_MENTION.search(history[back + 1]):
            return
        yield back


def answered_by_event(question: str, history: Sequence[str]) -> int | None:
    """The latest earlier question (its index in ``history``) when it asked whether something
    ever happened and ``question`` asks when that was or what happened: "when was that?" after
    "has there ever been a fire on the space station?" is when the event the answer told (the
    2014 smoke in Zvezda) happened, which a search for fires in general misses."""
    if history and (_WHEN_THAT.match(question) or _WHAT_HAPPENED.match(question)) and \
            EVER_ASKED.search(history[-1]):
        return len(history) - 1
    return None


# "what happened?" with nothing after it: the event the thread spoke of.
_WHAT_HAPPENED = re.compile(r"^\s*(?:and\s+|so\s+|ok\s+|oh\s+)?what\s+(?:happened|went\s+on)"
                            r"(?:\s+(?:then|there|exactly|that\s+time))?\s*[?.!]*\s*$", re.I)


# They and their forms, which point at a group.
_GROUP = re.compile(r"\b(?:they|them|their|theirs)\b", re.I)


def answered_by_people(question: str, history: Sequence[str]) -> int | None:
    """Which earlier question (its index in ``history``, one of the last two) asked "who" when
    ``question``'s "they" can only be the people its answer named: "where did their capsule
    come down?" after "who were the first astronauts spacex flew to the iss?" (the answer names
    Bob Behnken and Doug Hurley). None when "they" took a phrase that is no people ("how big
    are they?" after "who built the solar arrays?") or the question has a "he" or "she"."""
    if not history or not _GROUP.search(question) or _ONE_PERSON.search(question) or (
            _MOST_OF_THEM.search(question) and re.match(r"\s*(?:who|whom)(?:['’]?s)?\b",
                                                         _as_asked(question), re.I)):
        # "and whos done the most of them?": the person is asked for; "them" are things
        return None
    borrowed = read_follow_up(question, history).borrowed.lower().split()
    if borrowed and re.sub(r"['’]s$", "", borrowed[-1]) not in _PERSON_NOUNS:
        return None
    back = next((back for back in _latest_two(history)
                 if _ASKS_WHO.match(history[back]) or _ASKS_ANYONE.match(history[back])), None)
    if back is not None and re.search(r"\btheirs?\b", question, re.I) and \
            any(x.name and not x.generic for x in _phrases(history[back])):
        # "their capsule" after "who was on Axiom Mission 4?" is Ax-4's; but "they" who get
        # home after "who flew on Starliner's first crewed flight?" are its crew.
        return None
    if back is not None and _ASKS_MAKER.match(history[back]):
        return None  # "do they come back?" after "who makes those ships?": the ships
    return back


def one_person_asked(question: str, history: Sequence[str]) -> bool:
    """Whether ``question``'s "they" took one person the thread asked about: "what ship did
    they come home on?" after "who was the first space tourist?" (Dennis Tito alone)."""
    borrowed = read_follow_up(question, history).borrowed
    # Not "their": "what was their dragon capsule called?" after "who was the commander?" is
    # the crew's.
    phrases = _phrases(borrowed) if borrowed and re.search(r"\b(?:they|them)\b", question,
                                                            re.I) else []
    return bool(phrases) and phrases[-1].person and not phrases[-1].plural


# "who makes those ships?": a maker is asked for, and a later "they" is rather the things.
_ASKS_MAKER = re.compile(r"^\s*who\s+(?:makes?|made|builds?|built|owns?|owned|runs?|operates?|"
                         r"designs?|designed|manufactures?|manufactured|launches|launched|pays)\b",
                         re.I)


def with_people(question: str, names: str) -> str:
    """``question`` with its first "they" (or "their", "them") standing for ``names``."""
    return _GROUP.sub(lambda m: f"{names}'s" if m.group().lower().startswith("their")
                      else names, question, count=1)


def with_name(question: str, name: str) -> str:
    """``question`` with its first "he"/"she" (or "his"/"her") standing for ``name``; with no
    such pronoun, ``name`` carried ("how many days is that (Oleg Kononenko)?")."""
    if not _ONE_PERSON.search(question):
        return with_context(question, name)
    def named(match: re.Match[str]) -> str:
        word = match.group().lower()
        owner = word in ("his", "hers") or (word == "her" and _HER_BEFORE_NOUN.match(
            question, match.end()))
        return f"{name}'s" if owner else name
    return _ONE_PERSON.sub(named, question, count=1)


# Words that say nothing of what a person did: "what was her time?", "did anyone do it
# faster than her?".
_NOTHING_DONE = _words("do does did doing done it that anyone anybody someone somebody "
                       "faster slower better quicker")


def leans_on_what_they_did(question: str) -> bool:
    """Whether a question about the person an answer named says nothing but a time or a
    doing of its own ("what was her time?" after "someone ran a marathon on the station
    treadmill, who was it?"), so the thread's words must say which."""
    terms = [t for t in tokenize(_ONE_PERSON.sub(" ", question))
             if t not in _GENERIC and t not in _NOT_CARRIED]
    return bool(terms) and all(t in _TIME_UNITS or t in _NOTHING_DONE for t in terms)


# A question asking which thing, whose answer names it: "what was the very first piece of the
# iss?", "which module was it?", "is there a robot that looks like a person?".
_ASKS_WHICH_THING = re.compile(
    r"^\s*(?:" + ASKER + r")?(?:(?:what|which)(?:'s|’s|s|\s+(?:is|was|are|were))\s+"
    r"(?:the\s+)?(?:very\s+)?(?:first|second|third|last|main|only|\w{3,}est)\b"
    # "is there a robot that looks like a person?", not "is there a delay when ...?"
    # "was there one space shuttle that did most of the iss trips?" too.
    r"|(?:is|are|was|were)\s+there\s+(?:an?|any|one)\s+[\w -]{1,30}?\s+(?:that|which|who|to|"
    r"for)\s"
    r"|which\s+(?!(?:of|one|ones|is|was|are|were|do|does|did|year|years|day|days|date|dates|"
    r"month|months|time|times|astronauts?|cosmonauts?|people|person|crews?)\b)[a-z]+\b"
    # "where does the station get its power?", "where do astronauts go to look out at
    # earth?": the answer names the source, the place.
    r"|where\s+(?:does|do|did|can|could)\b"
    # "what was the european cargo ship called?": the answer names it ("the ATV").
    r"|(?:what|which)(?:'s|’s|s|\s+(?:is|was|are|were))\s+[\w'’ -]{1,60}?\s+called\b"
    r"|(?:what|which)(?:'s|’s|s|\s+(?:is|was|are|were))\s+the\s+names?\s+of\b"
    # "what's going to take over from the ISS?": the answer names its successors.
    r"|what(?:'s|’s|s|\s+is|\s+will)?\s+(?:going\s+to\s+|gonna\s+)?(?:be\s+)?(?:replac\w*|"
    r"take\s+over|succeed\w*)\b)", re.I)
# "whats that room with all the windows?": a thing described, which the answer names anywhere
# in its lead ("... through the windows of the Cupola").
_DESCRIBES_THING = re.compile(
    r"^\s*(?:" + ASKER + r")?what(?:'s|’s|s|\s+(?:is|was|are|were))\s+(?:that|this)\s+"
    r"(?!(?:used|for|about|mean|means|called|like|made|from|in|on|at|of|to)\b)[a-z]", re.I)
_THING_PRONOUNS = frozenset({"it", "its", "they", "their"})

# What only people do, right after "they" ("how long did they end up staying?", "how long
# were they out there?"): "they" is then a crew or persons, not "seats" or "the spacewalk".
_PEOPLE_DO = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:stay|stays|stayed|staying|stayng|live|lived|living|sleep|slept|"
    r"eat|ate|land|landed|feel|felt|spend|spent|arrive|arrived|(?:get|got|come|came|go|went)\s+"
    r"(?:home|back)|(?:(?:were|was)\s+)?(?:out|outside|aboard|on\s+board|up\s+there))\b", re.I)


# Plural words that stand for things named elsewhere: "while others are uncrewed".
_NOT_THINGS = _words("others ones these those some many several both all")


class Referent(NamedTuple):
    """An earlier question whose answer names what a follow-up's pronoun stands for."""

    index: int     # in the thread's history
    plural: bool   # "they", "their": a plural phrase of the answer, not a name
    described: bool = False  # the question described the thing: its name may come late


def plural_things(sentence: str) -> list[str]:
    """The plural common noun phrases of a sentence ("solar arrays" in "The station gets its
    electricity from solar arrays"), which a follow-up's "they" may stand for."""
    return [x.text for x in _phrases(sentence) if x.plural and x.common and not x.generic
            and x.head.lower() not in _PERSON_NOUNS | _NOT_THINGS and not x.crew]


def answered_by_thing(question: str, history: Sequence[str]) -> Referent | None:
    """Which earlier question (its index in ``history``, one of the last two) asked for a thing
    that ``question``'s "it" or "they" can only be through its answer: "who launched it?" after
    "what was the very first piece of the iss?" (the answer names Zarya). None when the
    follow-up borrows a name, or a phrase of another question."""
    # An ellipsis asks what the question it stands for asks: "what about at night?" after
    # "where does the iss get its electricity?" asks where it comes from at night.
    asked = next((back for back in _latest_two(history)
                  if _ASKS_WHICH_THING.match(history[back])
                  or _DESCRIBES_THING.match(history[back]) or (
                      back and _ELLIPSIS.match(history[back]) and _ASKS_WHICH_THING.match(
                          read_follow_up(history[back], history[:back]).text))), None)
    if asked is None:
        return None
    text = _as_asked(question)
    pronouns = _outward_pronouns(text, _tokens(text), _plain(text).phrases)
    kinds = [_PRONOUNS[p.lower] for p in pronouns or ()]
    # "why did they name it that?": "they" are the people who named it, "it" the thing.
    kind = next((k for k in kinds if k in ("it", "its")), kinds[0] if kinds else "")
    if kind not in _THING_PRONOUNS or (kind == "they" and _PEOPLE_DO.match(
            text, next(p for p in pronouns if _PRONOUNS[p.lower] == "they").end)):
        return None  # "how long did they end up staying?": people, not things the answer named
    borrowed = read_follow_up(question, history).borrowed
    if any(w[:1].isupper() or w[:1].isdigit() for w in borrowed.split()):
        return None
    body = re.sub(r"^(?:the|a|an)\s+|['’]s$", "", borrowed.lower())
    if body not in history[asked].lower():
        return None  # "it" is what a later question named
    if body and body.split()[-1] in _PERSON_NOUNS:
        return None  # "do they get enough sleep?" after "where do astronauts sleep?"
    if asked < len(history) - 1 and not body and not (
            (between := answered_by_thing(history[-1], history[:-1])) and between.index == asked):
        # "how far did it turn?" after "which module was it?" and a question of its own: "it"
        # is the station; after "how many windows has it got?", which meant the Cupola too,
        # still the Cupola.
        return None
    return Referent(asked, kind in ("they", "their"),
                    bool(_DESCRIBES_THING.match(history[asked])))


def with_thing(question: str, history: Sequence[str], name: str) -> str:
    """``question`` written out in full with ``name`` in place of the phrase it borrowed, or
    of its first "it"/"they" ("who launched Zarya?")."""
    follow = read_follow_up(question, history)
    text = follow.written
    if follow.borrowed and follow.borrowed in text:
        owned = "'s" if follow.borrowed.endswith(("'s", "’s")) else ""
        return text.replace(follow.borrowed, name + owned, 1)
    owner = f"{name}'s"
    return re.sub(r"\b(?:it|they|them|its|their)\b",
                  lambda m: owner if m.group().lower() in ("its", "their") else name,
                  text, count=1, flags=re.I)


# "her" before a noun owns it ("her job"); before a preposition or nothing it is an object.
_HER_BEFORE_NOUN = re.compile(r"\s+(?!(?:to|in|on|at|for|from|up|back|home|about|with|into|out|"
                              r"off|down|again|first|last|ever|then|now|and|or)\b)[a-z]", re.I)


def with_context(question: str, context: str) -> str:
    """``question`` with the content words of ``context`` it lacks, in parentheses, for the
    search: "is the crew in danger (news air leak russian part)?"."""
    return _carry(question, context, verbs=True)


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
    return _read_follow_up(question, tuple(history[-MAX_HISTORY:]))


@lru_cache(maxsize=256)
def _read_follow_up(question: str, history: tuple[str, ...]) -> FollowUp:
    """``read_follow_up`` of a thread with history, cached: a request reads the same follow-up
    up to four times (the answer-named person, people and thing, then the analysis)."""
    turn = _resolve_one(question, _resolved(history))
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


_COMPARED_WITH = re.compile(r"\b(?:it|they)\b.*\b(?:like|unlike|than|as)\s+(?:the\s+)?$", re.I)


def _own_name(question: str) -> bool:
    """Whether a question names its own subject (a proper name), so it stands alone."""
    text = question.strip().rstrip("?")
    # "the US one", "the Russian one": a kind of the thing before, not a name of its own; nor
    # is what "it" is compared with ("does it come back like the Dragon does?").
    return any(m.start() > 0 and re.sub(r"['’]s$", "", m.group()) not in _NAME_GENERIC
               and m.group().lower() not in _WH | _AUX | _PRONOUNS.keys()
               and not re.match(r"\s+ones?\b", text[m.end():])
               and not _COMPARED_WITH.search(text, 0, m.start())
               for m in _NAME.finditer(text))


def _plain(question: str) -> _Turn:
    phrases = tuple(_phrases(question))
    # Not the visitor's own ("my son keeps asking about the soyuz that leaked ...").
    subject = next((x for x in phrases if not x.generic and x.determiner not in ("my", "our")),
                   phrases[0] if phrases else None)
    return _Turn(question, question, phrases, subject, question,
                 asked_from=_asked_from(question))


# What a visitor tells before asking: "i saw a movie where space junk wrecks a space station.
# could that happen to the ISS?", "i was reading about apollo 1 and now i'm worried, is fire a
# problem on the ISS?".
_TOLD = re.compile(r"^(?=.*\b(?:i|i['’]m|i['’]ve|my|we|me)\b).*?(?:[.!]+\s+|,\s*)"
                   r"(?=(?:is|are|was|were|do|does|did|can|could|will|would|has|have|what|"
                   r"whats|what's|how|why|when|where|who|which)\b[^.!?,]*\?\s*$)", re.I)


# "first female iss commander, who was it?": a topic, then the question about it.
_TOPIC_THEN_ASKED = re.compile(r",\s*((?:who|whom|whose|what|when|where|which)\b[^,]*\?)\s*$"
                               # "someone ran a whole marathon on the station right? who was it"
                               r"|[?!.]\s+((?:who|whom|whose|what|when|where|which)\b[^?!.]*\??)"
                               r"\s*$", re.I)


def _asked_part(question: str) -> str:
    """The question itself, after a story told first ("someone told me a rich businessman
    paid to visit the iss, who was that?") or a topic named first ("first female iss
    commander, who was it?")."""
    if start := _asked_from(question):
        return question[start:]
    topic = _TOPIC_THEN_ASKED.search(question)
    return (topic.group(1) or topic.group(2)) if topic else question


def _asked_from(question: str) -> int:
    """Where the question itself starts, after a story the visitor tells first (0 if none)."""
    told = _TOLD.match(question)
    return told.end() if told else 0


_TIME_UNITS = _words("second seconds minute minutes hour hours day days night nights week weeks "
                     "month months year years time times")


# Amounts measured: "how much money has the iss cost?" is about the station, not money.
_AMOUNTS = _words("money cash amount amounts price prices sum")
# Where a visitor looks from: "from the ground", "from the surface".
_VANTAGE = _words("ground surface backyard garden yard house home city town window")
# What a visitor is working on when asking: never what a follow-up points back at.
_VISITORS_WORK = _words("project projects homework assignment essay report presentation "
                        "question questions")
# Where things end up, never what a thread is about: "crash it into the ocean".
_WILDS = _words("ocean oceans sea seas sky atmosphere horizon")


def _candidates(turns: Sequence[_Turn]) -> list[tuple[_Phrase, _Turn]]:
    """Phrases a follow-up may point back at, the likeliest first, with the turn of each."""
    out: list[tuple[_Phrase, _Turn]] = []
    latest = turns[-1]
    if latest.subject is not None:
        out.append((latest.subject, latest))
    out.extend((x, latest) for x in latest.phrases)
    if not any(_points_at(x, latest) for x in latest.phrases) and len(turns) > 1:
        # "how bright is it?" after "when's the best time to see the iss?" and "why then?"
        # (or "what time of day should i look?"): a turn that names nothing passes the one
        # before it on.
        out.extend((x, turns[-2]) for x in turns[-2].phrases)
    out.extend((t.subject, t) for t in reversed(turns[:-1]) if t.subject is not None)
    # "the name of Japan's module": what is named may be what a later "it" is ("was it
    # launched in one go?"), so it follows the name.
    out = [pair for phrase, turn in out for pair in ((phrase, turn), *_named_of(phrase, turn))]
    seen: set[str] = set()
    unique = []
    for phrase, turn in out:
        if not _points_at(phrase, turn):
            continue
        if phrase.body.lower() not in seen:
            seen.add(phrase.body.lower())
            unique.append((phrase, turn))
    # The thing the question asks about before one in the story told before it ("could that
    # happen to the ISS?" after "i saw a movie ...": "how does it dodge stuff?" is the ISS).
    return sorted(unique, key=lambda x: (x[0].span[0] < x[1].asked_from, x[0].generic))


def _named_of(phrase: _Phrase, turn: _Turn) -> list[tuple[_Phrase, _Turn]]:
    """The thing a phrase about its name names ("Japan's module" of "the name of Japan's
    module"), placed where it stands in the turn; none for other phrases."""
    at = phrase.text.find(" of ")
    if phrase.head.lower() not in _WORDINGS or at < 0:
        return []
    start = phrase.span[0] + at + 4
    return [(replace(x, span=(x.span[0] + start, x.span[1] + start)), turn)
            for x in _phrases(phrase.text[at + 4:])[:1]]


def _points_at(phrase: _Phrase, turn: _Turn) -> bool:
    """Whether a follow-up's pronoun may point at ``phrase`` of an earlier ``turn``."""
    if phrase.generic and not _STATION_WORDS & set(phrase.body.lower().split()):
        return False  # "Earth", "space": places, not what a thread is about
    if phrase.head.lower() in _AMOUNTS:
        return False  # "how much money has it cost?": what is measured, not a thing
    if phrase.head.lower() in _TIME_UNITS and (len(phrase.body.split()) <= 2
                                                or phrase.determiner in ("what", "which")):
        # "a day" in "how many times does it go around earth a day?": a rate; "what time of
        # day": the time asked for
        return False
    if phrase.body.lower() in _IDIOM_NOUNS or phrase.head.lower() in _WILDS:
        # "move out of the way", "take part": the noun of an idiom is no thing; nor is the
        # ocean a thing is crashed into
        return False
    if _said_after(phrase.text, turn.text, _MEASURED_AGAINST):
        # "how big is the iss compared to a football field? how many people can live on it?":
        # what a thing is measured against is not what the thread is about.
        return False
    if phrase.determiner in ("a", "an") and _said_after(phrase.text, turn.text, _HOW_SOMETHING):
        return False  # "how big an area could the debris spread over?": the measure asked
    if phrase.determiner == "the" and _REMAINS & _words(phrase.body.lower()):
        # "the debris" of a thing the thread told of is that thing's: "whats the chance
        # somebody gets hurt by it?" after it is the station
        return False
    if _said_after(phrase.text, turn.text, _KEPT, _ON):
        return False  # "how do they keep the lights on?": the power, not the lamps
    if _said_after(phrase.text, turn.text, _MUST_BE):
        # "do you have to be a pilot?": what one must be, not whom "they" means next ("how
        # much do they get paid?" asks about astronauts)
        return False
    # "can i see the station from my backyard", "... from the ground", "... without a
    # telescope": the visitor's own things, where one looks from and what is done without are
    # not what the thread is about ("how bright does it get?").
    if phrase.head.lower() in _VISITORS_WORK:
        return False  # "im doing a school project on the iss": the visitor's, not the topic
    return not (phrase.determiner in ("my", "our")
                # "from my back yard": "back" is no word of a phrase, and the yard is mine
                or _said_after(phrase.text, turn.text, _MY_SOMETHING)
                or _said_after(phrase.text, turn.text, _WITHOUT)
                or (phrase.head.lower() in _VANTAGE and
                    _said_after(phrase.text, turn.text, _FROM)))


# What may come right before a phrase, checked by ``_said_after`` (each ends the text before
# it), and what may come right after.
_MEASURED_AGAINST = re.compile(r"\b(?:compared\s+(?:to|with)|than|the\s+size\s+of|as\s+\w+\s+as|"
                               r"bigger|smaller)\s+$")
_KEPT = re.compile(r"\b(?:keep|keeps|keeping|kept)\s+$")
_ON = re.compile(r"\s+on\b")
_MUST_BE = re.compile(r"\b(?:to|must|gotta|should)\s+be\s+$")
_MY_SOMETHING = re.compile(r"\b(?:my|our)\s+\w+\s+$")
_WITHOUT = re.compile(r"\bwithout\s+$")
_FROM = re.compile(r"\bfrom\s+$")
_HOW_SOMETHING = re.compile(r"\bhow\s+(?!(?:do|does|did|is|are|was|were|can|could|will|would|has|"
                            r"have|had|should)\b)\w+\s+$", re.I)


# A clause after a phrase: any ("the thing that pushes the iss down"), and one saying which
# of a kind ("the first crew that was only private astronauts").
_ANY_CLAUSE = re.compile(r"\s+(?:that|which)\s+[^?,.;]+", re.I)
_WHICH_ONES_CLAUSE = re.compile(r"\s+(?:that|who|which)\s+(?:was|were|is|are)\s+(?:all|only|"
                                r"entirely|made\s+up\s+of)(?:\s+[\w'’-]+){1,2}", re.I)


def _clause_after(phrase: str, text: str, clause: re.Pattern[str]) -> str:
    """The ``clause`` right after the first ``phrase`` in ``text`` (case aside), or ""."""
    start = text.lower().find(phrase.lower())
    found = clause.match(text, start + len(phrase)) if start >= 0 else None
    return found.group() if found else ""


def _said_after(phrase: str, text: str, before: re.Pattern[str],
                after: re.Pattern[str] | None = None) -> bool:
    """Whether ``phrase`` stands in ``text`` as whole words right after what ``before``
    matches (and before what ``after`` matches), case aside. Patterns compiled once: built
    from each phrase, they had filled the regular-expression cache and were compiled again on
    every request, two fifths of the time a follow-up took to read."""
    low, word = text.lower(), phrase.lower()
    start = low.find(word)
    while start >= 0:
        end = start + len(word)
        if (end == len(low) or not (low[end].isalnum() or low[end] == "_")) and \
                before.search(low, 0, start) and (after is None or after.match(low, end)):
            return True
        start = low.find(word, start + 1)
    return False


# Participles that tell a state, what a story is about ("two astronauts got stuck for
# months"): carried like nouns.
_STATES = _words("stuck stranded trapped broken lost sick injured hurt")


_MOST_OF_THEM = re.compile(r"\b(?:most|more|fewest|least)\s+of\s+them\b", re.I)
# A trip named with no way ("how long does the trip take?"), and the way a turn went.
_BARE_TRIP = re.compile(r"\bthe\s+(?:trip|journey|ride|flight)(?!\s+(?:to|up|home|back|down|"
                        r"there|from)\b)", re.I)
_WAY_UP = re.compile(r"\b(?:get|gets|getting|got|go|goes|going|went|fly|flies|flying|flew|"
                     r"travel\w*|ride|rides|riding|launch\w*)\s+(?:up\s+)?to\s+(?:the\s+)?"
                     r"(?:iss|space\s+station|station)\b", re.I)
_WAY_HOME = re.compile(r"\b(?:get|gets|getting|got|come|comes|coming|came|fly|flies|flying|flew|"
                       r"go|goes|going|went)\s+(?:back\s+)?(?:home|back|down)\b|\breturn\w*\b",
                       re.I)


def _way_of(text: str) -> str:
    """Which way a turn's trip went ("to the station", "home"); empty if neither."""
    if _WAY_UP.search(text):
        return "to the station"
    if _WAY_HOME.search(text):
        return "home"
    return ""


# What replaces "it": in a thread that named the station, the station.
_REPLACES_IT = re.compile(r"\b(?:replace|replaces|replacing|succeed|succeeds|take\s+over\s+from|"
                          r"come\s+after|comes\s+after)\s+(it)\b", re.I)
_STATION_END = re.compile(r"\b(?:retire\w*|deorbit\w*|decommission\w*|shut\w*\s+(?:it\s+)?down|"
                          r"comes?\s+down|crash\w*|brings?\s+it\s+down|end\s+of)\b", re.I)
_TO_OR_END = re.compile(r"\s+to\b|\s*$")
_MINE = re.compile(r"\b(?:my|our)\s+(?:back|front)\s+\w+", re.I)
# Who asks, which a follow-up never carries: "my son keeps asking about the soyuz ...".
_ASKING = re.compile(r"\b(?:my|our)\s+(?:little\s+)?[\w'-]+\s+(?:keeps\s+asking|kept\s+asking|"
                     r"is\s+asking|asks|asked|wants\s+to\s+know|wonders|is\s+wondering)"
                     r"(?:\s+me)?(?:\s+(?:about|whether|if))?\b", re.I)


# Words after a general one that make no kind of it: "time in space overall".
_NO_KIND = _GENERIC | _words("overall altogether too either")


def _carry(text: str, context: str, verbs: bool = False, station: bool = False) -> str:
    """``text`` with the content words of ``context`` it lacks, in parentheses.

    Verbs stay behind ("when did Zarya launch" carries "Zarya") unless a noun phrase holds
    them ("a coolant leak", "the docking port"), or ``verbs`` is set: a follow-up that names
    nothing leans on what was done ("how many hours do you get?" after "where do you sleep?").
    With ``station`` the station's name comes too: an event of its own ("lose height").
    """
    have = set(tokenize(re.sub(r"'s\b", "", text)))
    # "and the first european?" after our first canadian astronaut: Europe instead of Canada.
    own_nation = bool(have & NATIONALITIES)
    words = []
    context = _ASKING.sub(" ", context.replace("’", "'"))
    phrases = _phrases(context)
    spans = [x.span for x in phrases]
    # "space junk": a general word naming the kind of a phrase's noun comes along with it.
    kinds = set()
    for x in phrases:
        at = x.span[0]
        written = x.text.split(" ")
        for word, after in pairwise(written):
            bare = word.lstrip("(")  # carried words come in parentheses
            if bare.lower() in _GENERIC and after.lower().strip("()?") not in _NO_KIND:
                kinds.add(at + len(word) - len(bare))
            at += len(word) + 1
    # The visitor's own yard, written in two words ("from my back yard"), says nothing of
    # the station ("yard" found "one yard short of a football field").
    mine = [m.span() for m in _MINE.finditer(context)]
    for token in _tokens(context):
        word = token.text[:-2] if token.lower.endswith("'s") else token.text.strip("'")
        lower = word.lower()
        terms = tokenize(word)
        # "is going to be retired": the future, not a going.
        future = lower == "gonna" or (lower == "going" and
                                      _TO_OR_END.match(context, token.end) is not None)
        if not terms or lower in _NOT_CARRIED or lower in _FUNCTION or future or any(
                a <= token.start < b for a, b in mine) or (
                own_nation and lower in NATIONALITIES) or (
                lower in _GENERIC and token.start not in kinds and
                not (station and lower in _STATION_WORDS)):
            continue
        if not verbs and _is_verb(token) and lower not in _STATES and \
                not any(a <= token.start < b for a, b in spans):
            continue
        if any(t not in have for t in terms):
            words.append(word)
            have.update(terms)
    if verbs and GO_OUTSIDE.search(context) and "spacewalk" not in have:
        # "who were they?" after "when did two women go outside together first?": the pages
        # call going outside a spacewalk.
        words.append("spacewalk")
    if not words:
        return text
    return f"{text.rstrip(' ?')} ({' '.join(words)})?"


_COPULA = re.compile(r"\b(?:is|was|are|were)\b|'s\b", re.I)


def _standing_for(x: str, asked: str) -> re.Match[str] | None:
    """The pronoun of ``asked`` that stands for ``x``: one that agrees in number if any ("what
    about deodorant, do they wear it?": "it"), else the first."""
    found = list(re.finditer(rf"\b(?:{'|'.join(_STANDS_FOR)})\b", asked, re.I))
    plural = x.lower().endswith("s")
    agreeing = [m for m in found if (m.group().lower() in ("they", "them", "their")) == plural]
    return (agreeing or found or [None])[0]


def _resolve_one(question: str, turns: Sequence[_Turn], *, way: bool = True) -> _Turn:
    if not turns:
        return _plain(question)
    if way and _BARE_TRIP.search(question) and (went := _way_of(turns[-1].core)):
        # "how long does the trip take?" after "how do the russian cosmonauts get to the
        # station?": the trip up, not home; carried for the search only.
        turn = _resolve_one(question, turns, way=False)
        carried = f"{turn.text.rstrip(' ?')} ({went})?"
        return replace(turn, text=carried, context=carried)
    if (replaced := _REPLACES_IT.search(question)) and any(
            _STATION_WORDS & set(tokenize(t.core, drop_stopwords=False)) for t in turns) and \
            any(_STATION_END.search(t.core) for t in turns):
        # "whats going to replace it?" in a thread about the station's end: the station, not
        # the deorbit vehicle the latest turn asked about; the thread's words still steer.
        text = question[:replaced.start(1)] + "the iss" + question[replaced.end(1):]
        carried = _carry(text, turns[-1].context)
        return _Turn(carried, text, tuple(_phrases(text)), turns[-1].subject, carried)
    if (about := _ABOUT_THEN_ASKED.match(question)) and \
            (pronoun := _standing_for(about.group("x"), about.group("q"))):
        x, asked = about.group("x"), about.group("q")
        named = _STANDS_FOR[pronoun.group().lower()].format(x=x)
        return _resolve_one(asked[:pronoun.start()] + named + asked[pronoun.end():], turns)
    if supposed := _WHAT_IF.match(question):
        # "what if theres no time to move it?" gives a condition, as "and if ...?" does.
        return _resolve_ellipsis(f"if {supposed.group(1)}", turns)
    ellipsis = _ELLIPSIS.match(question)
    if ellipsis is None and (bare := _BARE_NOUN.fullmatch(question)) and \
            (found := _phrases(bare.group(1))) and found[0].text == bare.group(1) and \
            found[0].common and not found[0].generic:
        # "pizza??" after "can they have coffee?": "and pizza?".
        return _resolve_ellipsis(bare.group(1), turns)
    if ellipsis:
        new = (ellipsis.group("x") or ellipsis.group("y")).strip()
        if _RANKED_ONE.fullmatch(new):
            # "and the longest one?" after "who's done the most (spacewalks)?": which one
            # ranks so, "one" read as any follow-up's ("what was the longest spacewalk?").
            return _resolve_one(f"what was {new}?", turns)
        return _resolve_ellipsis(new, turns)
    if _own_name(question):
        return _plain(question)
    if _BARE_SUPERLATIVE.search(question) and (ranked := _ranked_turn(turns)):
        # "and which woman has the most?" after "who's spent the most time in space?": the
        # most of what the thread ranked, asked again for her.
        carried = _carry(_LEAD_IN.sub("", question), ranked.text, verbs=True)
        return _Turn(carried, question, tuple(_phrases(question)), ranked.subject, carried)
    text = _as_asked(question)
    text = re.sub(r"\bits\b(?=\s+(\w+))",
                  lambda m: "it's" if m.group(1).lower() in _ITS_AS_IT_IS else m.group(), text,
                  flags=re.I)
    if not existential_there(text):
        # "with there familys": "their" spelt "there".
        # Not a place after "up", "out", "in" ("up there every day").
        text = re.sub(r"(?<!\bup )(?<!\bout )(?<!\bin )(?<!\bover )(?<!\bdown )(?<!\bback )"
                      r"\bthere(?=\s+(\w+))", lambda m: "their" if _is_noun(m.group(1))
                      and m.group(1).lower() not in _DETERMINERS else m.group(), text,
                      flags=re.I)
    candidates = _candidates(turns)
    if _NOWADAYS.search(text):
        # "what rocket does it go up on now?" after "when did the very first one launch?":
        # now is not the first one's time, so "it" is the thing itself.
        candidates = [(x, t) for x, t in candidates
                      if not _FIRST_ONE.search(x.text)] or candidates
    if done := _DO_IT.search(text):
        if verb := _what_was_done(turns[-1].core) or _what_was_done(turns[-1].text):
            # "how long do they do it each day?" after "how do astronauts exercise?": "it" is
            # what was done, so the earlier question's verb stands in for "do it".
            text = text[:done.start(1)] + verb + text[done.end():]
            return _Turn(_carry(text, turns[-1].context), text, tuple(_phrases(text)),
                         turns[-1].subject, turns[-1].context)
        activity = next((x for x, t in candidates if t is turns[-1] and x.common
                         and not x.generic and not x.person), None)
        if activity is not None:
            # "how often do they do that?" after "what is a spacewalk?" (no verb to borrow):
            # what they do is the thing asked about, "how often do they do spacewalks?".
            text = text[:done.end(1)] + " " + activity.kind() + text[done.end():]
            return _Turn(_carry(text, turns[-1].context), text, tuple(_phrases(text)),
                         activity, turns[-1].context)
    if (inside := _IN_THERE.search(text)) and (place := next(
            (x for x, t in candidates if t is turns[-1] and x.common and not x.generic
             and not x.person and not x.crew and x.head.lower() not in _NO_PLACES), None)):
        # "how long do they stay in there?" after "how much water is in that pool?": "in
        # there" is in the pool, whatever "they" turns out to be.
        text = text[:inside.start()] + f"in {place.definite()}" + text[inside.end():]
    else:
        place = None
    tokens = _tokens(text)
    own = _plain(text)
    pronouns = _outward_pronouns(text, tokens, own.phrases)
    if pronouns is None:
        return _plain(question)  # "when it comes down" after "the station": its own referent
    if pronouns and _ASKS_WHO.match(turns[-1].core) and \
            all(_PRONOUNS[p.lower] in _PEOPLE_PRONOUNS for p in pronouns) and \
            not any(x.person or x.crew for x, t in candidates if t is turns[-1]):
        # "how did they get home after that?" after "who was on the station during 9/11?":
        # "they" are the people the answer named, not a phrase of the question ("the
        # attacks"); the earlier question is carried so the search finds them. A question
        # that names them by a phrase ("the first space tourist") lends that phrase.
        latest = turns[-1]
        carried = _carry(text, latest.context, verbs=True)
        return _Turn(carried, text, own.phrases, latest.subject, carried)
    if pronouns and candidates:
        return _replace_pronoun(text, tokens, pronouns, candidates, own.phrases)
    # "has one ever broken?" stands for one of the earlier things, as "the last one" does;
    # "does one need ...?" is anyone.
    ones = [k for k, t in enumerate(tokens) if t.lower == "one" and k > 0
            and (tokens[k - 1].lower not in _PREPOSITIONS | _AUX | {"no", "every", "any",
                                                                    "some"}
                 or (tokens[k - 1].lower in _AUX and k + 1 < len(tokens)
                     and tokens[k + 1].lower == "ever")
                 # "did a robot ever ride in one?", not "in one go"
                 or (tokens[k - 1].lower in _PREPOSITIONS and k == len(tokens) - 1))
            and not (k + 1 < len(tokens) and tokens[k + 1].lower == "of")]
    if ones and any(x.determiner in ("which", "what") and x.span[1] <= tokens[ones[0]].start
                    and _COPULA.search(text, x.span[1], tokens[ones[0]].start)
                    for x in own.phrases):
        # "which expedition was the first one ...": its own noun; not "how many people fit
        # in the spacex one?", where the one is another thing.
        return _plain(question)
    if ones and candidates and (tokens[ones[0] - 1].lower not in _AUX or any(
            x.common and not x.generic for x, _ in candidates)):
        # "has one ever broken?" with nothing but the station before it: the one is a thing
        # an answer named (a gyroscope), which no phrase can stand for.
        # "how long did that one last?" after "when did two women do a spacewalk together?":
        # one of the things, not of the people.
        phrase, turn = next(((x, t) for x, t in candidates if x.common and not x.generic
                             and not x.person and not x.crew), candidates[0])
        # "what was the first one called?" after "did europe ever send its own supply ships?":
        # one of the things the turn counted, not the one who sent them.
        phrase, turn = next(((x, t) for x, t in candidates if t is turn and x.common
                             and not x.generic and x.plural and not phrase.plural
                             and not x.person and not x.crew), (phrase, turn))
        # "who was out there for that one?" after "whats the record for the longest one": the
        # thing as the latest turn singled it out, "the longest spacewalk".
        phrase, turn = next(((x, t) for x, t in candidates if t is turns[-1]
                             and x.head == phrase.head and len(x.body) > len(phrase.body)),
                            (phrase, turn))
        token = tokens[ones[0]]
        # "each one" stands for the whole phrase, "the first one" for its noun.
        whole = tokens[ones[0] - 1].lower in ("each", "every", "which", "that", "this", "the")
        borrowed = phrase.whole() if whole else phrase.noun(kind=True)
        resolved = text[:token.start] + borrowed + text[token.end:]
        if not whole and (owner := phrase.owner()) and \
                (ranked := re.search(rf"\bthe\s+(?=(?:{_ORDINALS}|last|next)\s+$)",
                                     text[:token.start], re.I)):
            # "what was the first one called?" after "what was europe's cargo ship?": Europe's
            # first cargo ship.
            owner = re.sub(r"^(?:the|a|an)\s+", "", owner, flags=re.I)
            resolved = resolved[:ranked.start()] + owner + " " + resolved[ranked.end():]
        phrases = _phrases(resolved)
        # "who did it?" after "whats the longest one ever": the thing as now singled out ("the
        # longest spacewalk"), not the thread's first subject ("a spacewalk").
        singled = next((x for x in phrases if x.head.lower() == phrase.head.lower()
                        and len(x.body) > len(phrase.body)), turns[-1].subject)
        return _Turn(_carry(resolved, turn.context), resolved, tuple(phrases), singled,
                     turn.context, borrowed)
    there = _referential_there(text)
    # "why there?" after "where did the first astronauts splash down?": people are no place,
    # so the earlier question is carried instead.
    placed = next(((x, t) for x, t in candidates if not (x.person or x.crew)), None)
    if there is not None and placed is not None:
        phrase, turn = placed
        resolved = text[:there.start()] + f"in {phrase.definite()}" + text[there.end():]
        return _Turn(_carry(resolved, turn.context), resolved, tuple(_phrases(resolved)),
                     phrase, turn.context, phrase.definite())
    event = is_event(text)
    # "why not?" says nothing of its own: the turn it follows is what was spoken about.
    spoken = next((t for t in reversed(turns) if tokenize(t.core)), turns[-1])
    if event or _leans_on_context(text, own, spoken):
        # "whose idea was that?", "who were the two men": the earlier turn is the context;
        # for a question that names nothing, what was done in it too ("... (sleep)").
        latest = turns[-1]
        # "what happens after that?" leans on what was done ("retire"); "whose idea was
        # that?" on what was named.
        if event and _EVER_HAPPENED.match(text) and (supposed := next(
                (t for t in reversed(turns[-3:]) if _SUPPOSED.search(t.core)), None)):
            # "has that ever actually happened?" after "what happens if ammonia leaks?" and a
            # question about oxygen masks: "that" is what the thread supposed.
            carried = _carry(text, supposed.text, verbs=True)
        elif event and (_EVER_HAPPENED.match(latest.core) or _RESTATED.match(text)):
            # "how many days is that?" after "who has spent the most time in space?" asks the
            # earlier answer again in days: the whole earlier question, verbs and all.
            carried = _carry(text, latest.text, verbs=True)
        elif event and latest.text != latest.context and tokenize(own_words(latest.text)):
            # "is that dangerous?" after "how much radiation do they get on a 6 month stay":
            # "that" is what the latest question asked about (its pronoun written out), not
            # the topic it borrowed from the one before ("a solar storm"); "why did that
            # happen?" after "how far did it spin?" is about the spinning.
            carried = _carry(text, own_words(latest.text),
                             verbs=bool(_SEQUEL.search(text) or _WHEN_WAS_THAT.match(text)))
        else:
            # "when?" (or "which ocean?") alone asks the latest question again: the station,
            # if it was named, too ("is the iss going to be crashed into the ocean?" ->
            # "when?"); so does a question after one that named nothing else ("who is building
            # that thing?" after "how will they get rid of the ISS?"), and what the visitor
            # will do ("what time of day should i look?" after "can i spot the iss from my
            # back garden?").
            only_station = (bool(latest.phrases) and all(x.generic for x in latest.phrases)) or (
                bool(_THE_VISITOR.search(text)) and bool(_STATION_WORDS & set(
                    tokenize(latest.core, drop_stopwords=False))))
            carried = _carry(text, latest.context,
                             verbs=not event or bool(_SEQUEL.search(text)),
                             station=bool(_BARE_WH.fullmatch(text) or _BARE_WHICH.fullmatch(text))
                             or only_station)
        subject = own.subject if own.subject and not own.subject.generic else latest.subject
        return _Turn(carried, text, own.phrases, subject, carried)
    if place is not None:
        # "how much water got in there?" after a helmet filling with water: nothing else to
        # resolve, "in the helmet" is the rewrite.
        return _Turn(_carry(text, turns[-1].context), text, own.phrases, place,
                     turns[-1].context, place.definite())
    return _plain(question)


# A turn that only tells ("i heard ...", "i saw ..."), asking nothing.
_TOLD_ONLY = re.compile(r"^\s*(?:i|we|my)\b(?!.*\?)(?!.*\b(?:wonder\w*|know|ask\w*)\b)",
                        re.I)
# A follow-up that is only a question word: "when?", "and why?".
_BARE_WH = re.compile(r"\s*(?:and\s+|so\s+|but\s+)?(?:when|where|why|how|who)\s*[?!.]*\s*", re.I)


# "when was that?" after "what was the first thing they ate from it?": when what was done
# happened, so the earlier question's verbs come along.
_WHEN_WAS_THAT = re.compile(r"^\s*(?:and\s+|so\s+)?when\s+(?:was|did)\s+(?:that|this)\b", re.I)
# "has it ever broken?": what happened is the event a later "that" means ("how long did that
# take to fix?"), so its verb comes along.
_EVER_HAPPENED = re.compile(r"^\s*(?:has|have|had|did|was|were)\b.*\bever\b", re.I)
# A question that supposes an event: "what happens if ammonia leaks?", "what do you do if
# a fire breaks out?".
_SUPPOSED = re.compile(r"\b(?:what|how)\b.*\b(?:if|in\s+case)\b", re.I)


# Where a clause ends, so that a pronoun after it may point back at a phrase before it.
_CLAUSE_BREAK = re.compile(
    r"[,:;.!?\u2013\u2014]|\s-\s|\b(?:when|whenever|if|like|before|after|because|that|"
    r"while|so|and|but|until|once|since|as|unless|although|though|where)\b", re.I)
_POSSESSIVES = ("its", "their", "his", "her")
# "relocate itself", "its own modules": the question names its own referent.
_SELF_REFERENCE = re.compile(r"\b(?:itself|themselves|himself|herself|(?:its|their|his|her)\s+"
                             r"own)\b", re.I)
# The pronoun each possessive belongs with.
_FAMILY = {"its": "it", "it's": "it", "their": "they", "his": "he", "her": "he"}
# "it" that stands for nothing: "how long does it take", "is it safe to", "what time is it".
_DUMMY_IT = re.compile(
    # "is it hard to sleep?", not "what is it used for?" (a thing used, made, meant for)
    r"\b(?:is|was|isn't|wasn't)\s+(it)\s+(?:really\s+|very\s+|so\s+)?"
    r"(?!(?:used|made|built|meant|designed|needed|named|launched)\b)\w+\s+(?:to|for)\b"
    r"|\b(it)(?:'s|\s+is|\s+was)\s+(?:really\s+|very\s+|so\s+)?\w+\s+(?:to|for)\b"
    r"|\b(it)(?:'s)?\s+(?:take|takes|took|taking)\b|\bwhat\s+time\s+is\s+(it)\b"
    r"|\bwhat\s+time\s+(it)\s+is\b"
    # "what happens if it's serious?": the situation, not a thing
    r"|\bif\s+(it)(?:'s|s|\s+is|\s+gets|\s+was)\s+(?:really\s+|very\s+|too\s+)?(?:serious|bad|"
    r"worse|urgent|an\s+emergency|life[- ]threatening)\b", re.I)


def dummy_pronouns(text: str) -> set[int]:
    """Where an "it" stands for nothing ("what time is it", "is it hard to sleep")."""
    return {m.start(g) for m in _DUMMY_IT.finditer(text)
            for g in range(1, _DUMMY_IT.groups + 1) if m.group(g)}


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
    inside: set[str] = set()
    for reflexive in _SELF_REFERENCE.finditer(text):
        kind = _PRONOUNS.get(reflexive.group().split()[0].lower(), "")
        family = _FAMILY.get(kind, kind)
        if not any(x.span[1] <= reflexive.start() and x.agreement(family) for x in phrases):
            if any(t.end <= reflexive.start() and t.lower in _PRONOUNS and
                   _FAMILY.get(_PRONOUNS[t.lower], _PRONOUNS[t.lower]) == family
                   for t in tokens):
                # "does it have its own arm?", "does it fly itself?": the reflexive is the
                # earlier "it"'s, which points outside like any other
                continue
            return None  # "is there one with its own arm?": nothing here owns it
        # "do the astronauts drive it themselves?": "themselves" are the astronauts, and
        # "it" still points outside.
        inside.add(family)
    dummies = dummy_pronouns(text)
    pronouns = [t for t in tokens if t.lower in _PRONOUNS and t.start not in dummies
                and _FAMILY.get(_PRONOUNS[t.lower], _PRONOUNS[t.lower]) not in inside]
    seen: set[str] = set()
    for pronoun in pronouns:
        kind = _PRONOUNS[pronoun.lower]
        family = _FAMILY.get(kind, kind)
        if family in seen:
            continue
        seen.add(family)
        for phrase in phrases:
            if phrase.span[1] > pronoun.start or phrase.head.lower() in _TIME_UNITS:
                continue  # "how many days was their stay?": days own no stay
            score = phrase.agreement(kind)
            needed = 2 if family == "it" else 1
            if score < needed:
                continue
            if kind in _POSSESSIVES or _CLAUSE_BREAK.search(text, phrase.span[1],
                                                             pronoun.start):
                return None
    return pronouns


# A question answered by naming people, and the pronouns that then point at them.
# "which rich guy bought the first ticket?": one describing word may come first.
_ASKS_WHO = re.compile(r"^\s*(?:who|whom|whose|(?:which|what)\s+(?:[a-z]+\s+)?(?:astronauts?|"
                       r"cosmonauts?|people|person|wom[ae]n|m[ae]n|guys?|lady|ladies|tourists?|"
                       r"businessman|businesswoman|billionaire|millionaire)|which\s+crew)\b",
                       re.I)
# "has any space tourist been twice?": the answer names who did, whatever phrase "his" takes.
_ASKS_ANYONE = re.compile(r"^\s*(?:(?:has|have|did|was|were|is)\s+(?:any|anyone|anybody|someone|"
                          r"somebody)\b"
                          # "whats the longest a woman has ever stayed?": the record holder.
                          r"|(?:what|whats|what's)\s+(?:is\s+|was\s+)?the\s+(?:\w+est|most)\s+"
                          r"(?:that\s+)?(?:(?:a|any|one)\s+(?:woman|man|person|astronaut|"
                          r"cosmonaut)|anyone|anybody|someone|somebody)\b"
                          # "wasn't there an astronaut who spent a year in space ...?"
                          # "was there ever a korean astronaut on the iss?"
                          r"|(?:was|wasn't|wasnt|is|isn't|isnt)\s+there\s+(?:ever\s+)?"
                          r"(?:an?|any|some)\s+(?:\w+\s+)?"
                          r"(?:astronauts?|cosmonauts?|person|people|woman|women|man|men|guy)\b"
                          # "whats the record for the longest time in space?": its holder
                          r"|(?:what|whats|what's)\s+(?:is\s+|was\s+)?the\s+(?:\w+\s+)?record\b)",
                          re.I)
_PEOPLE_PRONOUNS = frozenset({"they", "their", "he", "his", "her"})
_IDIOM_NOUNS = _words("part board place charge home use care order way good "
                      # "is it going to be shut down at some point?"
                      "point "
                      # and vague nouns: "how much stuff did they haul up?"
                      "stuff")
# "they do it", "you did that": an activity, not a thing. A subject comes first, so "does it
# have", where "it" is the subject, is left to the pronoun rules.
_DO_IT = re.compile(r"\b(?:they|you|we|he|she|i|u|it)\s+(?:\w+\s+){0,2}?(do|does|did|doing)\s+"
                    r"(?:it|that|this)\b", re.I)


# Verbs that say what was done only with the thread: "how many hours do they get?".
_LIGHT_VERBS = _words("get gets got getting have has had having need needs needed take takes "
                      "took taking")


# A verb's particle and what completes it: "(get) out of the way", "(move) away".
_PHRASAL = re.compile(r"\s+(?:out\s+of\s+(?:the|its|their)\s+way|out|away|off|back|around|"
                      r"up|down)(?=\s*[?!.]*\s*$)", re.I)


def _last_verb(question: str) -> _Token | None:
    """The last verb of a question that is no auxiliary, or None."""
    return next((t for t in reversed(_tokens(question)) if _is_verb(t) and t.lower not in _AUX
                 and t.lower not in ("doing", "done", "be")), None)


def _main_verb(question: str) -> str | None:
    """The last verb of a question that is no auxiliary ("exercise" in "how do astronauts
    exercise?"), or None."""
    verb = _last_verb(question)
    return verb.text if verb else None


def _what_was_done(question: str) -> str | None:
    """What a question asks was done: its last verb with the particle that makes one phrasal
    verb of it ("get out of the way" in "how does the station get out of the way?"); None if
    it has no verb."""
    if (verb := _last_verb(question)) is None:
        return None
    phrasal = _PHRASAL.match(question, verb.end)
    return verb.text + phrasal.group().rstrip() if phrasal else verb.text


_UNITS_OF_TIME = _words("hour hours minute minutes day days week weeks month months year years "
                        "time times")
# Units a measure is asked in name no subject either: "like how many meters a day are we
# talking?" after "is it true the ISS keeps dropping lower?".
_UNITS_OF_MEASURE = _words("meter meters metre metres km kilometers kilometres mile miles foot "
                           "feet kg kilograms kilos pound pounds lb lbs tonne tonnes ton tons "
                           "mph degree degrees percent")
# What a thing leaves behind, named as the thread's own: "how big an area could the debris
# spread over?" after where the station will fall.
_REMAINS = _words("debris wreckage remains wreck rubble leftovers")
# "how much would someone soak up ...", "how much do they get": an amount of nothing named.
_HOW_MUCH_DONE = re.compile(
    r"^\s*how\s+much\s+(?:would|does|do|did|will|can|could|should|might)\s+(?:someone|somebody|"
    r"anyone|anybody|a\s+person|people|you|they|he|she|each|one|(?:an?\s+|the\s+)?"
    r"(?:astronauts?|cosmonauts?|crew(?:\s*members?)?))\s+[a-z]+(?:\s+(?:up|out|in|on|off))?\b",
    re.I)
_COUNTS = _words("one two three four five six seven eight nine ten twelve half single whole "
                 "each every per average typical")
_TO_THE_CREW = re.compile(r"\b(?:you|your|yours|u|ur)\b", re.I)
_THE_VISITOR = re.compile(r"\b(?:i|me|my|i['’]d|i['’]ll|i['’]m)\b", re.I)


# A follow-up that is only a noun or two, asked: "pizza??", "ice cream?".
_BARE_NOUN = re.compile(r"\s*([a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*)?)\s*\?+\s*")
# A follow-up that is only "which" and a noun: "which ocean?".
_BARE_WHICH = re.compile(r"\s*(?:and\s+|so\s+)?(?:which|what)\s+[\w'’-]+\s*[?!.]*\s*", re.I)
# A name or word spoken of before: "what does that name mean in english?".
_THAT_NAME = re.compile(r"\b(?:that|this)\s+(?:name|word)\b", re.I)
# A verb's particle with nothing after it points into the thread: "how much water got in?"
# (into the helmet), "how many pieces broke off?"; so does a way kept clear of nothing named
# ("how does the station get out of the way?" of the space junk asked about).
_BARE_PARTICLE = re.compile(r"\b(?:got|get|gets|came|come|comes|leaked|leak|leaks|went|go|goes|"
                            r"broke|break|breaks|fell|fall|falls)\s+(?:in|into|inside|out|off|"
                            r"through|away)\s*[?!.]*\s*$"
                            r"|\bout\s+of\s+(?:the|its|their)\s+way\s*[?!.]*\s*$", re.I)


def _leans_on_context(text: str, turn: _Turn, earlier: _Turn) -> bool:
    """Whether a short question names nothing of its own ("who were the two men").

    Only "the <common noun>" phrases, or none at all, and at most two content words; a
    question to the crew ("how fast are you moving?") is about the station, not the thread,
    unless the ``earlier`` question spoke to the crew too ("where do you sleep?" -> "how many
    hours do you get?").
    """
    if _TO_THE_CREW.search(text) and not _TO_THE_CREW.search(earlier.core):
        return False
    if _THAT_NAME.search(text):
        return True  # "what does that name mean?": the name the thread asked for
    if _BARE_WHICH.fullmatch(text):
        return True  # "which ocean?" after "when will they crash it?": asks the thread again
    # The noun of an idiom names no subject: "who took part?", "who was on board?"; nor does
    # a unit of time: "how many hours do you actually get?" after where the crew sleeps.
    phrases = [x for x in turn.phrases if x.body.lower() not in _IDIOM_NOUNS
               and x.head.lower() not in _UNITS_OF_TIME | _UNITS_OF_MEASURE]
    if not phrases and _THE_VISITOR.search(text):
        # "what time of day should i go out and look?" after "can i spot the iss from my
        # backyard?": what the visitor does, in the thread's matter, however many words.
        return True
    if (bare := _HOW_MUCH_DONE.match(text)) and not [
            t for t in tokenize(text[bare.end():])
            if t not in _UNITS_OF_TIME and t not in _COUNTS and not t.isdigit()]:
        # "so how much would someone soak up in six months?" after how bad the radiation is:
        # an amount of the thread's matter.
        return True
    terms = [t for t in tokenize(text) if t not in _NOT_CARRIED and t not in _GENERIC]
    # Not the measure asked for: "how big an area".
    named = [x for x in phrases if not x.generic
             and not _said_after(x.text, text, _HOW_SOMETHING)]
    if named and all(x.determiner == "the" and (x.plural or _REMAINS & _words(x.body.lower()))
                     and x.common and _is_noun(x.head)
                     and x.head.lower() not in _RANKING | _PLACEHOLDERS
                     and x.head.lower() not in earlier.core.lower() for x in named):
        # "how big an area could the pieces land in?" after "where will the station crash?":
        # things the thread brought along without naming them (the station's pieces).
        return True
    if any(x.determiner == "the" and any(y.body.lower() == x.body.lower() and y.determiner
                                             not in ("the", "my", "our") for y in earlier.phrases)
           for x in named):
        # "how did the two astronauts get home?" after "... two astronauts getting stuck on
        # Boeing's capsule": the ones the thread told of, in its matter.
        return True
    if len(terms) > 2:
        return False
    if _BARE_PARTICLE.search(text) and not any(x.name for x in phrases):
        return True
    specific = [x for x in phrases if not x.generic]
    if not phrases:
        return True
    # "is there a lag?" after "how do astronauts talk to mission control?": one thing said to
    # exist, in the thread's topic.
    existing = ("a", "an", "any") if existential_there(text) and len(terms) == 1 else ()
    # "were the astronauts in any danger?": "any" names no thing of its own either.
    return bool(specific) and all(
        x.determiner in ("the", "that", "this", "these", "those", "any", *existing)
        and not x.name for x in specific)


def existential_there(text: str) -> bool:
    """Whether ``text`` uses "there" to say something exists ("is there", "have there been",
    "there are"): then "there" stands for no place."""
    return bool(_EXISTENTIAL_THERE.search(text))


def _referential_there(text: str) -> re.Match[str] | None:
    match = re.search(r"\bthere\b", text, re.I)
    if match is None or _IDIOM_THERE.search(text) or existential_there(text):
        return None
    return match


# What a crew rides in or belongs to ("how did its crew get back?" after "how big was the
# hole?" in the Soyuz that leaked: the Soyuz's crew, not the hole's).
_CREW_OWNERS = _words("spacecraft spaceship ship ships capsule capsules vehicle vehicles craft "
                      "shuttle shuttles orbiter station mission missions flight flights "
                      "expedition expeditions plane spaceplane")
_CREW_OF = re.compile(r"\s+(?:own\s+)?(?:crews?|astronauts|cosmonauts|passengers|commander|pilot|"
                      r"occupants|riders)\b", re.I)


# What a machine does when it breaks, said after "it": "does it ever break?".
_BREAKS = re.compile(r"\s+(?:(?:ever|often|always|sometimes|still|really|actually)\s+)*(?:break|"
                     r"breaks|broke|broken|fail|fails|failed|malfunction\w*|stop\s+working|"
                     r"stopped\s+working)\b", re.I)
# Stuff, which does not break (the toilet does, not the solid waste it takes).
_SUBSTANCES = _words("waste urine water food air trash rubbish oxygen sweat poop pee")


# Words for what a thing is called, and what only a thing is done: "when did it get attached
# to the rest of the station?" after "what does the name mean?" is Zvezda, not its name.
_WORDINGS = _words("name names word words acronym abbreviation meaning nickname term")
_DONE_TO_THINGS = re.compile(r"\b(?:attach\w*|launch\w*|dock\w*|undock\w*|buil[dt]\w*|"
                             r"install\w*|connect\w*|arriv\w*|weigh\w*|fl[iy]\w*|flown|"
                             r"mov\w*|broke|break\w*|added|lift\w*)\b", re.I)


def _agreement(phrase: _Phrase, text: str, pronoun: _Token) -> int:
    kind = _PRONOUNS[pronoun.lower]
    if kind == "it" and (phrase.body.lower() in NATIONALITIES or (
            phrase.head.lower() in _WORDINGS and _DONE_TO_THINGS.search(text))):
        return 0  # nor is a language ("in russian") a thing
    if kind == "it" and _BREAKS.match(text, pronoun.end) and \
            phrase.head.lower() in _SUBSTANCES:
        return 0
    if kind in ("its", "their") and _CREW_OF.match(text, pronoun.end) and not (
            phrase.name or phrase.generic or phrase.head.lower() in _CREW_OWNERS):
        return 0
    if kind == "they" and _PARTITIVE.search(text, 0, pronoun.start) and not phrase.person \
            and not phrase.generic and (phrase.determiner or phrase.plural):
        # "how many of them" counts things of a kind: "its own cargo ship", not "Europe";
        # ships "have gone up there" as people do.
        return max(phrase.agreement("they"), phrase.agreement("it"))
    if kind == "they" and _PEOPLE_DO.match(text, pronoun.end) and not (
            phrase.person or phrase.group):
        return 0
    return phrase.agreement(kind)


def _a_referent(phrase: _Phrase) -> bool:
    """Whether a follow-up's own phrase names what it is about, so that it stands alone: not
    the noun of an idiom ("move out of the way"), nor a bare plural, a kind of thing asked
    about in the thread's setting ("have they tried lasers?" after the data link's speed)."""
    if phrase.body.lower() in _IDIOM_NOUNS or phrase.determiner in ("what", "which"):
        return False
    return bool(phrase.determiner) or phrase.name or not phrase.plural


_OF_BEFORE = re.compile(r"\bof\s+$", re.I)


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
            if score == 1 and phrase.person and not phrase.group and \
                    _PRONOUNS[pronouns[-at].lower] in ("it", "its", "it's"):
                # "do they know what caused it?" after "were they ok?" about Nick Hague's
                # Soyuz: "it" is rather the thing of the thread than the person.
                thing = next(((p, t) for p, t in candidates if not p.generic
                              and _agreement(p, text, pronouns[-at]) == 2), None)
                if thing is not None:
                    chosen = *thing, pronouns[-at]
            break
    if chosen is None:
        # A phrase of its own ("how do they keep the ISS from falling?") stands alone; the
        # noun of an idiom ("move out of the way") is none.
        # "are any of them women?": a part of something before, whatever else it names.
        partitive = any(_PARTITIVE.search(text, 0, p.start) for p in pronouns)
        turn = candidates[0][1]
        if not partitive and any(_a_referent(x) for x in own):
            plain = _plain(text)
            if any(_STATION_WORDS & set(x.body.lower().split()) for x in own) or \
                    any(_PRONOUNS[p.lower] in _PEOPLE_PRONOUNS for p in pronouns):
                return plain
            # An "it" that agrees with nothing earlier still leans on the thread ("has
            # anybody ever had to use it for real?" after a broken tether): the thread's words
            # come along for the search. "They" may be anyone ("how do they keep it cool?").
            return replace(plain, text=_carry(text, turn.context))
        # "how do they fix that?" after "does it ever lose height?": what was done comes too.
        event = is_event(text)
        # "who were they?" after "when did people first start living on the iss?": the people
        # who did what was asked, so its verbs come along.
        doers = all(_PRONOUNS[p.lower] in ("they", "their") for p in pronouns)
        carried = _carry(text, turn.core if event else turn.context, verbs=event or doers,
                         station=event)
        return _Turn(carried, text, tuple(own), turn.subject, turn.context)
    phrase, turn, pronoun = chosen
    kind = _PRONOUNS[pronoun.lower]
    index = tokens.index(pronoun)
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if kind in ("its", "their", "his") or (
            kind == "her" and following is not None and _is_content(following)
            and not _is_verb(following)):
        replacement = phrase.possessive()
    elif kind == "it's":
        # "whats the worst its ever leaked?": before a past participle "it's" is "it has".
        after = [t.lower for t in tokens[index + 1:index + 3] if t.lower not in _ADVERBS_BETWEEN]
        participle = bool(after) and (after[0].endswith("ed") or after[0] in _PARTICIPLES)
        replacement = f"{phrase.definite()} {'has' if participle else 'is'}"
    elif kind == "they":
        replacement = phrase.kind()
        if _OF_BEFORE.search(text, 0, pronoun.start) and not phrase.determiner:
            replacement = f"the {replacement}"  # "the two of them": of the women, not "of women"
    else:
        replacement = phrase.definite()
    if phrase.head.lower() in _PLACEHOLDERS and (
            clause := _clause_after(phrase.text, turn.core, _ANY_CLAUSE)):
        # "the thing that pushes the iss down": a placeholder is what its clause says.
        replacement += clause.rstrip()
    elif kind in ("they", "it") and (
            clause := _clause_after(phrase.text, turn.core, _WHICH_ONES_CLAUSE)):
        # "the first crew that was only private astronauts": the clause says which crew.
        replacement += clause.rstrip()
    resolved = text[:pronoun.start] + replacement + text[pronoun.end:]
    # "what happens to it after that?" after "when will the iss be retired": "that" is what
    # was done to it, so the earlier verb is carried too; so is it for a verb that says
    # nothing by itself ("how many hours do they get?" after "how do astronauts sleep").
    # A story told with no question ("i heard a module engine fired by accident and spun the
    # station") is its verbs as much as its nouns.
    # "what machines do they use for it?" after "how much do astronauts exercise a day?": with
    # "they" the astronauts, an "it" they do things for, left with no thing to stand for, is
    # what they did ("get it done" is no such "it").
    left_it = any(_PRONOUNS[p.lower] == "it" and re.search(r"\bfor\s+$", text[:p.start], re.I)
                  for p in pronouns if p is not pronoun)
    carried = _carry(resolved, turn.context,
                     verbs=bool(_EVENT.search(text)) or _main_verb(text) in _LIGHT_VERBS
                     or _TOLD_ONLY.match(turn.core) is not None or bool(_BARE_WHO.match(text))
                     or left_it)
    return _Turn(carried, resolved, tuple(_phrases(resolved)), phrase, turn.context,
                 replacement)


_ADVERBS_BETWEEN = _words("ever never already just always still really actually")
_PARTICIPLES = _words("been gone done had made seen broken flown given taken known grown shown "
                      "spent built sent lost hit run")
# "who were they?": the people who did what the thread asked about, so its verbs come along
# ("... go outside the station together").
_BARE_WHO = re.compile(r"^\s*(?:and\s+|so\s+)?(?:who|what)\s+(?:were|was|are|is)\s+"
                       r"(?:they|he|she|it)\s*[?!.]*\s*$", re.I)
# Nouns that say nothing until a clause says what they are: "the thing that pushes it down".
_PLACEHOLDERS = _words("thing things stuff one ones")
# What happens, which nothing is "in there" of: "do they need sweaters in there?" after "what
# about when they come back in from a spacewalk" is in the station, not the spacewalk.
_NO_PLACES = _words("spacewalk spacewalks launch launches trip trips flight flights landing "
                    "landings storm storms leak leaks emergency emergencies")


# A question about a record: a superlative, or "the most".
_RANKS = re.compile(r"\b(?:most|record|\w{3,}est)\b(?<!\binterest)(?<!\bbest)", re.I)


def _ranked_turn(turns: Sequence[_Turn]) -> _Turn | None:
    """The latest of the last three turns that asked about a record, if one did."""
    return next((t for t in reversed(turns[-3:]) if _RANKS.search(t.core)), None)


# "what about for an american?", "and by a woman?": the record asked for someone else.
_FOR_SOMEONE = re.compile(r"^(?:for|by|among)\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+)?"
                          r"(?:americans?|russians?|woman|women|man|men|cosmonauts?|astronauts?|"
                          r"europeans?|japanese|canadians?|person|people|tourists?|\w+ans?)\s*$",
                          re.I)


def _resolve_ellipsis(new: str, turns: Sequence[_Turn]) -> _Turn:
    """"what about Kibo?": the previous question again, about Kibo.

    Of the previous question's phrases, the new one replaces the best-ranked of those most
    like it ("what about breakfast?" after "what do astronauts eat for dinner?" replaces
    "dinner"; "what about cosmonauts?" replaces "astronauts").
    """
    previous = turns[-1]
    if _PLACE_GIVEN.match(new):
        # "what about in the russian segment?" after "what kind of fire extinguishers do you
        # have up there?": the place is what changes, not the extinguishers.
        core = previous.core.rstrip(" ?")
        places = list(_PLACE_ASKED.finditer(core))
        resolved = (core[:places[-1].start()] + new + core[places[-1].end():] if places
                    else f"{core} {new}") + "?"
        return _Turn(resolved, resolved, tuple(_phrases(resolved)), previous.subject, new)
    if _CONDITION_GIVEN.match(new):
        # "and if there isn't enough warning to move?" after "what does the ISS do if a chunk
        # of space junk is heading for it?" and how often: the question that set a
        # condition, asked with the new one.
        asked = next((t for t in reversed(turns)
                      if _CONDITION_AT_END.search(t.core.rstrip(" ?"))), None)
        if asked is None:
            # No question set one ("and if there isn't enough warning to move?" after how the
            # station steers clear of junk, and how often): what happens then, in the thread.
            text = f"what happens {new}?"
            carried = _carry(text, previous.context)
            return _Turn(carried, text, tuple(_phrases(text)), previous.subject, carried)
        core = _CONDITION_AT_END.sub("", asked.core.rstrip(" ?"))
        resolved = f"{core} {new}?"
        return _Turn(resolved, resolved, tuple(_phrases(resolved)), asked.subject, new)
    if _TIME_GIVEN.match(new):
        # "what about after a spacewalk?" after "what does the iss smell like?": the same
        # question at that time, not about a spacewalk; a time the question gave is replaced.
        core = _TIME_GIVEN_AT_END.sub("", previous.core.rstrip(" ?"))
        resolved = f"{core} {new}?"
        return _Turn(resolved, resolved, tuple(_phrases(resolved)), previous.subject, new)
    if (gerund := re.match(r"(\w+ing)\b(.*)$", new, re.I)) and \
            (base := _GERUNDS.get(gerund.group(1).lower())) and _DOER.search(previous.core):
        # "and what about going to the toilet?" after "do you guys get to shower?": how the
        # crew does that, not the shower again.
        resolved = f"how do astronauts {base}{gerund.group(2)}?"
        return _Turn(resolved, resolved, tuple(_phrases(resolved)), previous.subject, new)
    if gerund and gerund.group(1).lower() in _GERUNDS and (done := next(
            (m for m in re.finditer(r"\b(?:for|of|on|about|in)\s+(\w+ing)\b", previous.core, re.I)
             if m.group(1).lower() in _GERUNDS), None)):
        # "and what about keeping it running every year?" after "what was the total price tag
        # for building the space station?": the same question about the other doing.
        resolved = f"{previous.core[:done.start(1)]}{new}?"
        return _Turn(resolved, resolved, tuple(_phrases(resolved)), previous.subject, new)
    if (re.search(r"\brecords?\b", new, re.I) or _FOR_SOMEONE.match(new)
            or set(tokenize(new)) & NATIONALITIES) and (ranked := _ranked_turn(turns)):
        # "what about the american record?" after "who has done the most spacewalks ever"
        # (and a question about his hours): the record asked about first, for Americans;
        # "what about americans?" too.
        resolved = f"{ranked.core.rstrip(' ?')} {new}?"
        return _Turn(resolved, resolved, tuple(_phrases(resolved)), ranked.subject, new)
    specific = [x for x in previous.phrases if not x.generic]
    given = _phrases(new)
    if specific and given:
        target: _Phrase | None = max(
            specific, key=lambda x: (_likeness(x, given[0]), -specific.index(x)))
    else:
        target = specific[0] if specific else (previous.phrases[0] if previous.phrases else None)
    if target is not None and target.determiner.lower() not in _POSSESSIVES:
        # "and her husband?": her is the one the previous question was about (but "what
        # about their clothes?" after "how do they wash their hair?" is theirs too).
        new = re.sub(r"\b(?:its|their|his|her)\b", lambda m: target.possessive(), new,
                     count=1, flags=re.I)
    ordinal = re.fullmatch(rf"(?:the\s+)?({_ORDINALS})(?:\s+(?:time|one))?", new, re.I)
    if ordinal and (said := re.search(rf"\b(?:{_ORDINALS})\b", previous.core, re.I)):
        # "and the second time?" after "when was his first trip?": the same question with the
        # other ordinal, "when was his second trip?".
        resolved = previous.core[:said.start()] + ordinal.group(1) + previous.core[said.end():]
        return _Turn(resolved, resolved, tuple(_phrases(resolved)), previous.subject, new)
    if target is not None and re.fullmatch(r"(?:the\s+)?(?:second|third|fourth|fifth|last|next)",
                                           new, re.I):
        # "and the third?" after "what was the first module?": "the third module".
        new = f"{new} one"
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
