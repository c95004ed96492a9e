"""Import files and folders of drafts into the store: all of them, or none.

Every file is read and checked before anything is written, and the writes are one
transaction, so one bad file in a folder leaves the database exactly as it was.
Progress and cancellation are plain callables, so the CLI and the viewer's worker
thread drive the same code.

Akoma Ntoso files (.xml, .akn) are read as they are; Word (.docx) and text (.txt)
drafts are converted to Akoma Ntoso first (`drafts.reading.conversion`), and what structure
detection found comes back as a `DetectionReport` beside the draft.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from drafts.errors import DraftImportError, TravauxError
from drafts.model import Draft, StoredDraft
from drafts.reading.suffixes import CONVERTED_SUFFIXES, DRAFT_SUFFIXES, TEXT_SUFFIXES

if TYPE_CHECKING:  # the readers load when a file is read, not when the app starts
    from drafts.reading.document import DetectionReport
    from drafts.store import Store

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


class ImportCancelled(TravauxError):
    """The user stopped the import; nothing was stored."""


@dataclass(frozen=True)
class ImportReport:
    """What an import did: drafts stored, and files that were already in the database."""

    added: list[StoredDraft]
    duplicates: list[tuple[str, StoredDraft]]
    warnings: list[str]
    detections: list[tuple[str, DetectionReport]] = field(default_factory=list)
    """For each Word or text file: what structure detection found (for the import dialog)."""


@dataclass(frozen=True)
class ReadDocument:
    """One file read: its draft, and for Word or text files what detection found."""

    draft: Draft
    detection: DetectionReport | None = None


@dataclass(frozen=True)
class Negotiation:
    """The work a `--negotiation NAME` puts drafts in: its title and work URI."""

    title: str
    work_uri: str


def resolve_negotiation(name: str, known: Iterable[tuple[int, str, str]] = ()) -> Negotiation:
    """The negotiation called `name`: an existing one (`Store.negotiations()`) whose title or
    work URI is `name`, so drafts join it; else a new one whose URI is derived from it."""
    wanted = name.strip()
    for _, title, work_uri in known:
        if wanted.casefold() in (title.casefold(), work_uri.casefold()):
            return Negotiation(title, work_uri)
    from drafts.reading.akn_writer import work_uri_for

    return Negotiation(wanted, work_uri_for(wanted))


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The drafts named by `paths`: files as given; in folders, sorted by name, the
    Akoma Ntoso and Word files and the text files that have an article heading (a
    folder's notes and read-me files are not drafts)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if _is_draft_file(p))
            if not found:
                raise DraftImportError(
                    path, "the folder holds no .xml files, .docx files or .txt drafts"
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise DraftImportError(path, "no such file or folder")
    return files


def _is_draft_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    if not path.is_file() or suffix not in DRAFT_SUFFIXES or path.name.startswith("~$"):
        return False  # "~$name.docx" is the lock file Word leaves beside an open document
    if suffix in TEXT_SUFFIXES:
        from drafts.reading.plain_text import looks_like_draft

        try:
            with path.open("rb") as handle:
                return looks_like_draft(handle.read(1 << 20), suffix)
        except OSError:
            return True  # let reading it report the error
    return True


def read_documents(
    files: list[Path],
    label: str = "",
    date: str = "",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    negotiation: str = "",
    known: Sequence[tuple[int, str, str]] = (),
) -> list[ReadDocument]:
    """Parse every file (the first bad one raises, and nothing has been stored), with
    each Word or text file's `DetectionReport`.

    `negotiation` puts every draft in the negotiation of that name; `known` (what
    `Store.negotiations()` returns) lets the name join an existing negotiation.
    """
    from drafts.reading.conversion import refuse_undecodable

    where = ", ".join(map(str, files)) or "(no files)"
    refuse_undecodable(where, label=label, date=date, negotiation=negotiation)
    if (label or date) and len(files) != 1:
        raise DraftImportError(
            ", ".join(map(str, files)) or "(no files)",
            "--label and --date describe one draft: import one file with them",
        )
    work = resolve_negotiation(negotiation, known) if negotiation.strip() else None
    documents = []
    for done, path in enumerate(files):
        if should_cancel and should_cancel():
            raise ImportCancelled("import cancelled: nothing was imported")
        if progress:
            progress(done, len(files))
        documents.append(_read_one(path, label, date, work))
    if progress:
        progress(len(files), len(files))
    return documents


def _read_one(path: Path, label: str, date: str, work: Negotiation | None) -> ReadDocument:
    if path.suffix.lower() in CONVERTED_SUFFIXES:
        from drafts.reading import conversion

        converted = conversion.convert_file(
            path,
            label,
            date,
            work.title if work else "",
            work.work_uri if work else "",
        )
        return ReadDocument(converted.draft, converted.report)
    from drafts.reading.akoma import read_draft

    draft = read_draft(path, label=label, date=date)
    if work:
        draft = replace(draft, work_uri=work.work_uri, work_title=work.title)
    return ReadDocument(draft)


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    label: str = "",
    date: str = "",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    negotiation: str = "",
) -> ImportReport:
    """Import every draft found under `paths` in one transaction."""
    documents = read_documents(
        collect_files(paths),
        label,
        date,
        progress,
        should_cancel,
        negotiation,
        store.negotiations() if negotiation else (),
    )
    if should_cancel and should_cancel():
        raise ImportCancelled("import cancelled: nothing was imported")
    detections = [(d.draft.source, d.detection) for d in documents if d.detection]
    return store_drafts(store, [d.draft for d in documents], detections)


def _brackets(draft: Draft) -> tuple[str, ...]:
    """Unbalanced square brackets, reported as found and never repaired: where the
    unagreed text ends is exactly what the source does not say."""
    from drafts.negotiation.brackets import draft_agreement

    return tuple(
        f"unbalanced bracket in {problem}" for problem in draft_agreement(draft.provisions).problems
    )


def store_drafts(
    store: Store,
    drafts: list[Draft],
    detections: Sequence[tuple[str, DetectionReport]] = (),
) -> ImportReport:
    """Store drafts already read (in one transaction), and report what happened."""
    result = store.add_drafts(drafts)
    warnings = [f"{d.source}: {w}" for d in drafts for w in (*d.warnings, *_brackets(d))]
    duplicates = [(d.source, s) for d, s in result.duplicates]
    return ImportReport(result.added, duplicates, warnings, list(detections))
