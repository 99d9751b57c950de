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

from .text import SERIES

__all__ = ["TAGS", "looks_like_person", "person_names", "tag_sentence"]

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
# Numbers that are part of a name: STS-88, Crew-11, MS-22, Canadarm2, Expedition 74, Node 2.
# A series word counts capitalised ("Site 31", not "a site 31 km away").
_SERIAL = re.compile(
    r"\b[A-Za-z]+[-‑–]?\d+[A-Za-z\d]*\b"
    rf"|\b(?=[A-Z])(?i:{SERIES})\s+\d+"
    r"(?:\s*(?:and|to|-|–)\s*\d+)?\b")
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
    mir starliner chaser canadarm luch kounotori new san white cape phase inspector saudi
""".split()) | frozenset("""
    system systems vehicle vehicles lab laboratory facility base agreement act law treaty
    assembly assemblies mechanism manipulator adapter adapters array truss airlock compartment
    section structure platform unit carrier transporter satellite satellites spectrometer
    ergometer experiment study sciences institute foundation industry aerospace school
    conference summary syndrome problems operations planners officer manager general union
    republic world olympics marathon trophy challenge records radio times today time one two
    test tech site sands mexico diego reef earth-facing modules velocity maneuver exercise
""".split())
# A name does not end in "'s" of its own: "Boeing's Starliner" is a company's vehicle.
_POSSESSIVE = re.compile(r"['’]s$")
_CAPITALISED = re.compile(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zà-ÿ'’-]+)+)")
# A title then a capitalised word: "NASA astronaut Sunita Williams". Only the title ignores case;
# "astronauts on" or "a flight director declared" name nobody.
_PERSON_TITLE = re.compile(
    r"\b(?i:astronaut|cosmonaut|commander|engineer|pilot|tourist|doctor|dr\.?|president|"
    r"administrator|director|flight surgeon|specialist|participant|crewmate|crew member)"
    r"(?i:s)?\s+([A-Z][a-zà-ÿ'’-]+)")
# A role answers "who" as well as a name does: "the ISS commander decides how the crew responds".
_PERSON_ROLE = re.compile(
    r"\b(?:the|a|an|each|every|its|their)\s+(?:(?:station|ISS|expedition|NASA|ESA|Russian)\s+)?"
    r"(?:commander|flight director|flight surgeon|flight engineer|crew medical officer|capcom|"
    r"mission specialist)s?\b", re.I)
_ORGANISATION = re.compile(
    r"\b(?:NASA|ESA|JAXA|CSA|Roscosmos|SpaceX|Boeing|Axiom|Northrop Grumman|Orbital ATK|"
    r"Orbital Sciences|Sierra Space|Energia|Khrunichev|Thales Alenia|Alenia|Airbus|Astrium|"
    r"EADS|MDA|Mitsubishi|Lockheed Martin|Bigelow|Voyager|Starlab|Vast|Space Adventures|"
    r"Procter & Gamble|Collins|ILC Dover|[A-Z][a-z]+ (?:Agency|Corporation|Company|Inc\.?|"
    r"University|Institute|Centre|Center))\b")
# An organisation named only as the source of a figure is no answer to "which company built
# it": "NASA gives the spin rate as 6,600 rpm", "according to NASA's Inspector General".
_ATTRIBUTION = re.compile(
    r"\b(?:according to|as reported by|figures? from|(?:a|an|the)\s+(?:\d{4}\s+)?"
    r"(?:report|study|estimate|count|tally|paper|review)\s+(?:by|from))\s+"
    r"(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*"
    r"|\b[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*(?:['’]s\s+(?:[A-Z][\w'’-]*\s+)*)?"
    r"\s+(?:says|said|gives|gave|lists|listed|reports|reported|estimates|estimated|puts|put|"
    r"counts|counted|states|stated|notes|noted|describes|described|quotes|quoted|cites|cited)\b"
    r"|\b[A-Z][\w&.'’-]*['’]s\s+(?:(?:\d{4}|own|official|latest|later|earlier)\s+)?"
    r"(?:figures?|count|tally|estimates?|numbers|data|pages?|site|website|facts page|"
    r"fact sheet|training pages|Inspector General|timeline)\b")
_PLACE = re.compile(
    r"\b(?:in|at|from|near|inside|into|to|on|over|above|under|beside|outside)\s+(?:the\s+)?"
    # "on March 15" and "in January 2026" are dates, not places.
    rf"(?:(?!(?i:{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    # A company or an agency after "from" is who, not where ("ordered from SpaceX").
    r"expedition|mission|flight)\b|(?:SpaceX|Boeing|Roscosmos|Axiom|Northrop|Orbital|Sierra|"
    r"Energia|Khrunichev|Thales|Airbus|Nanoracks|Bigelow|Lockheed|Mitsubishi)\b)[A-Z][a-z]+"
    r"|[a-z]+\s+(?:module|node|segment|quarters|lab|laboratory|airlock|port|galley|wall|cabin|"
    r"window|compartment|floor|ceiling|orbit|pool))"
    r"|\b(?:Houston|Moscow|Baikonur|Kazakhstan|Florida|Texas|Russia|Japan|Germany|Canada|"
    r"Tsukuba|Munich|Cologne|Korolev|Huntsville|Cape Canaveral|Star City|Pacific|Atlantic|"
    r"Kennedy Space Center|Johnson Space Center|Plesetsk|Tanegashima|Wallops|Vandenberg|"
    r"Kourou)\b"
)
_REASON = re.compile(
    # "since" tells a time as often as a cause: "since the shuttle era", "since then".
    r"\b(?:because|since(?!\s+(?:\d|the\s+\d|early|late|then|launch|(?:its|their|the)\s+"
    r"(?:first|last|shuttle|space\s+shuttle|expedition|war|removal|start|launch|end|"
    r"beginning|arrival|docking|early|late|mid)\b|(?:" + _MONTHS + r")))|so that|"
    r"so as to|in order to|due to|owing to|thanks to|as a result|the reason|reasons?|cause[sd]?|"
    r"caused by|which means|meaning that|otherwise|following|to (?:avoid|prevent|keep|stop|"
    r"protect|reduce|save|give|allow|help|counter|limit|check|test|study|learn)|"
    r"prevents?|protects?|for safety|leaks?|problems? with|failures?|faults?"
    # A purpose answers "what is it used for": "Zarya has been used mainly for storage".
    r"|used\s+(?:(?:mainly|mostly|largely|chiefly|primarily|only)\s+)?(?:for|as)|serves?\s+as"
    # Why a thing has its name: "nicknamed COLBERT after the comedian Stephen Colbert".
    r"|(?:named|nicknamed|called)\s+(?:[\w'’\"-]+\s+){0,4}?(?:after|in honou?r of)"
    r"|uses?\s+(?:[\w'’-]+\s+){1,3}to\s+(?!the\b|an?\b)[a-z]+)\b",
    re.I,
)


def tag_sentence(text: str) -> tuple[str, ...]:
    """The kinds of answer ``text`` contains, in ``TAGS`` order."""
    found = set()
    if _DATE.search(text) or _YEAR.search(text):
        found.add("date")
    if _TIME.search(text):
        found.add("time")
    # The day of a date and the number in a name are no quantity: "Crew-11 left on June 6,
    # 2024" answers "when", not "how long".
    if _QUANTITY.search(_SERIAL.sub("", _YEAR.sub("", _DATE.sub("", text)))):
        found.add("quantity")
    if _PERSON_ROLE.search(text) or any(_name_word(m.group(1)) for m in
                                        _PERSON_TITLE.finditer(text)) or any(
            looks_like_person(m.group(1)) for m in _CAPITALISED.finditer(text)):
        found.add("person")
    if _ORGANISATION.search(_ATTRIBUTION.sub(" ", text)):
        found.add("organisation")
    if _PLACE.search(text):
        found.add("place")
    if _REASON.search(text):
        found.add("reason")
    return tuple(t for t in TAGS if t in found)


def _name_word(word: str) -> bool:
    """Whether a capitalised word after a title can be a name ("Williams", not "Expedition")."""
    return _POSSESSIVE.sub("", word.strip(".'’-")).strip(".'’-").lower() not in _NOT_PERSON


def person_names(text: str) -> list[str]:
    """The personal names in ``text``, in order ("Frank Rubio holds ..." -> ["Frank Rubio"];
    "Christina Koch's 328-day flight" -> ["Christina Koch"])."""
    return [_POSSESSIVE.sub("", m.group(1)) for m in _CAPITALISED.finditer(text)
            if looks_like_person(m.group(1))]


# A run of capitalised words and numbers: "Zarya", "Robonaut 2", "Soyuz MS-09", "SAFER".
_THING = re.compile(r"(?<![\w-])([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|\d+[\w-]*))*)")
# What follows a sentence's first word when that word is its subject's name: "Zarya was ...",
# not "Spacewalkers at ..." (a capitalised common word).
_SUBJECT_VERB = re.compile(r"\s*(?:,|\((?:[^)]*)\)\s*)?\s*(?:is|was|are|were|has|had|became|"
                           r"remains|holds|held|flew|made|carried|brought|took|went|[a-z]+ed)\b"
                           # "Kibo, whose name means "Hope", is ...": a clause about the name.
                           r"|\s*,\s*(?:whose|which|who)\b"
                           # "Nauka and Prichal are the two newest ...": two names.
                           r"|\s+and\s+[A-Z][\w'’-]*\s+(?:are|were|have|had)\b")
# Words of the station, its partners and whole peoples, which name no one thing asked about.
_GENERIC_NAME_WORDS = frozenset("""
    the a an international space station iss nasa esa jaxa csa roscosmos us usa russian
    american european japanese canadian earth between in on at since as of by japan russia
    europe canada america italy boeing spacex
""".split())


# A word written as only a name is: with a digit or a capital inside ("Canadarm2", "SpaceX").
_WRITTEN_AS_NAME = re.compile(r"\d|\w[A-Z]")
# A short form given in parentheses right after a name: " (ATV)", " (ERA)".
_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Za-z0-9-]{1,9})\)")


def named_things(text: str) -> list[str]:
    """The names of things anywhere in ``text``, in order (``thing_names`` over every word)."""
    return thing_names(text, within=len(text.split()))


def thing_names(text: str, within: int = 4) -> list[str]:
    """The names of things that start among the first ``within`` words of ``text`` (where a
    sentence names what it is about), in order, without the station's, its partners' and
    their owners' words ("Japan's Kibo is the largest ..." -> ["Kibo"]; "Zarya was the first
    piece of the International Space Station" -> ["Zarya"]); no personal names."""
    names = []
    for match in _THING.finditer(text):
        if len(text[:match.start()].split()) >= within:
            break
        words = match.group(1).split()
        while words and _POSSESSIVE.sub("", words[0].lower().strip("'’")) in _GENERIC_NAME_WORDS:
            words.pop(0)
        kept = []
        for word in words:  # "Kibo's Pressurized Module" names Kibo
            kept.append(_POSSESSIVE.sub("", word))
            if kept[-1] != word:
                break
        while kept and kept[-1].lower() in _GENERIC_NAME_WORDS:
            kept.pop()
        name = " ".join(kept)
        if not name or not kept[0][:1].isupper() or kept[0].lower() in _MONTHS.split("|") or (
                looks_like_person(name) and not any(c.isdigit() for c in name)):
            continue
        if match.start() == 0 and kept == match.group(1).split() and (
                not _SUBJECT_VERB.match(text, match.end())
                or (name.endswith("s") and not name.endswith(("us", "ss", "is")))) and \
                not _WRITTEN_AS_NAME.search(name):
            # a sentence's first word, capitalised as every first word is ("Canadarm2, also
            # called ..." is a name all the same: no word is written so)
            continue
        if short := _SHORT_FORM.match(text, match.end()):
            # "The Automated Transfer Vehicle (ATV) was ...": the pages go on to use "ATV".
            name = short.group(1)
        names.append(name)
    return names


def looks_like_person(phrase: str) -> bool:
    """Whether a run of capitalised words looks like a personal name ("Sunita Williams", not
    "SpaceX Dragon")."""
    words = [_POSSESSIVE.sub("", w.strip(".'’-")).strip(".'’-").lower() for w in phrase.split()]
    return len(words) >= 2 and not any(w in _NOT_PERSON for w in words)
