"""Travaux core: the draft model, the Akoma Ntoso importer and the SQLite store. No Qt here."""
