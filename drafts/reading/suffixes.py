"""Which file endings Travaux reads, and by which reader: a light module, so that knowing
what a folder holds does not load the readers themselves."""

from __future__ import annotations

XML_SUFFIXES = (".xml", ".akn")
WORD_SUFFIXES = (".docx",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
RST_SUFFIXES = (".rst",)
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *RST_SUFFIXES)
CONVERTED_SUFFIXES = WORD_SUFFIXES + TEXT_SUFFIXES
"""Read through Akoma Ntoso (`drafts.reading.conversion`)."""
DRAFT_SUFFIXES = XML_SUFFIXES + CONVERTED_SUFFIXES
