"""api/openapi.json is the contract integrators read: it must match the app exactly."""

import json
import re
import sys

from click.testing import CliRunner
from fastapi.testclient import TestClient

from issqa.api import create_app
from issqa.api.schemas import NOT_BLANK
from issqa.cli import cli
from issqa.corpus import load_corpus
from issqa.service import Engine, build
from issqa.settings import Settings

from tests.conftest import REPO
from tests.fakes import HashEmbedder

SPEC = REPO / "api" / "openapi.json"


def test_committed_openapi_matches_the_app():
    committed = json.loads(SPEC.read_text())
    assert committed == create_app().openapi(), (
        "api/openapi.json is stale; run `issqa openapi --out api/openapi.json`")


def test_every_error_response_in_the_spec_uses_the_one_error_shape():
    spec = create_app().openapi()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (
                        path, method, status)


def test_openapi_command_prints_the_same_document():
    result = CliRunner().invoke(cli, ["openapi"])
    assert result.exit_code == 0
    assert json.loads(result.output) == create_app().openapi()


def test_not_blank_in_the_contract_is_what_the_server_strips():
    """The schema's "not blank" pattern, in both JSON Schema's and Python's regex dialect, keeps
    exactly the characters that ``str.strip()`` keeps (the validators strip questions)."""
    pattern = re.compile(NOT_BLANK["pattern"])
    disagree = [hex(c) for c in range(sys.maxunicode + 1)
                if (pattern.fullmatch(chr(c)) is None) != (chr(c).strip() == "")]
    assert disagree == []
    assert not re.search(r"\\[sS]", NOT_BLANK["pattern"])  # other characters in ECMA-262


def section_enums(spec):
    """Every enum the document states for a section name: /ask's filters and /search's."""
    filters = spec["components"]["schemas"]["Filters"]["properties"]["section"]["anyOf"][0]
    [param] = [p for p in spec["paths"]["/search"]["get"]["parameters"] if p["name"] == "section"]
    return [filters["items"]["enum"], param["schema"]["anyOf"][0]["items"]["enum"]]


def test_the_shipped_contract_names_the_shipped_corpus_sections():
    committed = json.loads(SPEC.read_text())
    sections = sorted({doc.section for doc in load_corpus(REPO / "corpus")})
    assert section_enums(committed) == [sections, sections]


def test_the_served_contract_names_the_served_sections_and_follows_a_reload(hash_settings):
    settings = Settings(corpus_dir=hash_settings.corpus_dir, index_dir=hash_settings.index_dir,
                        admin_token="t0ken", rate_limit_per_minute=0)
    embedder = HashEmbedder()
    build(settings, embedder=embedder)
    app = create_app(settings, engine=Engine(settings, embedder=embedder))
    with TestClient(app) as client:
        before = client.get("/openapi.json").json()
        assert section_enums(before) == [["crew", "modules", "robotics", "systems"]] * 2
        page = settings.corpus_dir / "pages" / "modules" / "zarya.md"
        page.write_text(page.read_text().replace("section: modules", "section: early-days", 1))
        build(settings, embedder=embedder)
        reloaded = client.post("/admin/reload", headers={"Authorization": "Bearer t0ken"})
        assert reloaded.status_code == 200, reloaded.text
        after = client.get("/openapi.json").json()
        assert "early-days" in section_enums(after)[0]
        # What the contract now allows, the server now accepts.
        answer = client.post("/ask", json={"question": "When did Zarya launch?",
                                           "filters": {"section": ["early-days"]}})
        assert answer.status_code == 200, answer.text
