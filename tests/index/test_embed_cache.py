"""The embedding cache checkpoints as a build embeds, so a killed build resumes; damaged files
are skipped, never trusted."""

import numpy as np
import pytest

from issqa.index.embed_cache import EmbeddingCache, text_key
from issqa.service import build

from tests.fakes import HashEmbedder


def vectors(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = rng.normal(size=(n, 8)).astype(np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_checkpoints_survive_a_lost_process_and_save_merges_them(tmp_path):
    cache = EmbeddingCache(tmp_path, "model-a")
    rows = vectors(5)
    for i in range(3):
        cache.put(text_key(f"t{i}"), rows[i])
    cache.checkpoint()
    cache.put(text_key("t3"), rows[3])
    cache.checkpoint()
    cache.put(text_key("t4"), rows[4])  # never checkpointed: lost with the process
    assert len(list(tmp_path.glob("*.part-*.npz"))) == 2

    resumed = EmbeddingCache(tmp_path, "model-a")
    assert resumed.resumed == 4 and len(resumed) == 4 and resumed.get(text_key("t4")) is None
    np.testing.assert_array_equal(resumed.get(text_key("t3")), rows[3])
    resumed.save()
    assert not list(tmp_path.glob("*.part-*.npz"))
    assert len(EmbeddingCache(tmp_path, "model-a")) == 4
    assert len(EmbeddingCache(tmp_path, "model-b")) == 0  # one cache per model


def test_a_torn_or_altered_part_is_skipped_and_removed_on_save(tmp_path):
    cache = EmbeddingCache(tmp_path, "m")
    rows = vectors(4, seed=1)
    for i in range(4):
        cache.put(text_key(f"t{i}"), rows[i])
        cache.checkpoint()
    first, second, third, _ = sorted(tmp_path.glob("*.part-*.npz"))
    first.write_bytes(first.read_bytes()[:100])  # torn
    with np.load(second) as stored:
        data = dict(stored)
    data["vectors"] = data["vectors"] + 1.0  # altered, checksum kept
    with second.open("wb") as handle:
        np.savez(handle, **data)
    third.unlink()

    reread = EmbeddingCache(tmp_path, "m")
    assert sorted(reread.damaged) == [first, second]
    assert reread.get(text_key("t0")) is None and reread.get(text_key("t1")) is None
    np.testing.assert_array_equal(reread.get(text_key("t3")), rows[3])
    reread.save()
    assert not list(tmp_path.glob("*.part-*.npz"))


def test_a_build_resumes_from_the_checkpoints_of_an_interrupted_one(hash_settings):
    """Interrupt a build after its first checkpoint (the embedder raises), then rebuild."""
    settings = hash_settings.model_copy(update={"embed_checkpoint_every": 8})

    class Interrupted(HashEmbedder):
        calls = 0

        def embed(self, texts, **kwargs):
            Interrupted.calls += 1
            if Interrupted.calls > 2:
                raise KeyboardInterrupt  # as a user's Ctrl-C would, mid-embedding
            return super().embed(texts, **kwargs)

    with pytest.raises(KeyboardInterrupt):
        build(settings, embedder=Interrupted())
    cache_dir = settings.index_dir / "cache"
    assert len(list(cache_dir.glob("*.part-*.npz"))) == 2  # two groups embedded, then killed
    checkpointed = EmbeddingCache(cache_dir, HashEmbedder().model_id).resumed
    assert checkpointed == 16
    report = build(settings, embedder=HashEmbedder())
    total = report.chunks + report.sentences + report.phrasings
    assert report.reused >= checkpointed > 0  # texts shared by several roles count each time
    assert report.embedded == total - report.reused
    assert not list(cache_dir.glob("*.part-*.npz"))
