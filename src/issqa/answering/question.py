"""Question analysis: what kind of answer is wanted, about what, asked in which words.

Visitors write to the crew ("How fast are you moving now?"), ask two things at once ("How big
is it, and how many people live there?"), and use news words ("this week", "so far"). Before
retrieval a question is analysed into:

- ``answer_type``: what the first answer sentence must contain (a date for "when", a quantity
  for "how many", a person for "who" (an organisation for "who built", "which company"), a place
  for "where", a reason for "why"),
  or a looser type (yes/no, definition, procedure, other) that any on-topic sentence can serve;
- ``rewritten``: the question with second person resolved (you/your -> the crew or the station,
  by context), chat noise and time-relative words removed; retrieval and matching use it;
- ``focus``: the content terms of the rewritten question, which an answer sentence should cover;
- ``parts``: the sub-questions of a two-part question, each analysed on its own;
- ``subject``: the terms of the earlier phrase a follow-up borrowed when it singles one out of
  many ("the first crew" in "when did they go home?"), which the answer must be about, not
  another crew;
- ``asked``: what the question asks for beyond its type, as alternative terms an answer must
  state (``asked_for``: "how many spacewalks", "what brand", "how thick"); ``future``: whether
  a question asks when something is yet to happen or which is the next, which only a plan
  answers.

Some wordings hide the fact they ask for: "how old is the station?" asks when it was launched
(a date, not a number of years of something else); "who is living on the station?" asks for
its crew (an expedition's members, not how long people have lived there); "who is in charge?"
for its commander; "when will the station come down?" for its deorbit. For these the answer
type is set and the words that name the fact are searched too, in parentheses that
``interpreted_as`` leaves out.

Small rules rather than a parser: they cost microseconds per question (a spaCy pipeline costs
milliseconds, a large share of the 12 ms answer budget), and the unit tests in
``tests/answering/test_question.py`` pin every rule with a visitor's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from ..text import SERIES, STOPWORDS, tokenize
from .aliases import Aliases
from .followup import (
    dummy_pronouns,
    existential_there,
    is_event,
    read_follow_up,
    with_context,
)
from .phrases import ASKER, COUNTRY_WORDS, GO_OUTSIDE, own_words
from .spelling import Speller

__all__ = ["MADE_OR_OWNED", "STATION_TERMS", "AnswerType", "QuestionAnalysis",
           "analyse_question", "asked_for", "asks_about_home", "asks_live_news",
           "asks_live_position", "asks_price", "asks_this_year", "expected_tags", "named",
           "numbered_names", "priced_thing", "seen_from_station", "specific_names",
           "superlative_asked", "superlative_ranks", "years_set_in"]

AnswerType = Literal["date", "time", "quantity", "person", "organisation", "place", "reason",
                     "yesno", "definition", "procedure", "other"]

# Which sentence tags (issqa.tagging) carry an answer of each type, the most fitting first: the
# lead sentence holds the first when one scores close enough to the best (a crew member's name
# for "who is aboard", not an agency's). Types missing here accept any sentence.
_TYPE_TAGS: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "time": ("time", "date"),
    "quantity": ("quantity",),
    "person": ("person", "organisation"),
    "organisation": ("organisation", "person"),
    "place": ("place",),
    "reason": ("reason",),
}


def expected_tags(answer_type: str) -> tuple[str, ...]:
    """Sentence tags that answer a question of this type; empty when any sentence may."""
    return _TYPE_TAGS.get(answer_type, ())


@dataclass(frozen=True)
class QuestionAnalysis:
    """What a question asks for; ``parts`` holds the sub-questions of a two-part question."""

    original: str
    rewritten: str
    answer_type: AnswerType
    focus: tuple[str, ...]
    time_relative: bool = False
    second_person: bool = False
    parts: tuple[QuestionAnalysis, ...] = ()
    # Words searched but not shown: context a follow-up carries from the thread, and words
    # that name a fact the question's wording hides (" (launched)").
    carried: str = ""
    # Focus terms of the earlier phrase a follow-up borrowed ("first", "crew").
    subject: tuple[str, ...] = ()
    # When set, the earliest date among sentences holding these terms answers: a thing's age
    # counts from its first launch ("launched"), not from any later launch a page mentions.
    earliest: tuple[str, ...] = ()
    # The thing asked for beyond the answer type, as alternative terms: what is counted ("how
    # many spacewalks"), the property ("what brand of coffee"), the dimension ("how thick").
    # An answer must state one of them; a coffee sentence without a brand does not answer.
    asked: tuple[str, ...] = ()
    # Asks when something is yet to happen ("When will Starliner fly again?", "When is Starlab
    # supposed to launch?"), or whether it will happen again ("is starliner ever going to fly
    # people again?"), or which is the next one ("when is the next spacewalk?"): a past date
    # does not answer it, a plan does.
    future: bool = False
    # Focus terms an earlier part of the same message lends a later one ("crew", "13" for
    # "when does it launch?" after "... Crew-13 ...?"): the visitor's words, unlike the
    # thread's context.
    lent: str = ""

    @property
    def interpreted_as(self) -> str:
        """The question as a reader should see it read: ``rewritten`` without ``carried``."""
        text = " ".join(p.interpreted_as for p in self.parts) if self.parts else self.rewritten
        if self.carried and self.carried in text:
            return text.replace(self.carried, "", 1)
        return text

    @cached_property
    def names(self) -> tuple[tuple[str, ...], ...]:
        """The proper names the question uses (``named``), read from ``interpreted_as``: the
        names a short form's expansion or the thread's context add are the search's, not the
        question's. Computed once; the answerer asks for them several times."""
        return tuple(named(self.interpreted_as))

    @cached_property
    def numbered(self) -> tuple[tuple[str, ...], ...]:
        """The numbered names of the searched question (``specific_names``: "Crew-8",
        "Expedition 75"), computed once; not those of the thread's words it carries ("what's
        in the extinguishers?" after "i was reading about apollo 1, is fire a problem?"), but
        those an earlier part of the same message lends ("... Crew-13 ...? when does it
        launch?")."""
        return tuple(specific_names(f"{own_words(self.rewritten)} {self.lent}"))

    @property
    def expected_tags(self) -> tuple[str, ...]:
        """Sentence tags that carry an answer of this question's type."""
        return expected_tags(self.answer_type)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready view, for ``--explain`` and the API's ``analysis`` field."""
        return {
            "answer_type": self.answer_type, "rewritten": self.rewritten,
            "focus": list(self.focus), "time_relative": self.time_relative,
            "second_person": self.second_person, "asked": list(self.asked),
            "parts": [p.to_dict() for p in self.parts],
        }


# Greetings and chat noise at the start of a message ("hey astronauts, ..."). Vocatives are
# dropped so that "astronauts, how do you sleep" reads as a question about sleep.
_OPENERS = re.compile(
    r"^\s*(?:(?:hi|hey|hello|dear|ok|okay|so(?!\s+far\b)|um+|uh+|well|and|but|also|"
    r"(?:quick|weird|dumb|stupid|silly|random|odd|strange|honest) question|"
    r"question|please|pls|plz|excuse me|yo|nice|cool|wow|awesome|great|thanks|thank you|"
    r"oh|ah|interesting|neat|lol|haha)\b[\s,!:.-]*"
    r"|(?:astronauts?|crew|guys|everyone|iss|space station)\s*[,!:]\s*"
    # "Two things I've always wondered: how fast ...", "random question for you: ...", not
    # what the question is about ("Endeavour's farewell flight: what did it haul?")
    r"|[^:?.!]{0,40}\b(?:i|i've|i'm|i'd|we|questions?|things|wondered|wondering|curious)\b"
    r"[^:?.!]{0,30}:\s*(?=(?:what|whats|what's|how|why|when|where|who|which|do|does|did|is|"
    r"are|can|could|will|would)\b))+",
    re.I,
)
# Who is asking, dropped before a message is split into questions.
_ASKER = re.compile(r"^\s*" + ASKER, re.I)
# What the asker wonders, reported: "(my son asks) if astronauts can cry" is "can astronauts
# cry"; "if astronauts get bored" is "do astronauts get bored".
_REPORTED = re.compile(r"^\s*(?:if|whether)\s+(?:(?P<subject>(?:\S+\s+){1,3}?)"
                       r"(?P<aux>can|could|do|does|did|is|are|was|were|will|would)\b)?",
                       re.I)
_TIME_RELATIVE = re.compile(
    r"\s*\b(?:right now|just now|at the moment|at present|these days|nowadays|currently|"
    r"this (?:week|month|year|morning|weekend)|last (?:week|month)|recently|lately|so far|"
    r"to date|yet|as of (?:now|today)|today|tonight|now)\b",
    re.I,
)
# Words that ask for the newest fact but still name what is asked about; they stay in the query.
# "last" at the end of a question is the verb ("How long does a spacewalk last?").
# A running total ("how many spacewalks have there been in total?") is the newest count too;
# "how many days did he end up with in total?" is one person's sum.
_RECENCY = re.compile(r"\b(?:latest|newest|most recent|current|last(?!\s*[?.!]*\s*$))\b|"
                      r"\bhow many\b.*\b(?:have|has)\s+(?:there\s+)?been\b.*"
                      r"\b(?:in total|all told|altogether|in all)\b", re.I)
_TURN = {"make": "turn", "makes": "turns", "made": "turned", "making": "turning", "send": "turn",
         "sends": "turns", "sent": "turned", "set": "turned", "sets": "turns"}
_RECEIVE = {"": "receive", "s": "receives", "ed": "received", "ing": "receiving"}
# Going to the toilet, by the word that said it ("poops" -> "goes to the toilet").
_TOILET_VISIT = {**dict.fromkeys(("go", "do", ""), "go to the toilet"),
                 **dict.fromkeys(("goes", "does", "s"), "goes to the toilet"),
                 **dict.fromkeys(("going", "doing", "ing"), "going to the toilet"),
                 **dict.fromkeys(("went", "did", "ed"), "went to the toilet")}
_TOILET_ENDINGS = {"": "", "s": "s", "ed": "ed", "d": "ed", "ing": "ing", "ping": "ing"}
# Children's words for going to the toilet, as verbs: "how do astronauts poop?", "do you go
# number two in a bag?" (as nouns they are the pages' urine and solid waste, below). Read
# before a follow-up is resolved too, so that "the newer one" after "where do you guys poop?"
# is the newer toilet.
_TOILET_VERBS = [
    (re.compile(r"\b(?:go|goes|going|went|do|does|doing|did)\s+(?:a\s+)?number\s+(?:one|two|1|2)s?"
                r"\b", re.I), lambda m: _TOILET_VISIT[m.group().split()[0].lower()]),
    (re.compile(r"\b(do|does|did|can|could|to|you|guys|they|we|i|he|she|astronauts|cosmonauts|"
                r"people|crew|u)\s+(?:poo|poop|pee|wee)(s|ed|d|ing|ping)?\b"
                # "where does pee go?": the noun, with a verb of its own
                r"(?!\s+(?:go|goes|went|end|ends|get|gets|come|comes|turn|turns)\b)", re.I),
     lambda m: f"{m.group(1)} {_TOILET_VISIT[_TOILET_ENDINGS[(m.group(2) or '').lower()]]}"),
]
# "lights out" is the pages' bedtime; read before a follow-up is resolved ("and when is lights
# out?" names a time of its own, not a thing of the thread), so every question has it read.
_LIGHTS_OUT = re.compile(r"\blights[- ]out\b", re.I)
_TEXTING = [
    (re.compile(r"\byou['’]?re\b", re.I), "you are"),
    # "theres no time": "there is" (a place "there" is the station's, below).
    (re.compile(r"\btheres\b", re.I), "there is"),
    (re.compile(r"\bthey['’]?re\b", re.I), "they are"),
    (re.compile(r"\byou['’]ve\b", re.I), "you have"),
    (re.compile(r"\byou['’]ll\b", re.I), "you will"),
    (re.compile(r"\byou['’]d\b", re.I), "you would"),
    (re.compile(r"\bu\b", re.I), "you"), (re.compile(r"\bur\b", re.I), "your"),
    (re.compile(r"\by'?all\b", re.I), "you"), (re.compile(r"\bya\b", re.I), "you"),
    (re.compile(r"\bpplz?\b", re.I), "people"), (re.compile(r"\bhw\b", re.I), "how"),
    (re.compile(r"\br\b(?!&)", re.I), "are"), (re.compile(r"\brn\b", re.I), "right now"),
    (re.compile(r"\balot\b", re.I), "a lot"),
    (re.compile(r"\bwat\b|\bwht\b", re.I), "what"), (re.compile(r"\bwen\b", re.I), "when"),
    # "hows high is it": a slip for "how", before a word that "how" asks with.
    (re.compile(r"\b(how)s(?=\s+(?:many|much|fast|big|large|long|far|high|heavy|old|often|tall|"
                r"hot|cold|deep|loud)\b)", re.I), r"\1"),
    # "whos idea was that?": before a noun of ownership "whos" is "whose".
    (re.compile(r"\bwho'?s(?=\s+(?:idea|fault|job|decision|choice|plan|turn|responsibility|"
                r"name|names)\b)", re.I), "whose"),
    (re.compile(r"\b(who|what|where|when|how)s\b", re.I), r"\1 is"),
    # "why'd they stop using it?": "why did".
    (re.compile(r"\b(why|what|where|who|when|how)['’]d\b|\b(why)d\b", re.I),
     lambda m: f"{m.group(1) or m.group(2)} did"),
    # Sound-alikes that are words, so the speller leaves them: "how much dose a soyuz way".
    (re.compile(r"\bpayed\b", re.I), "paid"),
    (re.compile(r"\bhappend\b", re.I), "happened"),  # not "happens", which asks otherwise
    (re.compile(r"\btot(?:le|el|all)\b", re.I), "total"),  # the speller's nearest is "title"
    # A chatty "tho" at the end ("how fast is it tho?") says nothing asked.
    (re.compile(r"\s*\b(?:tho|though)\b(?=\W*$)", re.I), ""),
    (re.compile(r"\b(much|many|how|what|when|where|why|who|often|long|far)\s+dose\b(?!\s+of\b)",
                re.I),
     r"\1 does"),
    (re.compile(r"^(\s*how (?:much|heavy)\b.*\b(?:does|do|did|would)\b.*?)\bway(?=\W*$)", re.I),
     r"\1weigh"),
    # A child's "when I grow up" is a time, not growing: "astronauts grow about 5 cm taller"
    # had answered whether a station will still be there.
    (re.compile(r"\b(?:when|once|by the time)\s+i(?:['’]m|\s+am)?\s+(?:grow\s+up|grown\s+up|"
                r"(?:a\s+)?grown[- ]up|older|big(?:ger)?)\b", re.I), "in years to come"),
    *_TOILET_VERBS,
    # Children's words for what the pages call urine and solid waste.
    (re.compile(r"\b(?:pee|wee)(?!\s+bit)\b", re.I), "urine"),
    (re.compile(r"\b(?:poop|poo)\b", re.I), "solid waste"),
    # Ringing home is calling ("can you ring your mum from up there?"); "whenever you feel like
    # it" is whenever you want, not what something feels like.
    (re.compile(r"\b(?:ring|rings|rang|ringing)(?=\s+(?:up\s+)?(?:home|(?:your|my|his|her|their|"
                r"the)\s+(?:mum|mom|mam|mother|dad|father|family|parents|wife|husband|kids|"
                r"children|friends|home)\b))", re.I),
     lambda m: {"rings": "calls", "rang": "called", "ringing": "calling"}.get(
         m.group().lower(), "call")),
    # Ringing someone back is calling them back ("could i ring them back?").
    (re.compile(r"\b(?:ring|rings|rang|ringing)\s+(them|him|her|you|the\s+\w+)\s+back\b", re.I),
     r"call \1 back"),
    (re.compile(r"\b(whenever|if|when)\s+(you|they|we|i|astronauts)\s+(?:feel\s+like\s+it|"
                r"fancy\s+it)\b", re.I), r"\1 \2 want"),
    # "the astronauts' home" in a child's question is the station.
    (re.compile(r"\bthe\s+(?:astronauts['’]?|crew['’]?s?)\s+(?:home|house)\b", re.I),
     "the space station"),
    # What the pages call all-female: "an all-women spacewalk", "two women out there together"
    # ("the women's record" had led).
    (re.compile(r"\b(?:all[- ]wom[ae]n|wom[ae]n[- ]only|only\s+women|all[- ]girls?)\b", re.I),
     "all-female"),
    (re.compile(r"\b((?:two|2)\s+(?:women|female\s+astronauts)\b[^?.!]*?\btogether)\b(?!\s+all)",
                re.I), r"\1 all-female"),
    # A female commander is what the pages call a woman who commanded ("first female iss
    # commander" had found "the second woman to command"); all-female stays.
    (re.compile(r"(?<![-\w])female\s+(?=(?:iss\s+|station\s+|space\s+station\s+)?"
                r"(?:commanders?|astronauts?|cosmonauts?|pilots?|crew\s*members?|"
                r"spacewalkers?|tourists?)\b)", re.I), "woman "),
    # A heart attack or a stroke is what the pages call a medical emergency (a fire "attacked"
    # with extinguishers had led).
    (re.compile(r"\b(?:an?\s+)?(?:heart\s+attack|stroke|seizure|cardiac\s+arrest)\b"
                r"(?!\s+of\b)", re.I), "a medical emergency"),
    # Something that starts burning has caught fire ("say a laptop started burning on board":
    # how flames burn in weightlessness had led, not the extinguishers).
    (re.compile(r"\b(?:started|starts|start|starting|began|begins|begin)\s+(?:burning|to\s+burn)\b"
                # "a laptop bursts into flames"
                r"|\b(?:burst|bursts|bursting|went|goes|go)\s+(?:up\s+)?in(?:to)?\s+flames?\b",
                re.I), "caught fire"),
    # A price tag is a cost: "the total price tag for building the station" (a list of the
    # price tags of single parts had led, or nothing did).
    (re.compile(r"\bprice[- ]?tags?\b", re.I), "cost"),
    # American "garbage" is the pages' "trash" ("what do you do with all your garbage?" had
    # found toothpaste spat into a towel).
    (re.compile(r"\bgarbage\b", re.I), "trash"),
    # What a body "soaks up" the pages say it receives; "half a year" is their six months.
    (re.compile(r"\bsoak(s|ed|ing)?(?:\s+up)?\b", re.I),
     lambda m: _RECEIVE[(m.group(1) or "").lower()]),
    (re.compile(r"\b(?:a\s+)?half\s+(?:a\s+)?year\b", re.I), "six months"),
    (re.compile(r"\b(?:undies|underpants|knickers|boxers|briefs)\b", re.I), "underwear"),
    (re.compile(r"\bloos?\b", re.I), "toilet"),
    # "which module kicked off building the iss?": started it.
    (re.compile(r"\bkick(s|ed|ing)?\s+off\b", re.I),
     lambda m: "start" + (m.group(1) or "").lower()),
    # A tooth that hurts is the pages' toothache ("and if somebody's tooth starts hurting?").
    (re.compile(r"\b(?:(\w+)['’]s|your|their|his|her|my|a)\s+(?:tooth|teeth)\s+(?:starts?\s+|"
                r"started\s+|begins?\s+)?(?:hurting|to\s+hurt|hurts?|aching|aches?)\b", re.I),
     lambda m: f"{m.group(1) or 'someone'} gets a toothache"),
    # "how many pics have they taken?" (a story's "saw a pic of ..." is left as it is: the
    # photos are not what it asks about).
    (re.compile(r"\b(?:pics|pix|piccies)\b", re.I), "photos"),
    # "how old can you be max?" asks the age limit of applicants, not the station's age.
    (re.compile(r"\bhow\s+old\s+(?:can|could|may)\s+(?:you|one|someone|somebody|a\s+person|"
                r"people)\s+be\b(?:\s+(?:max|maximum|at\s+most|tops))?", re.I),
     "how old can applicants be"),
    # Forking out is paying ("how much did he fork out?").
    (re.compile(r"\b(?:fork|shell|cough)(s|ed|ing)?\s+(?:out|up)\b", re.I),
     lambda m: {"s": "pays", "ed": "paid", "ing": "paying"}.get((m.group(1) or "").lower(),
                                                                "pay")),
    # The bubble room, the glass dome: the Cupola ("how many windows are in the bubble room
    # where astronauts look down at earth" had found no windows).
    (re.compile(r"\b(?:the\s+)?(?:(?:bubble|dome|glass)[- ](?:room|window|windows|module|dome)|"
                r"observation\s+(?:dome|deck|room|module|bubble)|(?:glass|window)\s+bubble)\b",
                re.I), "the Cupola"),
    # Somebody getting hurt is what the pages call a casualty ("whats the chance somebody
    # actually gets hurt by it?" after where the station will fall).
    (re.compile(r"\b(chances?|odds|risk|likelihood|probability)\s+(?:that\s+)?(?:somebody|someone|"
                r"anyone|anybody|a\s+person|people)\s+(?:actually\s+|really\s+|could\s+|might\s+|"
                r"would\s+|will\s+)?(?:gets?|getting|is|are|be|being)\s+(?:hurt|killed|injured|"
                r"hit)\b", re.I), r"\1 of a casualty"),
    # A heads-up is an alert ("is there some way to get a heads up before it goes over?":
    # Spot the Station's); a bathroom as a thing is the pages' toilet ("how heavy is the new
    # bathroom?"; going to the bathroom is their words too).
    (re.compile(r"\b(?:a\s+)?heads[- ]?ups?\b", re.I), "an alert"),
    (re.compile(r"(?<!\bto the )\b(?:bathrooms?|restrooms?|lavator(?:y|ies))\b"
                # not a bathroom's sink or door ("How do I unclog a bathroom sink?")
                r"(?=\s*(?:[?.!,]|$)|\s+(?:is|was|are|were|has|have|had|does|do|did|on|in|at|of|"
                r"for|work|works|weigh|weighs|cost|costs|that|which)\b)", re.I), "toilet"),
    # Wreckage is what the pages call debris ("how big an area could the wreckage spread over?").
    (re.compile(r"\bwreckage\b", re.I), "debris"),
    # "what's the heaviest thing it can move": how heavy a payload it can move.
    (re.compile(r"\bwhat(?:['’]?s|\s+is|\s+was)\s+the\s+(?:heaviest|biggest|largest)\s+"
                r"(?:thing|things|load|object|payload)\s+(?:that\s+)?(.+?)\s+"
                r"(can|could|will)\s+(move|lift|carry|handle|haul|grab|hold)\b", re.I),
     r"how heavy a payload \2 \1 \3"),
    # Chipping in is paying a share.
    (re.compile(r"\bchip(?:s|ped|ping)?\s+in\b", re.I), "pay a share"),
    # Hooked on outside is the pages' tethered; "tonite" is tonight.
    (re.compile(r"\b(?:hooked|clipped|tied|strapped|attached)\s+(?:on|in)\b(?!\s+(?:to|the)\b)",
                re.I), "tethered"),
    (re.compile(r"\b(?:tonite|tonyt|2nite)\b", re.I), "tonight"),
    # Lifting weights is the pages' weightlifting (the ARED machine).
    (re.compile(r"\b(?:lift|lifts|lifting|pump|pumping)\s+(?:some\s+)?weights\b", re.I),
     "do weightlifting"),
    # "What piece of the ISS went up first?": the pieces the pages name are its modules.
    (re.compile(r"\b(?:piece|chunk|bit)(s?)\s+of\s+(?=(?:the\s+)?(?:iss|space station|station)\b)",
                re.I), r"module\1 of "),
    # Losing the signal, a call cutting out: the pages speak of losing contact with the ground.
    (re.compile(r"\b(lose|loses|lost|losing)\s+(?:the\s+|your\s+|their\s+)?(?:signal|connection|"
                r"comms|communications?|radio contact|contact|touch)\b(?!\s+with\b)", re.I),
     r"\1 contact with the ground"),
    # "drops out of contact": the contact is the one lost, not a second one.
    (re.compile(r"\b(?:cut|drop)(s?)\s+out\b(?:\s+of\s+(?:contact|touch|range))?", re.I),
     r"lose\1 contact with the ground"),
    # "how long can the station go without any contact with mission control?"
    (re.compile(r"\bgo\s+without\s+(?:any\s+)?(?:contact|signal|comms|communications?)\b"
                r"(?:\s+(?:with|to)\s+(?:the\s+)?(?:ground|\w+\s+control|houston|earth))?",
                re.I), "lose contact with the ground"),
    # A lag on a call is what the pages call a delay; being tied on is being tethered.
    (re.compile(r"(?<!\bjet )\blag(s?)\b", re.I), r"delay\1"),
    (re.compile(r"\btied\s+(?:on|onto|to|in)\b", re.I), "tethered to"),
    # "why can't mission control talk to the astronauts for a while sometimes?"
    (re.compile(r"\b(can['’]?t|cannot|can not|couldn['’]?t)\s+(?:talk|speak|communicate|get "
                r"through)\s+(?:to|with)\s+(?:the\s+)?(?:astronauts?|astronuats?|crew|station|iss|"
                r"them)\b(?:\s+for\s+a\s+(?:while|bit|few\s+minutes))?", re.I),
     r"\1 keep contact with the station"),
    (re.compile(r"\b(?:cutting|dropping)\s+out\b(?:\s+of\s+(?:contact|touch|range))?", re.I),
     "losing contact with the ground"),
    (re.compile(r"\bdropped\s+out\b(?:\s+of\s+(?:contact|touch|range))?", re.I),
     "lost contact with the ground"),
    # "how long does it take to get to the space station?": the pages say "reach the station".
    (re.compile(r"\b(?:get|gets|getting|got)\s+to\s+(?=(?:the\s+)?(?:iss|space station|station)\b)",
                re.I), "reach "),
    # "how long for one lap?": an orbit.
    (re.compile(r"\b(one|a|each|per|every|single)\s+(?:lap|loop|circuit)\b(?!\s+(?:of|around|round)\b)",
                re.I), r"\1 orbit"),
    # "each trip around the globe" is one orbit.
    (re.compile(r"\b(?:trip|lap|journey|circuit|loop)(s?)\s+(?:(?:a)?round|of)\s+(?:the\s+)?(?:globe|"
                r"earth|world|planet)\b", re.I), r"orbit\1 of Earth"),
    # What the pages call landing and a reboost: "what country do you touch down in?",
    # "who plans those boosts?" (a "boost kit" is a thing of its own).
    # A capsule coming down lands ("where did their capsule come down?"); the station's coming
    # down is its deorbit, read below.
    (re.compile(r"\b(capsules?|spacecraft|spaceships?|ships?|dragons?|soyuz|crews?)\s+"
                r"(?:(?:finally|eventually|actually)\s+)?(?:come|comes|came|coming)\s+down\b",
                re.I), r"\1 land"),
    # The crew's day starts when they wake ("when does the crew's day start in the
    # morning?": 06:00 GMT; their working day is asked as such).
    (re.compile(r"\b(?:the\s+)?(?:crew['’]?s?|astronauts['’]?|their|your)\s+day\s+(?:start|starts|"
                r"begin|begins)\b", re.I), "the crew wake up"),
    # A person coming back down returns to Earth ("when did she come back down?"; a
    # spacecraft's coming back down is asked of it as it is).
    (re.compile(r"\b((?:he|she|they|you|astronauts?|cosmonauts?|crews?)\s+|(?-i:[A-Z][a-z]+)\s+)"
                r"(come|comes|came|coming)\s+back\s+down\b(?:\s+to\s+earth\b)?", re.I),
     lambda m: m.group(1) + {"comes": "returns", "came": "returned", "coming": "returning"}.get(
         m.group(2).lower(), "return") + " to Earth"),
    (re.compile(r"\btouch(?:es)?\s+down\b", re.I), "land"),
    (re.compile(r"\btouched\s+down\b", re.I), "landed"),
    (re.compile(r"\btouching\s+down\b", re.I), "landing"),
    (re.compile(r"(?<![\w-])boost(s|ed|ing)?\b(?!\s+kits?\b)", re.I), r"reboost\1"),
    # Raising the orbit is a reboost: "did a Cygnus ever raise the station's orbit?".
    (re.compile(r"\b(?:raise|raises|raised|raising|lift|lifts|lifted|lifting|push|pushes|pushed|"
                r"pushing)\s+(?:up\s+)?(?:the\s+(?:space\s+)?station['’]s\s+|the\s+iss['’]?s?\s+|its\s+|"
                r"the\s+)(?:orbit|altitude)\b", re.I), "reboost the station"),
    # The oldest module is the first launched: "oldest" alone had found the oldest astronaut.
    (re.compile(r"\boldest\s+(?:module|part|piece|section)\b", re.I), "first module"),
    (re.compile(r"\b(module|part|piece|section)\s+(is|was)\s+the\s+oldest\b", re.I),
     r"\1 \2 the first module"),
    # "the biggest room on the station": the pages rank its modules.
    (re.compile(r"\b(biggest|largest|smallest|newest|oldest|heaviest)\s+room(s?)\b", re.I),
     r"\1 module\2"),
    # Making the station spin or flip is turning it ("why did the russian module make the iss
    # spin": the station's steady turn once an orbit had led, not the Nauka misfire).
    (re.compile(r"\b(make|makes|made|making|send|sends|sent|set|sets)\s+((?:the\s+)?(?:iss|"
                r"space\s+station|station)|it|you)\s+(?:spin|spinning|flip|flipping|tumble|"
                r"tumbling|rotate|rotating)\b", re.I),
     lambda m: f"{_TURN[m.group(1).lower()]} {m.group(2)}"),
    (re.compile(r"\b(?:spun|flipped|tumbled)\s+(?:out\s+of\s+control|around|over)\b", re.I),
     "turned"),
    # Applying, said with nothing to apply for, is applying to become an astronaut ("can
    # anyone apply?").
    (re.compile(r"\b(apply|applies|applied|applying)(?=\s*[?.!]*\s*$)", re.I),
     r"\1 to become an astronaut"),
    # Made to promise is made to agree ("did nasa make him promise anything?": Dennis Tito
    # agreed not to sue).
    (re.compile(r"\b(make|makes|made|making)\s+(\w+)\s+promise\b", re.I), r"\1 \2 agree"),
    # Keeping the lights on is keeping the power on ("how do they keep the lights on up
    # there, is it all solar?").
    (re.compile(r"\b(keep|keeps|keeping|kept)\s+the\s+lights\s+on\b", re.I), r"\1 the power on"),
    # ... and how the lights stay on is how it is kept on ("how do the lights stay on if the
    # solar panels can't see the Sun?"); whether they stay on at night is about the lamps.
    (re.compile(r"\bhow\s+(do|does|did|can|will)\s+the\s+lights\s+stay\s+on\b", re.I),
     r"how \1 they keep the power on"),
    # Whoever has been in charge of the station is its commander ("the youngest person ever
    # to be in charge of the iss"; "who is in charge?" is read below, as the commander now).
    (re.compile(r"(?:(?<=\bbe\s)|(?<=\bbeen\s))in\s+charge\s+of\s+"
                r"(?=(?:the\s+)?(?:iss|station|space\s+station|"
                r"international\s+space\s+station|expedition|crew)\b)", re.I),
     "the commander of "),
    # The dark side of an orbit is the pages' Earth's shadow ("what keeps everything running
    # on the dark side of the orbit?": batteries).
    (re.compile(r"\b(?:on|in|during)\s+the\s+(?:dark|night)\s+(?:side|part|half)\s+of\s+"
                r"(?:the|its|each|every|an?)\s+orbits?\b", re.I), "in Earth's shadow"),
    (re.compile(r"\b(?:on|in)\s+the\s+(?:dark|night)\s+side\s+of\s+(?:the\s+)?earth\b",
                re.I), "in Earth's shadow"),
    # How hot or cold it gets outside, asked of a station widget, is outside the station.
    (re.compile(r"^(?P<pre>(?=.*\b(?:hot|hotter|cold|colder|warm|temperatures?|freezing)\b)"
                r".*?\b)(?:the\s+)?outside\b(?!\s+(?:of|the|a|an|my|your)\b)", re.I),
     r"\g<pre>outside the station"),
    # "how many gs" asks the load the pages give in g ("loads of up to 10 g").
    (re.compile(r"\b(how\s+many)\s+g['’]?s\b", re.I), r"\1 g"),
    # "bits of junk" are the pages' pieces of debris ("how many bits of junk are tracked?").
    (re.compile(r"\bbit(s?)\s+of\b", re.I), r"piece\1 of"),
    # A ham's "callsign" is the pages' "call sign" ("lights out", their bedtime, is read
    # before a follow-up is resolved: ``_read_plainly``).
    (re.compile(r"\bcall-?signs?\b", re.I), "call sign"),
    # Blowing up is exploding ("did any of them ever blow up": an Antares rocket exploded).
    (re.compile(r"\b(?:blow|blows)\s+up\b", re.I), "explode"),
    (re.compile(r"\b(?:blew|blown)\s+up\b", re.I), "exploded"),
    (re.compile(r"\bblowing\s+up\b", re.I), "exploding"),
    # Wi-Fi is how visitors know the internet; the pages say "internet".
    (re.compile(r"\bwi-?fi\b", re.I), "internet"),
    (re.compile(r"\bthe iss\b|\biss\b", re.I), "the space station"),
    # What the pages call a single mission: "a year on the ISS in one go".
    (re.compile(r"\b((?:spent|spend|spends|spending|stay|stays|stayed|staying|lived|live)\b.*?)"
                r"\b(?:in one go|in one stretch|in one trip|in a row|at one time|without "
                r"(?:a break|coming (?:back|home)))\b", re.I), r"\1on a single mission"),
    # "ride up there" is a trip to the station, not something done aboard.
    (re.compile(r"\b(go|goes|going|went|get|gets|getting|got|ride|rides|riding|rode|fly|flies|"
                r"flying|flew|travel|travels|travell?ing|travell?ed|come|comes|came|send|sends|"
                r"sent)\s+up\s+there\b", re.I), r"\1 to the space station"),
    # Not the time a person has spent in space, which counts every flight ("who holds the
    # record for the most total days spent in space?": the women's record had led).
    (re.compile(r"\bup there\b|(?<!\bspent )(?<!\btime )(?<!\bdays )\bin space\b(?= *\??$)",
                re.I), "on the space station"),
]
# "you" means the station when the question is about the vehicle: where it goes, how it moves,
# how big or high it is. Otherwise "you" are the astronauts aboard.
_STATION_CONTEXT = re.compile(
    r"\b(?:mov(?:e|es|ing)|go(?:ing)?|travel(?:l?ing)?|orbit(?:ing)?|fl(?:y|ying)|speed|fast|"
    r"high|altitude|big|large|heavy|weigh|old|long have you been (?:up|in orbit|flying)|"
    r"circle|lap|see you|spot you|visible|powered|power|fuel|engines?|built|made of)\b",
    re.I,
)
# ... unless the question is about what people do: "how do you go to the bathroom ...?", "how do
# you talk to your family while you're in orbit?" ask the crew.
_CREW_CONTEXT = re.compile(
    r"\b(?:bathroom|toilet|loo|potty|urine|solid waste|family|families|kids|children|wife|"
    r"husband|parents|friends|sleep|eat|drink|shower|wash|brush|feel|miss|bored|homesick|"
    r"exercise|dream|cry|scared|afraid|become|apply|applying|applicants?|"
    # "what time do you go to bed?", "is it scary when you go outside on a spacewalk?"
    r"bed|scary|spacewalks?|"
    # "how old do you have to be?": what anyone must be to fly, not the station's age
    r"(?:have|has|need|needs)\s+to\s+be|must\s+be)\b", re.I)
_YOUR_STATION_PARTS = re.compile(
    r"\byour (?=(?:solar|panels?|arrays?|windows?|modules?|station|ship|spacecraft|orbit|speed|"
    r"engines?|thrusters?|robot|arm|airlocks?|hatch|hatches|batteries|radiators?|walls?|"
    r"antennas?|computers?|toilets?|air|oxygen|water supply)\b)",
    re.I,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|yourselves|you guys)\b", re.I)

# Up to two describing words between "which"/"what" and the noun that names the kind of answer
# ("what female astronaut", "which European country"), but not a verb ("what do astronauts").
_DESCRIBED = (r"(?:(?!(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|should|"
              r"of|the|a|an|kind|kinds|type|types|sort|to|for|with|on|in|at|from|by|about|"
              r"happen|happens|happened|makes?|made)\b)[\w'’-]+\s+){0,2}")
# Leading patterns -> answer type, tried in order; the first match wins.
_TYPE_RULES: list[tuple[re.Pattern[str], AnswerType]] = [
    (re.compile(r"^(?:what|which)\s+(?:time zone|timezone|clock)\b", re.I), "time"),
    (re.compile(r"^(?:at\s+)?what\s+time\b|^what\s+hour\b", re.I), "time"),
    # The hour of a daily routine: "when does the crew's day start?", "when do they go to bed?"
    (re.compile(r"^when\b.*\b(?:day\s+(?:start|begin|end|finish)s?|wake|wakes|get up|gets up|"
                r"go to (?:bed|sleep)|goes to (?:bed|sleep)|turn in|bedtime|lights out|"
                r"(?:have|eat|eats)\s+(?:breakfast|lunch|dinner))\b", re.I), "time"),
    (re.compile(r"^(?:(?:in|on|by|from|until|at)\s+)?(?:what|which)\s+(?:years?|dates?|days?|"
                r"months?|decades?|century)\b|^when\b|^(?:since|by|until|till) when\b"
                # "What's the latest date the station had to dodge debris?"
                r"|^what(?:['’]?s|\s+is|\s+was)\s+the\s+(?:latest|last|most\s+recent|first|"
                r"earliest|next)\s+(?:date|year|day|month|time)\b(?!\s+(?:of\s+day|zone)\b)"
                r"|^how long ago\b", re.I), "date"),
    (re.compile(r"^how\s+(?:many|much|fast|big|large|long|far|high|heavy|old|often|tall|wide|"
                r"hot|cold|warm|thick|quickly|slow|slowly|deep|low|loud|strong|small|frequently)\b"
                r"|^(?:what|which)\s+(?:is|was|are)?\s*(?:the\s+)?"
                # "what's the us record for total days in space"
                r"(?:(?:us|u\.s\.|american|russian|world|women's|womens|current|all-time)\s+)?"
                r"(?:speed|altitude|height|"
                r"weight|mass|size|length|cost|price|temperature|number|distance|percentage|"
                r"amount|record|dose|budget)\b"
                r"|^(?:what|which)\s+(?:speed|altitude|temperature|percentage)\b"
                # "what share of the water gets recycled?"
                r"|^what\s+(?:share|fraction|proportion|percent)\s+of\b"
                # "what is the biggest number of people ever aboard?"
                r"|^(?:what|which)\s+(?:is|was|are)?\s*(?:the\s+)?(?:biggest|largest|highest|"
                r"greatest|smallest|lowest|most|maximum|record)\s+(?:number|amount|count)\s+of\b"
                r"|^(?:at|in)\s+what\s+(?:height|altitude|speed|distance|depth|temperature)\b"
                # "what does one of the russian suits weigh?"
                r"|^what\s+(?:does|do|did|would|will)\s+(?!.*\b(?:like|for)\b).{1,60}?\s+"
                r"weigh\s*[?!.]*$",
                re.I),
     "quantity"),
    # Makers, owners and payers are usually companies and agencies ("Who built Zarya?").
    (re.compile(r"^(?:which|what)\s+" + _DESCRIBED + r"(?:companies|company|agency|agencies|"
                r"organi[sz]ations?|firms?|manufacturers?|contractors?)\b"
                r"|^who(?:['’]s|\s+(?:has|have|had|was|were|is|are|will|did|does|do))?\s+"
                r"(?:buil[dt]|builds|building|(?:mak(?:e|es|ing)|made)(?!\s+up\b)|manufactur(?:e|es|ed|ing)|"
                r"develop(?:s|ed|ing)?|design(?:s|ed|ing)?|own(?:s|ed|ing)?|operat(?:e|es|ed|ing)|"
                r"run(?:s|ning)?|ran|fund(?:s|ed|ing)?|pa(?:y|ys|id|ying)|provid(?:e|es|ed|ing)|"
                r"suppl(?:y|ies|ied|ying))\b", re.I), "organisation"),
    (re.compile(r"^(?:who|whom|whose)\b|^(?:which|what)\s+" + _DESCRIBED +
                r"(?:astronauts?|cosmonauts?|person|people|crew member|crews?|commander|team|"
                r"tourists?|woman|women|man|men)\b"
                # "what was the first crew to fly on a spacex capsule?" asks who, not what
                r"|^(?:what|which)\s+(?:is|was|are|were)\s+the\s+(?:first|second|third|last|"
                r"only|\w{3,}est)\s+(?:crews?|astronauts?|cosmonauts?|person|people|tourists?|"
                r"woman|women|man|men)\b"
                # "Which of the four Crew-12 astronauts ...?"
                r"|^which\s+(?:one\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?:[\w'’-]+\s+){0,3}"
                r"(?:astronauts|cosmonauts|people|crew members|crewmates|women|men)\b",
                re.I), "person"),
    # Not where waste goes ("where does urine go?": it is recycled, burned up).
    (re.compile(r"^where\b(?!\s+(?:does|do|did|will)\s+(?:all\s+)?(?:the\s+|their\s+|your\s+)?"
                r"(?:solid\s+)?(?:waste|urine|trash|rubbish|garbage|sweat|exhaust)\s+(?:go|end)\b)"
                r"|^(?:what|which)\s+(?:place|module|port|launch site|site|"
                r"part of the station|room)\b|^(?:what|which)\s+" + _DESCRIBED +
                r"(?:country|countries|city|cities)\b|^from where\b", re.I), "place"),
    (re.compile(r"^(?:why|how come)\b|^what\s+(?:is|was|are|were)\s+the\s+(?:reason|cause|"
                r"point|purpose)\b|^what\s+(?:caused|causes|is (?!.*\brecords?\s+for\b).* for)\b"
                r"|^for what reason\b"
                # "What does the MRM-2 module do?" asks what a thing is for (not a person:
                # "what does the crew do if it happens").
                r"|^what\s+(?:(?:jobs?|work|tasks?|things)\s+)?(?:does|do)\s+"
                r"(?!.*\b(?:you|they|we|crews?|astronauts?|cosmonauts?|"
                r"people|commanders?)\b)[\w'’ -]{1,40}?\s+do(?:\s+(?:on|aboard|for|at)\s+"
                r"(?:the\s+)?(?:space station|station|iss))?\s*\??$",
                re.I), "reason"),
    (re.compile(r"^how\s+(?:do|does|did|can|could|is|are|was|were|would|should|will)\b|^how to\b"
                r"|^in what way\b", re.I), "procedure"),
    (re.compile(r"^(?:do|does|did|is|are|was|were|can|could|will|would|should|has|have|had|"
                r"shall|may|might|must|isn't|aren't|don't|doesn't|didn't|can't|won't)\b", re.I),
     "yesno"),
    (re.compile(r"^(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?[\w'’ -]{1,40}\??$"
                r"|^(?:define|meaning of|what does .* mean)\b", re.I), "definition"),
]
# Quantity words inside a question that starts differently ("the station is how big?").
_INNER_QUANTITY = re.compile(r"\bhow (?:many|much|fast|big|long|far|high|heavy|often)\b", re.I)
_INNER_WHEN = re.compile(r"\bwhen\b|\bwhat (?:year|date)\b", re.I)
# After a question word, "when" opens a clause: "what happens to Progress when it's done?"
_WHEN_CLAUSE = re.compile(r"^(?:what|how|who|where|why|which)\b(?!.*\bwhat (?:year|date)\b)",
                          re.I)

# Where a second question starts inside one message.
_SPLIT = re.compile(
    r"(?:\?\s+|[,;]\s*(?:and\s+|but\s+|also\s+)?|\s+(?:and|also|plus)\s+(?:also\s+)?)"
    # "..., and on what date?": a preposition may open the second question.
    r"(?=(?:(?:on|in|at|by|from|for|until|since)\s+(?=(?:what|which|when|whom)\b))?"
    r"(?:what|when|where|who|why|how|which|do|does|did|is|are|can|could|will|was|were|has|"
    r"have)\b)",
    re.I,
)
# Words that open a clause setting the scene for the question that follows it, not a question.
_CLAUSE_OPENER = re.compile(
    r"(?:if|during|after|before|while|once|unless|although|though|because|since(?!\s+when)|"
    r"whenever|"
    # "Being stuck together in such a small space, do you ever get into arguments?"
    r"being|"
    r"suppose|supposing|imagine|say|in case|as soon as|now that|given that|apart from|besides|"
    r"other than|except"
    # "when you're living on the station, who ...": a "when" not followed by a verb of its own.
    r"|when(?!\s+(?:is|was|are|were|do|does|did|will|would|can|could|has|have|had|should|shall|"
    r"might|may|must)\b))\b", re.I)
_MAIN_CLAUSE = re.compile(
    r"(?:[,:]|\s[-–—])\s*(?=(?:(?:on|in|at|by|from|until)\s+)?(?:what|when|where|who|whom|whose|"
    r"why|how|which|do|does|did|is|are|can|could|will|would|was|were|has|have|should)\b)",
    re.I)
# Without a comma, a question's main clause starts at an auxiliary after a verb of the opening
# clause: "when an astronaut runs on the treadmill does the whole station wobble?".
_UNMARKED_MAIN = re.compile(
    r"(?<=\w)\s+(?=(?:does|do|did|is|are|can|could|will|would|was|were|has|have|should)\s+"
    r"(?:the|a|an|you|they|it|he|she|astronauts?|people|anyone|anybody|everyone)\b"
    # or at a wh-word that asks: "when the astronauts talk on the radio who is the one
    # talking back?", "if the power goes out what happens?"
    r"|(?:who|what|where|how|why|which)\s+(?:does|do|did|is|are|can|could|will|would|was|"
    r"were|has|have|should|happens|happened|many|much|long|fast|far|big|often)\b)", re.I)
_QUESTION_START = re.compile(
    r"(?:what|when|where|who|whom|whose|why|how|which|do|does|did|is|are|can|could|will|would|"
    r"was|were|has|have|had|should|shall|may|might|must|isn't|aren't|don't|doesn't|didn't|"
    r"can't|won't|tell me|explain|describe|list|name)\b", re.I)
# The kind of answer a keyword query names: "crew-11 mission length days", "launch date".
_KEYWORD_TYPES: list[tuple[re.Pattern[str], AnswerType]] = [
    (re.compile(r"\b(?:date|year|when|day launched|launch day)\b", re.I), "date"),
    (re.compile(r"\b(?:how many|how much|number|count|total|length|duration|days|hours|size|"
                r"weight|mass|height|altitude|speed|velocity|cost|price|distance|temperature|"
                r"percentage)\b", re.I), "quantity"),
    (re.compile(r"\b(?:location|launch site|where)\b", re.I), "place"),
]
# "How old is the station?" wants when it was launched (a date), not how long something on
# it took; a person's or a crew's age stays a quantity.
_AGE_OF_THING = re.compile(
    r"^how old (?:is|was|are|were) (?:the|this|that|its?|these|those)\b"
    r"(?!.*\b(?:astronauts?|cosmonauts?|person|people|crews?|commanders?|tourists?|visitors?|"
    r"oldest|youngest|m[ae]n|wom[ae]n|boys?|girls?|kids?)\b)", re.I)
# Falling or landing on people or their homes: what a casualty risk answers.
_SOMEONE = (r"(?:someone|somebody|anyone|anybody|people|a person|us|me|my|our|someone's|"
            r"somebody's|a house|houses|a city|cities|a town)\b")
_ON_SOMEONE = re.compile(r"\b(?:fall|falls|land|lands|crash|crashes|hit|hits)\s+"
                         r"(?:on|onto|into)?\s*" + _SOMEONE, re.I)
# Said of the station itself ("is the space station going to fall on my house?"): its end.
_FALLS_ON_SOMEONE = re.compile(r"\b(?:fall|falls|land|lands|crash|crashes)\s+(?:on|onto|into)\s+"
                               + _SOMEONE, re.I)
# "When will the station come down?" asks when it will be deorbited, the pages' word; "come
# down" alone finds debris that "came within 250 m". A vehicle named instead ("when did Soyuz
# MS-22 come down") is a landing, and "fall" is how an orbit works ("why doesn't it fall").
_COMES_DOWN = re.compile(
    r"\b(?:station|it|iss)\s+(?:(?:will|would|is going to|going to|gonna|ever|finally|eventually|"
    r"soon|actually|really)\s+)*"
    r"(?:come|comes|coming|crash|crashes|crashing|re-?enter|re-?enters|re-?entering)\s+"
    r"(?:down|back|to earth|into)\b|\b(?:station|it)\s+(?:(?:will|would|is going to)\s+)?"
    r"(?:crash|crashes)\b"
    # Told as something done to it: "is the station getting crashed into the ocean?"
    r"|\b(?:station|it|iss)\s+(?:(?:is|be|will be|gets?|getting|being|going to be)\s+)+"
    r"(?:crashed|brought\s+down|dumped|sunk|ditched)\b"
    # Or with the doer first: "a spacecraft to push the whole station down into the ocean",
    # "how are they gonna get it down".
    r"|\b(?:push|pushes|pushing|pushed|bring|brings|bringing|get|gets|getting|take|takes|"
    r"taking|steer|steers|steering|guide|guides|guiding|drag|crash|crashes|crashing)\s+"
    r"(?:it|the\s+(?:whole\s+|entire\s+)?(?:space\s+station|station|iss))\s+"
    r"(?:back\s+)?(?:down|out\s+of\s+(?:orbit|the\s+sky)|into\s+the\s+(?:ocean|sea|pacific))\b"
    # The doer crashing it: "why are they crashing the space station into the ocean?" and its
    # words carried ("when (crashing station ocean)?").
    r"|\b(?:crash|crashes|crashing|crashed|dump|dumping|sink|sinking|ditch|ditching)\s+(?:the\s+)?"
    r"(?:whole\s+)?(?:space\s+)?(?:station|iss)\b"
    # Into the ocean, said any way: "(the space station going crashed ocean)".
    r"|\b(?:station|iss|it)\b(?:\s+\w+){0,3}?\s+(?:crash|crashed|crashes|crashing|dumped|sunk|"
    r"ditched)\s+(?:into\s+)?(?:the\s+)?(?:ocean|sea|pacific)\b"
    # Its end of service: "when it's retired", "when they shut it down", "after 2030".
    r"|\b(?:station|it|iss)(?:['’]?s|\s+(?:is|gets|will be|retires|is retired))?\s+"
    r"(?:retired|decommissioned|retires)\b|\bshut\s+(?:it|the\s+(?:space\s+)?station|the\s+iss)"
    r"\s+down\b|\bend of its (?:life|service)\b|\bafter 20[34]\d\b"
    # A follow-up carrying it: "what will happen to it after?" (going retired).
    r"|\b(?:after|then)\s+(?:that\s+)?\((?:[\w'’-]+\s+)*retire[sd]?(?:\s+[\w'’-]+)*\)", re.I)
_WHAT_HAPPENS = re.compile(r"\bwhat\s+(?:will\s+|is\s+going\s+to\s+|would\s+)?happens?\b", re.I)
# "What will replace the ISS after 2030?" asks what comes next, not how the station ends.
_SUCCEEDS = re.compile(r"\b(?:replace[sd]?|replacing|replacements?|successors?|takes?\s+over|"
                       r"comes?\s+next|next\s+(?:space\s+)?stations?)\b", re.I)


# What follows the station itself ("what will replace the iss?", "what comes after the iss?",
# "where will astronauts go after the ISS is gone?", "is nasa building a new space station?"),
# not what replaced a part of it ("what replaced its batteries?").
_THE_STATION_ONLY = r"(?:the\s+)?(?:international\s+)?(?:space\s+station|station|iss)\b(?!['’]s)"
_GONE = r"\s+(?:is\s+)?(?:gone|retires|retired|ends|is\s+over|deorbited|comes\s+down|shuts\s+down)"
_ASKS_SUCCESSOR = re.compile(
    r"\b(?:replace[sd]?|replacing|succeed|succeeds|follow|follows)\s+" + _THE_STATION_ONLY +
    r"|\b(?:replacement|successor)s?\s+(?:for|of|to)\s+" + _THE_STATION_ONLY +
    # A follow-up's "it" written out: "who's building the replacement?".
    r"|\bthe\s+(?:replacement|successor)s?\s*\??\s*$" +
    r"|\b(?:comes?|coming|go|live|work|happens?\s+next)\s+after\s+" + _THE_STATION_ONLY +
    r"|\bafter\s+" + _THE_STATION_ONLY + _GONE +
    r"|\bwhere\s+will\b.*\bwhen\s+" + _THE_STATION_ONLY + _GONE +
    r"|\b(?:new|next)\s+space\s+stations?\b", re.I)


def _asks_its_end(text: str, own: str | None = None) -> bool:
    """Whether ``text`` asks about the station coming down without saying "deorbit", and
    its ``own`` words (by default all of it) do not ask what replaces the station."""
    return bool(_COMES_DOWN.search(text)) and "deorbit" not in text.lower() and \
        not _SUCCEEDS.search(text if own is None else own)


# "when it's done", "once they're finished": a vehicle's end of mission (the station's own end
# is its deorbit, above).
_ITS_END = re.compile(r"\b(?:when|once|after)\s+(?:it['’]?s|it\s+is|they['’]?re|they\s+are|"
                      r"it\s+gets|they\s+get)\s+(?:all\s+)?(?:done|finished|over|used\s+up|"
                      r"empty|through)\b"
                      # "what happens to the progress ships after?", "... after they leave?"
                      r"|\bwhat\s+happens\s+to\s+\w.*\b(?P<end>after(?:wards)?(?:\s+(?:it|they)\s+"
                      r"(?:leaves?|undocks?|departs?|goes|go))?)\s*(?:\(.*\))?\s*[?.!]*\s*$", re.I)
# "How long do they work out each day?" is exercise, not the working day; "work out the leak
# rate" is a sum.
_WORK_OUT = re.compile(r"\b(?:work(?:s|ed|ing)?\s+out(?!\s+(?:the|a|an|how|what|why|when|where|"
                       r"who|which|its|their|his|her|that|this)\b)|workouts?)\b", re.I)
_ON_THE_GROUND = re.compile(r"\b(?:I|me|my|we|us|our)\b", re.I)
# "When did it go up?", "how did it get up there?": its launch ("went up" the pages write as
# "launched" or "lifted off").
_GO_UP = re.compile(r"\b(?:go|goes|going|gone|went|get|gets|got|getting)\s+up\b(?!\s+(?:to|by)\b)"
                    # "what spaceship took them there?": what carried them up.
                    r"|\b(?:took|take|takes|carried|carries|carry|brought|bring|brings)\s+"
                    r"(?:them|him|her|it|the\s+(?:[\w'’-]+\s+){1,5}?)\s*(?:up\s+)?(?:there|up)\b"
                    # "how did the AMS get up there?", written out as "... get to the space
                    # station": a thing's trip up, not a person's ("how did you get there")
                    r"|\bdid\s+(?!(?:you|they|he|she|we|(?:the\s+)?(?:astronauts?|cosmonauts?|crews?|"
                    r"people))\b)(?:[\w'’-]+\s+){1,5}?"
                    r"(?:(?:get|go)\s+to|reach)\s+the\s+(?:space\s+)?station\b",
                    re.I)
# "How did they build the station?" asks how it was put together: the pages say "assembled in
# orbit" ("build" alone found Reagan telling NASA to build one).
_HOW_BUILT = re.compile(
    r"^how\s+(?:did|do|was|were|is|would|could)\s+(?:they\s+|you\s+|people\s+|nasa\s+)?"
    r"(?:(?:even|actually|ever)\s+)?(?:build|built|construct|constructed|put\s+together)\s+"
    r"(?:the\s+)?(?:international\s+)?(?:space\s+station|station|iss)\b"
    r"|^how\s+(?:was|is)\s+(?:the\s+)?(?:international\s+)?(?:space\s+station|station|iss)\s+"
    r"(?:even\s+|actually\s+)?(?:built|constructed|put\s+together|assembled)\b", re.I)
# "Who is in charge of the station?" asks for its commander, a word the pages use throughout.
_IN_CHARGE = re.compile(
    r"^who(?:['’]s|\s+(?P<be>is|are|was|were))?\s+(?:in charge|the boss|the head|the leader|"
    r"leading|heading)\b(?=.*\bstation\b)", re.I)
# "Who is living on the station?" asks for its crew, an expedition's members ("living" would
# find how long people have lived there); in the present tense, the crew aboard now.
_RESIDENTS = re.compile(
    r"^who(?:['’]s|\s+(?P<be>is|are|was|were))?\s+(?P<verb>liv(?:e|es|ing|ed)|stay(?:s|ing|ed)?|"
    r"work(?:s|ing|ed)?)\s+(?=(?:on|aboard|in|at)\s+(?:board\s+)?(?:the\s+)?"
    r"(?:space\s+)?station\b)", re.I)
# "when will ...", "when is it supposed/expected/scheduled/going to ...".
_FUTURE = re.compile(r"\bwhen\s+(?:will|(?:is|are)\b.*\b(?:supposed|expected|planned|scheduled|"
                     r"due|going|set)\s+to|(?:is|are)\s+(?:\w+\s+){1,4}(?:coming|going|leaving|"
                     r"returning|launching|flying|heading|arriving|docking|landing)\b)"
                     r"|\bwhen['’]s\s+(?:\w+\s+){1,4}(?:coming|going|leaving|returning|launching|"
                     r"flying|heading|arriving|docking|landing|due|supposed|expected|planned|"
                     r"scheduled)\b", re.I)
# The next one of something ("when is the next spacewalk?", "what's the next mission to the
# station?"): a plan still to come answers it, not the crew that came next in 2009.
_NEXT_ONE = re.compile(r"\b(?:when|what|which|who)(?:['’]s|s|\s+is|\s+are|\s+will\s+be)\s+"
                       r"(?:the\s+)?next\b", re.I)
# Whether something will happen again ("is starliner ever going to fly people again?",
# "will he go up again?"): only a plan says yes.
_FUTURE_AGAIN = re.compile(r"^\s*(?:will|is|are)\b.*\b(?:again|ever\s+going\s+to|ever\s+gonna)\b",
                           re.I)
# "that" after "after" or before "happen" is an event, not a thing the station stands for.
_THAT_AS_THING = (r"(?<!after )(?<!before )(?:that|this)(?!\s+(?:happen\w*|mean\w*|start\w*|"
                  r"end\w*|take|took|last\w*|go|went|come|came|work\w*|cost\w*)\b)")
_PRONOUN_ONLY = re.compile(r"\b(?:it|its|it's|they|them|their|there|he|she|his|her|"
                           + _THAT_AS_THING + r")\b", re.I)
_COMPOUND = re.compile(r"\b\w+(?:-\w+)+\b")
# The period of a rate: "every month", "per day", "a year".
_RATE = re.compile(r"\b(?:every|per|each|a|an)\s+(day|week|month|year)\b", re.I)
# Words that carry the question's kind, not its topic; they are not focus terms.
_TYPE_WORDS = frozenset(tokenize(
    "many much fast big large long far high heavy old often year date time day month kind "
    "type happen happens happened get gets got make makes made thing things really actually "
    "exactly usually like know tell please guys lot lots go goes went use used way whose "
    # A negation says nothing of the topic ("so they don't get lost": "dont" is no term the
    # pages could hold).
    "don't doesn't didn't can't won't isn't aren't wasn't weren't couldn't wouldn't "
    "shouldn't haven't hasn't dont doesnt didnt cant wont isnt arent wasnt werent couldnt "
    "wouldnt shouldnt havent hasnt",
    drop_stopwords=False,
))


# "one" standing for an earlier noun ("what was the first one called?").
_ONE = re.compile(r"\bones?\b", re.I)


def analyse_question(question: str, *, split: bool = True, speller: Speller | None = None,
                     history: Sequence[str] = (), aliases: Aliases | None = None
                     ) -> QuestionAnalysis:
    """Analyse a visitor's question; two-part questions get one analysis per part.

    With a ``speller`` (built from the corpus), misspelled words are corrected first; with a
    ``history`` (the thread's earlier questions, oldest first), a follow-up is written out in
    full ("Who built it?" -> "Who built Zarya?"); with ``aliases`` (from the corpus), a short
    form is searched with its name ("MRM-2" with "Poisk").
    """
    text, carried, borrowed = read_follow_up(
        _read_plainly(" ".join(question.split()), speller),
        [_read_plainly(h, speller) for h in history])
    subject = tuple(t for t in _focus(borrowed) if t not in STATION_TERMS) \
        if _SINGLED_OUT.search(borrowed) else ()
    if (asked := _ASKER.sub("", text)) != text and asked:
        text = _REPORTED.sub(_as_asked_directly, asked)
    parts = _split_parts(text) if split else [text]
    if len(parts) > 1:
        # "Peggy, what was your longest spacewalk? How many hours were you outside?": the
        # second part is addressed to her too.
        addressee = found.group(1) if (found := _addressee(text)) else None
        # Later parts' pronouns point back at the earlier parts, not at the station: the
        # follow-up rules put the phrase they name in the pronoun's place ("how many times did
        # it fly?" -> "... did the japanese 'stork' supply ship fly?"); a part they leave alone
        # borrows the focus terms of the part before it.
        analysed, resolved = [], set()
        for i, piece in enumerate(parts):
            follow = read_follow_up(piece, parts[:i]) if i else None
            if follow is not None and follow.text != piece and (
                    not follow.carried or (follow.borrowed and _ONE.search(piece))):
                # The earlier part's words a follow-up would carry are left behind: the
                # noun put in place of "one" says what the part is about ("what was the
                # first one called?" -> "what was the first cargo ship called?").
                one = _analyse_one(follow.written, resolve_pronouns=False, speller=speller,
                                   aliases=aliases, addressee=addressee)
                analysed.append(replace(one, original=piece))
                resolved.add(i)
            else:
                analysed.append(_analyse_one(piece, resolve_pronouns=i == 0, speller=speller,
                                             aliases=aliases, addressee=addressee))
        analysed = [replace(a, subject=_subject_in(subject, a.focus))
                    for a in _share_subject(analysed, resolved)]
        if len(heard := _heard(parts)) == len(parts) - 1:
            # "heard the iss is being retired in 2030, what's going to replace it?": what was
            # heard is the question's context (carried into it), not a question to answer.
            i, one = next((i, a) for i, a in enumerate(analysed) if i not in heard)
            if "(" not in one.rewritten or is_event(parts[i]):
                # Nothing of what was heard reached the question ("is the crew in danger?"),
                # or its "that" is what was heard ("i heard Kate Rubins voted from up there
                # too, when was that?": the voting, not Kate Rubins): its words come along
                # for the search, verbs too.
                one = _analyse_one(with_context(parts[i], " ".join(parts[:i])),
                                   resolve_pronouns=False, speller=speller, aliases=aliases)
            return replace(one, original=text)
        whole = _analyse_one(text)
        return QuestionAnalysis(
            text, " ".join(a.rewritten for a in analysed), analysed[0].answer_type,
            tuple(dict.fromkeys(t for a in analysed for t in a.focus)),
            any(a.time_relative for a in analysed), whole.second_person, tuple(analysed),
            carried, subject)
    one = _analyse_one(text, speller=speller, aliases=aliases)
    return replace(one, carried=carried + one.carried, subject=_subject_in(subject, one.focus))


def _as_asked_directly(reported: re.Match[str]) -> str:
    """A reported yes/no question asked directly ("if you can see" -> "can you see")."""
    if reported.group("aux"):
        return f"{reported.group('aux')} {reported.group('subject')}"
    return "do "


def _heard(parts: Sequence[str]) -> set[int]:
    """The parts that only tell what the visitor heard or read ("I read that ..."), unless
    the one question left asks whether it is so ("..., is that real?")."""
    heard = {i for i, piece in enumerate(parts)
             if _NEWS_LEAD.match(piece) and not _ASKS_INSIDE.search(piece)}
    asked = [piece for i, piece in enumerate(parts) if i not in heard]
    return set() if any(_TRUTH_CHECK.match(piece) for piece in asked) else heard


# What a visitor heard or read before asking: "heard the iss is being retired in 2030",
# "saw on the news that ...", "an article said ...".
_NEWS_LEAD = re.compile(
    r"^\s*(?:(?:i|we)\s+)?(?:just\s+|recently\s+|also\s+)?(?:heard|read|saw|seen|noticed|"
    r"learned|learnt|watched)\b"
    r"|^\s*(?:the\s+|a\s+|an\s+|this\s+)?(?:news|article|story|study|report|headline|"
    r"video)s?\s+(?:said|says|showed|shows|mentioned|mentions|reported|reports|claimed|"
    r"claims)\b", re.I)
# "I read that Endeavour was first - what was the mission number?": a question follows inside.
_ASKS_INSIDE = re.compile(r"[-–—,:;.]\s*(?:what|when|where|who|whom|whose|why|how|which)\b",
                          re.I)
# "... is that real?", "true?": the question is whether what was heard is so.
_TRUTH_CHECK = re.compile(r"^\s*(?:(?:is|was)\s+(?:it|that|this)\s+(?:really\s+)?(?:true|real|"
                          r"right|correct|so)|really|true|for real)\b", re.I)


# The station's first crew, commander or residents are Expedition 1's, which is what the pages
# call them ("who was the first commander of the iss?" had found the first Canadian one).
_FIRST_CREW = re.compile(
    # Not a vehicle's own first crew: "when Starliner flew its first crew".
    r"(?<!\bits\s)(?<!\btheir\s)"
    r"\bfirst\s+(?:(?:long[- ](?:duration|term|stay)|resident|permanent|station|iss|space station)"
    r"\s+)?(?:crew|expedition|"
    r"commander|residents?)\b(?!\s+(?:of|from|on)\s+(?!the\s+(?:iss|space station|station)\b))"
    # "the first Crew Dragon mission" is a vehicle's; "the first crew that was only private
    # astronauts" is a crew of a kind (Ax-1)
    r"(?!\s+dragons?\b|-\d|\s+(?:that|which|who)\s+(?:was|were)\s+(?:all|only|entirely|made)\b"
    r"|\s+(?:of|with)\s+only\b)"
    r"|\bfirst\s+(?:people|astronauts)\s+(?:to\s+)?(?:actually\s+|really\s+|ever\s+)?"
    r"(?:live|stay|move)"
    # "when did people first start living on the iss?"
    r"|\b(?:(?:people|astronauts|crews?)\s+)?first\s+(?:start(?:ed)?\s+|began\s+|begin\s+)?"
    r"(?:live|living|lived|staying|stayed|moving|moved\s+in)\b", re.I)


_EXPEDITION_1 = re.compile(r"\bexpedition\s*1\b", re.I)
# The first of a series, named by the word after "first" ("what day did Europe's first ATV
# dock?"): its date is the earliest of the dated sentences naming the thing, not the last
# ATV's that scores higher. Describing words are passed over ("the first european cargo ship").
_FIRST_OF = re.compile(r"\b(?:the|its|their|[a-z]+['’]?s)\s+(?:very\s+)?first\s+"
                       r"(?:(?:ever|european|russian|american|japanese|canadian|chinese|"
                       r"crewed|uncrewed|commercial|private|female|space|resident|permanent|"
                       r"long-duration|all-female)\s+)*([a-z][\w-]*)",
                       re.I)
_ARRIVAL_ASKED = re.compile(
    r"^\s*when\b(?!.*\b(?:(?:go|goes|went|come|comes|came|get|got)\s+(?:home|back)|return|"
    r"returned|leave|left|land|landed|splash\w*|undock\w*)\b)", re.I)


# Days known by their date: "during 9/11" is the September 11, 2001 attacks, not Crew-11.
_NAMED_DAYS = re.compile(r"\b9/11\b|\b9-11\b(?!\s*(?:days?|hours?|years?))")


# "do they know what caused it?", "does anyone know why ...": the question is the clause that
# follows, and "they" there is whoever would know, not a thing of the thread.
_DO_THEY_KNOW = re.compile(
    r"^\s*(?:(?:and|so|but|ok|okay)\s*,?\s+)?(?:do|does|did)\s+(?:they|you|anyone|anybody|"
    r"we|scientists|engineers|nasa|people|experts)\s+(?:even\s+|actually\s+|ever\s+)?"
    r"(?:know|find out|figure out|found out|figured out)\s+(?=(?:what|why|how|when|where|who|"
    r"which)\b)", re.I)


def _read_plainly(text: str, speller: Speller | None = None) -> str:
    """``text`` with names capitalised (with a ``speller``), a day known by its date written
    out ("9/11"), a child's toilet verb and "lights out" in the pages' words, a wh-word left
    to the end asked first ("is it going to stop one day and when" -> "when is it going to
    stop one day?") and an embedded question asked directly ("do they know what caused it?"
    -> "what caused it?").

    Done before a follow-up is resolved, so that a name typed in lower case in an earlier
    turn ("how long did suni williams stay?") is a name to the follow-up rules too.
    """
    if speller is not None:
        text = speller.restore_names(text)
    for pattern, replacement in _TOILET_VERBS:
        text = pattern.sub(replacement, text)
    text = _LIGHTS_OUT.sub("bedtime", _WH_AT_THE_END.sub(r"\3 \1 \2?", text))
    return _DO_THEY_KNOW.sub("", _NAMED_DAYS.sub("the September 11, 2001 attacks", text))


# A yes/no question with its wh-word at the end asks the wh-question: "is the space station
# going to stop flying one day and when" is when it will.
_WH_AT_THE_END = re.compile(
    r"^\s*(is|are|was|were|will|would|does|do|did|has|have|can|could)\s+(.+?)\s*,?\s*"
    r"(?:and|&|or|if\s+so)\s+(when|where|why|how|who)\s*[?!.]*\s*$", re.I)


# Every question here is about the station; its name does not tell one subject from another.
STATION_TERMS = frozenset(tokenize("international space station iss"))
# A borrowed phrase that singles one out of many ("the first crew", "the last shuttle
# mission", "the biggest module") is a subject the answer must match: the pages tell of other
# crews and missions too. A name ("the Ax-3 crew", "the tranquility module") already weighs
# heavily in coverage, and a sentence may name it without the rest ("Ax-3 splashed down").
_SINGLED_OUT = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|final|latest|newest|oldest|original|earliest|"
    r"biggest|largest|smallest|longest|shortest|heaviest|highest|lowest|fastest|youngest|"
    r"most|least)\b", re.I)


def _subject_in(subject: tuple[str, ...], focus: tuple[str, ...]) -> tuple[str, ...]:
    """The borrowed subject's terms that the (part of the) question still asks about."""
    return tuple(t for t in subject if t in focus)


def _analyse_one(text: str, *, resolve_pronouns: bool = True, speller: Speller | None = None,
                 aliases: Aliases | None = None, addressee: str | None = None
                 ) -> QuestionAnalysis:
    cleaned = _OPENERS.sub("", text).strip() or text
    for pattern, replacement in _TEXTING:
        cleaned = pattern.sub(replacement, cleaned)
    if speller is not None:
        cleaned = speller.restore_names(speller.correct(cleaned))
    time_relative = bool(_TIME_RELATIVE.search(cleaned))
    if time_relative:
        cleaned = _TIME_RELATIVE.sub("", cleaned).strip() or cleaned
    # The thread's carried words are not the question's: "how long does the blackout last (lose
    # contact ...)?" ends with the verb "last", which asks for no newest fact.
    time_relative = time_relative or bool(_RECENCY.search(own_words(cleaned)))
    second_person = bool(_SECOND_PERSON.search(cleaned))
    if addressed := _addressee(cleaned):
        cleaned = cleaned[addressed.end():]
    if second_person and (name := addressed.group(1) if addressed else addressee):
        # "Peggy, how old were you ...?" asks about Peggy, not astronauts in general.
        rewritten, second_person = _resolve_addressed(cleaned, name), False
    else:
        rewritten = _resolve_second_person(cleaned) if second_person else cleaned
    rewritten = re.sub(r"\s+([?,.!])", r"\1", " ".join(rewritten.split()))
    answer_type = _answer_type(rewritten)
    focus = _focus(rewritten)
    # "How big is it?" with nothing before it: on this site "it" is the station; but the
    # "there" of "have there been" stands for no place.
    if resolve_pronouns and len(focus) <= 1:
        dummies = dummy_pronouns(rewritten)
        found = next(((m, default) for m in _PRONOUN_ONLY.finditer(rewritten)
                      if m.start() not in dummies and (m.group().lower() != "there"
                                                       or not existential_there(rewritten))
                      and (default := _default_referent(m))), None)
        if found is not None:
            referent, default = found
            rewritten = rewritten[:referent.start()] + default + rewritten[referent.end():]
            focus = _focus(rewritten)
    carried, earliest = "", ()
    residents = _RESIDENTS.match(rewritten.strip())
    if residents:
        be, verb = (residents.group("be") or "").lower(), residents.group("verb").lower()
        past = be in ("was", "were") or verb.endswith("ed")
        be = be or ("was" if past else "is")
        rewritten = f"who {be} " + rewritten.strip()[residents.end():]
        carried, answer_type, time_relative = " (crew expedition)", "person", \
            time_relative or not past
    elif in_charge := _IN_CHARGE.match(rewritten.strip()):
        carried, answer_type = " (commander)", "person"
        time_relative = time_relative or (in_charge.group("be") or "is").lower() in ("is", "are")
    elif _AGE_OF_THING.match(rewritten.strip()):
        carried, answer_type = " (launched)", "date"
        earliest = tuple(tokenize(carried))
    elif _ASKS_SUCCESSOR.search(own_words(rewritten)):
        # "what will replace the iss?" had found the batteries that replaced the old ones;
        # "where will astronauts go after it is gone?" asks for a station, not a place
        # (the lifeboat they come home in had led).
        carried = " (commercial space stations follow)"
        answer_type = "other" if answer_type == "place" else answer_type
    elif _asks_its_end(rewritten) or (_FALLS_ON_SOMEONE.search(rewritten) and
                                      re.search(r"\b(?:station|iss)\b", rewritten, re.I)):
        # "what happens after that (retire)?" names no station: the end is the station's;
        # "is the space station going to fall on my house?" is its end too.
        carried = " (deorbit)" if re.search(r"\b(?:station|iss)\b", rewritten, re.I) \
            else " (space station deorbit)"
        if _WHAT_HAPPENS.search(rewritten):
            # "what happens to it after that?": how it ends, not when.
            carried = carried[:-1] + " controlled reentry)"
        if _ON_SOMEONE.search(rewritten):
            # "could it fall on someone's house?": the pages give the chance of a casualty.
            carried = carried[:-1] + " casualty populated areas)"
    elif its_end := _ITS_END.search(rewritten):
        # "what happens to Progress when it's done?": the pages tell how a mission ends.
        end_words = set(tokenize(its_end.group("end") or its_end.group(), drop_stopwords=False))
        thing = [t for t in focus if t not in STATION_TERMS and t not in end_words]
        carried = " (end of its mission)" if thing else " (deorbit)"
        if not thing and _WHAT_HAPPENS.search(rewritten):
            carried = " (deorbit controlled reentry)"
    elif _WORK_OUT.search(rewritten) and "exercis" not in rewritten.lower():
        carried = " (exercise)"
    elif GO_OUTSIDE.search(rewritten) and "spacewalk" not in rewritten.lower() and \
            not _ON_THE_GROUND.search(rewritten):
        # "Who went outside with Samantha?", "do you ever go outside?": a spacewalk, unless the
        # one going out is on the ground ("when should I go outside to catch the ISS?").
        carried = " (spacewalk)"
    elif _GO_UP.search(rewritten) and "launch" not in rewritten.lower() and \
            not _HOW_DIMENSION.match(rewritten.strip()):  # "how high does it go up?"
        carried = " (launched)"
        if answer_type == "date":
            # "when did the Cupola go up?": its launch, before it was moved on February 15.
            earliest = tuple(tokenize(carried))
    elif _HOW_BUILT.match(rewritten.strip()):
        carried = " (assembled in orbit)"
    if (answer_type in ("person", "other") or _ARRIVAL_ASKED.match(rewritten)) and \
            _FIRST_CREW.search(rewritten) and not _EXPEDITION_1.search(rewritten):
        # "when did the first crew start living there?": its arrival (not its return, a date
        # the pages give with less to match).
        carried += " (Expedition 1)"
    if answer_type == "date" and not earliest and \
            (first := _FIRST_OF.search(own_words(rewritten))) and \
            (thing := tokenize(first.group(1))):
        earliest = (thing[0],)
    if carried:
        rewritten = f"{rewritten.rstrip(' ?')}{carried}?"
        focus = _focus(rewritten)
    if aliases is not None and (names := aliases.expansions(rewritten)):
        # "MRM-2" is searched as Poisk too, the name the pages answer under; the focus stays
        # the question's own words, or "Europe's Automated Transfer Vehicle" would outweigh
        # what is asked about the ATV.
        expanded = f" ({' '.join(names)})"
        carried += expanded
        rewritten = f"{rewritten.rstrip(' ?')}{expanded}?"
    if countries := _countries_of_people(rewritten):
        # "was there ever a korean astronaut?": the pages say "South Korea's first visitor".
        expanded = f" ({' '.join(countries)})"
        carried += expanded
        rewritten = f"{rewritten.rstrip(' ?')}{expanded}?"
    return QuestionAnalysis(text, rewritten, answer_type, focus, time_relative, second_person,
                            carried=carried, earliest=earliest,
                            asked=asked_for(rewritten, answer_type),
                            future=(answer_type == "date" and bool(_FUTURE.search(rewritten)))
                            or (answer_type == "yesno" and bool(_FUTURE_AGAIN.search(rewritten)))
                            or bool(_NEXT_ONE.search(rewritten)))


def _countries_of_people(text: str) -> list[str]:
    """The countries whose people a question names but not the country itself, with the
    pages' word for its people: "korean" -> Korea, "brit" -> Britain, British."""
    words = set(tokenize(text, drop_stopwords=False))
    return list(dict.fromkeys(
        name.capitalize() for w in words
        if w in COUNTRY_WORDS and w != COUNTRY_WORDS[w][0] and COUNTRY_WORDS[w][0] not in words
        for name in COUNTRY_WORDS[w][:2] if name not in words))


def numbered_names(text: str) -> dict[str, tuple[str, ...]]:
    """The numbers of a question that belong to a hyphenated name, with the name's terms:
    "how long was crew-11 up?" -> {"11": ("crew", "11")}. The number alone would find
    "Expedition 11" or "11 hours"; only the whole name pins down the mission."""
    found: dict[str, tuple[str, ...]] = {}
    for word in _COMPOUND.findall(text):
        terms = tuple(tokenize(word))
        if len(terms) > 1:
            for term in terms:
                if term[:1].isdigit():
                    found.setdefault(term, terms)
    return found


_MONTH_WORDS = ("january|february|march|april|may|june|july|august|september|october|november|"
                "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|"
                "wednesday|thursday|friday|saturday|sunday|day|week|month|year|page|chapter")
# A name that carries a number, as visitors write it: a hyphenated one ("Crew-11", "STS-88",
# "MS-29": a word, then the number), or a word and a number ("Expedition 75", "Apollo 13",
# "Node 3"): a series word in any case, or any capitalised word but the question's first
# (so "Name 3 modules" and "In 2015" are not names). Soyuz and Progress share one numbering
# ("MS-29" names a Progress and a Soyuz), so their word belongs to the name. A month or a
# year is a date, not a name.
_SPECIFIC = re.compile(
    r"(?i:(?:\b(?:soyuz|progress)\s+)?\b[a-z][a-z\d]*(?:-[a-z]+)*-\d+[a-z\d]*\b)"
    rf"|\b(?!(?i:{_MONTH_WORDS})\b)(?:(?i:{SERIES})|(?<=\S\s)[A-Z][A-Za-z]+)"
    r"\s+\d+\b(?![.,]\d|\s*(?:%|(?i:percent|per)\b))")
_YEARISH = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)s?$")
_PRICE = re.compile(r"\b(?:cost|costs|costing|price|prices|priced|pricing|pay|pays|paid|paying|"
                    r"expensive|dollars?|euros?|money|spen[dt]|spends|spending)\b", re.I)
# A share of the costs is a percentage, not an amount of money ("what percentage of the
# running costs does Japan cover?").
_SHARE_ASKED = re.compile(r"\b(?:percentage|percent|share|fraction|proportion)\b", re.I)
# Time is spent too: "how much time do astronauts spend exercising?" asks no price.
_TIMES = r"(?:time|downtime|hours?|days?|weeks?|weekends?|months?|minutes?|nights?|evenings?)"
_TIME_SPENT = re.compile(rf"\b(?:{_TIMES}|long)\b.*\bspen[dt]|\bspen[dt]\b.*\b{_TIMES}\b", re.I)


def specific_names(text: str) -> list[tuple[str, ...]]:
    """The terms of each numbered name in a question ("Who's on the Soyuz MS-29 crew?" ->
    [("soyuz", "ms", "29")]): a thing the pages must name to say anything about it."""
    names = []
    for match in _SPECIFIC.finditer(text):
        terms = tuple(tokenize(match.group()))
        numbers = [t for t in terms if t[:1].isdigit()]
        # "mid-2000s", "Expedition 2015"'s year: a date, not a name.
        if len(terms) > 1 and numbers and not any(_YEARISH.match(n) for n in numbers) and \
                any(t.isalpha() for t in terms) and terms not in names:
            names.append(terms)
    return names


# A capitalised word inside a question (not its first word, nor the first after a colon or a
# vocative's comma): "How much does the Hubble Space Telescope weigh?", "your Space Oddity video".
_CAPITALISED = re.compile(r"(?<=[^\s:,(?!.])\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
# Capitalised words that name the station, its partners, or a whole people: an answer need not
# repeat them ("What do Russian cosmonauts eat?" is answered by a sentence about their food).
_NOT_A_NAME = frozenset(tokenize(
    "i international space station iss nasa esa jaxa csa roscosmos earth sun russia russian "
    "russians america american americans us usa europe european europeans japan japanese "
    "canada canadian canadians english mr mrs ms dr ok okay ai united states "
    # Units named after people: "the cabin temperature in Fahrenheit" asks for "72 °F".
    "fahrenheit celsius kelvin",
    drop_stopwords=False)) | frozenset(tokenize(_MONTH_WORDS.replace("|", " "),
                                                 drop_stopwords=False))


def named(text: str) -> list[tuple[str, ...]]:
    """The proper names a question uses, as terms ("Who launched the Hubble Space Telescope?"
    -> [("hubble", "telescope")]): the answer is about them, so some sentence must name them.
    The station, its agencies, nationalities, dates, acronyms and numbered names (which
    ``specific_names`` checks) are left out."""
    names = []
    for match in _CAPITALISED.finditer(text):
        # Acronyms ("EVAs", "ERA", "O2") are mostly terms the pages write out in words.
        # Of a hyphenated word, only the capitalised parts: "Russian-segment" names no segment.
        parts = [part for word in match.group(1).split() for part in re.split(r"[-‑–]", word)
                 if part[:1].isupper()]
        # "T-shirt", "X-ray": a single capital letter before a hyphen names nothing.
        parts = [] if re.fullmatch(r"[A-Z][-‑–][a-z]+\w*", match.group(1)) else parts
        words = [w for w in parts if not (w.rstrip("s").isupper() and len(w) > 1)
                 and not any(c.isdigit() for c in w)]
        terms = tuple(t for t in tokenize(" ".join(words)) if t not in _NOT_A_NAME)
        if terms and terms not in names:
            names.append(terms)
    return names


_MADE_UP = re.compile(r"\b(?:make|makes|made|making)\s+up\b", re.I)


def asks_price(analysis: QuestionAnalysis) -> bool:
    """Whether the question asks what something costs ("How much did the Nauka module cost?",
    "price tag of the Destiny lab"): an amount of money answers it, not any number. "Who paid
    for ...?" and "Why does it cost so much?" ask for something else."""
    # "which shuttle flight carried it up? (country paid ...)" asks for no price.
    own = own_words(analysis.rewritten)
    return analysis.answer_type in ("quantity", "other") and bool(_PRICE.search(own)) and \
        not _TIME_SPENT.search(own) and not _SHARE_ASKED.search(own)


# The thing a price is asked for: "how much did the new toilet cost?", "what was the price of
# a Soyuz seat?", "canadarm2 build cost price".
_PRICED = re.compile(
    r"\bhow\s+much\s+(?:money\s+)?(?:did|does|do|will|would|is|was|could|should)\s+(.+?)\s+"
    r"(?:(?:actually|really|roughly|supposedly|reportedly|even|exactly)\s+)?cost\b"
    r"|\b(?:price|cost)\s+(?:tag\s+)?of\s+(.+?)\s*(?:[?.!,]|$)"
    r"|\bwhat\s+(?:did|does|do|will)\s+(.+?)\s+(?:(?:actually|really|roughly|supposedly|"
    r"reportedly|even|exactly)\s+)?cost\b", re.I)
_PRICED_KEYWORDS = re.compile(r"^(.+?)\s+(?:cost|price)\b", re.I)
# Who pays is no thing priced ("private astronaut iss cost" asks a seat's price).
_PERSON_WORDS = frozenset(tokenize(
    "astronaut astronauts cosmonaut cosmonauts tourist tourists person people crew crews "
    "passenger passengers traveller travellers traveler travelers visitor visitors me i you "
    "someone somebody anyone anybody"))
# Words around the thing priced that do not name it, and pronouns that name it elsewhere.
_NOT_PRICED = frozenset(tokenize(
    "one each single new whole entire build built make made launch launched send sent buy "
    "bought total nasa annual yearly running operating", drop_stopwords=False)) | _PERSON_WORDS
# A ticket is a trip, priced as a seat or a mission: "his ticket" names no thing to look for.
_TRIP = frozenset(tokenize("ticket tickets trip trips ride rides flight seat seats"))
_PRICED_PRONOUN = re.compile(r"^(?:it|that|this|they|them|those|these|that thing|this thing)$",
                             re.I)


def priced_thing(analysis: QuestionAnalysis) -> tuple[str, ...]:
    """The terms of the thing whose price is asked ("how much dose one of the nasa spacesuits
    cost?" -> ("spacesuit",)), the main noun last; () when the question names it by a
    pronoun, asks no price of one thing, or prices the station itself."""
    own = own_words(analysis.rewritten)
    found = _PRICED.search(own) or (
        None if _QUESTION_START.match(own) else _PRICED_KEYWORDS.search(own))
    if found is None:
        return ()
    words = next(g for g in found.groups() if g)
    if _PRICED_PRONOUN.match(words.strip()):
        return ()
    terms = tuple(t for t in tokenize(words) if t not in _NOT_PRICED and t not in STATION_TERMS
                  and not t[:1].isdigit())
    return () if terms and terms[-1] in _TRIP else terms


_NOW_OR_LIVE = re.compile(r"\b(?:right now|now|live|currently|at the moment|at present|"
                          r"real[- ]time|tonight|tomorrow|this (?:evening|morning)|"
                          r"(?:at|around) \d{1,2}(?:[.:]\d\d)?\s*(?:am|pm))\b", re.I)
# Whether it passed over at a given time ("did the iss fly over my house last night?"), not
# why it looked as it did ("saw it fly over last night, why was it so bright?").
_PASSED_OVER = re.compile(r"^\s*(?:did|was|were|is)\b.*\b(?:pass|passed|fly|flying|flew|go|going|"
                          r"went|come|came)\s+(?:right\s+)?(?:over|above|overhead)\b.*"
                          r"\b(?:last night|yesterday)\b", re.I)
_THE_STATION = re.compile(r"\b(?:iss|station|you)\b", re.I)  # not "where is the cupola now?"
# A pass over a place, which only a live tracker can time.
_PASSING_OVER = re.compile(r"\b(?:pass|passes|passing|fly|flies|flying|go|goes|going|come|"
                           r"comes|coming)\s+(?:right\s+)?(?:over|above|overhead)\b", re.I)
# "iss visible tonight chicago what time", "iss pass times tonight": when it shows, asked for
# one night.
_VISIBLE_WHEN = re.compile(r"\bvisible\b.*\b(?:what time|when)\b|\b(?:what time|when)\b.*"
                           r"\bvisible\b|\b(?:pass|passes|sighting|viewing)\s+times?\b", re.I)
_POSITION = re.compile(r"\bwhere(?:['’]s|\s+is|\s+are\s+you)\b|\b(?:location|position|"
                       r"overhead)\b|\b(?:above|over)\s+(?:me|us|my)\b", re.I)


def asks_live_position(analysis: QuestionAnalysis) -> bool:
    """Whether the question asks where the station is at this moment ("where is the iss right
    now?", "iss live location", "is the station overhead now?"): pages written in advance
    cannot say. Where to look for it ("where can I track the iss?") is another question."""
    text = analysis.original
    if (_NOW_OR_LIVE.search(text) and (_PASSING_OVER.search(text) or _VISIBLE_WHEN.search(text)) \
            and _THE_STATION.search(text)) or _PASSED_OVER.search(text):
        return True  # "what time is the iss passing over chicago tonight?"
    return bool(_NOW_OR_LIVE.search(text) and _POSITION.search(text) and
                _THE_STATION.search(text)) and not analysis.names and not analysis.numbered


# A window the pages, reviewed in advance, cannot report on, and words that ask only what
# happens in it ("what's happening on the station this week?").
_NARROW_WINDOW = re.compile(r"\b(?:right now|now|at the moment|today|tonight|this (?:week|"
                            r"weekend|morning|afternoon|evening|month))\b", re.I)
# "what did you guys do on the station this week?" asks the week's news too.
_NEWS = re.compile(r"\b(?:happening|happened|happen|news|new|going on|going wrong|up to|doing|"
                   r"do|did|wrong|broken|safe|okay|ok|fine|alright|arrive|arrived|arriving|launch|"
                   r"launched|launching|docked|docking|landed)\b", re.I)
_NEWS_ONLY = frozenset("happening happen happened new news going doing up station space iss "
                       "astronaut crew board aboard there anything wrong broken safe okay ok "
                       "fine alright everyone everything anyone anybody someone people arrive "
                       "arrived arriving arrival launch launched launching dock docked docking "
                       "land landed "
                       # "did anything exciting happen on the station this week?"
                       "exciting interesting unusual special big cool".split())


def asks_live_news(analysis: QuestionAnalysis) -> bool:
    """Whether the question asks only what is going on aboard in a window as short as today
    or this week ("any news from the iss today?", "what are you doing right now?"), or how
    the day's event went ("how did today's spacewalk go?"): the pages describe the station,
    they do not follow it day by day."""
    if _HOW_IT_WENT.search(analysis.original) and not analysis.names and not analysis.numbered:
        return True
    return analysis.answer_type in ("definition", "other", "yesno") and \
        bool(_NARROW_WINDOW.search(analysis.original) and _NEWS.search(analysis.original)) and \
        set(analysis.focus) <= _NEWS_ONLY and not analysis.names and not analysis.numbered


# How an event of the day went: "how did today's spacewalk go?", "did the spacewalk go ok
# yesterday?".
_HOW_IT_WENT = re.compile(
    r"\bhow\s+(?:did|is|was)\s+(?:the\s+)?(?:today|tonight|yesterday|this\s+morning|last\s+night)"
    r"['’]?s\s+\w+\s+go(?:ing)?\b"
    r"|\b(?:did|does|is)\s+(?:the|today['’]?s|yesterday['’]?s)\s+\w+\s+go(?:ing)?\s+(?:ok|okay|well|"
    r"alright|fine|as planned)\b.*\b(?:today|yesterday|last night|this (?:morning|week))\b", re.I)


# Everyday life on the ground, asked in the first person ("How do I make cold brew coffee at
# home?"), and the words that would make such a question one about the station after all
# ("can I see the iss from my house?").
_AT_HOME = re.compile(r"\b(?:at home|(?:in|on|for|from) my|my own|from scratch|in the kitchen)\b",
                      re.I)
_SPACE_WORDS = frozenset(tokenize(
    "station iss space spacecraft astronaut astronauts cosmonaut crew orbit orbits rocket "
    "spacesuit spacewalk nasa esa jaxa roscosmos launch module gravity microgravity "
    "weightless satellite shuttle soyuz dragon telescope sky", drop_stopwords=False))


def asks_about_home(analysis: QuestionAnalysis) -> bool:
    """Whether the question is about the asker's own life on the ground ("how do I make cold
    brew coffee at home?"): coffee sentences about the station would not answer it."""
    return bool(_AT_HOME.search(analysis.original)) and \
        _SPACE_WORDS.isdisjoint(tokenize(analysis.original, drop_stopwords=False))


# Seeing something from the station ("can you see hurricanes from the iss?", "do you ever see
# shooting stars from the window?"), as against seeing the station from the ground.
_VIEW_FROM_STATION = re.compile(
    r"\b(?:see|spot|view|watch|photograph|look at)\s+(?P<thing>(?:[\w'’-]+\s+){1,7}?)"
    r"(?:flying\s+|go(?:ing)?\s+)?(?:from|out of|out|through|past)\s+(?:on\s+)?"
    r"(?:the\s+|your\s+|a\s+)?(?:space\s+station|station|iss|space|orbit|windows?|cupola)\b",
    re.I)
_THE_STATION_ITSELF = re.compile(r"\b(?:station|iss|it)\b", re.I)
# What is watched on a screen, not seen out of a window: "can they watch the super bowl from
# up there?" asks whether it is sent up.
_ON_A_SCREEN = re.compile(r"\b(?:super\s*bowl|world\s+cup|olympics|games?|match(?:es)?|tv|"
                          r"television|movies?|films?|shows?|news|football|soccer|baseball|"
                          r"basketball|netflix|youtube|sports?|episodes?|series)\b", re.I)
# Words around the thing seen that do not name it ("other satellites", "the moon better").
_NOT_THE_SEEN = frozenset("other ever better clearly really any anything things stuff much "
                          "even also guys".split())


def seen_from_station(analysis: QuestionAnalysis) -> tuple[str, ...]:
    """The terms of what the question asks to be seen from the station ("can you see my house
    from the space station?" -> house), or () when it asks no such thing: how to see the
    station from the ground does not answer it."""
    found = _VIEW_FROM_STATION.search(analysis.rewritten)
    if analysis.answer_type != "yesno" or not found or \
            _THE_STATION_ITSELF.search(found.group("thing")) or \
            _ON_A_SCREEN.search(found.group("thing")):
        return ()  # "how often can you see your family on a screen from up there?" is no view
    return tuple(t for t in tokenize(found.group("thing"))
                 if t not in _NOT_THE_SEEN and t not in STATION_TERMS)


_THIS_YEAR = re.compile(r"\b(?:this|the current) year\b", re.I)


def asks_this_year(analysis: QuestionAnalysis) -> bool:
    """Whether a count or figure is asked for the current year ("how many spacewalks so far
    this year?"): the all-time figure does not answer it."""
    return analysis.answer_type == "quantity" and bool(_THIS_YEAR.search(analysis.original))


# A year the question is set in ("in November 2020", "that 2021 spacewalk"), not one that
# bounds a span ("by 2019", "by late 2015", "since 1959", "2012-2020", "as of November 2023").
_YEAR_IN_QUESTION = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_SPAN_BOUND = re.compile(r"\b(?:by|before|since|through|until|till|after|to|from|between|"
                         r"as of|end of)\b(?:\s+(?!in\b|during\b)\S+){0,2}\s*$|[-–/]\s*$", re.I)


# Superlatives, each with the words a sentence may state it in ("the largest module").
_SUPERLATIVES = {word: group for group in (
    ("oldest",), ("youngest",), ("longest", "record"), ("shortest", "record"),
    ("biggest", "largest"), ("largest", "biggest"), ("heaviest", "most massive"),
    ("fastest", "record", "quickest"), ("highest", "record"), ("tallest",),
    ("smallest",), ("farthest", "furthest"), ("furthest", "farthest"), ("coldest",),
    ("hottest",),
    # What visitors ask crews to rank ("the grossest thing about living there").
    ("grossest",), ("weirdest", "strangest"), ("strangest", "weirdest"), ("scariest",),
    ("coolest",), ("funniest",), ("hardest",), ("worst",)) for word in group[:1]}
_AMOUNT_OF = re.compile(r"\s+(?:number|amount|share|percentage|count)\s+of\b", re.I)
_SUPERLATIVE = re.compile(r"\b(" + "|".join(_SUPERLATIVES) + r")\b", re.I)


# "What's the latest date the station had to dodge debris?": the newest of several dated
# events ("last" at the very end is the verb: "how long does a spacewalk last?").
_LATEST_ONE = re.compile(r"\b(?:latest|newest|most\s+recent|last)\b(?!\s*[?.!]*\s*$)", re.I)


def asks_latest(analysis: QuestionAnalysis) -> bool:
    """Whether a question asks when the newest of several events was."""
    return analysis.answer_type == "date" and bool(_LATEST_ONE.search(own_words(
        analysis.interpreted_as)))


def superlative_asked(analysis: QuestionAnalysis) -> tuple[str, ...]:
    """The words that state the superlative a question asks about ("who is the oldest
    person to live aboard?" -> ("oldest",)): a sentence about someone's 70th birthday does
    not say he was the oldest. Empty when the question has none; "the largest number of"
    is "the most", which a sentence says in either words."""
    # Read as rewritten: "the oldest module" is the first one launched, no superlative.
    asked = analysis.interpreted_as
    found = _SUPERLATIVE.search(asked)
    if not found:
        return ()
    words = _SUPERLATIVES[found.group(1).lower()]
    if _AMOUNT_OF.match(asked, found.end()):
        # "the biggest number of people ever aboard" is "as many as 13 people" too.
        words = (*words, "most", "as many as", "up to")
    return words


# What a superlative ranks: "the biggest module"; a person noun or "thing" leaves it open
# ("the oldest person" is answered by "the oldest astronaut").
_RANKED = re.compile(r"\s+(?:single\s+)?([a-z]{3,})\b", re.I)
_OF_SIZE = frozenset({"biggest", "largest", "smallest", "heaviest"})
_OPEN_RANKED = frozenset({"thing", "things", "one", "ones", "part", "parts", "number", "amount",
                          "share", "percentage", "count", "person", "people", "astronaut",
                          "astronauts", "cosmonaut", "cosmonauts", "man", "woman", "men",
                          "women", "crew", "member", "record"})


def superlative_ranks(analysis: QuestionAnalysis) -> tuple[tuple[str, ...], str] | None:
    """The superlative's words and the noun it ranks ("what is the biggest module?" ->
    (("biggest", "largest"), "module")): a sentence calling a hatch the biggest is about
    another thing. None without a superlative, or when it ranks no noun or an open one."""
    found = _SUPERLATIVE.search(analysis.rewritten)
    ranked = _RANKED.match(analysis.rewritten, found.end()) if found else None
    if found is None or ranked is None or found.group(1).lower() not in _OF_SIZE:
        return None  # "the longest trip" is "the longest single spaceflight": words vary
    noun = ranked.group(1).lower()
    if noun in _OPEN_RANKED or noun in STOPWORDS or noun.endswith("ly") or noun == "ever":
        return None
    return _SUPERLATIVES[found.group(1).lower()], noun


def years_set_in(analysis: QuestionAnalysis) -> frozenset[int]:
    """The years the question is set in: "Who was aboard when it turned 20 in November
    2020?" is not answered by a sentence about 2009."""
    text = analysis.original
    return frozenset(int(m.group()) for m in _YEAR_IN_QUESTION.finditer(text)
                     if not _SPAN_BOUND.search(text[:m.start()])
                     and not re.match(r"\s*[-–/]\s*\d", text[m.end():]))


# What a sentence says when it states a measure: the corpus writes units as symbols and
# abbreviations ("75 kW", "127 kg (280 lb)", "50%"), which tokenize to these terms ("%" and
# "°" are matched in the sentence's text).
_LENGTH = "km m cm mm metre meter kilometre kilometer mile feet foot ft inch"
_TEMPERATURE = "temperature ° c f celsius fahrenheit hot cold warm heat"
_PEOPLE = ("people person astronaut cosmonaut crew crewmember member visitor tourist traveller "
           "traveler resident men women spaceflyer flyer applicant")
# "how thick/hot/loud ...": the words that state that dimension.
_DIMENSIONS: dict[str, str] = {
    "thick": "thick thickness mm cm millimetre centimetre inch",
    "tall": "tall height high " + _LENGTH,
    # Heights in the sky and turns are angles ("40 degrees above the horizon").
    "high": "high height altitude degree ° " + _LENGTH,
    "wide": "wide width span " + _LENGTH,
    "deep": "deep depth " + _LENGTH,
    "far": "far distance away degree ° " + _LENGTH,
    "hot": _TEMPERATURE, "cold": _TEMPERATURE, "warm": _TEMPERATURE,
    "loud": "loud noise noisy decibel db dba quiet",
    "heavy": "heavy weight weigh mass kg kilogram lb pound tonne ton",
    # Vehicles' speeds, turning wheels' and data links' ("300 Mbps").
    "fast": "fast speed velocity km mph mile h kilometre rpm revolution rotation mbps kbps "
            "megabit kilobit bit rate",
    # "How slowly does a capsule creep in to dock?" asks a speed too.
    **dict.fromkeys(("slow", "slowly"), "slow speed velocity km mph mile h kilometre rpm "
                                        "metre m cm second rate"),
    # A person's age ("how old was Charles Simonyi?"); a thing's age asks for a date.
    "old": "old age aged birthday born young younger older",
    # A duration or a length: "how long is a day on the station" is not a count of days.
    "long": "long length day hour minute second week month year decade h min " + _LENGTH,
    # A frequency: "every 90 minutes", "twice a year", "daily".
    "often": "often every once twice times daily weekly monthly yearly annually regularly "
             "frequency frequent routine day week month year hour minute",
}
# "how many/much <noun>": a noun and the words that count the same thing; a unit and its
# symbols; a dimension and the words and units that state it ("how much altitude": "2 km").
_COUNTED: dict[str, str] = {
    **dict.fromkeys(("people", "person", "astronaut", "cosmonaut", "crewmember"), _PEOPLE),
    **dict.fromkeys(("kid", "child", "children", "student", "pupil"),
                    "kid child children student pupil young people participant school"),
    **{noun: _DIMENSIONS[adjective] for noun, adjective in (
        ("altitude", "high"), ("height", "tall"), ("distance", "far"), ("speed", "fast"),
        ("velocity", "fast"), ("mass", "heavy"), ("thickness", "thick"), ("depth", "deep"),
        ("width", "wide"), ("temperature", "hot"), ("noise", "loud"))},
    "lap": "lap orbit revolution circuit time", "orbit": "orbit lap revolution circuit time",
    "kilowatt": "kilowatt kw watt", "watt": "watt w kw kilowatt",
    "metre": "metre meter m km cm", "meter": "metre meter m km cm",
    "kilo": "kilo kilogram kg", "kilogram": "kilo kilogram kg", "pound": "pound lb kg",
    "ton": "ton tonne t kg", "tonne": "ton tonne t kg", "mile": "mile km",
    "kilometre": "kilometre kilometer km mile", "kilometer": "kilometre kilometer km mile",
    "hour": "hour h hr", "minute": "minute min", "foot": "foot feet ft m",
    "feet": "foot feet ft m", "inch": "inch cm", "litre": "litre liter l gallon",
    "liter": "litre liter l gallon", "gallon": "gallon litre liter l",
    "degree": "degree ° c f celsius fahrenheit", "g": "g gravity",
    "fuel": "fuel propellant", "propellant": "fuel propellant", "spacewalk": "spacewalk eva",
    # "How many countries signed it?": "15 governments", "Fifteen nations".
    **dict.fromkeys(("country", "nation"), "country nation government state"),
    "weight": _DIMENSIONS["heavy"], "heat": "heat kw kilowatt watt w",
    "cargo": "cargo supplies kg tonne ton lb pound", "room": "room volume space m cubic",
    # "How many trips did the shuttles make?": "37 Space Shuttle flights".
    "trip": "trip flight mission visit",
    # "How many debris-dodging burns?": "37 debris avoidance maneuvers".
    **dict.fromkeys(("burn", "maneuver", "manoeuvre", "dodge"), "burn maneuver manoeuvre dodge"),
}
# What counts anything, or is often answered by a date or a plain number: no check.
_ANY_COUNT = frozenset(tokenize(
    "times time things thing ways way kinds kind types sort day days week weeks month months "
    "year years decade decades second seconds hundred hundreds thousand thousands million "
    "millions billion billions dollars money total number lot lots more",
    drop_stopwords=False))
_UNITS_OF_COUNT = _ANY_COUNT | frozenset(tokenize("hour minute", drop_stopwords=False))
# "What colour light comes on in an emergency?": "a red light comes on".
_COLOURS = ("colour color white black grey gray silver gold golden red orange yellow green blue "
            "purple pink brown painted paint")
# Properties whose value a sentence rarely states without naming the property (or one of
# these values): "What brand of coffee?" is not answered by how coffee is drunk.
_PROPERTIES: dict[str, str] = {
    "brand": "brand", **dict.fromkeys(("colour", "color"), _COLOURS),
    **dict.fromkeys(("probability", "chance", "odds", "likelihood"),
                    "probability chance odds likelihood percent % risk"),
    **dict.fromkeys(("percentage", "percent"), "percentage percent % proportion share half"),
    "password": "password", "currency": "currency dollar euro rouble ruble yen",
    **dict.fromkeys(("flavour", "flavor"), "flavour flavor taste"),
    # An operating system is named ("Linux"); "operating" alone is the station operating until
    # 2030, "windows" the Cupola's, "software" the flight software.
    "language": "language english russian", "software": "software",
    "operating": "linux", "game": "game", "song": "song music",
    # "What call sign do you use on ham radio?": "the call sign NA1SS".
    **dict.fromkeys(("sign", "callsign"), "sign callsign"),
    "music": "music song band", "movie": "movie film", "film": "movie film", "book": "book",
    "temperature": _TEMPERATURE, "humidity": "humidity percent %",
    "dose": "dose sievert msv millisievert gray gy", "pressure": "pressure kpa psi bar atmosphere",
    "voltage": "voltage volt v",
    # A dimension named as a noun: "what is the mass of Destiny?", "cupola window diameter".
    **dict.fromkeys(("mass", "weight"), _DIMENSIONS["heavy"]),
    "diameter": "diameter wide width across " + _LENGTH, "width": _DIMENSIONS["wide"],
    "thickness": _DIMENSIONS["thick"], "depth": _DIMENSIONS["deep"],
}
_DIMENSION_NOUNS = frozenset(("mass", "weight", "diameter", "width", "thickness", "depth"))
# Things a question asks about that a sentence must name to answer it, whatever else the
# question asks: pay ("what is the yearly salary of a NASA astronaut?", "do astronauts get paid
# extra?"), whether a thing costs nothing ("is the app free to download?"), a death ("has
# anyone ever died on the ISS?"). Pages about the station's costs or its incidents say nothing
# of them.
_ASKED_TOPICS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:salary|salaries|wages?|paycheck|paid extra|earnings?|income)\b"
                r"|\bhow much (?:money )?(?:do|does|did) (?:an? |the )?(?:astronauts?|cosmonauts?|"
                r"you|they|crew members?|nasa astronauts?)(?: guys)? "
                r"(?:actually |really |usually )?(?:make|earn|get pa(?:id|yed))\b"
                # "How much does NASA pay you to be an astronaut?", not what it paid SpaceX.
                r"|\b(?:do|does|did|will)\s+(?:nasa|esa|roscosmos|they|the government)\s+"
                r"pay\s+(?:you|them|him|her|astronauts?|cosmonauts?|the crew)\b"
                # "do they get paid well?"
                r"|\b(?:get|gets|getting|are|is)\s+paid\s+(?:well|much|a lot|enough|more)\b", re.I),
     "salary wage earn earning income paycheck"),
    (re.compile(r"\b(?:is|are)\s+(?:it|they|the\s+[\w'’-]+(?:\s+[\w'’-]+){0,3})\s+"
                r"(?:really\s+|totally\s+|completely\s+)?free\s*(?:[?.!]|$)"
                r"|\bfree\s+to\s+(?:download|use|join|get|install)\b|\bfor\s+free\b"
                r"|\bfree\s+of\s+charge\b|\bcost\s+(?:anything|money)\b", re.I),
     "free charge cost costs price priced"),
    # "a dead satellite" is debris, not a death.
    (re.compile(r"\b(?:died|die|dies|dying|death|deaths|killed|fatal|fatalities|passed away)\b"
                r"|\b(?:is|are|was|were|be|been)\s+dead\b|\bdead\s+(?:body|bodies|astronauts?|"
                r"cosmonauts?|people|person|crew)\b", re.I),
     "died die death dead killed fatal fatality"),
    # Alcohol and animals aboard: "can you have a beer up there?", "are there mice on the ISS?"
    (re.compile(r"\b(?:alcohol|alcoholic|beers?|wine|vodka|champagne|booze|cognac|whiskey)\b",
                re.I),
     "alcohol alcoholic beer wine vodka champagne cognac"),
    # Fear felt, with nothing feared named ("were you scared during the launch?"): only a
    # sentence about fear answers; "scared of space junk" asks about the junk.
    (re.compile(r"\b(?:get|gets|got|getting|feel|feels|felt|be|been|are|were|was|is|am|you|"
                r"they|astronauts?)\s+(?:ever\s+|really\s+|so\s+|very\s+|a\s+bit\s+)?"
                r"(?:scared|afraid|frightened|nervous|terrified)\b"
                r"(?!\s+(?:of|that|about|by|for)\b)", re.I),
     "scared afraid fear fears frightened frightening nervous terrified"),
    # What something feels like ("what did it feel like the first time you went outside?"):
    # only a sentence about a feeling answers, not the first spacewalk of someone else.
    (re.compile(r"\b(?:what|how)\s+(?:does|did|do|is|was|would|will)\s+(?:it|that|\w+ing)"
                r"(?:\s+[\w'’-]+){0,3}?\s+feel(?:\s+like)?\b", re.I),
     "feel feels felt feeling"),
    # An age limit for applicants ("am I too old at 50 to apply?"): the requirements the
    # pages list name none, and Don Pettit's age is no limit.
    (re.compile(r"\b(?:age\s+limits?|maximum\s+age|minimum\s+age|(?:am\s+i|are\s+you|is\s+"
                r"(?:someone|a\s+person))\s+too\s+(?:old|young)|too\s+(?:old|young)\s+(?:to|for)\s+"
                r"(?:apply|become|be\s+an?\s+astronaut|fly|go\s+to\s+space)|"
                r"(?:oldest|youngest)\s+(?:you|someone|a person|one)\s+can\s+be|how\s+old\s+"
                r"(?:do|does|must|should)\s+(?:you|i|someone|a person|one|astronauts?|"
                r"cosmonauts?|people)\s+(?:have\s+to\s+|need\s+to\s+)?be)\b", re.I),
     # Words a sentence giving such a limit would use; the radiation limit that varies
     # "with age" and the oldest active astronaut use none of them.
     "maximum minimum upper cutoff"),
    # Crying ("do astronauts cry in space, where do the tears go?": a toilet's failure and its
    # water had led); tears wiped from an eye on a named spacewalk are a fact the pages state.
    (re.compile(r"\b(?:cry|cries|cried|crying)\b|\b(?:do|the)\s+tears\s+(?:go|fall|float|"
                r"stay)\b", re.I), "cry cries cried crying tears"),
    # A live feed to watch ("can I get a real-time feed of what the astronauts are doing?"):
    # no page offers one (the flight director leading real-time operations had led).
    (re.compile(r"\b(?:live|real[- ]time)\s+(?:video\s+)?(?:feeds?|streams?|webcams?|cams?|"
                r"cameras?|broadcasts?)\b|\blive\s*streams?\b|\bwebcams?\b", re.I),
     # Not "stream" in any form (the words are stemmed): "a steady stream of visiting
     # spacecraft" is none.
     "livestream livestreams webcam webcams feed feeds camera cameras"),
    # Money matters the pages never touch: shares in a company ("should i buy spacex stock now
    # they got the deorbit contract?" had found the contract), taxes.
    (re.compile(r"\b(?:stocks?|shares\s+in|invest(?:ing|ment)?\s+in|share\s+price|tax(?:es)?)\b",
                re.I), "stock stocks shares investor investors tax taxes"),
    # A person's address ("whats the email of the astronaut on board?": how e-mail reaches the
    # station had led).
    (re.compile(r"\b(?:e-?mail\s+address|(?:the|his|her|their|your)\s+e-?mail\b(?!\s+"
                r"(?:work|system|link|sync))|e-?mail\s+of\b|phone\s+number|contact\s+details|"
                r"home\s+address|mailing\s+address)", re.I), "address addresses"),
    # When people came home: a sentence about their return, not their launch ("when did
    # Bob Behnken and Doug Hurley get back?" had led with Demo-2's launch date).
    (re.compile(r"^\s*when\b.*\b(?:(?:get|got|come|came|go|went|fly|flew)\s+(?:back|home)"
                r"(?:\s+(?:to\s+)?(?:earth|home))?|return(?:ed)?(?:\s+(?:to\s+)?(?:earth|home))?)"
                r"\s*[?.!]*\s*$", re.I),
     "return returned returning returns land landed landing lands splashdown splashed "
     "ended end ends home back"),
    # Eyesight aids and the laptops' operating system, which no page covers ("can astronauts
    # wear contact lenses?" had found calling home by its "contact"; "iss laptops operating
    # system linux or windows" the station's 52 computers).
    (re.compile(r"\bcontact\s+lens(?:es)?\b|\b(?:eye)?glasses\b|\bspectacles\b", re.I),
     "lens lenses glasses eyeglasses spectacles"),
    (re.compile(r"\boperating\s+systems?\b|\blinux\b|\bwindows\s+(?:os|10|11|xp|7)\b|"
                r"\blinux\s+or\s+windows\b", re.I), "linux debian ubuntu windows10"),
    # Menstruation, which no page covers (the first woman to command the station had led).
    (re.compile(r"\bmenstrua\w*|\btampons?\b|\b(?:their|her|a|your|my)\s+periods?\b|"
                r"\b(?:women|wom[ae]n\s+astronauts?|female\s+astronauts?|girls)\b.*\bperiods?\b",
                re.I),
     "menstruation menstrual menstruate tampon tampons"),
    # The body's small doings, which no page covers ("do astronauts snore?" had been answered
    # with where they sleep, "how do you cut your nails?" with haircuts, burping with washing).
    (re.compile(r"\bsnor(?:e|es|ed|ing)\b", re.I), "snore snores snoring"),
    (re.compile(r"\b(?:burp|fart)\w*", re.I), "burp burps burping fart farts farting"),
    (re.compile(r"\b(?:finger|toe)?nails?\b", re.I),
     "nail nails fingernail fingernails toenail toenails"),
    (re.compile(r"\b(?:hiccups?|sneez\w*)", re.I), "hiccup hiccups sneeze sneezes sneezing"),
    # Crewmates arguing, which no page covers ("do you guys ever argue with each other up
    # there?" had been answered with astronauts disagreeing about how sleep feels).
    (re.compile(r"\b(?:argu(?:e|es|ed|ing)|arguments?|quarrel\w*|squabbl\w*)\b"
                r"|\bget\s+along\b", re.I),
     "argue argues argued arguing argument arguments quarrel quarrels squabble"),
    # Homesickness: "sick" is space sickness's word ("Many do" had led).
    (re.compile(r"\bhome\s*sick(?:ness)?\b", re.I), "homesick homesickness"),
    (re.compile(r"\b(?:animals?|mice|mouse|rats?|rodents?|pets?|dogs?|cats?|spiders?|frogs?|"
                r"worms?|insects?|ants|fish)\b(?!\s+(?:tank|eye))", re.I),
     "animal mice mouse rat rodent pet dog cat spider frog worm insect ant fish"),
]
# The visitor's own fear, or a child's, told before the question ("my son is scared space junk
# will hit the station. is anything protecting it?"): the question asks about the junk.
_VISITORS_FEELING = re.compile(
    r"\b(?:(?:my|our)\s+(?:[\w'’-]+\s+){0,2}?(?:is|was|are|were|gets?|got|feels?|felt)|i['’]m|i\s+"
    r"(?:am|was|get|got|feel|felt))\s+(?:really\s+|so\s+|very\s+|a\s+bit\s+|a\s+little\s+)?"
    r"(?:scared|afraid|frightened|nervous|terrified|worried)\b", re.I)
# "What kind of metal is the truss made of?": a material answers ("aluminium"). "What is the
# spacesuit made of?" alone may be answered by its parts.
_MATERIAL_ASKED = re.compile(r"\b(?:what|which)\s+(?:kinds?\s+of\s+|types?\s+of\s+|sorts?\s+of\s+)?"
                             r"(?:metals?|materials?|fabrics?|alloys?)\b", re.I)
_MATERIALS = "alloy aluminium aluminum steel titanium kevlar nextel " \
             "composite fibre fiber fabric glass silica rubber silicone foil plastic"
# A liking asked for ("which arm do you enjoy flying most?", "favourite food"): only a
# sentence that reports one answers, not a description of the arms.
_PREFERENCE_ASKED = re.compile(r"\bfavou?rites?\b|\b(?:enjoy|enjoyed|love|loved|prefer|"
                               r"preferred)\b(?=.*\b(?:most|best)\b)", re.I)
_PREFERENCES = "favourite favorite enjoy enjoyed love loved prefer preferred popular"
# What "who" asks someone did: "who built Bishop?" is not answered by "The full name of the
# Bishop airlock is the Nanoracks Bishop airlock", which names a company and builds nothing.
_BUILT = "build built builder make made maker manufacture manufactured manufacturer " \
         "construct constructed contractor develop developed developer design designed " \
         "designer"
_COMMANDED = "command commanded commander commanding lead led leader leading"
# A company runs a ship by flying it: "Cygnus ... flown by Northrop Grumman".
_RAN = "run ran operate operated operator manage managed flown flies"
# "which companies got money from nasa to build them?": whom NASA funded, not who built.
_FUNDED = "money funding funded funds grant grants received award awarded agreement " \
          "agreements contract contracts million billion"
# "who installed it?" after Canadarm2: whoever fitted it (Chris Hadfield), not who built it.
_INSTALLED = "install installed installing installation attach attached"
_RELATIONS: dict[str, str] = {
    **dict.fromkeys(("money", "funding", "funded", "funds", "grant", "grants"), _FUNDED),
    **dict.fromkeys(("install", "installed", "installs", "installing"), _INSTALLED),
    **dict.fromkeys(tokenize(_BUILT, drop_stopwords=False), _BUILT),
    **dict.fromkeys(tokenize(_COMMANDED, drop_stopwords=False), _COMMANDED),
    **dict.fromkeys(tokenize(_RAN, drop_stopwords=False), _RAN),
    **dict.fromkeys(("own", "owned", "owner"), "own owned owner ownership belong"),
}
# The words asking who made or owns a thing, which an organisation's possessive answers
# ("SpaceX's Dragon").
MADE_OR_OWNED = frozenset(tokenize(_BUILT + " own owned owner ownership", drop_stopwords=False))
# Where the noun a "how many" counts ends: a verb, an auxiliary, a preposition.
_NOUN_PHRASE_END = frozenset((
    "is are was were be been do does did can could will would has have had should shall may "
    "might must of in on at for to from by with into about that which who the a an there it "
    "they you we i he she this these those up down out off live lives living work works run "
    "runs use uses go goes fly flies make makes keep keeps get gets take takes come comes stay "
    "stays spend spends sleep eat see visit visits launch launches carry carries bring brings "
    "need needs hold holds fit fits die died around across over under per inside outside above "
    "below aboard onboard through after before during went came got took made ran flew saw "
    "left spent brought kept held began gave sat bought broke "
    # "how many astronauts ride up in a Crew Dragon" counts astronauts.
    "ride rides rode squeeze squeezes squeezed sit sits cram crams travel travels "
    # Adverbs end it too: "how many people usually live ..." counts people.
    "usually normally typically generally currently actually really still already ever now "
    "today nowadays exactly precisely roughly approximately altogether then again").split())
# "how far into the spacewalk" asks for a time, not a distance.
_HOW_DIMENSION = re.compile(r"\bhow\s+(" + "|".join(_DIMENSIONS) + r")\b(?!\s+into\b)", re.I)
_HOW_MANY = re.compile(r"\bhow\s+(many|much)\s+([^?,;]*)", re.I)
_WHAT_PROPERTY = re.compile(r"^(?:what|which)(?:['’]s|\s+(?:is|was|are|were))?\s+(?:the\s+)?"
                            r"((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I)


# "How much does a Soyuz weigh?" asks for a mass as "how heavy" does.
# "what does one of the russian suits weigh?" too.
_HOW_MUCH_WEIGH = re.compile(
    r"^(?:how much|what\s+(?:does|do|did|would|will))\b.*\bweigh(?:s|ed)?\b", re.I)


def asked_for(text: str, answer_type: str) -> tuple[str, ...]:
    """What a question asks for beyond its answer type, as alternative terms an answer must
    hold: "how many spacewalks ..." -> ("spacewalk",), "how thick ..." -> ("thick",
    "thickness", "mm", ...), "What brand of coffee ..." -> ("brand",). Empty when the
    question names nothing that specific (most questions)."""
    stripped = text.strip()
    # The thread's carried words ("is the app free? (Spot the Station)") ask for nothing.
    own = _VISITORS_FEELING.sub(" ", own_words(stripped)).strip()
    for asked, words in _ASKED_TOPICS:
        if asked.search(own):
            return tuple(words.split())
    if answer_type == "quantity" and (dimension := _HOW_DIMENSION.search(stripped)):
        return tuple(_DIMENSIONS[dimension.group(1).lower()].split())
    if answer_type == "quantity" and _HOW_MUCH_WEIGH.search(stripped):
        return tuple(_DIMENSIONS["heavy"].split())
    # What is counted is in the visitor's words: "how many exactly? (astronaut days)" names
    # nothing counted.
    counted = _HOW_MANY.search(own_words(stripped))
    if counted and answer_type == "quantity":
        noun = []
        for word in counted.group(2).split():
            if word.lower() in _NOUN_PHRASE_END or word.lower().endswith("ed"):
                break
            noun.append(word)
            if set(tokenize(word)) & _UNITS_OF_COUNT:
                break  # "how many hours pass before ...": a unit ends it, a verb follows
        terms = tokenize(" ".join(noun[:3]))
        if not terms or terms[-1] in _ANY_COUNT or terms[-1][:1].isdigit():
            return ()
        head = terms[-1]
        if len(head) == 1 and head not in _COUNTED:
            return ()  # a letter ("how many ppl r ..."): no noun to check
        if counted.group(1).lower() == "much" and head not in _COUNTED:
            # "how much longer", "how much more": what follows "much" is often no noun.
            return ()
        return tuple(_COUNTED.get(head, head).split())
    if answer_type in ("person", "organisation"):
        # The relation is among the question's first words ("who was the commander of ...",
        # "which company manufactured ..."), not a later clause's.
        # The thread's carried words name no relation; "who made up the crew" asks who was
        # in it, not who built it.
        own = _MADE_UP.sub(" ", own_words(stripped))
        words = tokenize(own, drop_stopwords=False)[:9]
        if relation := next((w for w in words if w in _RELATIONS), None):
            return tuple(_RELATIONS[relation].split())
    if _MATERIAL_ASKED.search(stripped):
        return tuple(_MATERIALS.split())
    if _PREFERENCE_ASKED.search(stripped):
        return tuple(_PREFERENCES.split())
    named = _WHAT_PROPERTY.match(stripped)
    if named:
        # The property is the last lexicon word before "of" or the verb: "what relative
        # humidity percentage" asks for a percentage.
        words = tokenize(named.group(1).split(" of ")[0], drop_stopwords=False)
        found = [w for w in words if w in _PROPERTIES]
        if found:
            return tuple(_PROPERTIES[found[-1]].split())
    if answer_type in ("other", "quantity") and not _QUESTION_START.match(stripped):
        # Keywords name a dimension anywhere: "destiny laboratory module mass kg".
        found = [w for w in tokenize(stripped, drop_stopwords=False) if w in _DIMENSION_NOUNS]
        if found:
            return tuple(_PROPERTIES[found[0]].split())
    return ()


# "is going to be retired": the future, no going.
_GOING_TO = re.compile(r"\bgoing(?=\s+to\s+(?!the\b|a\b|an\b|space\b|orbit\b|mars\b|moon\b|iss\b)"
                       r")|\bgonna\b", re.I)


def _focus(text: str) -> tuple[str, ...]:
    """The content terms of a question: its terms less the words that only ask for a kind of
    answer, which stay when part of a compound ("the year-long mission", "long-duration") or
    a rate ("how much height does it lose every month?": "about 2 km per month"), and less the
    "going" of the future tense and the "next" of "when is the next ...?"."""
    text = _NEXT_ONE.sub(" ", _GOING_TO.sub(" ", text))
    compound = {t for word in _COMPOUND.findall(text) for t in tokenize(word)} | \
        {t for period in _RATE.findall(text) for t in tokenize(period)}
    return tuple(dict.fromkeys(t for t in tokenize(text)
                               if t not in _TYPE_WORDS or t in compound))


def _default_referent(match: re.Match[str]) -> str:
    word = match.group().lower()
    if word == "there":
        return "on the space station"
    if word == "they" and re.match(r"\s+(?:\w+\s+)?(?:do|did|does|go|went|have|get|eat|sleep|"
                                   r"use|wear|make|train|work|live)\b",
                                   match.string[match.end():], re.I):
        # "how often do they do spacewalks?": those who do things aboard are the crew.
        return "astronauts"
    if word in ("they", "them"):
        # "how did they build it?", "who were they?", "are any of them women?": whoever did it
        # or is there, not the station ("it" is).
        return ""
    return "the space station's" if word in ("its", "their") else "the space station"


# A name the question is addressed to ("Peggy, how old were you ...?"), and words that open a
# question the same way without naming anyone.
_ADDRESSED = re.compile(r"^\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),\s+(?=\S)")
_NOT_ADDRESSEES = frozenset(
    "commander captain doctor sir madam friends team houston nasa station hey hi hello so ok "
    "okay well yes no please also and but guys everyone astronauts cosmonauts crew".split())


def _addressee(text: str) -> re.Match[str] | None:
    """The opening "Name, " of a question addressed to someone, if it has one."""
    found = _ADDRESSED.match(text)
    return found if found and found.group(1).lower() not in _NOT_ADDRESSEES and \
        _SECOND_PERSON.search(text, found.end()) else None


def _resolve_addressed(text: str, name: str) -> str:
    """you/your -> the person the question is addressed to ("how old were you" -> "how old
    was Peggy")."""
    rules = [
        (r"\byours\b|\byour\b", f"{name}'s"), (r"\byourself\b", name),
        (r"\bare you\b", f"is {name}"), (r"\bwere you\b", f"was {name}"),
        (r"\byou are\b", f"{name} is"), (r"\byou were\b", f"{name} was"),
        (r"\bhave you\b", f"has {name}"), (r"\bdo you\b", f"does {name}"),
        (r"\byou\b", name),
    ]
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text, flags=re.I)
    return text


# "How do you become an astronaut?": anyone, not the crew nor the station.
_ANYONE_YOU = re.compile(r"\b(do|does|can|could|would|will|should)\s+(?:you|i)\s+(?=(?:become|"
                         r"get\s+to\s+be|train\s+to\s+be|apply|qualify|sign\s+up)\b)", re.I)


def _resolve_second_person(text: str) -> str:
    """you/your -> the station (vehicle questions) or astronauts (everything else); the you
    of "how do you become an astronaut?" is a person."""
    text = _ANYONE_YOU.sub(lambda m: ("does" if m.group(1).lower() == "do" else m.group(1))
                           + " a person ", text)
    text = _YOUR_STATION_PARTS.sub("the station's ", text)
    about_station = bool(_STATION_CONTEXT.search(text)) and not _CREW_CONTEXT.search(text)
    subject = "the station" if about_station else "astronauts"
    possessive = "the station's" if about_station else "astronauts'"
    rules = [
        (r"\byou guys\b", subject), (r"\byourselves\b|\byourself\b", "themselves"),
        (r"\byours\b", possessive), (r"\byour\b", possessive),
        # Verb agreement after the subject changes: "are you" -> "is the station".
        (r"\b(are|were)\s+you\b",
         lambda m: ("is" if m.group(1).lower() == "are" else "was") + f" {subject}"
         if about_station else f"{m.group(1)} {subject}"),
        (r"\byou\s+(are|were)\b",
         lambda m: f"{subject} " + ("is" if m.group(1).lower() == "are" else "was")
         if about_station else f"{subject} {m.group(1)}"),
        (r"\b(do)\s+you\b", lambda m: ("does" if about_station else m.group(1)) + f" {subject}"),
        (r"\b(have)\s+you\b", lambda m: ("has" if about_station else m.group(1)) + f" {subject}"),
        (r"\byou\b", subject),
    ]
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text, flags=re.I)
    return text


def _answer_type(text: str) -> AnswerType:
    stripped = text.strip().lstrip("¿\"'“(").strip()
    main = _MAIN_CLAUSE.search(stripped) or (
        _UNMARKED_MAIN.search(stripped) if _CLAUSE_OPENER.match(stripped) else None)
    if main and _CLAUSE_OPENER.match(stripped):
        # "If I wore a spacesuit on Earth, how heavy would it be?" asks what the main clause asks.
        return _leading_type(stripped[main.end():]) or _inner_type(stripped)
    found = _leading_type(stripped)
    if found is None and main:
        # "Scott, on what dates ...?", "zarya module - what is it used for": after the lead-in.
        found = _leading_type(stripped[main.end():])
    return found or _inner_type(stripped)


def _leading_type(text: str) -> AnswerType | None:
    """The type the question's opening words ask for, if they name one."""
    for pattern, answer_type in _TYPE_RULES:
        if pattern.search(text):
            return answer_type
    return None


def _inner_type(text: str) -> AnswerType:
    """The type asked for inside a question that opens otherwise, or in a keyword query."""
    if _INNER_QUANTITY.search(text):
        return "quantity"
    if _INNER_WHEN.search(text) and not _WHEN_CLAUSE.match(text):
        return "date"
    if not _QUESTION_START.match(text):
        # Keywords only: "crew-11 mission length days", "launch date for node 3".
        for pattern, answer_type in _KEYWORD_TYPES:
            if pattern.search(text):
                return answer_type
    return "other"


def _split_parts(text: str) -> list[str]:
    """Cut a message into questions where a second wh-word or auxiliary starts a clause."""
    pieces, start = [], 0
    for match in _SPLIT.finditer(text):
        piece = text[start:match.start()].strip(" ,;")
        if _CLAUSE_OPENER.match(_OPENERS.sub("", piece)) and not piece.endswith("?"):
            # "If I put on a spacesuit on Earth, how heavy is it?" sets the scene for one question
            # ("so if mission control says something, how fast ...?" too).
            continue
        if len(tokenize(piece)) >= 1 and len(piece.split()) >= 3:
            pieces.append(piece)
            start = match.end()
    rest = text[start:].strip(" ,;")
    if pieces and len(rest.split()) >= 2:
        pieces.append(rest)
    elif pieces:
        pieces[-1] = f"{pieces[-1]} {rest}".strip()
    if len(pieces) < 2:
        return [text]
    return [p if p.endswith("?") else f"{p}?" for p in pieces]


def _share_subject(parts: list[QuestionAnalysis], resolved: set[int] = frozenset()
                   ) -> list[QuestionAnalysis]:
    """A part that only says "it"/"they"/"there" borrows the focus of the part before it
    (unless its pronoun was already replaced by what it names: the indexes in ``resolved``)."""
    out = [parts[0]]
    for n, part in enumerate(parts[1:], start=1):
        own = [t for t in part.focus if t not in _TYPE_WORDS]
        # "..., and where is it going to crash down at the end?" already carries the station
        # (its end is the station's): the earlier part's "retired" would only get in the way.
        named = bool(set(tokenize(part.carried)) & set(out[-1].focus))
        if n not in resolved and not named and \
                (_PRONOUN_ONLY.search(part.rewritten) or len(own) <= 1):
            hidden = set(tokenize(out[-1].carried))  # "launched" for "how old": its own
            borrowed = [t for t in out[-1].focus if t not in part.focus and t not in hidden]
            if borrowed:
                rewritten = f"{part.rewritten.rstrip('?')} ({' '.join(borrowed)})?"
                if _asks_its_end(rewritten, own=part.rewritten):
                    # "... and what happens to it after that?" after its retirement: the end,
                    # how it happens rather than when.
                    end = ["deorbit", "controlled", "reentry"] if \
                        _WHAT_HAPPENS.search(part.rewritten) else ["deorbit"]
                    rewritten, borrowed = f"{rewritten.rstrip('?')} ({' '.join(end)})?", \
                        [*borrowed, *end]
                part = replace(part, rewritten=rewritten, focus=(*part.focus, *borrowed),
                               lent=" ".join(borrowed))
        out.append(part)
    return out
