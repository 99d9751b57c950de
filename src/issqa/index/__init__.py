"""Building and loading the on-disk index: FAISS vectors, BM25 weights, chunks and a manifest."""

from .build import BuildReport, build_index, corpus_version
from .store import FORMAT_VERSION, LoadedIndex, load_index

__all__ = ["FORMAT_VERSION", "BuildReport", "LoadedIndex", "build_index", "corpus_version",
           "load_index"]
