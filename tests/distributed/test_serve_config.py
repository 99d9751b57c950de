"""The Serve application config that `issqa serve --ray` and `issqa rollout` deploy."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from issqa.settings import Settings

pytest.importorskip("ray.serve", reason="needs the [ray] extra (make test-ray)")

from issqa.distributed.serve import serve_config

pytestmark = pytest.mark.ray


def test_a_rollout_changes_only_the_build_so_replicas_are_reconfigured_not_restarted():
    settings = Settings(index_dir=Path("index"), index_build="pinned-here",
                        admin_token=SecretStr("s3cret"))
    first, second = serve_config(settings, "aaa111"), serve_config(settings, "bbb222")
    # Ray Serve restarts replicas when the import path or the arguments change.
    assert first["import_path"] == second["import_path"] == "issqa.distributed.serve:app_builder"
    assert first["args"] == second["args"]
    assert first["deployments"][0]["user_config"] == {"index_build": "aaa111"}
    assert second["deployments"][0]["user_config"] == {"index_build": "bbb222"}
    replica = first["args"]["settings"]
    assert replica["index_build"] is None  # the rollout names the build, not the settings
    assert Path(replica["index_dir"]).is_absolute()  # a replica's working folder is Ray's
    assert replica["admin_token"] == "s3cret"
    assert Settings(**replica).admin_token.get_secret_value() == "s3cret"


def test_fixed_replicas_or_autoscaling_bounds():
    fixed = serve_config(Settings(ray_replicas=3), "v")["deployments"][0]
    assert fixed["num_replicas"] == 3 and "autoscaling_config" not in fixed
    scaled = serve_config(Settings(ray_min_replicas=2, ray_max_replicas=6,
                                   ray_target_ongoing_requests=4), "v")["deployments"][0]
    assert "num_replicas" not in scaled
    assert scaled["autoscaling_config"] == {"min_replicas": 2, "max_replicas": 6,
                                            "target_ongoing_requests": 4}
    assert scaled["ray_actor_options"] == {"num_cpus": 1.0}
