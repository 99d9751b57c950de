"""Index build and load: manifest, caching, atomic publish, verification errors."""

import json

import pytest

from issqa.errors import CorpusError, IndexCorruptError, IndexNotFoundError
from issqa.index import FORMAT_VERSION, load_index
from issqa.index.store import INDEX_FILES, current_build
from issqa.service import build

from tests.fakes import HashEmbedder


def test_build_writes_a_verified_manifest(hash_settings):
    report = build(hash_settings, embedder=HashEmbedder())
    manifest = json.loads((report.path / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["model"] == {"id": "hash-embedder-64", "dimension": 64, "max_tokens": None}
    assert manifest["chunker"] == {"max_tokens": 200, "overlap_tokens": 30,
                                   "encoding": "cl100k_base"}
    assert manifest["counts"] == {"documents": 7, "pages": 4, "faqs": 3,
                                  "chunks": report.chunks, "sentences": report.sentences,
                                  "phrasings": 3}
    assert set(manifest["files"]) == set(INDEX_FILES)
    assert len(manifest["corpus"]["hash"]) == 64 and manifest["built_at"]
    index = load_index(hash_settings.index_dir, model_id="hash-embedder-64", dimension=64)
    assert index.version == report.version and len(index.chunks) == report.chunks
    chunk = index.chunks[0]
    assert index.documents[chunk.doc_id].body[chunk.char_start:chunk.char_end] == chunk.text


def test_unchanged_corpus_is_up_to_date_and_forced_rebuild_reuses_every_embedding(hash_settings):
    first = build(hash_settings, embedder=HashEmbedder())
    texts = first.chunks + first.sentences + first.phrasings
    # An FAQ's question is both a sentence and a phrasing: embedded once, then reused.
    assert first.embedded + first.reused == texts and first.reused == first.phrasings == 3
    again = build(hash_settings, embedder=HashEmbedder())
    assert again.up_to_date and again.embedded == 0 and again.version == first.version
    forced = build(hash_settings, embedder=HashEmbedder(), force=True)
    assert not forced.up_to_date and forced.embedded == 0
    assert forced.reused == texts


def test_changing_one_page_embeds_only_its_new_texts(hash_settings):
    first = build(hash_settings, embedder=HashEmbedder())
    page = hash_settings.corpus_dir / "pages" / "systems" / "power.md"
    page.write_text(page.read_text().replace("Batteries store energy",
                                             "Lithium-ion batteries store energy"))
    second = build(hash_settings, embedder=HashEmbedder())
    assert second.version != first.version
    # One chunk and one sentence changed; everything else came from the cache.
    assert second.embedded == 2
    assert second.reused == second.chunks + second.sentences + second.phrasings - 2


def test_invalid_corpus_stops_the_build_and_keeps_the_old_index(hash_settings):
    first = build(hash_settings, embedder=HashEmbedder())
    (hash_settings.corpus_dir / "faqs" / "bad.yaml").write_text("- id: faq-x\n")
    with pytest.raises(CorpusError) as info:
        build(hash_settings, embedder=HashEmbedder())
    assert len(info.value.problems) == 5  # question, answer, url, section, updated missing
    assert current_build(hash_settings.index_dir) == first.path
    load_index(hash_settings.index_dir)


def test_missing_index_says_to_build(tmp_path):
    with pytest.raises(IndexNotFoundError, match="run `issqa build`"):
        load_index(tmp_path)


def test_altered_or_truncated_files_are_detected_by_checksum(hash_settings):
    report = build(hash_settings, embedder=HashEmbedder())
    target = report.path / "dense.faiss"
    target.write_bytes(target.read_bytes()[:-10])
    with pytest.raises(IndexCorruptError, match=r"dense\.faiss does not match its checksum.*"
                                                r"issqa build"):
        load_index(hash_settings.index_dir)
    (report.path / "bm25.npz").unlink()
    build(hash_settings, embedder=HashEmbedder())  # the corrupt build is replaced, not reused
    load_index(hash_settings.index_dir)


def test_wrong_model_or_dimension_or_format_is_refused(hash_settings):
    report = build(hash_settings, embedder=HashEmbedder())
    with pytest.raises(IndexCorruptError, match="built with model 'hash-embedder-64'"):
        load_index(hash_settings.index_dir, model_id="other-model")
    with pytest.raises(IndexCorruptError, match="64-dimensional vectors, the model gives 384"):
        load_index(hash_settings.index_dir, dimension=384)
    manifest_path = report.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 0
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexCorruptError, match="format version 0"):
        load_index(hash_settings.index_dir)


def test_a_killed_build_leaves_no_trace_readers_see(hash_settings):
    first = build(hash_settings, embedder=HashEmbedder())
    staging = hash_settings.index_dir / ".staging-deadbeef-999999"
    staging.mkdir()
    (staging / "chunks.jsonl").write_text("half a fi")
    assert load_index(hash_settings.index_dir).version == first.version
    page = hash_settings.corpus_dir / "pages" / "modules" / "zarya.md"
    page.write_text(page.read_text() + "\nOne more sentence about Zarya.\n")
    build(hash_settings, embedder=HashEmbedder())
    assert not staging.exists()  # the next build clears what a dead build left


def test_an_embedding_run_elsewhere_that_answers_out_of_order_builds_the_same_index(
        hash_settings, tmp_path):
    """What `build --ray` relies on: groups may come back in any order, from other processes."""
    embedder = HashEmbedder()
    local = build(hash_settings, embedder=embedder)
    groups = []

    def reversed_groups(texts):
        positions = list(range(len(texts)))
        for start in reversed(range(0, len(texts), 5)):
            group = positions[start:start + 5]
            groups.append(len(group))
            yield group, embedder.embed([texts[i] for i in group])

    elsewhere = hash_settings.model_copy(update={"index_dir": tmp_path / "elsewhere"})
    report = build(elsewhere, embedder=embedder, embed_run=reversed_groups,
                   embedded_on="a test runner")
    assert sum(groups) == report.embedded > 5
    assert report.version == local.version
    manifest = json.loads((report.path / "manifest.json").read_text())
    assert manifest["built_on"]["embedding"] == "a test runner"
    for name in ("chunks.jsonl", "sentences.jsonl", "sentences.npy", "phrasings.npy",
                 "dense.faiss"):
        assert (report.path / name).read_bytes() == (local.path / name).read_bytes(), name
