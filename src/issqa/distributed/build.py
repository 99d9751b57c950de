"""``issqa build --ray``: embed on a Ray cluster's workers with Ray Data, write the index here.

Only the embedding moves: the driver (this process) chunks the corpus, looks every text up in
the embedding cache, sends the rest to a pool of Ray Data workers (each loads the model once),
checkpoints the vectors into the cache as they come back, and writes and publishes the index
exactly as a local build does. So a Ray build resumes after a crash like a local one, and gives
the same index (the same texts through the same model; floats agree to rounding).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import ray

from ..index import BuildReport
from ..index.build import EmbedRun
from ..service import build, make_embedder
from ..settings import Settings
from .serve import connect, portable_settings

__all__ = ["build_on_ray", "ray_embedding"]

Log = Callable[[str], None]


class _EmbedWorker:
    """A Ray Data worker: loads the model once, then embeds every batch it is given."""

    def __init__(self, settings: Settings) -> None:
        self.embedder = make_embedder(settings, for_build=True)
        self.batch_size = settings.embed_batch_size

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.embedder.embed([str(t) for t in batch["text"]],
                                      batch_size=self.batch_size)
        return {"position": batch["position"], "vector": vectors}


def workers_for(settings: Settings) -> int:
    """How many embedding workers: the setting, else as many as the cluster's CPUs allow."""
    if settings.ray_build_workers:
        return settings.ray_build_workers
    cpus = int(ray.cluster_resources().get("CPU", 1))
    return max(1, cpus // settings.ray_cpus_per_build_worker)


def ray_embedding(settings: Settings, workers: int) -> EmbedRun:
    """An embedding run on ``workers`` Ray Data workers, yielding groups as they finish."""
    cpus = settings.ray_cpus_per_build_worker
    # Each worker's model uses the CPUs Ray reserved for it, no more.
    worker_settings = portable_settings(settings).model_copy(update={"build_threads": cpus})
    group = settings.embed_batch_size * 4

    def run(texts: list[str]) -> Iterator[tuple[list[int], np.ndarray]]:
        rows: list[dict[str, Any]] = [{"position": i, "text": t} for i, t in enumerate(texts)]
        # Blocks of a few groups: enough to keep every worker busy, few enough to stay cheap.
        blocks = max(workers * 2, len(rows) // (group * 4) or 1)
        dataset = ray.data.from_items(rows, override_num_blocks=min(blocks, len(rows)))
        embedded = dataset.map_batches(_EmbedWorker, fn_constructor_args=(worker_settings,),
                                       batch_size=group, num_cpus=cpus, batch_format="numpy",
                                       compute=ray.data.ActorPoolStrategy(size=workers))
        for batch in embedded.iter_batches(batch_size=None, batch_format="numpy"):
            yield batch["position"].tolist(), np.asarray(batch["vector"], dtype=np.float32)

    return run


def build_on_ray(settings: Settings, *, force: bool = False, show_progress: bool = False,
                 log: Log = lambda _m: None) -> BuildReport:
    """Build the index with its embedding spread over the Ray cluster's workers."""
    connect(settings, start_local=True)
    # The build shows its own progress bar and log lines; Ray Data's would interleave.
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    workers = workers_for(settings)
    embedder = make_embedder(settings, for_build=True)
    load = getattr(embedder, "load", None)
    if load:
        # The driver's copy counts tokens and names the model; loading it first also exports
        # the ONNX model once, before the workers look for it.
        load()
    where = f"Ray ({workers} workers x {settings.ray_cpus_per_build_worker} CPU)"
    return build(settings, embedder=embedder, force=force, show_progress=show_progress,
                 log=log, embed_run=ray_embedding(settings, workers), embedded_on=where)
