"""Import files and folders of drafts into the store: all of them, or none.

Every file is read and checked before anything is written, and the writes are one
transaction, so one bad file in a folder leaves the database exactly as it was.
Progress and cancellation are plain callables, so the CLI and the viewer's worker
thread drive the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from drafts.akoma import read_draft
from drafts.errors import DraftImportError, TravauxError
from drafts.model import Draft, StoredDraft
from drafts.store import Store

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]

XML_SUFFIXES = (".xml", ".akn")


class ImportCancelled(TravauxError):
    """The user stopped the import; nothing was stored."""


@dataclass(frozen=True)
class ImportReport:
    """What an import did: drafts stored, and files that were already in the database."""

    added: list[StoredDraft]
    duplicates: list[tuple[str, StoredDraft]]
    warnings: list[str]


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The XML files named by `paths`: files as given, folders' XML files sorted by name."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in XML_SUFFIXES
            )
            if not found:
                raise DraftImportError(path, "the folder holds no .xml files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise DraftImportError(path, "no such file or folder")
    return files


def read_files(
    files: list[Path],
    label: str = "",
    date: str = "",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> list[Draft]:
    """Parse every file; the first bad one raises and nothing has been stored."""
    if (label or date) and len(files) != 1:
        raise DraftImportError(
            ", ".join(map(str, files)) or "(no files)",
            "--label and --date describe one draft: import one file with them",
        )
    drafts = []
    for done, path in enumerate(files):
        if should_cancel and should_cancel():
            raise ImportCancelled("import cancelled: nothing was imported")
        if progress:
            progress(done, len(files))
        drafts.append(read_draft(path, label=label, date=date))
    if progress:
        progress(len(files), len(files))
    return drafts


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    label: str = "",
    date: str = "",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportReport:
    """Import every draft found under `paths` in one transaction."""
    drafts = read_files(collect_files(paths), label, date, progress, should_cancel)
    if should_cancel and should_cancel():
        raise ImportCancelled("import cancelled: nothing was imported")
    return store_drafts(store, drafts)


def store_drafts(store: Store, drafts: list[Draft]) -> ImportReport:
    """Store drafts already read (in one transaction), and report what happened."""
    result = store.add_drafts(drafts)
    warnings = [f"{d.source}: {w}" for d in drafts for w in d.warnings]
    return ImportReport(result.added, [(d.source, s) for d, s in result.duplicates], warnings)
