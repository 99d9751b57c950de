"""api/openapi.json is the contract integrators read: it must match the app exactly."""

import json

from click.testing import CliRunner

from issqa.api import create_app
from issqa.cli import cli

from tests.conftest import REPO

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
