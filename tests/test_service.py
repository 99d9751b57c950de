"""Engine composition: injected parts are the ones used, and bad parts are refused up front."""

from dataclasses import replace

import pytest

from issqa.answering import AnswerConfig, ExtractiveAnswerer
from issqa.service import Answerers, Engine, _new_name, build, people_named
from issqa.tagging import person_names
from issqa.types import Answer

from tests.fakes import HashEmbedder


class MarkingAnswerer(ExtractiveAnswerer):
    """The extractive answerer, marking its answers so a test can tell where they came from."""

    def decide(self, draft, hits, *, abstain=True):
        answer = super().decide(draft, hits, abstain=abstain)
        return replace(answer, text=f"[marked] {answer.text}")


class ReplacingGenerator:
    """Stands in for the language model's answerer: replaces every answer it is given."""

    def answer(self, question, hits, fallback):
        return replace(fallback, text=f"generated for {question}", strategy="generative")


class UnloadableEmbedder(HashEmbedder):
    """An embedder whose model would load the moment its dimension is read."""

    @property
    def dimension(self) -> int:
        raise AssertionError("the model was loaded while the engine was only being built")


def test_an_injected_answerer_factory_answers_each_build_loaded(hash_settings):
    embedder = HashEmbedder()
    first = build(hash_settings, embedder=embedder).version
    made = []

    def answerers(index):
        made.append(index.version)
        return Answerers(MarkingAnswerer(index, AnswerConfig.from_settings(hash_settings)))

    engine = Engine(hash_settings, embedder=embedder, answerers=answerers)
    assert made == [] and not engine.ready  # nothing is loaded before load()
    assert engine.load().load() is engine and made == [first]  # a second load does nothing
    assert engine.ask("When was Zarya launched?").answer.text.startswith("[marked] ")
    page = hash_settings.corpus_dir / "pages" / "modules" / "zarya.md"
    page.write_text(page.read_text() + "\nZarya was also the name of a training mock-up.\n")
    second = build(hash_settings, embedder=embedder).version
    assert engine.reload() == (first, second) and made == [first, second]


def test_an_injected_generator_replaces_the_extractive_answer(hash_settings):
    embedder = HashEmbedder()
    build(hash_settings, embedder=embedder)
    config = AnswerConfig.from_settings(hash_settings)
    engine = Engine(hash_settings, embedder=embedder, answerers=lambda index: Answerers(
        ExtractiveAnswerer(index, config), ReplacingGenerator()))
    # abstain=False: the fake embedder's evidence is too weak for the calibrated decision.
    answer = engine.ask("When was Zarya launched?", abstain=False).answer
    assert (answer.text, answer.strategy) == ("generated for When was Zarya launched?",
                                              "generative")


@pytest.mark.parametrize(("arguments", "message"), [
    ({"settings": {"corpus_dir": "corpus"}},
     "settings must be an issqa.settings.Settings, got dict"),
    ({"embedder": object()}, "embedder must follow the issqa.embedding.Embedder protocol; "
                             "object lacks model_id, dimension, max_tokens, count_tokens, embed"),
    ({"answer_config": {"passages": 5}}, "answer_config must be an AnswerConfig, got dict"),
    ({"answerers": "extractive"}, "answerers must be a function of the loaded index that "
                                  "returns Answerers, got str"),
])
def test_the_engine_refuses_parts_it_cannot_use(hash_settings, arguments, message):
    arguments = {"settings": hash_settings, "embedder": HashEmbedder(), **arguments}
    with pytest.raises(TypeError) as refused:
        Engine(arguments.pop("settings"), **arguments)
    assert str(refused.value) == message


def test_checking_an_embedder_does_not_load_its_model(hash_settings):
    engine = Engine(hash_settings, embedder=UnloadableEmbedder())
    assert not engine.ready


def test_an_answerer_factory_that_returns_something_else_fails_the_load(hash_settings):
    embedder = HashEmbedder()
    build(hash_settings, embedder=embedder)
    engine = Engine(hash_settings, embedder=embedder, answerers=lambda index: (None, None))
    with pytest.raises(TypeError, match="answerers must return Answerers, got tuple"):
        engine.load()
    assert not engine.ready


def test_the_people_an_answer_names_are_read_from_its_lead_or_the_sentence_after():
    def answer(text: str) -> Answer:
        return Answer(text, (), False, 0.5, "extractive")

    crew = answer("The first resident crew, Expedition 1, arrived in 2000. Expedition 1 was "
                  "William Shepherd, with Yuri Gidzenko and Sergei Krikalev.")
    assert _new_name(crew, ["who lived there first?"], people_named, 2, person_names) == \
        "William Shepherd, Yuri Gidzenko and Sergei Krikalev"
    # A lead naming one person ends the search: the next sentence's pair are others.
    lone = answer("South Korea's first visitor to the station was Yi So-yeon. Alper Gezeravci "
                  "and Marina Vasilevskaya flew in 2024.")
    assert _new_name(lone, ["was there ever a korean astronaut?"], people_named, 2,
                     person_names) is None
    assert _new_name(lone, ["was there ever a korean astronaut?"], people_named, 2) == \
        "Alper Gezeravci and Marina Vasilevskaya"


def test_a_person_the_questions_named_by_surname_is_no_new_name():
    """"kononenko has the record, who held it before him?": the answer's Oleg Kononenko is
    the one asked about, not whom "he" means next; Mark Kelly is not "scott kelly"."""
    lead = Answer("Oleg Kononenko holds the world record. Gennady Padalka held it before.", (),
                  False, 0.5, "extractive")
    assert _new_name(lead, ["kononenko has the record now right? who held it before him"],
                     person_names, 2) == "Gennady Padalka"
    twin = Answer("Mark Kelly stayed on Earth.", (), False, 0.5, "extractive")
    assert _new_name(twin, ["how long was scott kelly up there? who was his twin?"],
                     person_names) == "Mark Kelly"
