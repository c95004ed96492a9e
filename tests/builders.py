"""Helpers the tests share: builders of small inputs, and a way under the store's API.

Fixtures live in the `conftest.py` of each folder; plain functions that tests call live
here, so no test module imports another.
"""

from __future__ import annotations

import sqlite_utils

from drafts.store import Store


def raw_database(store: Store) -> sqlite_utils.Database:
    """The store's own connection, for tests that must reach under its API: to inspect
    pragmas and tables, or to damage the file on purpose. The app never does this."""
    return store._db
