"""What Crossroads writes to logs and stderr: secrets redacted, errors shown as one line."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from agent.infra.settings import Settings


def first_line(exc: BaseException) -> str:
    """An error as one line for a user: tools write that line for them."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


class SecretFilter(logging.Filter):
    """Blanks the given secret values, anything shaped like a Slack token, and passwords in URLs
    out of log records."""

    _TOKEN = re.compile(r"\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+")
    _URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")
    # Shorter values are not real secrets (Slack's are 32+ characters), and blanking every
    # occurrence of a two-letter test value would garble the logs.
    MIN_SECRET_LENGTH = 8

    def __init__(self, secrets: Iterable[str]):
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= self.MIN_SECRET_LENGTH]

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        text = self._URL_PASSWORD.sub(r"\1[redacted]@", text)
        return self._TOKEN.sub("[redacted]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def protect_logs(settings: "Settings") -> None:
    """Redact every configured secret from whatever the root logger's handlers write."""
    secrets = [
        value.get_secret_value()
        for value in (
            settings.slack_bot_token,
            settings.slack_signing_secret,
            settings.slack_app_token,
            settings.database_url,
            settings.openai_api_key,
            settings.anthropic_api_key,
        )
        if value is not None
    ]
    redactor = SecretFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
