"""The HTTP API as a Ray Serve application: replicas of the same app, each on one index build.

Each replica is the single-machine app (``create_app``) with its own model and engine. A replica
counts as ready only once its model and index are loaded: the app's start-up loads them before
Ray Serve routes anything to it, and its health check fails while they are not loaded.

Which build the replicas serve is the deployment's ``user_config`` (``{"index_build": ...}``).
A rollout changes only that, so Ray Serve reconfigures the running replicas one after another
(no process restarts, no model reloads), and each replica swaps builds the way
``/admin/reload`` does: requests already running finish on the old build.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ray
from fastapi import FastAPI
from pydantic import SecretStr
from ray import serve

from ..api.app import create_app
from ..errors import RolloutFailedError
from ..service import Engine, servable_build
from ..settings import Settings

__all__ = ["APP_NAME", "app_builder", "connect", "portable_settings", "rollout",
           "serve_config", "serve_forever"]

APP_NAME = "issqa"
Log = Callable[[str], None]


@serve.ingress()
class IssqaReplica:
    """One replica: the model, the index build the rollout names, and the API over them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Loaded by the app's start-up, which Ray Serve runs before the replica takes requests.
        self.engine = Engine(settings)

    def __serve_build_asgi_app__(self) -> FastAPI:
        return create_app(self.settings, self.engine)

    def reconfigure(self, config: dict[str, Any]) -> None:
        """Serve the build the deployment names (Ray Serve calls this replica by replica)."""
        version = config.get("index_build")
        if version:
            self.engine.reload(version)

    def check_health(self) -> None:
        """Ray Serve takes a replica out of routing (and replaces it) while this raises."""
        if not self.engine.ready:
            raise RuntimeError("model and index are not loaded")


def portable_settings(settings: Settings) -> Settings:
    """The settings Ray workers get: absolute paths (a worker's working folder is Ray's, not
    ours) and no pinned build (a rollout names the build, so replicas' settings stay the same
    between rollouts and a rollout is a reconfiguration, not a restart of every replica)."""
    def absolute(path: Path | None) -> Path | None:
        return path.resolve() if path is not None else None

    return settings.model_copy(update={
        "corpus_dir": absolute(settings.corpus_dir), "index_dir": absolute(settings.index_dir),
        "feedback_db": absolute(settings.feedback_db), "model_path": absolute(settings.model_path),
        "index_build": None,
    })


def _settings_json(settings: Settings) -> dict[str, Any]:
    """Every setting as JSON, secrets written out (replicas need the real values)."""
    values = settings.model_dump(mode="json")
    for name, value in settings:
        if isinstance(value, SecretStr):
            values[name] = value.get_secret_value()
    return values


def app_builder(args: dict[str, Any]) -> serve.Application:
    """The application Serve builds from the config (``import_path`` points here)."""
    return serve.deployment(IssqaReplica).bind(Settings(**args["settings"]))


def serve_config(settings: Settings, version: str) -> dict[str, Any]:
    """The Serve application config: replicas (or autoscaling bounds) serving ``version``.

    Ray Serve keeps an application's code version while its import path and arguments stay
    the same, so deploying this again with another ``index_build`` is a light update: running
    replicas are reconfigured one after another, none restarted. (``serve.run`` on a built
    application instead gives every deployment a new code version and restarts each replica.)
    """
    deployment: dict[str, Any] = {
        "name": "IssqaReplica",
        "user_config": {"index_build": version},
        "ray_actor_options": {"num_cpus": settings.ray_cpus_per_replica},
        # A replica finishes what it is answering before it stops (a scale-down or a restart).
        "graceful_shutdown_timeout_s": settings.request_timeout_s + 5,
        "health_check_period_s": 5,
    }
    if settings.ray_max_replicas:
        deployment["autoscaling_config"] = {
            "min_replicas": settings.ray_min_replicas,
            "max_replicas": settings.ray_max_replicas,
            "target_ongoing_requests": settings.ray_target_ongoing_requests,
        }
    else:
        deployment["num_replicas"] = settings.ray_replicas
    return {"name": APP_NAME, "route_prefix": "/",
            "import_path": f"{__name__}:app_builder",
            "args": {"settings": _settings_json(portable_settings(settings))},
            "deployments": [deployment]}


def _deploy(settings: Settings, version: str, timeout_s: float = 600) -> None:
    """Submit the config for ``version`` and wait until the application runs it."""
    # Serve's one way to deploy a config from Python is its client's deploy_apps (what
    # `serve run config.yaml` calls); the public REST route needs Ray's dashboard running.
    from ray.serve.context import _get_global_client
    from ray.serve.schema import ServeDeploySchema

    submitted = time.time()
    config = ServeDeploySchema(applications=[serve_config(settings, version)])
    _get_global_client().deploy_apps(config, _blocking=False)
    deadline = time.monotonic() + timeout_s
    while True:
        status = serve.status().applications.get(APP_NAME)
        if status is not None and status.last_deployed_time_s >= submitted - 1:
            if status.status == "RUNNING":
                return
            if status.status in ("DEPLOY_FAILED", "UNHEALTHY"):
                raise RolloutFailedError(f"Ray Serve could not deploy build {version}: "
                                         f"{status.message}")
        if time.monotonic() > deadline:
            raise RolloutFailedError(f"build {version} was not running on every replica after "
                                     f"{timeout_s:g} s; see Ray's logs")
        time.sleep(0.5)


def connect(settings: Settings, *, start_local: bool) -> str:
    """Join the configured Ray cluster, or start a local Ray instance (``start_local``);
    returns the cluster's address (what ``ISSQA_RAY_ADDRESS`` of another command takes)."""
    if not ray.is_initialized():
        # No internet here, and no reason to report usage from a user's machine.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        address = settings.ray_address or (None if start_local else "auto")
        ray.init(address=address, include_dashboard=False, logging_level="warning",
                 configure_logging=True)
    return ray.get_runtime_context().gcs_address


def _checked_build(settings: Settings, version: str | None) -> str:
    """The build to serve (``version``, else ``current``'s), verified before any replica
    sees it."""
    return servable_build(settings.model_copy(update={"index_build": version})).name


def rollout(settings: Settings, version: str | None = None, *, log: Log = lambda _m: None) -> str:
    """Point the running replicas at build ``version`` (``current``'s when None), one replica
    at a time; returns the build. Blocks until every replica serves it."""
    version = _checked_build(settings, version)
    started = time.perf_counter()
    log(f"Rolling out build {version} to the {APP_NAME} replicas")
    _deploy(settings, version)
    log(f"Every replica serves build {version} ({time.perf_counter() - started:.1f} s)")
    return version


def serve_forever(settings: Settings, host: str, port: int, *, log: Log = lambda _m: None) -> None:
    """Start Serve on ``host:port`` with the configured replicas and serve until stopped.

    SIGHUP rolls out the build ``current`` points at (after ``issqa build``); SIGINT or
    SIGTERM stops Serve (and the local Ray instance, if this process started it).
    """
    version = _checked_build(settings, settings.index_build)
    own_cluster = settings.ray_address is None
    address = connect(settings, start_local=True)
    log(f"Ray cluster at {address} ({'started here' if own_cluster else 'joined'})")
    if os.environ.get("RAY_AUTH_MODE") == "token":
        log("Ray token authentication is on: commands joining by address (`issqa rollout` "
            "with ISSQA_RAY_ADDRESS) need RAY_AUTH_MODE=token and the token in "
            "~/.ray/auth_token or RAY_AUTH_TOKEN")
    serve.start(http_options={"host": host, "port": port,
                              "keep_alive_timeout_s": int(settings.keep_alive_s)})
    replicas = (f"{settings.ray_min_replicas}-{settings.ray_max_replicas} (autoscaling)"
                if settings.ray_max_replicas else str(settings.ray_replicas))
    log(f"Starting {replicas} replica(s) on build {version}; each loads the model and the index")
    started = time.perf_counter()
    _deploy(settings, version)
    log(f"issqa serving http://{host}:{port} from Ray Serve (ready in "
        f"{time.perf_counter() - started:.1f} s); `kill -HUP {os.getpid()}` or `issqa rollout` "
        "rolls out a new build")

    rollout_wanted = False

    def on_hangup(_signum: int, _frame: object) -> None:
        nonlocal rollout_wanted
        rollout_wanted = True

    def on_stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGHUP, on_hangup)
    signal.signal(signal.SIGTERM, on_stop)
    try:
        while True:
            time.sleep(0.5)
            if rollout_wanted:
                rollout_wanted = False
                try:
                    rollout(settings, log=log)
                except Exception as exc:  # a bad build must not stop the serving replicas
                    log(f"Rollout failed, replicas keep their build: {exc}")
    except KeyboardInterrupt:
        log("Stopping")
    finally:
        if not own_cluster:
            serve.delete(APP_NAME)  # a shared cluster keeps running, without our replicas
        # Stopping the Ray instance this process started stops every replica with it.
        ray.shutdown()
