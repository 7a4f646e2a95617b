"""Settings, read once in `main()` and passed down as values.

Crossroads' own settings use the `CROSSROADS_` prefix; vendor keys keep their vendor names.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Where indexes and conversations live unless CROSSROADS_DATA_DIR says otherwise."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "crossroads"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CROSSROADS_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    # `anthropic:<model>` or `openai:<model>`; unset = whichever key is present, else offline.
    model: str | None = None
    # A Chroma server shared by many processes; unset = an embedded index under data_dir.
    chroma_url: str | None = None
    # `wordllama` (offline, the default) or `openai:<embedding model>`.
    embeddings: str = "wordllama"
    # PostgreSQL for conversations when several processes share state; unset = SQLite under data_dir.
    database_url: SecretStr | None = None
    debug: bool = False

    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url")
    )
    anthropic_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("ANTHROPIC_API_KEY", "anthropic_api_key")
    )
    # A proxy or gateway in front of the Anthropic API; unset = the SDK's default endpoint.
    anthropic_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("ANTHROPIC_BASE_URL", "anthropic_base_url")
    )
    # One LLM request is abandoned after this many seconds; the SDK then retries timeouts, 429 and
    # 5xx this many times with its own backoff (honouring Retry-After) before the turn falls back.
    llm_timeout_s: float = Field(default=60.0, gt=0)
    llm_max_retries: int = Field(default=3, ge=0)

    # Slack: the bot token and signing secret from the app's settings page; the app-level token
    # (xapp-) turns on Socket Mode. Vendor names, like the provider keys.
    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "slack_bot_token")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "slack_signing_secret")
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "slack_app_token")
    )
    # The Slack Web API base URL (tests, enterprise proxies); unset = https://slack.com/api/.
    slack_api_url: str | None = None
    # How much of one bot process a person / a workspace may take (messages a minute, as a burst
    # and sustained), and how many turns may wait in it (agent.frontends.slack.limits).
    slack_user_per_minute: float = Field(default=10, gt=0)
    slack_team_per_minute: float = Field(default=120, gt=0)
    slack_max_queued: int = Field(default=50, ge=1)
