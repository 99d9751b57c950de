"""Every setting is documented in the README and validated where it enters."""

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from issqa.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_setting_is_documented_in_the_readme_table():
    documented = set(re.findall(r"^\| `ISSQA_([A-Z0-9_]+)` \|", README, re.M))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ISSQA_RRF_K", "10")
    assert Settings().rrf_k == 10


def test_bad_values_are_rejected_with_the_value(monkeypatch, tmp_path):
    with pytest.raises(ValidationError, match="must be smaller than chunk_max_tokens"):
        Settings(chunk_max_tokens=50, chunk_overlap_tokens=50)
    with pytest.raises(ValidationError, match="is not a folder"):
        Settings(model_path=tmp_path / "missing")


def test_autoscaling_bounds_must_make_sense_together():
    assert Settings(ray_min_replicas=1, ray_max_replicas=4).ray_max_replicas == 4
    with pytest.raises(ValidationError, match="must be at least 1 and at most"):
        Settings(ray_min_replicas=5, ray_max_replicas=4)
    with pytest.raises(ValidationError, match="must be at least 1 and at most"):
        Settings(ray_min_replicas=0, ray_max_replicas=4)
    with pytest.raises(ValidationError, match="needs ray_max_replicas"):
        Settings(ray_min_replicas=2)


def test_a_blank_pinned_build_or_ray_address_means_unset(monkeypatch):
    monkeypatch.setenv("ISSQA_INDEX_BUILD", " ")
    monkeypatch.setenv("ISSQA_RAY_ADDRESS", "")
    settings = Settings()
    assert settings.index_build is None and settings.ray_address is None
