"""What kind of answer a sentence can give: dates, quantities, names, places, reasons.

Each corpus sentence is tagged once, at build time, so that answering a question only classifies
the question and looks the tags up. The rules are small regular expressions over English text,
tuned on the shipped corpus; a tag says "this sentence contains something of this kind", not
what it is. A rule set was preferred to a statistical tagger: a spaCy pipeline costs about as much
per question as the whole answer budget (see docs/answering.md), and the corpus sentences are
written to name their subject and state the fact plainly.
"""

from __future__ import annotations

import re

__all__ = ["TAGS", "tag_sentence"]

# Tags are stored in the index, and a build of an unchanged corpus is reused: a change to these
# rules must bump FORMAT_VERSION in index/store.py, or old tags keep being served.
TAGS = ("date", "time", "quantity", "person", "organisation", "place", "reason")

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 15, 2007
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}"                             # 15 March 2007
    rf"|(?:{_MONTHS})\s+\d{{4}}"                                         # March 2007
    r"|(?:in|since|until|by|from|of|during|after|before|around|early|late|mid-?)\s+(?:the\s+)?"
    r"(?:19[5-9]\d|20[0-4]\d)s?"                                          # in 1998, the 1990s
    r"|(?:19[5-9]\d|20[0-4]\d)\s*(?:-|–|to)\s*(?:19[5-9]\d|20[0-4]\d|\d\d)"  # 2015-2016
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_TIME = re.compile(
    r"\b(?:\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc)?|\d{1,2}\s*(?:a\.m\.|p\.m\.|am|pm)"
    r"|gmt|utc|coordinated universal time|greenwich mean time|time zone|zulu"
    r"|morning|evening|night|midday|noon|midnight|o'clock)\b",
    re.I,
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|"
    "half|quarter|third|twice|once|single|double|several|a few|a couple"
)
_QUANTITY = re.compile(
    rf"(?:\d|\b(?:{_NUMBER_WORDS})\b|\b(?:percent|per cent)\b)",
    re.I,
)
# Words that start capitalised phrases which are not names of people.
_NOT_PERSON = frozenset("""
    the a an in on at of for and or but to from with by as after before during when while if
    international space station expedition module node crew dragon soyuz progress shuttle mission
    national laboratory center centre control agency european japanese russian american canadian
    united states kennedy johnson marshall gagarin star city baikonur earth moon mars sun spacex
    nasa esa jaxa csa roscosmos boeing axiom northrop grumman falcon atlas cygnus kibo columbus
    destiny unity harmony tranquility zarya zvezda nauka rassvet poisk pirs quest leonardo cupola
    canadarm2 dextre sts iss us gmt utc north south east west pacific atlantic ocean day night
""".split())
_CAPITALISED = re.compile(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zà-ÿ'’-]+)+)")
_PERSON_TITLE = re.compile(
    r"\b(?:astronaut|cosmonaut|commander|engineer|pilot|tourist|doctor|dr\.?|president|"
    r"administrator|director|flight surgeon|specialist|participant|crewmate|crew member)s?\s+"
    r"[A-Z][a-z]+", re.I)
_ORGANISATION = re.compile(
    r"\b(?:NASA|ESA|JAXA|CSA|Roscosmos|SpaceX|Boeing|Axiom|Northrop Grumman|Orbital ATK|"
    r"Orbital Sciences|Sierra Space|Energia|Khrunichev|Thales Alenia|Alenia|Airbus|Astrium|"
    r"EADS|MDA|Mitsubishi|Lockheed Martin|Bigelow|Voyager|Starlab|Vast|Space Adventures|"
    r"Procter & Gamble|Collins|ILC Dover|[A-Z][a-z]+ (?:Agency|Corporation|Company|Inc\.?|"
    r"University|Institute|Centre|Center))\b")
_PLACE = re.compile(
    r"\b(?:in|at|from|near|inside|into|to|on|over|above|under|beside|outside)\s+(?:the\s+)?"
    r"(?:[A-Z][a-z]+|[a-z]+\s+(?:module|node|segment|quarters|lab|laboratory|airlock|port|"
    r"galley|wall|cabin|window|compartment|floor|ceiling|orbit|pool))"
    r"|\b(?:Houston|Moscow|Baikonur|Kazakhstan|Florida|Texas|Russia|Japan|Germany|Canada|"
    r"Tsukuba|Munich|Cologne|Korolev|Huntsville|Cape Canaveral|Star City|Pacific|Atlantic|"
    r"Kennedy Space Center|Johnson Space Center|Plesetsk|Tanegashima|Wallops|Vandenberg|"
    r"Kourou)\b"
)
_REASON = re.compile(
    r"\b(?:because|since(?!\s+(?:\d|the\s+\d|early|late|(?:" + _MONTHS + r")))|so that|"
    r"so as to|in order to|due to|owing to|thanks to|as a result|the reason|reasons?|cause[sd]?|"
    r"caused by|which means|meaning that|otherwise|following|to (?:avoid|prevent|keep|stop|"
    r"protect|reduce|save|give|allow|help|counter|limit|check|test|study|learn)|"
    r"prevents?|protects?|for safety|leaks?|problems? with|failures?|faults?)\b",
    re.I,
)


def tag_sentence(text: str) -> tuple[str, ...]:
    """The kinds of answer ``text`` contains, in ``TAGS`` order."""
    found = set()
    if _DATE.search(text) or _YEAR.search(text):
        found.add("date")
    if _TIME.search(text):
        found.add("time")
    if _QUANTITY.search(_YEAR.sub("", text)):
        found.add("quantity")
    if _PERSON_TITLE.search(text) or any(_is_person(m.group(1)) for m in
                                         _CAPITALISED.finditer(text)):
        found.add("person")
    if _ORGANISATION.search(text):
        found.add("organisation")
    if _PLACE.search(text):
        found.add("place")
    if _REASON.search(text):
        found.add("reason")
    return tuple(t for t in TAGS if t in found)


def _is_person(phrase: str) -> bool:
    """A run of capitalised words that looks like a personal name ("Sunita Williams")."""
    words = [w.strip(".'’-").lower() for w in phrase.split()]
    return len(words) >= 2 and not any(w in _NOT_PERSON for w in words)
