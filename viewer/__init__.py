"""Travaux's Qt user interface: windows and widgets over the `drafts` core."""
