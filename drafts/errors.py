"""The errors the core raises, each naming what failed and why, so every front end can show them."""

from __future__ import annotations

from pathlib import Path


class TravauxError(Exception):
    """Base of every error Travaux reports to a user: `str()` is the whole message."""


class DraftImportError(TravauxError):
    """A document could not be imported; nothing of it (or its batch) was stored."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class StoreError(TravauxError):
    """The database could not be opened, read or written; it was left as it was."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class RefusedError(TravauxError):
    """An operation broke a rule of the database (a unique name, a tag still in use);
    nothing was changed."""


class NotFoundError(TravauxError):
    """Something the user named (a draft, a negotiation) is not in the database."""
