"""Which file endings Travaux reads, and by which reader: a light module, so that knowing
what a folder holds does not load the readers themselves."""

from __future__ import annotations

XML_SUFFIXES = (".xml", ".akn")
WORD_SUFFIXES = (".docx",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
RST_SUFFIXES = (".rst",)
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *RST_SUFFIXES)
PDF_SUFFIXES = (".pdf",)
CONVERTED_SUFFIXES = WORD_SUFFIXES + TEXT_SUFFIXES + PDF_SUFFIXES
"""Read through Akoma Ntoso (`drafts.reading.conversion`)."""
DRAFT_SUFFIXES = XML_SUFFIXES + CONVERTED_SUFFIXES


def file_filter() -> str:
    """The filter of an open-file dialog, every kind first, from the lists above."""

    def patterns(suffixes: tuple[str, ...]) -> str:
        return " ".join(f"*{s}" for s in suffixes)

    kinds = (
        ("Drafts", DRAFT_SUFFIXES),
        ("Akoma Ntoso XML", XML_SUFFIXES),
        ("Word", WORD_SUFFIXES),
        ("PDF", PDF_SUFFIXES),
        ("Text, Markdown, reStructuredText", TEXT_SUFFIXES),
    )
    return ";;".join([*(f"{name} ({patterns(s)})" for name, s in kinds), "All files (*)"])
