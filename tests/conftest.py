"""Shared fixtures: every test runs offline, with no provider keys, and its own data directory."""

from __future__ import annotations

import pytest

# Variables that would make a test talk to a real provider, a real workspace or the user's data.
_SCRUBBED_PREFIXES = ("CROSSROADS_", "OPENAI_", "ANTHROPIC_", "SLACK_")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch, tmp_path):
    import os

    for name in list(os.environ):
        if name.startswith(_SCRUBBED_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "crossroads-data"
    monkeypatch.setenv("CROSSROADS_DATA_DIR", str(data_dir))
    # A stray .env in the working directory must not leak keys into tests.
    monkeypatch.chdir(tmp_path)
    return data_dir
