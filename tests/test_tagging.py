"""Sentence tags: which kinds of answer a corpus sentence holds."""

import pytest

from issqa.tagging import TAGS, person_names, tag_sentence, thing_names


@pytest.mark.parametrize(("sentence", "tag"), [
    ("Zarya was launched on November 20, 1998.", "date"),
    ("The crew returned in March 2001.", "date"),
    ("The station keeps Greenwich Mean Time (GMT), also called UTC.", "time"),
    ("Crews wake at about 06:00 GMT.", "time"),
    ("The station travels at about 28,000 km/h.", "quantity"),
    ("Seven people live aboard.", "quantity"),
    ("The pressurised volume is about 90 percent of a Boeing 747's.", "quantity"),
    ("NASA astronaut Sunita Williams commanded Expedition 33.", "person"),
    ("Columbus was built by EADS Astrium in Bremen.", "organisation"),
    ("Zarya was built by Khrunichev, and NASA paid for it.", "organisation"),
    ("Astronauts sleep in crew quarters in the Harmony module.", "place"),
    ("Tortillas replaced bread because crumbs float into equipment.", "reason"),
    ("Salt comes as a liquid so that grains cannot drift into vents.", "reason"),
    ("Starliner returned empty after helium leaks and thruster failures.", "reason"),
    ("In its later years, Zarya has been used mainly for storage.", "reason"),  # a purpose
    ("T2 is nicknamed COLBERT after the comedian Stephen Colbert.", "reason"),  # why a name
    ("In a fire, the ISS commander decides how the crew responds.", "person"),  # a role
    ("NASA flight director Zebulon Scoville declared an emergency.", "person"),
])
def test_sentence_holds_the_kind_of_answer(sentence, tag):
    assert tag in tag_sentence(sentence)


@pytest.mark.parametrize(("sentence", "tag"), [
    ("Astronauts exercise to keep their bones strong.", "date"),
    ("The International Space Station is a laboratory.", "person"),
    ("Since 2000 the station has been occupied.", "reason"),  # temporal "since"
    ("Cygnus made the first US reboost since the shuttle era.", "reason"),
    ("The module was named Harmony in 2007.", "reason"),  # a name given, no reason for it
    ("Crew Dragon docks to Harmony.", "quantity"),
    ("Astronauts on the station exercise every day.", "person"),  # a title needs a name
    ("Boeing's Starliner docked to Harmony.", "person"),  # a company's vehicle
    ("Dream Chaser will carry cargo to the station.", "person"),
    ("Zarya was launched on November 20, 1998.", "place"),  # a date, not a place
    ("NASA then ordered the US Deorbit Vehicle from SpaceX.", "place"),  # a company
    ("Crew-11 splashed down on January 15, 2026.", "quantity"),  # a name and a date
    ("Expedition 74 began in December 2025.", "quantity"),
    # An organisation quoted as a figure's source does not answer "which company".
    ("NASA gives the gyroscopes' spin rate as 6,600 rpm.", "organisation"),
    ("According to NASA's Inspector General, the US spent $75 billion.", "organisation"),
    ("SpaceX says Dragon can carry seven people.", "organisation"),
])
def test_sentence_without_that_kind_of_answer(sentence, tag):
    assert tag not in tag_sentence(sentence)


def test_tags_come_in_a_fixed_order():
    tags = tag_sentence("On July 4, 2001, 3 astronauts met in Houston because NASA asked.")
    assert list(tags) == [t for t in TAGS if t in tags]


@pytest.mark.parametrize(("text", "names"), [
    ("Zarya was the first piece of the International Space Station in orbit.", ["Zarya"]),
    ("Robonaut 2 was the first humanoid robot to fly in space.", ["Robonaut 2"]),
    ("NASA lists Kibo's Pressurized Module as 11.2 m long.", ["Kibo"]),
    ("Nauka's thrusters fired by mistake on July 29, 2021.", ["Nauka"]),
    # A short form in parentheses is what the pages go on to use.
    ("The Automated Transfer Vehicle (ATV) was Europe's cargo ship.", ["ATV"]),
    # A clause about the name after the first word: "Kibo, whose name means ...".
    ('Kibo, whose name means "Hope", is the Japanese Experiment Module.', ["Kibo"]),
    # A capitalised first word, a person, a date, a piece of a compound: no thing named.
    ("Spacewalkers at the International Space Station are never left untethered.", []),
    ("Frank Rubio holds the American record.", []),
    ("Between 2019 and 2026, calls used voice-over-IP software.", []),
])
def test_the_things_a_sentence_names(text, names):
    assert thing_names(text) == names


def test_a_persons_name_is_read_without_the_possessive():
    assert person_names("Christina Koch's 328-day flight ended in 2020.") == ["Christina Koch"]


def test_a_first_word_written_as_only_a_name_is_is_a_name():
    # "Canadarm2, also called ...": a digit or an inner capital makes it a name even first.
    assert thing_names("Canadarm2, also called the Space Station Remote Manipulator System, "
                       "is the station's large robotic arm.")[0] == "Canadarm2"
    assert thing_names("Crews say the view is best at night.") == []
