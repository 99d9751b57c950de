"""Extractive answers: quote the sentences that answer the question asked, verbatim.

No language model is involved, so an answer can never say what the corpus does not: every
sentence is a span of a cited document. The steps, for one (part of a) question:

1. **FAQ phrasings.** The question is compared with every FAQ's question and ``also_asked``
   phrasings (one vector each, computed at build time). Above ``faq_match`` the FAQ answers.
2. **Candidates.** The sentences of the top ``passages`` passages, and the other sentences of
   their documents (a fact often sits one paragraph away from the passage that matched), scored
   on semantic similarity, coverage of the question's focus terms (by stem; a term the title or
   heading above the sentence supplies counts in part; a number in the question counts more),
   the passage's rank, whether the sentence holds an answer of the expected type (a date for
   "when", a number for "how many": tags computed at build time, see ``issqa.tagging``), and a
   bonus for the sentences of the FAQ whose phrasings come close to the question.
3. **Selection.** A follow-up's borrowed subject ("the first crew") must be what the first
   sentence (or the title or heading above it) mentions, when such a sentence scores close to
   the best; and the first sentence must carry the expected type of answer, the most fitting
   kind first (a person's name for "who", a company for "who built"); when no good candidate
   does, the answer is a clearly marked partial answer. Context sentences follow.
   It abstains instead when the pages cannot hold the fact at all: the question names a
   numbered thing ("Expedition 75") that no sentence, title or heading names, or no sentence
   scoring close to the best states what it asks for: a price, a plan ("when will ..."), the
   thing it counts or the property it asks ("how many spacewalks", "what brand"), or any of
   the proper names it uses ("the Hubble Space Telescope").
4. **Confidence.** Features of the evidence go through a logistic model fitted on the dev
   splits (``confidence.py``): the probability that the question is in scope decides abstention,
   the probability that the answer is right is the reported confidence.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from ..index import LoadedIndex
from ..retrieval import Query
from ..settings import Settings
from ..tagging import TAGS, person_names
from ..text import STOPWORDS, tokenize
from ..types import Answer, Citation, Hit, RelatedPage, Sentence
from .aliases import Aliases
from .citing import snippet_around
from .confidence import Calibration, Evidence
from .descriptions import Descriptions
from .phrases import COUNTRY_WORDS, EVER_ASKED, word_groups
from .question import (
    MADE_OR_OWNED,
    STATION_TERMS,
    QuestionAnalysis,
    analyse_question,
    asks_about_home,
    asks_latest,
    asks_live_news,
    asks_live_position,
    asks_price,
    asks_this_year,
    numbered_names,
    priced_thing,
    seen_from_station,
    superlative_asked,
    superlative_ranks,
    years_set_in,
)
from .spelling import Speller

__all__ = ["ABSTAIN_MESSAGE", "PARTIAL_PREFIX", "AnswerConfig", "ExtractiveAnswerer",
           "earliest_dated"]

ABSTAIN_MESSAGE = (
    "I could not find an answer to that in the station pages and FAQs. Try rephrasing the "
    "question, or browse the related pages below."
)
PARTIAL_PREFIX = "The pages do not say exactly; the closest they come is:"
_RECENT = re.compile(r"\bas of\b|\b(?:latest|most recent|newest)\b", re.I)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.M)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
# An amount of money: "$1.4 billion", "€360 million", "tens of billions of dollars".
_MONEY = re.compile(r"[$€£¥]\s?\d|\b(?:dollars?|euros?|roubles?|rubles?)\b", re.I)
_SYMBOLS = frozenset("%°")
# A sentence that answers its FAQ's yes/no question ("Yes, ...", "No, ...", "Many do: ...").
_REPLY = re.compile(r"^(?:yes|no|many do|some do|most do)\b[,.:;]", re.I)
# A bare yes or no before a sentence that stands on its own: "Yes, NASA launched ...".
_YES_OR_NO = re.compile(r"^(?:yes|no),\s+", re.I)
# What such a reply keeps of its score when its FAQ's phrasings are further than
# ``_REPLY_FLOOR`` from the question (chosen on dev: 0.6 changed nearly nothing, 0.8 lost an
# answer, 0.7 none).
_OTHER_REPLY_SHARE = 0.8
_REPLY_FLOOR = 0.7
# Which side of the hull a question or sentence is about.
_SIDE = re.compile(r"\b(?:inside|outside)\b", re.I)
# What a sentence about the other side of the hull keeps of its score.
_OTHER_SIDE_SHARE = 0.8
# A sentence about seeing the station from the ground ("easy to see with the naked eye", "Spot
# the Station"): no answer to what the crew can see from it.
_STATION_SEEN = re.compile(
    r"\b(?:visible (?:to|against|from)|stay visible|naked eye|skywatch\w*|spot the station|"
    r"sightings?|flyovers?|overhead|brightest|shines|passes|"
    r"(?:see|spot|seen|spotting) (?:the )?(?:international space )?(?:station|iss)|"
    r"be seen (?:from the ground|without|with)|easy to (?:see|spot)|"
    r"look (?:up|for (?:it|the station)))\b", re.I)
# A sentence about seeing at all, for what a question asks to be seen from the station.
_SIGHT = re.compile(r"\b(?:see|seen|sees|saw|views?|look|looking|looked|watch\w*|photograph\w*|"
                    r"observ\w*|spott\w*|windows?|cupola|visible)\b", re.I)
# A comparison of two things the question names ("heavier than Poisk", "more than Mir").
_COMPARES = re.compile(r"\b(?:\w{3,}er|more|less|fewer)\s+(?:\w+\s+)?than\b|\bcompared?\s+"
                       r"(?:to|with)\b|\bversus\b|\bvs\.?\s", re.I)
# A share of something: "12.8 percent", "76.6%".
_SHARE = re.compile(r"\d\s*(?:%|percent\b)", re.I)


# The station's partners, each by every word the pages use for it.
_PARTNERS = word_groups("""
    russia russian roscosmos
    japan japanese jaxa
    europe european esa
    canada canadian csa""")
# Everyday words and the pages' words for the same thing: a sentence about "debris avoidance
# maneuvers" states what "dodge space junk" asks.
_SAME_THING = word_groups("""
    junk debris
    dodge dodges dodged dodging avoid avoids avoided avoiding avoidance
    charge command commanded commanding commander
    spaceship spaceships spacecraft
    kid kids child children student students pupil pupils
    experiment experiments research
    astronaut astronauts cosmonaut cosmonauts
    overall total
    land lands landed landing splashdown splashed
    online internet""")
# Words for the station itself, which name no other thing a question asks about.
_THE_STATION = STATION_TERMS | {"astronaut", "crew"}
# "has no shower", "no laundry": a thing said not to exist.
_NO_THING = re.compile(r"\b(?:has|have|had|is|are|there is|there are)\s+no\s+([a-z]+)", re.I)
# A question about the station as a whole leans on the FAQ asked most like it this many times
# as much as other questions do ("How big is the station?" for "how big is the iss").
_STATION_FAQ_SHARE = 3.0
_ASKS_COUNT = re.compile(r"\bhow many\b|\bnumber of\b", re.I)
# A figure stated as it stood on a date ("As of November 2014, the total had reached 184").
_AS_OF = re.compile(r"\b(?:as of|by the end of|had reached|stood at|by (?:early |late |mid-?)?"
                    r"(?:(?:january|february|march|april|may|june|july|august|september|"
                    r"october|november|december)\s+)?\d{4})\b", re.I)
# What a sentence naming only years other than the one a question is set in keeps.
_OTHER_YEAR_SHARE = 0.85
# A question in the present tense, one that asks about the past, and a sentence about how
# things were at first; such a sentence keeps this share of its score for the present.
_ASKS_PRESENT = re.compile(r"^\s*(?:how\s+\w+|what|which|who|where)\s+(?:is|are|does|do|can)\b",
                           re.I)
_ASKS_PAST = re.compile(r"\b(?:first|originally|initially|early|earliest|begin|began|start|"
                        r"started|old|older|original|back then|used to|\d{4})\b", re.I)
_PAST_STATE = re.compile(r"\b(?:originally|initially|at first|first began|when (?:the )?station "
                         r"(?:first )?(?:began|started)|when station operations began|"
                         r"in its early years)\b", re.I)
_PAST_STATE_SHARE = 0.8
# Whether something has ever happened (EVER_ASKED: "has there ever been a fire on the
# station?", "has anything ever actually hit it?") is answered by an event, not by what would
# happen if it did ("If a fire breaks out, the crew ...", "a hit ... could throw fragments");
# but "was there ever a korean astronaut?" asks for someone, whom any sentence may name.
_SOMEONE_ASKED = re.compile(r"\b(?:was|were|has|have)\s+there\s+(?:ever\s+)?(?:been\s+)?"
                            r"(?:a|an|any)\s+(?:[\w'’-]+\s+){0,2}(?:astronauts?|cosmonauts?|"
                            r"person|people|wom[ae]n|m[ae]n|tourists?|commanders?|kids?|"
                            r"child(?:ren)?)\b", re.I)
_WHEN_PAST = re.compile(r"^\s*(?:when|what\s+year|what\s+date|which\s+year)\s+(?:was|were|did|"
                        r"had)\b", re.I)
# A yes/no question about how much of something ("almost all of its water", "most of the
# air"), which a share answers ("about 98 percent").
_HOW_MUCH_OF = re.compile(r"\b(?:almost|nearly|practically|virtually)\s+(?:all|every|none)\b|"
                          r"\b(?:most|half|all)\s+of\s+(?:the|its|their|it)\b|\b100\s*(?:%|percent)",
                          re.I)
# A trip up to the station ("how long does the trip to the iss take?") is not answered by the
# trip home ("Recent trips home ... 6 and 11 hours"), nor the other way round.
_TRIP_UP = re.compile(r"\b(?:to|reach|reaching|up\s+to)\s+(?:the\s+)?(?:iss|space\s+station|"
                      r"station)\b|\b(?:get|getting|go|going|fly|flying)\s+(?:up\s+)?there\b",
                      re.I)
_TRIP_HOME = re.compile(r"\b(?:home|back|return\w*|down|land\w*|splash\w*|re-?entry)\b", re.I)
_HOMEWARD = re.compile(r"\b(?:trips?\s+home|undock\w*|landing|landed|splash\w*|back\s+to\s+"
                       r"earth|return(?:ed|s)?\s+to\s+earth)\b", re.I)
_OTHER_WAY_SHARE = 0.6
# "What kind of experiments ...?" asks for kinds: a sentence that sorts or lists them.
_KINDS_ASKED = re.compile(r"\bwhat\s+(?:kinds?|sorts?|types?)\s+of\b", re.I)
_SORTS = re.compile(r"\b(?:kinds?|types?|sorts?|areas|categories|includ\w+|such as)\b"
                    r"|,[^,]+,[^,]+\band\b", re.I)
# The marks of a sentence about what would happen: a condition first, or a modal verb.
_HYPOTHETICAL = re.compile(r"^\s*(?:if|should|in (?:the event|case) of|unless|when (?:a|an|any)"
                           r")\b|\b(?:could|would|might)\s+\w", re.I)
_HYPOTHETICAL_SHARE = 0.75
# What a sentence stating no plan keeps for a question about what is still to come ("when is
# the next crew going up?" is not answered by Expedition 20, "the next crew" of 2009).
_NO_PLAN_SHARE = 0.8
# The share of the answer-type bonus a dated sentence gets for whether something happened.
_EVENT_DATE_SHARE = 0.5
# The share of its score kept by a sentence whose superlative ranks another noun than asked.
_OTHER_RANKED_SHARE = 0.8
# A record stated as it stood at some time: "then the longest", "up to that time".
_AS_IT_STOOD = re.compile(r"\b(?:then\s+the|(?:up\s+to|until|by)\s+(?:then|that\s+(?:time|"
                          r"point))|at\s+(?:that|the)\s+time)\b", re.I)
# A record held only among some people or only for a while: "then the longest spaceflight by
# a woman", "the longest by an American up to then". The qualifier's word, if any, is group 1.
_QUALIFIED_RECORD = re.compile(
    r"\b(?:by|for|among|of)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+)?(women|woman|female|americans?|"
    r"russians?|cosmonauts?|europeans?|japanese|canadians?|tourists?|rookies?|civilians?|"
    r"private\s+\w+|nasa\s+\w+|esa\s+\w+)\b|" + _AS_IT_STOOD.pattern, re.I)
# ... or named by whom it is held among: "the women's record", "the US total-time record".
_KIND_OF_RECORD = re.compile(
    r"\b(women|woman|female|americans?|us|u\.s\.|russians?|europeans?|japanese|canadians?)"
    r"(?:['’]s)?\s+(?:[\w-]+\s+)?records?\b", re.I)
_ASKS_A_RECORD = re.compile(r"\brecords?\b|\bthe\s+most\b", re.I)
# Words of a question that asks for a record as it stood at some time.
_ASKS_A_TIME = frozenset({"then", "time", "when", "until", "back", "ago", "before", "former",
                          "previous", "previously"})
_YEARISH = re.compile(r"(?:19|20)\d\d")
# Words every station record ranks, which say nothing of what is ranked.
_RANKED_ANYWHERE = frozenset({"station", "space", "iss", "international", "ever", "person",
                              "people"})
# The share of its score kept by such a sentence when the question asks for the record itself.
_QUALIFIED_RECORD_SHARE = 0.85
# A superlative and the words after it: "the biggest hatch", "the largest single module".
_SUPERLATIVE_WORD = re.compile(r"\b(?:\w+est|most\s+\w+)\b((?:\s+[\w'’-]+){1,3})", re.I)
# A yes or no this short says no more than the question asked; its next sentence is the
# detail a visitor wants.
_BARE_REPLY_WORDS = 10
# Where something comes from, and the words a sentence states a source in.
_SOURCE_ASKED = re.compile(r"^\s*where\s+(?:does|do|did|is|are|will)\b.*\b(?:come|comes|came)\s+"
                           r"from\b|^\s*where\s+(?:does|do|did)\b.*\bget\b"
                           # "how do astronauts get air to breathe?": where it comes from.
                           r"|^\s*how\s+(?:does|do|did)\b.*\bget\s+(?:(?:their|its|the)\s+)?"
                           r"(?:air|oxygen|water|food|power|electricity|energy)\b", re.I)
_SOURCE_STATED = re.compile(
    r"\b(?:made|makes|making|produced?|produces|producing|generated?|generates|generating|"
    r"comes?\s+from|came\s+from|splits?|splitting|recycled|recycles|recycling|brought|brings|"
    r"delivered|delivers|deliveries|supplied|supplies|supply|named\s+(?:for|after)|"
    r"gets?\s+(?:its|their)\s+\w+\s+from)\b", re.I)
# How many times something happened: a count of events.
_TIMES_ASKED = re.compile(r"\bhow many times\b", re.I)
# What measures rather than counts events: "for a few minutes", "57 m tall".
_MEASURE_WORDS = frozenset("""
    second seconds minute minutes hour hours day days week weeks month months year years
    km kilometres kilometers m metres meters mi miles ft feet inches cm mm kg kilograms lb
    pounds tonnes tons percent mph kph degrees tall long wide high deep thick heavy old
""".split())
_ONCE_OR_TWICE = re.compile(r"\b(?:once|twice)\b", re.I)


def _counts_events(text: str) -> bool:
    """Whether ``text`` states a count that is no measure: "25 debris avoidance maneuvers",
    "13 times", "twice", not "for a few minutes" or "57 m tall"."""
    counted = {w.lower() for m in _COUNTED.finditer(text) for w in _counted_words(m)}
    return bool(counted - _MEASURE_WORDS) or bool(_ONCE_OR_TWICE.search(text))


def _ranks_another(text: str, words: tuple[str, ...], noun: str) -> bool:
    """Whether every superlative of ``words`` in ``text`` ranks another noun than ``noun``
    ("the biggest hatch" for "biggest module"); False when none ranks a noun at all."""
    asked = stem(noun)
    verdicts = []
    for match in _SUPERLATIVE_WORD.finditer(text):
        if match.group().split()[0].lower() not in words and \
                " ".join(match.group().split()[:2]).lower() not in words:
            continue
        following = re.findall(r"[\w'’-]+", match.group(1).lower())
        if not following or following[0] in STOPWORDS:
            verdicts.append(False)  # "the largest by volume": no noun ranked
            continue
        verdicts.append(asked not in {stem(w) for w in following})
    return bool(verdicts) and all(verdicts)


def _words_of(text: str) -> frozenset[str]:
    """A question's words, lower case, stop words and numbers kept."""
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def _asked_words(analysis: QuestionAnalysis) -> frozenset[str]:
    """The words a question asks with, as typed and as spelt right ("for an amercian")."""
    return _words_of(analysis.original) | _words_of(analysis.interpreted_as)


def _qualified_record(text: str, asked: frozenset[str]) -> bool:
    """Whether ``text`` states a record held among some people or for a while that the
    question (its words ``asked``) does not ask about ("by a woman" when no woman is asked)."""
    for match in _QUALIFIED_RECORD.finditer(text):
        kind = match.group(1)
        if kind is None:
            # "... up to 2008", "back in 2007", "at the time": the question asks it so.
            return not asked & _ASKS_A_TIME and not any(_YEARISH.fullmatch(w) for w in asked)
        if not {stem(w) for w in kind.lower().split()} & {stem(w) for w in asked}:
            return True
    return any(not {stem(m.group(1).lower().replace(".", ""))} & {stem(w) for w in asked}
               for m in _KIND_OF_RECORD.finditer(text))


# A name's possessive ("SpaceX's Dragon", "Northrop Grumman's Cygnus"): in a sentence with an
# organisation, who makes or owns the thing.
_POSSESSIVE = re.compile(r"\b[A-Z][\w&-]*['’]s\s")
# How often, said without a number ("once a week", "every spring", "daily").
_FREQUENCY = re.compile(r"\b(?:every|once|twice|daily|weekly|monthly|yearly|annually|"
                        r"regularly)\b", re.I)
# A number and up to three words after it: what the number counts or measures ("235 days",
# "3,652-day run", "six months", "42 assembly flights").
_COUNTED = re.compile(
    # Not a number that names one of a series ("Orlan-MKS No. 7 spacesuit", "number 2 node").
    r"(?<!No\. )(?<!no\. )(?<!number )(?<!#)(?<![A-Za-z])"
    r"(?:\d(?:[\d,.]*\d)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    # "No" counts none: "the station has no shower" answers how many showers it has.
    r"dozens?|hundreds?|thousands?|millions?|billions?|half|few|no|zero))[\s-]+"
    # The counted noun may follow two describing words: "250 active research facilities",
    # "38 pressure-vessel cells".
    r"([a-z]+(?:-[a-z]+)*)(?:\s+([a-z]+(?:-[a-z]+)*))?(?:\s+([a-z]+(?:-[a-z]+)*))?", re.I)


# A number given after the group it counts: "a crew of four", "crews of three".
_GROUP_OF = re.compile(
    r"\b(crews?|teams?|groups?|parties)\s+of\s+(?:up\s+to\s+|about\s+|as\s+many\s+as\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)\b", re.I)


def _counted_words(match: re.Match[str]) -> list[str]:
    """The words a number counts, up to the first little word: "250 active research
    facilities", but "2 during a spacewalk" counts nothing."""
    words = []
    for word in (w for w in match.groups() if w):
        if word.lower() in _COUNT_QUALIFIERS:
            continue  # "23,000 such pieces", "two more spacewalks" count pieces, spacewalks
        if word.lower() in STOPWORDS:
            break
        words.append(word)
    return words


_COUNT_QUALIFIERS = frozenset({"such", "more", "other", "further", "additional", "extra"})


# A sentence about the page itself ("This page summarises notable crewed flights", "the figures
# below carry dates") answers nothing; it is never quoted.
_EDITORIAL = re.compile(
    r"\b(?:this|the following) (?:page|article|section|faq|site)\b"
    r"|\b(?:figures?|totals?|numbers?|glossary|list|table|examples?|milestones?|sections?|"
    r"links?)\s+below\b|\b(?:listed|given|shown|described|explained|summari[sz]ed)\s+below\b",
    re.I)
# A sentence that states a plan: "will", "plans to", "expected to", "no earlier than" (not
# plans spoken of: "their original plans change"). "Until" and "through" state one only with
# a year still to come ("until about 2030"), and a plan told in the past ("was set to launch
# on December 3, 2018") is no plan now.
_PLAN = re.compile(r"\b(?:will|plans?\s+(?:to|for|call)|planned|planning|expect(?:s|ed)?|"
                   r"scheduled|due|no earlier than|targets?|targeted|targeting|intends?|"
                   r"proposed|set to|is to|are to|going to|future|upcoming)\b", re.I)
_REPORTED_AS_OF = re.compile(r"\bas of\s+(?:\w+\s+)?(?:\d{1,2},?\s+)?$", re.I)
_CALLED_OFF = re.compile(r"\b(?:cancel(?:l)?ed|called off|scrapped|abandoned|put off)\b", re.I)
# "was set to launch", "had planned"; and a plan measured against ("ahead of plan", "longer
# than planned"), which is no plan either.
_PAST_PLAN = re.compile(r"\b(?:was|were|had(?:\s+been)?)\s+(?:\w+\s+)?$"
                        r"|\b(?:ahead of|behind|than|as)\s+$", re.I)


# Candidates kept after scoring: the lead and the sentences that may follow it are among the
# best few dozen; building objects for hundreds was a third of an answer's time.
_KEEP = 40
_TAG_BIT = {tag: 1 << n for n, tag in enumerate(TAGS)}
_NONE = np.zeros(0, dtype=np.int64)
# How much closer than the others an FAQ pinned to a year must be to answer a question that
# names no year (chosen on dev).
_DATED_FAQ_MARGIN = 0.05
# More sentences than this naming a numbered name ("Expedition 1") are not all about it.
_NAMING_LIMIT = 8


def _states_plan(text: str, latest: int) -> bool:
    """Whether a sentence states a plan still to come in ``latest``, the pages' newest year:
    one not called off ("a spacewalk planned for January 8, 2026 was cancelled") whose years
    reach ``latest`` ("was due to be delivered in late 2025 or early 2026"; not "a planned
    six-month stay" of a crew that launched in 2025), or, naming no year, one not told in the
    past tense ("was set to launch")."""
    plans = list(_PLAN.finditer(text))
    if not plans or _CALLED_OFF.search(text):
        return False
    # "As of March 2026, Roscosmos had picked Oleg Kononenko ... for a future flight": the
    # year a plan was reported is not when it happens.
    years = [int(m.group()) for m in _YEAR.finditer(text)
             if not _REPORTED_AS_OF.search(text[max(0, m.start() - 20):m.start()])]
    if years:
        return max(years) >= latest
    return any(not _PAST_PLAN.search(text[max(0, m.start() - 30):m.start()]) for m in plans)


def _sentence_chunks(index: LoadedIndex) -> np.ndarray:
    """Per sentence, the row of the first chunk of its document that holds it whole (or,
    failing that, overlaps it most): where a sentence found outside the passages is cited."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for row, chunk in enumerate(index.chunks):
        by_doc[chunk.doc_id].append(row)
    rows = np.zeros(len(index.sentences), dtype=np.int64)
    for i, sentence in enumerate(index.sentences):
        start, end = sentence.char_start, sentence.char_end
        # Holding it whole first, then the most characters shared; the first chunk on a tie.
        fit = [(index.chunks[row].char_start <= start and end <= index.chunks[row].char_end,
                min(index.chunks[row].char_end, end) - max(index.chunks[row].char_start, start),
                -row) for row in by_doc[sentence.doc_id]]
        rows[i] = -max(fit)[2] if fit else 0
    return rows


_WHAT_IS = re.compile(r"^(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?"
                      r"([\w' -]{2,40}?)\s*\??$", re.I)


def _definition_of(analysis: QuestionAnalysis) -> re.Pattern[str] | None:
    """For "what is (a) X?", a pattern matching a sentence that says what X is: "X is a
    ...", "Xs are the ...", "Xs, in which ...", "X (...), the ...", "X means ..."."""
    if analysis.answer_type != "definition":
        return None
    asked = _WHAT_IS.match(analysis.interpreted_as.strip())
    if not asked:
        return None
    thing = r"\s+".join(re.escape(w) for w in asked.group(1).split())
    return re.compile(
        rf"^(?:the\s+|an?\s+)?{thing}(?:s|es)?\b(?:\s*\([^)]*\))?"
        r"(?:,\s+(?:in which|or|also|where|which|the|an?)\b|\s+(?:is|are)\s+(?:an?|the|one|"
        r"what|when|how|any|made|called)\b|\s+(?:means|refers to|describes)\b)", re.I)


def stem(term: str) -> str:
    """A light suffix-stripping stem, so "undock" finds "undocked" and "launch" "launching".

    Applied the same way to question and sentence terms, so a rough stem ("speed" -> "spe")
    only needs to be consistent, not a word. BM25 keeps its own unstemmed terms.
    """
    if term[:1].isdigit() or not term.isalpha():
        return term
    if len(term) > 5 and term.endswith("ing"):
        term = term[:-3]
    elif len(term) > 4 and term.endswith("ed"):
        term = term[:-2]
    else:
        return term[:-1] if len(term) > 3 and term.endswith("e") else term
    if len(term) > 2 and term[-1] == term[-2] and term[-1] not in "lsz":
        term = term[:-1]  # "stopped" -> "stop"
    return term[:-1] if len(term) > 3 and term.endswith("e") else term


_MADE_OR_OWNED = frozenset(stem(t) for t in MADE_OR_OWNED)


def mentions(phrase: tuple[str, ...], tokens: list[str], gap: int = 2) -> bool:
    """Whether ``tokens`` hold the terms of ``phrase`` in order, with at most ``gap`` other
    terms between neighbours: "the first resident crew" mentions "first crew", but "Crew-11
    ... the first medical evacuation" does not. Terms are compared by :func:`stem`."""
    if not phrase:
        return True
    return _mentions_stems([stem(t) for t in phrase], [stem(t) for t in tokens], gap)


def _mentions_stems(want: list[str], stems: list[str], gap: int) -> bool:
    """:func:`mentions` over terms already stemmed (the answerer stems every sentence once)."""
    if not want:
        return True
    for start, found in enumerate(stems):
        if found != want[0]:
            continue
        at, ok = start, True
        for term in want[1:]:
            window = stems[at + 1:at + 2 + gap]
            if term not in window:
                ok = False
                break
            at += 1 + window.index(term)
        if ok:
            return True
    return False


def earliest_dated(scores: list[float], years: list[int], ratio: float) -> int | None:
    """Index of the sentence with the earliest year (0: none that counts) among those scoring
    at least ``ratio`` of the best score; ties go to the higher score, then the earlier index.
    ``None`` when no sentence qualifies."""
    if not scores:
        return None
    floor = ratio * max(scores)
    dated = [i for i, (s, y) in enumerate(zip(scores, years, strict=True)) if y and s >= floor]
    return min(dated, key=lambda i: (years[i], -scores[i], i), default=None)


def _postings(terms: list[frozenset[str]]) -> dict[str, np.ndarray]:
    """For each term's stem, the rows whose term set holds a term with that stem."""
    rows: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(terms):
        for term in {stem(t) for t in found}:
            rows[term].append(i)
    return {t: np.array(r, dtype=np.int64) for t, r in rows.items()}


def _bits(tags: tuple[str, ...]) -> int:
    """Sentence tags as one integer, a bit per tag."""
    return sum(_TAG_BIT[t] for t in set(tags))


@dataclass(frozen=True)
class AnswerConfig:
    """Weights and thresholds of the extractive answerer; their one source is ``Settings``
    (``ISSQA_ANSWER_*``), chosen on the dev splits (eval/README.md)."""

    semantic_weight: float
    lexical_weight: float
    rank_weight: float
    type_weight: float
    recent_weight: float
    neighbour_rank: int
    faq_match: float
    typed_ratio: float
    max_sentences: int
    extra_sentence_ratio: float
    next_sentence_ratio: float
    redundancy: float
    min_novelty: float
    passages: int
    related_min: float
    snippet_chars: int
    context_share: float
    number_weight: float
    subject_ratio: float
    faq_bonus: float
    faq_floor: float
    earliest_ratio: float
    price_ratio: float
    asked_ratio: float
    name_ratio: float

    @classmethod
    def from_settings(cls, settings: Settings) -> AnswerConfig:
        """The answerer's configuration as the settings give it."""
        return cls(**{f.name: getattr(settings, f"answer_{f.name}") for f in fields(cls)})


@dataclass
class _Candidate:
    index: int
    sentence: Sentence
    hit_rank: int
    hit: Hit
    semantic: float
    lexical: float
    typed: bool
    score: float
    primary: bool = False  # holds the first, most fitting, of the expected tags
    about: bool = False  # names the subject a follow-up borrowed, or it has none


@dataclass(frozen=True)
class Draft:
    """An answer before its confidence is decided, with the evidence that decides it."""

    answer: Answer
    evidence: Evidence
    # Why a rule abstained before the calibrated model was asked (for ``--explain``).
    missing: str = ""


class ExtractiveAnswerer:
    """Answers from FAQ phrasings or from the best typed sentences of the top passages."""

    def __init__(self, index: LoadedIndex, config: AnswerConfig,
                 calibration: Calibration | None = None, known_words: frozenset[str] = frozenset(),
                 ) -> None:
        self.index = index
        self.config = config
        self.calibration = calibration or Calibration.default()
        # The sentences an answer may quote, per document (an FAQ's question is not one, nor
        # a sentence about the page itself).
        self._answer_rows: dict[str, list[int]] = defaultdict(list)
        for i, sentence in enumerate(index.sentences):
            if sentence.role != "question" and not _EDITORIAL.search(index.sentence_text(i)):
                self._answer_rows[sentence.doc_id].append(i)
        # The same rows with their spans as arrays: whether each lies inside a passage is one
        # comparison per passage, not one Python test per sentence.
        self._answer_spans = {
            doc_id: (rows, np.array([index.sentences[i].char_start for i in rows], np.int64),
                     np.array([index.sentences[i].char_end for i in rows], np.int64))
            for doc_id, rows in self._answer_rows.items()}
        bm25 = index.bm25
        n = max(bm25.n_docs, 1)
        df = np.diff(bm25.indptr)
        self._idf = {t: math.log(1 + n / df[row]) for t, row in bm25.vocabulary.items()}
        self._unknown_idf = math.log(1 + n)
        texts = [index.sentence_text(row) for row in range(len(index.sentences))]
        # Terms of every sentence, once: tokenizing candidates per request was a seventh of
        # an answer's time (pyinstrument, bench/profile_ask.py).
        self._tokens = [tokenize(text) for text in texts]
        self._terms = [frozenset(tokens) for tokens in self._tokens]
        # Per request, coverage and tag checks run over a few hundred candidate sentences;
        # term postings and tag bits make them a handful of array operations.
        self._postings = _postings(self._terms)
        # What each sentence sits under, in order: its title (an FAQ's question) and heading.
        self._context = self._context_tokens(index)
        # Stems too, once: a follow-up's subject is looked for in the top few dozen candidates
        # and their titles and headings, which stemmed every term again on every request.
        self._stems = [[stem(t) for t in tokens] for tokens in self._tokens]
        stemmed: dict[int, list[str]] = {}  # titles and headings are shared lists: stem each once
        self._context_stems = [tuple(stemmed.setdefault(id(part), [stem(t) for t in part])
                                     for part in parts) for parts in self._context]
        self._context_postings = _postings([frozenset(t for part in c for t in part)
                                            for c in self._context])
        dated = {p.doc_id for p in index.phrasings if p.role == "question" and _YEAR.search(p.text)}
        self._dated_phrasings = np.array([p.doc_id in dated for p in index.phrasings],
                                         dtype=np.float32)
        self._question_rows = np.array(
            [i for i, p in enumerate(index.phrasings) if p.role == "question"], dtype=np.int64)
        self._question_vectors = index.phrasing_vectors[self._question_rows] \
            if len(self._question_rows) else np.zeros((0, 0), np.float32)
        # Terms the corpus uses, and the unit symbols a sentence writes ("50%", "-157 °C"),
        # for what a question asks for (``QuestionAnalysis.asked``).
        self._vocabulary = frozenset().union(*self._terms) | _SYMBOLS
        self._symbols = [frozenset(c for c in _SYMBOLS if c in text) for text in texts]
        self._numbers = [frozenset(n.replace(",", "") for n in _NUMBER.findall(text))
                         for text in texts]
        self._tag_bits = np.array([_bits(s.tags) for s in index.sentences], dtype=np.int64)
        self._counted = [frozenset(stem(t) for m in _COUNTED.finditer(text)
                                   for t in tokenize(" ".join(_counted_words(m))))
                         | frozenset(stem(m.group(1).lower()) for m in _GROUP_OF.finditer(text))
                         for text in texts]
        self._sides = [frozenset(m.group().lower() for m in _SIDE.finditer(text))
                       for text in texts]
        organisation = _TAG_BIT["organisation"]
        self._possessive = [bool(bits & organisation) and bool(_POSSESSIVE.search(text))
                            for bits, text in zip(self._tag_bits.tolist(), texts, strict=True)]
        # Only an FAQ's answer replies to a yes/no question; its phrasings say which one.
        by_faq: dict[str, list[int]] = defaultdict(list)
        for row, phrasing in enumerate(index.phrasings):
            by_faq[phrasing.doc_id].append(row)
        self._phrasing_rows = {doc: np.array(r, dtype=np.int64) for doc, r in by_faq.items()}
        self._reply = np.array([bool(_REPLY.match(text)) and
                                index.sentences[i].doc_id in self._phrasing_rows
                                for i, text in enumerate(texts)], dtype=bool)
        self._frequency = np.array([bool(_FREQUENCY.search(text)) for text in texts])
        self._money = np.array([bool(_MONEY.search(text)) for text in texts], dtype=bool)
        self._station_seen = np.array([bool(_STATION_SEEN.search(text)) for text in texts],
                                      dtype=bool)
        self._sight = np.array([bool(_SIGHT.search(text)) for text in texts], dtype=bool)
        self._share = np.array([bool(_SHARE.search(text)) for text in texts], dtype=bool)
        self._past_state = np.array([bool(_PAST_STATE.search(text)) for text in texts],
                                    dtype=bool)
        self._hypothetical = np.array([bool(_HYPOTHETICAL.search(text)) for text in texts],
                                      dtype=bool)
        self._sorts = np.array([bool(_SORTS.search(text)) for text in texts], dtype=bool)
        self._homeward = np.array([bool(_HOMEWARD.search(text)) for text in texts], dtype=bool)
        self._states_source = np.array([bool(_SOURCE_STATED.search(text)) for text in texts],
                                       dtype=bool)
        self._counts_events = np.array([_counts_events(text) for text in texts], dtype=bool)
        self._starts = np.array([s.char_start for s in index.sentences], dtype=np.int64)
        self._answerable = np.zeros(len(index.sentences), dtype=bool)
        for rows in self._answer_rows.values():
            self._answerable[rows] = True
        self._sentence_chunk = _sentence_chunks(index)
        self.speller = Speller((f"{d.title}\n{d.body}" for d in index.documents.values()),
                               known=known_words)
        answerable = [texts[i] for rows in self._answer_rows.values() for i in rows]
        self.aliases = Aliases(
            (d.body for d in index.documents.values()), known_words=known_words,
            descriptions=Descriptions((d.title for d in index.documents.values()
                                       if d.kind == "page"), answerable))
        years = [[int(y) for y in _YEAR.findall(text)] for text in texts]
        # The year a sentence first names is the year of what it reports; a later "since
        # 2011" or "(launched in 1998)" harks back ("Demo-2 launched on May 30, 2020, the
        # first crewed orbital launch from the United States since 2011").
        self._first_year = [found[0] if found else 0 for found in years]
        # "Now" is when the pages were last reviewed: a later year is a plan ("operate until
        # about 2030"), and searching "this week" as that year finds retirement, not the crew.
        reviewed = max((d.updated.year for d in index.documents.values()), default=0)
        latest = max((y for found in years for y in found if not reviewed or y <= reviewed),
                     default=0)
        self.latest_year = latest or None
        # A plan, or a year after the pages' latest: what a "when will ..." question needs.
        self._plan = np.array([_states_plan(text, latest) or any(y > latest for y in found)
                               for text, found in zip(texts, years, strict=True)], dtype=bool)
        # "Recently" and "this week" prefer sentences about the corpus's last two years.
        self._recent = np.array([bool(_RECENT.search(text)) or any(y >= latest - 1 for y in found)
                                 for text, found in zip(texts, years, strict=True)], dtype=bool)
        # A figure "as of" an older year, which a newer count has overtaken ("As of November
        # 2, 2010, there had been 150 station spacewalks").
        self._outdated = np.array([bool(_AS_OF.search(text)) and bool(found) and
                                   max(found) < latest - 1
                                   for text, found in zip(texts, years, strict=True)], dtype=bool)
        # The years each sentence names, for a question set in a year ("in November 2020").
        self._years = [frozenset(found) for found in years]

    @staticmethod
    def _context_tokens(index: LoadedIndex) -> list[tuple[list[str], list[str]]]:
        """Per sentence, the terms of what it sits under, in order: its document's title (an
        FAQ's question) and the section heading above it (shared lists, not copies)."""
        headings: dict[str, tuple[list[int], list[list[str]]]] = {}
        for doc in index.documents.values():
            found = [(m.start(), tokenize(m.group(1))) for m in _HEADING.finditer(doc.body)]
            headings[doc.doc_id] = ([start for start, _ in found], [terms for _, terms in found])
        titles = {d.doc_id: tokenize(d.title) for d in index.documents.values()}
        none: list[str] = []
        context = []
        for sentence in index.sentences:
            starts, terms = headings[sentence.doc_id]
            n = bisect.bisect_right(starts, sentence.char_start)
            context.append((titles[sentence.doc_id], terms[n - 1] if n else none))
        return context

    def _about(self, row: int, subject: list[str], gap: int = 2) -> bool:
        """Whether a sentence, or the title or heading it sits under, names ``subject`` (its
        terms stemmed)."""
        return _mentions_stems(subject, self._stems[row], gap) or any(
            _mentions_stems(subject, part, gap) for part in self._context_stems[row])


    def _focus_found(self, focus: tuple[str, ...], rows: np.ndarray,
                     postings: dict[str, np.ndarray] | None = None) -> list[np.ndarray]:
        """For each focus term, which of ``rows`` (sentence indexes) contain it (or, with the
        context postings, sit under a title or heading that does)."""
        postings = self._postings if postings is None else postings
        found = []
        for term in focus:
            # A mask over all sentences, then a lookup: cheaper than np.isin's sorting.
            mask = np.zeros(len(self._terms), dtype=bool)
            for word in _SAME_THING.get(term, (term,)):
                mask[postings.get(stem(word), _NONE)] = True
            found.append(mask[rows])
        return found

    def _name_found(self, name: tuple[str, ...], rows: np.ndarray, found: np.ndarray,
                    around: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``found``/``around`` of a number kept only where its whole name ("crew 11") stands
        together in the sentence, or in the title or heading it sits under."""
        want = [stem(t) for t in name]
        inside = np.array([f and _mentions_stems(want, self._stems[row], 0)
                           for f, row in zip(found.tolist(), rows.tolist(), strict=True)],
                          dtype=bool)
        above = np.array([a and any(_mentions_stems(want, part, 0)
                                    for part in self._context_stems[row])
                          for a, row in zip(around.tolist(), rows.tolist(), strict=True)],
                         dtype=bool)
        return inside, above

    def unnamed(self, analysis: QuestionAnalysis) -> list[tuple[str, ...]]:
        """The numbered names of the question ("Expedition 75", "Soyuz MS-29") that no
        sentence, title or heading of the corpus names: the pages say nothing about them, and
        a sentence about Expedition 56 or Progress MS-29 would answer another question."""
        unknown = []
        for name in analysis.numbered:
            number = next(t for t in name if t[:1].isdigit())
            rows = np.union1d(self._postings.get(number, _NONE),
                              self._context_postings.get(number, _NONE))
            if not any(self._names_whole(row, name) for row in rows.tolist()):
                unknown.append(name)
        return unknown

    def _pinned(self, analysis: QuestionAnalysis) -> list[tuple[str, ...]]:
        """The question's numbered names an answer must name: not a short form the pages
        name otherwise ("MRM-1" is answered under "Rassvet", which the search adds)."""
        return [name for name in analysis.numbered
                if self.aliases.name_of("".join(name)) is None]

    def _names_any(self, candidate: _Candidate, names: list[tuple[str, ...]]) -> bool:
        """Whether a candidate names one of the numbered ``names`` whole, or the sentence
        before it in its document does ("... wrecked the Site 31 service cabin." -> "The
        service cabin was ... 17 tonnes in mass.")."""
        return any(self._names_whole(r, name) for r in self._with_previous(candidate)
                   for name in names)

    def _with_previous(self, candidate: _Candidate) -> list[int]:
        """A candidate's row and, when it is in the same document, the row before it."""
        row = candidate.index
        return [row, row - 1] if row and \
            self.index.sentences[row - 1].doc_id == candidate.sentence.doc_id else [row]

    def _names_whole(self, row: int, name: tuple[str, ...], context: bool = True) -> bool:
        """Whether a sentence (or, with ``context``, the title or heading above it) names a
        numbered name whole ("crew 8", not "Expedition 8"'s crew)."""
        want = [stem(t) for t in name]
        # "Canadarm 2" is written "Canadarm2".
        return "".join(name) in self._terms[row] or (
            self._about(row, want, gap=0) if context
            else _mentions_stems(want, self._stems[row], 0))

    def _naming_rows(self, analysis: QuestionAnalysis, pool: dict[int, tuple[int, int]]
                     ) -> list[int]:
        """The answer sentences that name one of the question's numbered names whole, for
        each name no sentence of ``pool`` names, when few do (``_NAMING_LIMIT``): then they
        are about that mission or vehicle; and those outside ``pool`` naming the one person
        the question names in full, when few do."""
        found: list[int] = []
        for name in analysis.numbered:
            if any(self._names_whole(row, name) for row in pool):
                continue
            number = next(t for t in name if t[:1].isdigit())
            rows = [row for row in self._postings.get(number, _NONE).tolist()
                    if self._answerable[row] and self._names_whole(row, name, context=False)]
            if len(rows) <= _NAMING_LIMIT:
                found.extend(rows)
        persons = person_names(analysis.interpreted_as)
        # A person named in full is named in few sentences, which retrieval may rank below
        # passages that name them for something else ("when did Tim Peake launch?" finds his
        # marathon; his launch is in a long list of firsts). Not two people: a sentence
        # naming one of them is rather about what else they did.
        if len(persons) == 1 and len(person := tuple(tokenize(persons[0]))) >= 2:
            rows = [row for row in self._postings.get(stem(person[-1]), _NONE).tolist()
                    if row not in pool and self._answerable[row]
                    and self._names_whole(row, person, context=False)]
            if len(rows) <= _NAMING_LIMIT:
                found.extend(rows)
        return found

    def _idf_of(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf)

    def unknown_share(self, analysis: QuestionAnalysis) -> float:
        """Share of the question's focus terms that appear nowhere in the corpus."""
        if not analysis.focus:
            return 0.0
        return sum(t not in self._idf for t in analysis.focus) / len(analysis.focus)

    # -- FAQ phrasings ------------------------------------------------------------------------

    def phrasing_similarity(self, vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of ``vector`` to every FAQ question and phrasing (one matrix
        product, shared by the FAQ match and the check of other FAQs' replies)."""
        return self.index.phrasing_vectors @ vector if len(self.index.phrasings) \
            else np.zeros(0, np.float32)

    def faq_scores(self, similarity: np.ndarray, text: str = "") -> tuple[str | None, float]:
        """The FAQ whose question or a phrasing is closest, given the question's
        ``similarity`` to each (``phrasing_similarity``), and how close.

        An FAQ whose question is pinned to a year ("How many spacewalks had been made at the
        station by 2017?") answers a question ``text`` that names no year only if it is
        ``_DATED_FAQ_MARGIN`` closer than that: "how many spacewalks have been done?" asks
        about now."""
        if not len(similarity):
            return None, 0.0
        if not _YEAR.search(text):
            similarity = similarity - _DATED_FAQ_MARGIN * self._dated_phrasings
        best = int(np.argmax(similarity))
        return self.index.phrasings[best].doc_id, float(similarity[best])

    def related_questions(self, vector: np.ndarray, exclude: set[str], limit: int = 3,
                          floor: float = 0.5) -> list[str]:
        """FAQ questions close to the question asked (not those already cited), best first."""
        rows = self._question_rows
        if not len(rows):
            return []
        similarity = self._question_vectors @ vector
        found: list[str] = []
        for j in np.argsort(-similarity):
            if similarity[j] < floor or len(found) >= limit:
                break
            phrasing = self.index.phrasings[rows[j]]
            if phrasing.doc_id not in exclude:
                found.append(phrasing.text)
        return found

    # -- candidate sentences -------------------------------------------------------------------

    def _candidates(self, query: Query, hits: list[Hit], analysis: QuestionAnalysis,
                    phrasing_similarity: np.ndarray, faq: tuple[str | None, float] = (None, 0.0),
                    ) -> tuple[list[_Candidate], float]:
        """The best candidate sentences, best first, and ``missing_focus``.

        ``missing_focus`` is how specific (idf, 0 to 1) the rarest focus term is that no
        candidate contains: "What brand of coffee do astronauts drink?" finds coffee sentences,
        but none says "brand", which marks a fact the pages lack.
        """
        cfg = self.config
        focus = analysis.focus or tuple(query.terms)
        pool: dict[int, tuple[int, int]] = {}  # sentence -> (rank prior, passage)
        for position, hit in enumerate(hits[:cfg.passages]):
            chunk, rank = hit.chunk, position + 1
            spans = self._answer_spans.get(chunk.doc_id)
            if spans is None:
                continue
            doc_rows, starts, ends = spans
            within = ((chunk.char_start <= starts) & (ends <= chunk.char_end)).tolist()
            for i, inside in zip(doc_rows, within, strict=True):
                held = pool.get(i)
                if inside and (held is None or held[0] > rank):
                    pool[i] = (rank, position)
                elif held is None:
                    pool[i] = (cfg.neighbour_rank + rank, position)
        passages = hits[:cfg.passages]
        faq_id, faq_similarity = faq
        faq_rows = self._answer_rows.get(faq_id, []) if faq_id is not None and \
            faq_similarity > self.config.faq_floor else []
        if pool and faq_rows and not any(i in pool for i in faq_rows):
            # A close FAQ that retrieval ranked below the passages still offers its sentences,
            # cited from its own chunk.
            faq_hit = Hit(self.index.chunks[self.index.faq_chunk_rows[faq_id]], faq_similarity)
            passages = [*passages, faq_hit]
            for i in faq_rows:
                pool[i] = (cfg.neighbour_rank + len(passages), len(passages) - 1)
        if pool:
            # A mission or vehicle the question names by number ("Crew-8", "STS-88"), or a
            # person named in full, is stated in few sentences; those retrieval ranked below
            # the passages still offer themselves, each cited from its own chunk.
            chunk_hits: dict[int, int] = {}
            for row in self._naming_rows(analysis, pool):
                chunk_row = int(self._sentence_chunk[row])
                if chunk_row not in chunk_hits:
                    passages = [*passages, Hit(self.index.chunks[chunk_row], 0.0)]
                    chunk_hits[chunk_row] = len(passages) - 1
                pool[row] = (cfg.neighbour_rank + len(passages), chunk_hits[chunk_row])
        seeing = bool(seen_from_station(analysis))
        if seeing:
            # "Can you see hurricanes from the iss?" is not answered by how bright the station
            # looks from the ground, which shares every word of it but the hurricanes.
            pool = {row: held for row, held in pool.items() if not self._station_seen[row]}
        if not pool:
            everything = [self._idf_of(t) for t in analysis.focus]
            return [], max(everything, default=0.0) / self._unknown_idf
        rows = np.fromiter(pool, dtype=np.int64, count=len(pool))
        ranks = np.array([rank for rank, _ in pool.values()], dtype=np.float64)
        semantic = self.index.sentence_vectors[rows] @ query.vector  # one matrix product
        weights = np.array([self._idf_of(t) * (cfg.number_weight if t[:1].isdigit() else 1.0)
                            for t in focus])
        found = self._focus_found(focus, rows)
        around = self._focus_found(focus, rows, self._context_postings)
        named = numbered_names(analysis.rewritten)
        for n, term in enumerate(focus):
            if term in named:
                # "Crew-11": the number counts only with its name, not as "Expedition 11".
                found[n], around[n] = self._name_found(named[term], rows, found[n], around[n])
        for short, name in self.aliases.shorts_in(analysis.interpreted_as):
            # "What is MRM-1 used for?" is answered by "Rassvet is used for cargo storage": a
            # sentence naming the module counts as naming its designation.
            naming = np.logical_and.reduce(self._focus_found(tuple(tokenize(name)), rows))
            short_terms = set(tokenize(short))
            for n, term in enumerate(focus):
                if term in short_terms:
                    found[n] = found[n] | naming
        # "How big is the ISS?": the station's name is in half the corpus; naming it says
        # nothing ("Each common hatch of the International Space Station ..." is no size of
        # the station), so meaning, kind and the closest FAQ decide.
        about_the_station = bool(focus) and set(focus) <= STATION_TERMS
        lexical = (np.sum([w * np.maximum(f, self.config.context_share * c)
                           for w, f, c in zip(weights, found, around, strict=True)], axis=0)
                   / weights.sum()) if len(focus) and not about_the_station \
            else np.zeros(len(rows))
        expected = _bits(analysis.expected_tags)
        typed = (self._tag_bits[rows] & expected) != 0 if expected else np.ones(len(rows), bool)
        primary = (self._tag_bits[rows] & _TAG_BIT[analysis.expected_tags[0]]) != 0 \
            if expected else typed
        score = (cfg.semantic_weight * semantic + cfg.lexical_weight * lexical
                 + cfg.rank_weight / ranks + (cfg.type_weight * typed if expected else 0.0))
        if analysis.time_relative:
            score = score + cfg.recent_weight * self._recent[rows]
            if analysis.answer_type == "quantity":
                # "how many spacewalks have there been so far?": the newest count, not one a
                # later count has overtaken
                score = np.where(self._outdated[rows], _OTHER_YEAR_SHARE * score, score)
        if analysis.future and analysis.answer_type != "yesno":
            # (Whether it will happen again is said by any sentence close enough; only its
            # plan says yes, which the check below asks for.)
            plan = self._plan[rows]
            score = np.where(plan, score, _NO_PLAN_SHARE * score)
            typed, primary = typed & plan, primary & plan  # nor does it lead
        if faq_rows:
            own = np.isin(rows, faq_rows)
            share = _STATION_FAQ_SHARE if about_the_station else 1.0
            score = score + share * cfg.faq_bonus * (faq_similarity - cfg.faq_floor) * own
        if seeing:
            # ... and it is answered by a sentence about looking out ("look at Earth, especially
            # through the windows of the Cupola"), not by the orbit's height above Earth.
            score = score + cfg.type_weight * self._sight[rows]
        replies = rows[self._reply[rows]]
        if len(replies):
            # "No, a telescope is not needed to see the station." answers its own FAQ's
            # question; quoted for "do you get to see the stars?" it says no to that. A reply
            # keeps its score only where its FAQ's phrasings come close to the question.
            far = {int(r) for r in replies.tolist() if float(phrasing_similarity[
                self._phrasing_rows[self.index.sentences[r].doc_id]].max()) < _REPLY_FLOOR}
            if far:
                other = np.array([r in far for r in rows.tolist()], dtype=bool)
                score = np.where(other, _OTHER_REPLY_SHARE * score, score)
        if side := _SIDE.search(analysis.interpreted_as):
            # "How cold is it outside the station?" is not answered by the cabin's 22 °C: a
            # sentence about the other side of the hull counts for less.
            asked_side = side.group().lower()
            other = "inside" if asked_side == "outside" else "outside"
            wrong_side = np.array([other in self._sides[r] and asked_side not in self._sides[r]
                                   for r in rows.tolist()], dtype=bool)
            score = np.where(wrong_side, _OTHER_SIDE_SHARE * score, score)
            primary = primary & ~wrong_side  # nor does it lead for its kind of answer
        if _SOURCE_ASKED.search(analysis.rewritten):
            # "Where does the oxygen the astronauts breathe come from?" asks for a source ("made
            # by splitting water"), not a place ("like sea-level air on Earth").
            sources = self._states_source[rows]
            score = score + cfg.type_weight * (sources.astype(float) - typed)
            typed, primary = sources, sources
        if _TIMES_ASKED.search(analysis.rewritten):
            # "How many times has the station had to dodge space junk?" counts events ("25
            # debris avoidance maneuvers"); "for a few minutes" is how long one lasts.
            counts = self._counts_events[rows]
            typed, primary = typed & counts, primary & counts
            score = score - cfg.type_weight * ~counts
        if _ASKS_PRESENT.match(analysis.rewritten) and not _ASKS_PAST.search(analysis.rewritten):
            # "How fast is the station's data link?" asks what it is now: a sentence about how
            # things were at first ("When the station first began operating, ... 3 Mbps")
            # counts for less than one giving the later figure.
            score = np.where(self._past_state[rows], _PAST_STATE_SHARE * score, score)
        if analysis.answer_type == "yesno" and _HOW_MUCH_OF.search(analysis.rewritten):
            # "is it true the iss recycles almost all of its water?": a share says how much.
            score = score + cfg.type_weight * self._share[rows]
        if self._trip_up_asked(analysis):
            score = np.where(self._homeward[rows], _OTHER_WAY_SHARE * score, score)
        if _KINDS_ASKED.search(analysis.rewritten):
            score = score + cfg.type_weight * self._sorts[rows]
        occurrence = analysis.answer_type == "yesno" and \
            bool(EVER_ASKED.search(analysis.rewritten)) and \
            not _SOMEONE_ASKED.search(analysis.rewritten)
        if occurrence or (analysis.answer_type == "date" and
                          _WHEN_PAST.match(analysis.rewritten)):
            # What happened is told by an event ("when was the fire on the station?"); a
            # sentence saying what would happen counts for less.
            score = np.where(self._hypothetical[rows], _HYPOTHETICAL_SHARE * score, score)
        if occurrence:
            # ... and an event has a date ("On June 10, 2014, a small amount of smoke ...").
            dated = (self._tag_bits[rows] & _TAG_BIT["date"]) != 0
            score = score + _EVENT_DATE_SHARE * cfg.type_weight * dated
        if ranks_asked := superlative_ranks(analysis):
            # "What is the biggest module?" is not answered by "... making it the biggest
            # hatch": a sentence ranking another thing counts for less.
            other_ranked = np.array([_ranks_another(self.index.sentence_text(r), *ranks_asked)
                                     for r in rows.tolist()], dtype=bool)
            score = np.where(other_ranked, _OTHER_RANKED_SHARE * score, score)
        if superlative_asked(analysis) or _ASKS_A_RECORD.search(analysis.interpreted_as):
            # "How long was the longest stay?" asks for the record itself: "then the longest
            # spaceflight by a woman" counts for less unless the question names her kind (so
            # does "the women's record" for "who holds the record for the most days?").
            asked_words = _asked_words(analysis)
            qualified = np.array([_qualified_record(self.index.sentence_text(r), asked_words)
                                  for r in rows.tolist()], dtype=bool)
            score = np.where(qualified, _QUALIFIED_RECORD_SHARE * score, score)
        if years := self._asked_years(analysis):
            # "Who was aboard when it turned 20 in November 2020?": Expedition 20's crew of
            # 2009 is about another year.
            other_year = np.array([bool(self._years[r]) and not self._years[r] & years
                                   for r in rows.tolist()], dtype=bool)
            score = np.where(other_year, _OTHER_YEAR_SHARE * score, score)
        missing = [w for w, f in zip(weights, found, strict=True) if not f.any()] \
            if analysis.focus else []
        missing_focus = max(missing, default=0.0) / self._unknown_idf
        # Best first; ties by passage rank, then position in the document.
        order = np.lexsort((self._starts[rows], ranks, -score))[:_KEEP]
        # Python values in one conversion each, not a numpy scalar per field and candidate.
        kept = zip(rows[order].tolist(), ranks[order].tolist(), semantic[order].tolist(),
                   lexical[order].tolist(), typed[order].tolist(), score[order].tolist(),
                   primary[order].tolist(), strict=True)
        subject = [stem(t) for t in analysis.subject]
        candidates = [
            _Candidate(row, self.index.sentences[row], int(rank), passages[pool[row][1]],
                       sem, lex, bool(is_typed), sc, bool(is_primary), self._about(row, subject))
            for row, rank, sem, lex, is_typed, sc, is_primary in kept]
        return candidates, float(missing_focus)

    def _lacks_price(self, analysis: QuestionAnalysis, candidates: list[_Candidate]) -> bool:
        """Whether the question asks what something costs and no sentence that states an
        amount of money scores ``price_ratio`` of the best: then the pages hold the thing's
        weight or capabilities, not its price ("How much did the Nauka module cost?"). When
        the question names the thing, the sentence must name it too: the programme's $75
        billion is no price of one Progress launch."""
        if not candidates or not asks_price(analysis):
            return False
        floor = self.config.price_ratio * candidates[0].score
        # A partner counts here, as who pays: "how much has Russia spent?" is not answered
        # by the US total (elsewhere "Russian" names no thing an answer must repeat); its
        # share of the costs answers too ("JAXA pays 12.8 percent").
        partners = [frozenset(stem(w) for w in _PARTNERS[t] if w in self._vocabulary)
                    for t in dict.fromkeys(tokenize(analysis.interpreted_as)) if t in _PARTNERS]
        names = self._known_names(analysis.names) + partners
        # The thing priced ("one of the nasa spacesuits", "the inflatable BEAM module"): the
        # cost of the solar wings or of the whole station is no price of a spacesuit.
        known = [t for t in priced_thing(analysis) if t in self._idf]
        thing = [stem(known[-1])] if known and not partners else []
        return not any((self._money[c.index] or (partners and self._share[c.index])) and
                       c.score >= floor and
                       (not names or self._states_a_name(c.index, names)) and
                       (not thing or self._about(c.index, thing))
                       for c in candidates)

    def _close(self, candidates: list[_Candidate], ratio: float | None = None
               ) -> list[_Candidate]:
        """The candidates scoring at least ``ratio`` (default ``asked_ratio``) of the best, and
        the sentence right after one of them if it scores ``next_sentence_ratio`` of the best:
        the fact often follows the sentence that matches the question's words ("... wrecked
        the service cabin at Baikonur." -> "The service cabin was ... 17 tonnes in mass.")."""
        best = candidates[0].score
        floor = (self.config.asked_ratio if ratio is None else ratio) * best
        close = [c for c in candidates if c.score >= floor]
        after = {(c.sentence.doc_id, c.index + 1) for c in close}
        return close + [c for c in candidates if c.score < floor and
                        c.score >= self.config.next_sentence_ratio * best and
                        (c.sentence.doc_id, c.index) in after]

    def _lacks_asked(self, analysis: QuestionAnalysis, close: list[_Candidate]) -> bool:
        """Whether the question asks for something specific (``analysis.asked``: what "how
        many" counts, a property, a dimension) that none of the ``close`` candidates states,
        in itself or in the title or heading above it: "What brand of coffee?"
        finds how coffee is drunk, "how many spacewalks did Scott Kelly do" his days in space;
        a count asked for needs a number of the thing (in a sentence or the one before it).
        When the corpus uses none of the terms, it cannot state the thing if it is an English
        word (the speller's known words: "password", "ounce"); a misspelling the speller
        could not mend ("kilowats") says nothing either way."""
        if not close or not analysis.asked:
            return False
        wanted = self._wanted(analysis)
        if not wanted:
            lacks = any(t in self.speller.known for t in analysis.asked)
        elif _ASKS_COUNT.search(analysis.rewritten):
            # "How many fire extinguishers are aboard?" needs a number of extinguishers:
            # "Portable extinguishers deal with a fire" names them without counting them.
            lacks = not any(self._counts(r, wanted) for c in close
                            for r in self._with_previous(c))
        else:
            lacks = not any(self._states(c.index, wanted, possessive=True) for c in close)
        # Checked last: reading the sentences again is needed only when nothing states it.
        return lacks and not self._denies(analysis, close)

    def _denies(self, analysis: QuestionAnalysis, close: list[_Candidate]) -> bool:
        """Whether a ``close`` sentence says there is no such thing as a quantity question
        asks about: "The station has no shower" answers "how often do you get to shower?"."""
        if analysis.answer_type != "quantity":
            return False
        asked = {stem(t) for t in analysis.focus if t not in _THE_STATION}
        return any(stem(term) in asked for c in close
                   for found in _NO_THING.finditer(self.index.sentence_text(c.index))
                   for term in tokenize(found.group(1)))

    def _asked_apart_from_name(self, analysis: QuestionAnalysis, close: list[_Candidate],
                               numbered: list[tuple[str, ...]]) -> bool:
        """Whether the question names things and asks for something specific, and no
        ``close`` sentence states it about them: "how many spacewalks did chris hadfield
        make?" needs a sentence that counts spacewalks and names him (or follows one that
        does); "how much does the Cupola weigh?" one that gives a mass and names the Cupola
        or another thing the question mentions ("Each station window has four panes ...
        1.2 to 3.2 cm" answers how thick the Cupola's window glass is). A numbered name
        (``numbered``, "STS-130") counts as named only whole."""
        if not close or not (analysis.names or numbered) or \
                analysis.answer_type not in ("quantity", "person", "organisation"):
            return False
        wanted, names = self._wanted(analysis), self._known_names(analysis.names)
        if not wanted or not (names or numbered):
            return False
        counted = bool(_ASKS_COUNT.search(analysis.rewritten))
        if numbered and analysis.answer_type != "quantity":
            # "Which Crew-12 astronaut commands their Crew Dragon?": Crew-5's commander names
            # a Crew Dragon; the mission's number is what pins the person down.
            names = []
        if not counted and analysis.answer_type == "quantity":
            names.append(frozenset(stem(t) for t in analysis.focus if t in self._vocabulary
                                   and t not in _THE_STATION and stem(t) not in wanted))
        for c in close:
            states = self._counts(c.index, wanted) if counted else \
                self._states(c.index, wanted)
            if states and (any(self._states(r, name) for r in self._with_previous(c)
                               for name in names if name)
                           or (numbered and self._names_any(c, numbered))):
                return False
        return True

    def _wanted(self, analysis: QuestionAnalysis) -> frozenset[str]:
        """Stems of the asked-for terms the corpus uses (empty when it uses none)."""
        return frozenset(stem(t) for t in analysis.asked if t in self._vocabulary)

    def _states_a_name(self, row: int, names: Sequence[frozenset[str]]) -> bool:
        """Whether a sentence, or the title or heading above it, states one of ``names``
        (each the stems of a name, as ``_known_names`` gives them)."""
        return any(self._states(row, name) for name in names)

    def _states(self, row: int, wanted: frozenset[str], possessive: bool = False) -> bool:
        """Whether a sentence, or the title or heading above it, holds one of ``wanted``;
        with ``possessive``, for who made or owns a thing, an organisation's possessive
        counts too ("SpaceX's Dragon": enough not to abstain, too little to lead)."""
        return not wanted.isdisjoint(self._stems[row]) or \
            not wanted.isdisjoint(self._symbols[row]) or \
            any(not wanted.isdisjoint(part) for part in self._context_stems[row]) or \
            (possessive and self._possessive[row] and not wanted.isdisjoint(_MADE_OR_OWNED))

    def _counts(self, row: int, wanted: frozenset[str]) -> bool:
        """Whether a sentence gives a number of one of ``wanted`` ("235 days"), a figure
        with a unit symbol ("50%"), or, for "how often", a frequency ("once a week")."""
        return not wanted.isdisjoint(self._counted[row]) or \
            not wanted.isdisjoint(self._symbols[row]) or \
            ("often" in wanted and self._frequency[row])

    def _lacks_name(self, analysis: QuestionAnalysis, close: list[_Candidate]) -> bool:
        """Whether the question names things ("the Hubble Space Telescope", "Jupiter") none of
        which a ``close`` sentence (scoring ``name_ratio`` of the best) names, in itself or in
        the title or heading above it (by any of its terms: "Suni Williams" is "Sunita
        Williams"; a name the corpus never uses is never named): the answer would be about the
        station's mass or altitude, not the thing asked about. One name found is enough: a
        sentence about Padalka's Soyuz answers a question that also names his crewmates."""
        if not close or not analysis.names:
            return False
        names = self._known_names(analysis.names)
        if len(names) > 1 and _COMPARES.search(analysis.rewritten):
            # "Does Rassvet weigh more than Poisk?" needs both: Poisk's 4,000 kg alone does
            # not compare.
            return not all(any(self._states_a_name(c.index, [name]) for c in close)
                           for name in names)
        return not any(self._states_a_name(c.index, names) for c in close)

    def _record_as_it_stood(self, analysis: QuestionAnalysis, candidates: list[_Candidate]
                            ) -> _Candidate | None:
        """The close sentence stating the record asked for only as it stood at some time, when
        none states it for good: "who was the youngest commander of the iss?" -> "... became
        the youngest station commander up to that time", the closest the pages come. It must
        rank what the question ranks (commanders, not "the youngest person ever aboard")."""
        superlative = superlative_asked(analysis)
        if not superlative or not candidates:
            return None
        asked = {stem(w) for w in _words_of(analysis.rewritten)} - _RANKED_ANYWHERE
        stood = None
        for candidate in self._close(candidates):
            text = self.index.sentence_text(candidate.index)
            if not any(word in text.lower() for word in superlative):
                continue
            if not _qualified_record(text, _asked_words(analysis)):
                return None  # the record itself is stated
            ranked = {stem(w) for m in _SUPERLATIVE_WORD.finditer(text)
                      for w in _words_of(m.group(1))}
            if stood is None and _AS_IT_STOOD.search(text) and any(
                    a.startswith(r) or r.startswith(a) for a in asked for r in ranked
                    if len(r) > 3 and len(a) > 3):
                stood = candidate
        return stood

    def _known_names(self, names: Iterable[tuple[str, ...]]) -> list[frozenset[str]]:
        """The stems of each proper name of the question, as far as the corpus uses them; a
        country is named by its people too ("from Denmark": "the first Dane")."""
        known = (frozenset(stem(w) for t in name for w in COUNTRY_WORDS.get(t, (t,))
                           if w in self._vocabulary)
                 for name in names)
        return [name for name in known if name]

    def _asked_years(self, analysis: QuestionAnalysis) -> frozenset[int]:
        """The years the question is set in; "this year" is the pages' latest."""
        years = years_set_in(analysis)
        if asks_this_year(analysis) and self.latest_year:
            years |= {self.latest_year}
        return years

    def _missing(self, analysis: QuestionAnalysis, candidates: list[_Candidate],
                 numbered: list[tuple[str, ...]]) -> str:
        """Why the candidates cannot answer, whatever their scores ("" when they may);
        ``numbered`` are the question's numbered names an answer must name (``_pinned``)."""
        if not candidates:
            return "no sentence of the retrieved pages"
        if self._lacks_price(analysis, candidates):
            return "no sentence close to the best states a price"
        close = self._close(candidates)
        if _ASKS_COUNT.search(analysis.rewritten) and (years := self._asked_years(analysis)) and \
                not any(c.typed and self._years[c.index] & years for c in close):
            # "How many spacewalks so far this year?" is not answered by the all-time count.
            # Only a count: in "how long was that 2021 spacewalk?" the year names the event.
            return "no sentence close to the best gives a figure for " + \
                " or ".join(str(y) for y in sorted(years))
        if (superlative := superlative_asked(analysis)) and not any(
                any(word in self.index.sentence_text(c.index).lower() for word in superlative)
                and not _qualified_record(self.index.sentence_text(c.index),
                                          _asked_words(analysis))
                for c in close) and self._record_as_it_stood(analysis, candidates) is None:
            # "Who is the youngest person ever aboard?" is not answered by "the youngest
            # station commander up to that time".
            return f"no sentence close to the best says {superlative[0]}"
        if (seen := seen_from_station(analysis)) and not any(
                self._sight[c.index] and all(t in self._terms[c.index] for t in seen)
                for c in close):
            # "Can you see hurricanes from the iss?": the Cupola's view of Earth is no yes.
            return "no sentence close to the best says " + " ".join(seen) + \
                " can be seen from the station"
        if analysis.future and not any(
                self._plan[c.index] and (not analysis.names or self._names_any(c, analysis.names))
                for c in close):
            # "When is Starlab supposed to launch?" is not answered by Japan's plan for 2030.
            return "no sentence close to the best states a plan or a date still to come"
        if self._lacks_asked(analysis, close):
            return ("no sentence close to the best states what is asked for "
                    f"({' / '.join(analysis.asked[:4])})")
        naming = self._close(candidates, self.config.name_ratio)
        if self._lacks_name(analysis, naming):
            names = ", ".join(" ".join(n) for n in analysis.names)
            return f"no sentence close to the best names {names}"
        if self._asked_apart_from_name(analysis, naming, numbered):
            # "how many spacewalks did chris hadfield make?": his song names him, another
            # crew's spacewalks are counted; no sentence does both.
            return "no sentence close to the best names " + \
                ", ".join(" ".join(n) for n in (*analysis.names, *numbered)) + " and gives its " + \
                " / ".join(analysis.asked[:4])
        if numbered and not any(self._names_any(c, numbered) for c in naming):
            # "Why did Crew-10 come home?" found why Crew-11 did.
            return "no sentence close to the best names " + \
                ", ".join(" ".join(n) for n in numbered)
        return ""

    def _citation(self, n: int, hit: Hit, start: int, end: int, score: float) -> Citation:
        chunk = hit.chunk
        return Citation(n, chunk.doc_id, chunk.chunk_id, chunk.title, chunk.url, chunk.section,
                        snippet_around(self.index.documents[chunk.doc_id].body, chunk, start, end,
                                       self.config.snippet_chars),
                        start, end, round(score, 4))

    def related(self, hits: list[Hit]) -> tuple[RelatedPage, ...]:
        """Up to three pages among the hits, offered when the answerer abstains."""
        pages: dict[str, RelatedPage] = {}
        for hit in hits:
            dense = hit.scores.get("dense")
            if dense is None or dense < self.config.related_min or hit.chunk.doc_id in pages:
                continue
            doc = self.index.documents[hit.chunk.doc_id]
            if doc.kind == "page":
                pages[doc.doc_id] = RelatedPage(doc.doc_id, doc.title, doc.url, doc.section,
                                                round(dense, 4))
        return tuple(list(pages.values())[:3])

    @staticmethod
    def _trip_up_asked(analysis: QuestionAnalysis) -> bool:
        """Whether a "how long" question asks about the trip up to the station, not home."""
        return analysis.answer_type == "quantity" and bool(_TRIP_UP.search(analysis.rewritten)) \
            and not _TRIP_HOME.search(analysis.rewritten)

    def _faq_answer(self, doc_id: str, hits: list[Hit], similarity: float) -> Answer:
        doc = self.index.documents[doc_id]
        hit = next((h for h in hits if h.chunk.doc_id == doc_id), None)
        if hit is None:
            hit = Hit(self.index.chunks[self.index.faq_chunk_rows[doc_id]], similarity)
        start, end = doc.answer_start, len(doc.body.rstrip())
        citation = self._citation(1, hit, start, end, similarity)
        return Answer(f"{doc.body[start:end]} [1]", (citation,), False, similarity, "faq")

    def _lead(self, candidates: list[_Candidate], expected: bool) -> tuple[_Candidate, bool]:
        """The sentence to quote first, and whether none carries the kind of answer asked for."""
        best = candidates[0]
        if expected and not best.primary:
            # The most fitting kind first ("who is aboard": a person before an agency), then
            # any kind asked for; each must score close to the best sentence.
            floor = self.config.typed_ratio * best.score
            lead = next((c for c in candidates if c.primary), None)
            if lead is None or lead.score < floor:
                lead = next((c for c in candidates if c.typed), None)
            if lead is not None and lead.score >= floor:
                return lead, False
            return best, True
        return best, False

    def _earliest(self, candidates: list[_Candidate], terms: tuple[str, ...]
                  ) -> _Candidate | None:
        """The dated sentence with the earliest year among those that hold ``terms`` and score
        at least ``earliest_ratio`` of the best: how old a thing is counts from its first
        launch, not from a later one that scores a little higher."""
        wanted = {stem(t) for t in terms}
        at = earliest_dated(
            [c.score for c in candidates],
            [self._first_year[c.index] if c.typed and
             wanted <= {stem(t) for t in self._terms[c.index]} else 0 for c in candidates],
            self.config.earliest_ratio)
        return None if at is None else candidates[at]

    def _says_first(self, candidate: _Candidate, terms: tuple[str, ...]) -> bool:
        """Whether a sentence calls the thing of ``terms`` the first ("the first live
        tweet"; not "the first flight to reuse both a Crew Dragon capsule")."""
        return _mentions_stems([stem("first"), *(stem(t) for t in terms)],
                               self._stems[candidate.index], 2)

    def _latest(self, candidates: list[_Candidate], best: _Candidate) -> _Candidate:
        """Of the dated sentences of the lead's document that score at least
        ``earliest_ratio`` of the best, the one with the newest year: "the latest date the
        station had to dodge debris" is the newest burn of a list, not the best-worded."""
        floor = self.config.earliest_ratio * candidates[0].score
        dated = [c for c in candidates if c.typed and c.score >= floor and self._years[c.index]
                 and c.sentence.doc_id == best.sentence.doc_id]
        return max(dated, key=lambda c: (max(self._years[c.index]), c.score), default=best)

    def _bare_reply(self, candidate: _Candidate) -> bool:
        """Whether a sentence is a short yes or no of an FAQ's answer, with no detail of its
        own ("Yes, debris has struck the International Space Station.")."""
        return bool(self._reply[candidate.index]) and \
            len(self.index.sentence_text(candidate.index).split()) <= _BARE_REPLY_WORDS

    def _select(self, candidates: list[_Candidate], expected: bool,
                earliest: tuple[str, ...] = (), pinned: bool = False, latest: bool = False
                ) -> tuple[list[_Candidate], bool]:
        """The sentences to quote, and whether the answer is only partial; with ``pinned``
        (the question names a numbered mission), a sentence about it leads even without the
        kind of answer asked for, as a partial answer."""
        cfg = self.config
        best, partial = self._lead(candidates, expected)
        first = self._earliest(candidates, earliest) if earliest else None
        if first is not None and not (best.primary and self._says_first(best, earliest)):
            # (A lead that itself says "first" of the thing stands: "Creamer sent the first
            # live tweet from space" over tweets emailed down a year before.)
            best, partial = first, False
        elif latest and not partial:
            best = self._latest(candidates, best)
        about = [c for c in candidates if c.about]
        if not best.about and about and \
                about[0].score >= cfg.subject_ratio * candidates[0].score:
            # A follow-up's borrowed subject ("the first crew") must be what the lead is about,
            # not another crew's homecoming, when such a sentence scores close to the best;
            # but not at the price of the kind of answer asked for.
            lead, lead_partial = self._lead(about, expected)
            # "Why did Crew-10 come home?" is not answered by why Crew-11 did; what the pages
            # say of Crew-10 is the closest they come.
            if partial or not lead_partial or pinned:
                best, partial = lead, lead_partial
                # What follows is about the subject too, or goes on where the lead stands.
                candidates = [c for c in candidates
                              if c.about or c.sentence.doc_id == best.sentence.doc_id]
        chosen = [best]
        ordered = candidates
        if best is not candidates[0]:
            # The lead was chosen for its kind over better-scoring sentences that lack it; the
            # sentence right after the lead, which often carries its detail, is weighed first.
            ordered = sorted(candidates, key=lambda c: not (
                c.index == best.index + 1 and c.sentence.doc_id == best.sentence.doc_id))
        for candidate in ordered:
            if len(chosen) >= cfg.max_sentences:
                break
            if candidate is best:
                continue
            # The sentence right after a chosen one often carries the detail ("Astronauts
            # have run marathons." -> "Tim Peake ran ..."), so it needs a lower score.
            is_next = any(c.index + 1 == candidate.index and
                          c.sentence.doc_id == candidate.sentence.doc_id for c in chosen)
            ratio = cfg.next_sentence_ratio if is_next else cfg.extra_sentence_ratio
            if is_next and candidate.index == best.index + 1 and self._bare_reply(best):
                ratio = 0.0  # "Yes, debris has struck the station." needs the next: which
            if candidate.score < ratio * best.score:
                continue
            vector = self.index.sentence_vectors[candidate.index]
            # Close in meaning is a repeat, unless it gives a figure the others do not
            # ("... holds the record" then "... about 1,111 days").
            said_numbers = frozenset().union(*(self._numbers[c.index] for c in chosen))
            if not self._numbers[candidate.index] - said_numbers and any(
                    float(vector @ self.index.sentence_vectors[c.index]) >= cfg.redundancy
                    for c in chosen):
                continue
            # A sentence that says what is already said in other words adds nothing: most of
            # its terms must be new ("eight solar array wings" twice is not two facts).
            terms = self._terms[candidate.index]
            said = frozenset().union(*(self._terms[c.index] for c in chosen))
            if terms and len(terms - said) / len(terms) < cfg.min_novelty:
                continue
            chosen.append(candidate)
        return chosen, partial

    def draft(self, query: Query, hits: list[Hit], analysis: QuestionAnalysis,
              original: Query | None = None) -> Draft:
        """An answer and its evidence, before abstention is decided."""
        cfg = self.config
        similarity = self.phrasing_similarity(query.vector)
        faq_id, faq_similarity = self.faq_scores(similarity, query.text)
        if original is not None and original.text != query.text and \
                faq_similarity < cfg.faq_match:
            # also_asked phrasings are often written to the crew ("do you ..."), so the words
            # the visitor used may match where the rewritten question does not; embedding
            # them costs a model call, so only when the rewritten question found no FAQ.
            found = self.faq_scores(self.phrasing_similarity(original.vector), original.text)
            if found[1] > faq_similarity:
                faq_id, faq_similarity = found
        candidates, missing_focus = self._candidates(query, hits, analysis, similarity,
                                                     (faq_id, faq_similarity))
        top_dense = max((h.scores.get("dense", 0.0) for h in hits), default=0.0)
        in_bm25 = bool(hits) and "bm25" in hits[0].ranks
        best = candidates[0] if candidates else None
        evidence = Evidence(
            faq_similarity=faq_similarity, top_dense=top_dense, bm25_agrees=in_bm25,
            semantic=best.semantic if best else 0.0, lexical=best.lexical if best else 0.0,
            typed=bool(best and best.typed), expects_type=bool(analysis.expected_tags),
            unknown_share=self.unknown_share(analysis),
            missing_focus=missing_focus, faq=False, partial=False)
        if unknown := self.unnamed(analysis):
            # Checked before the FAQ match: "Who's on the Soyuz MS-29 crew?" phrased like an
            # FAQ about MS-28 is still about a crew the pages never name.
            return Draft(self._abstention(hits), evidence, f"no page names {' '.join(unknown[0])}")
        if asks_live_position(analysis):
            return Draft(self._abstention(hits), evidence,
                         "the pages hold no live position of the station")
        if asks_about_home(analysis):
            return Draft(self._abstention(hits), evidence,
                         "the question is about life on the ground, not the station")
        if asks_live_news(analysis):
            return Draft(self._abstention(hits), evidence,
                         "the pages do not follow the station's news day by day")
        numbered = self._pinned(analysis)
        if faq_id is not None and faq_similarity >= cfg.faq_match and (
                not numbered or any(self._names_whole(row, name) for name in numbered
                                    for row in self._answer_rows[faq_id])) and \
                not (self._trip_up_asked(analysis) and
                     self._homeward[self._answer_rows[faq_id][0]]):
            # An FAQ about Cygnus NG-22 is no answer about NG-21, however alike the wording.
            evidence = replace(evidence, faq=True)
            return Draft(self._faq_answer(faq_id, hits, faq_similarity), evidence)
        if missing := self._missing(analysis, candidates, numbered):
            return Draft(self._abstention(hits), evidence, missing)
        if analysis.asked and analysis.expected_tags and (wanted := self._wanted(analysis)):
            # The most fitting lead holds the thing asked for too ("how far did the station get
            # pushed" wants "540 degrees", not when the thrusters fired), and names what the
            # question names (Columbus's rack slots do not answer for Destiny's).
            names = self._known_names(analysis.names)
            # A quantity is stated by a number with its unit or noun ("235 days"), not by
            # the word alone ("went home the next day").
            states = self._counts if analysis.answer_type == "quantity" else self._states
            for candidate in candidates:
                candidate.primary = candidate.primary and \
                    states(candidate.index, wanted) and \
                    (not names or self._states_a_name(candidate.index, names)) and \
                    (not numbered or self._names_any(candidate, numbered))
        elif analysis.expected_tags and (names := self._known_names(analysis.names)):
            # "who were the two astronauts flying Boeing's Starliner?": of the sentences that
            # hold a person, one naming Starliner leads, not Demo-2's crew, if one does.
            naming = {c.index for c in candidates
                      if c.primary and self._states_a_name(c.index, names)}
            if naming:
                for candidate in candidates:
                    candidate.primary = candidate.primary and candidate.index in naming
        if analysis.answer_type == "person" and (asked_about := person_names(
                analysis.rewritten)):
            # "who went with him (Scott Kelly)?" is answered by a sentence naming someone
            # else too (Mikhail Kornienko), not by Scott Kelly's record alone.
            known = {w.lower() for name in asked_about for w in name.split()}
            for candidate in candidates:
                candidate.primary = candidate.primary and any(
                    not {w.lower() for w in name.split()} & known
                    for name in person_names(self.index.sentence_text(candidate.index)))
        pinned = bool(numbered) and not analysis.subject
        if pinned:
            # The mission the question names leads, as a follow-up's subject does ("what
            # happened to Cygnus NG-21?" is not answered by NG-22's accident).
            for candidate in candidates:
                candidate.about = self._names_any(candidate, numbered)
        elif not analysis.subject and not analysis.expected_tags and not analysis.asked and \
                (names := self._known_names(analysis.names)):
            # "Is it true the Boeing Starliner astronauts were stuck for nine months?": a
            # sentence naming Starliner leads, not a stuck hatch that replies "Yes" as well.
            # (A question asking for a kind of answer leads with that kind: "how thick is the
            # window glass in the Cupola?" wants the thickness, whatever names the Cupola.)
            for candidate in candidates:
                candidate.about = self._states_a_name(candidate.index, names)
        elif not analysis.subject and (defining := _definition_of(analysis)):
            # "What is a spacewalk?": the sentence that says what spacewalks are leads, not
            # the count of spacewalks made from Quest that matches the word as well.
            for candidate in candidates:
                candidate.about = bool(defining.match(self.index.sentence_text(candidate.index)))
        elif analysis.asked and not analysis.expected_tags and \
                (wanted := self._wanted(analysis)):
            # "What kind of metal is the truss made of?": the sentence naming one ("aluminium
            # and stainless steel") leads, not "the long metal backbone" that scores higher.
            for candidate in candidates:
                candidate.about = self._states(candidate.index, wanted)
        chosen, partial = self._select(candidates, bool(analysis.expected_tags),
                                       analysis.earliest,
                                       pinned=pinned, latest=asks_latest(analysis))
        if (stood := self._record_as_it_stood(analysis, candidates)) is not None:
            # The record only as it stood then: the closest the pages come, said so.
            chosen, partial = [stood, *(c for c in chosen if c is not stood)], True
        evidence = replace(evidence, semantic=chosen[0].semantic, lexical=chosen[0].lexical,
                           typed=chosen[0].typed, partial=partial)
        # The lead carries the expected answer, so it stays first; the rest read in document
        # order, best document first.
        first_seen = {c.sentence.doc_id: i for i, c in reversed(list(enumerate(chosen)))}
        chosen = [chosen[0], *sorted(chosen[1:], key=lambda c: (first_seen[c.sentence.doc_id],
                                                               c.sentence.char_start))]
        parts, citations = [PARTIAL_PREFIX] if partial else [], []
        for n, candidate in enumerate(chosen, start=1):
            s = candidate.sentence
            text, start = self.index.sentence_text(candidate.index), s.char_start
            if analysis.answer_type != "yesno" and (reply := _YES_OR_NO.match(text)) and \
                    text[reply.end():reply.end() + 1].isupper():
                # "best app to track the iss": "NASA launched its Spot the Station app ...",
                # without the "Yes," that answered its FAQ's own yes/no question.
                text, start = text[reply.end():], start + reply.end()
            parts.append(f"{text} [{n}]")
            citations.append(self._citation(n, candidate.hit, start, s.char_end,
                                            candidate.score))
        answer = Answer(" ".join(parts), tuple(citations), False, 0.0, "extractive",
                        partial=partial)
        return Draft(answer, evidence)

    def answer(self, query: Query, hits: list[Hit],
               analysis: QuestionAnalysis | None = None, original: Query | None = None) -> Answer:
        """Answer from a matching FAQ, else from the best sentences, else abstain."""
        analysis = analysis or analyse_question(query.text, split=False)
        draft = self.draft(query, hits, analysis, original)
        return self.decide(draft, hits)

    def decide(self, draft: Draft, hits: list[Hit], *, abstain: bool = True) -> Answer:
        """Apply the calibrated model: abstain when the question looks out of scope (unless
        ``abstain`` is off, as when the model itself is being fitted)."""
        if draft.answer.abstained:
            # A rule found that the pages do not state what was asked: no answer could hold
            # it, however well the retrieved sentences matched the question's words.
            return draft.answer
        in_scope, correct = self.calibration.predict(draft.evidence)
        if abstain and in_scope < self.calibration.abstain_below:
            return self._abstention(hits, round(correct, 4))
        return replace(draft.answer, confidence=round(correct, 4))

    def _abstention(self, hits: list[Hit], confidence: float = 0.0) -> Answer:
        """The abstention message, with up to three related pages among ``hits``."""
        return Answer(ABSTAIN_MESSAGE, (), True, confidence, "abstain", self.related(hits))
