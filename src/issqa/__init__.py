"""issqa: question answering over International Space Station pages and FAQs, with citations."""

from .chunking import ChunkerConfig, chunk_document, chunk_documents
from .corpus import load_corpus
from .embedding import Embedder, SentenceTransformerEmbedder
from .errors import (
    CorpusError,
    IndexCorruptError,
    IndexNotFoundError,
    IngestError,
    InvalidRequestError,
    IssqaError,
    ModelError,
    NotFoundError,
)
from .index import build_index, load_index
from .retrieval import Filters, Query, reciprocal_rank_fusion
from .service import Engine
from .settings import Settings
from .types import Chunk, Document, Hit

__all__ = [
    "Chunk",
    "ChunkerConfig",
    "CorpusError",
    "Document",
    "Embedder",
    "Engine",
    "Filters",
    "Hit",
    "IndexCorruptError",
    "IndexNotFoundError",
    "IngestError",
    "InvalidRequestError",
    "IssqaError",
    "ModelError",
    "NotFoundError",
    "Query",
    "SentenceTransformerEmbedder",
    "Settings",
    "build_index",
    "chunk_document",
    "chunk_documents",
    "load_corpus",
    "load_index",
    "reciprocal_rank_fusion",
]

__version__ = "0.1.0"
