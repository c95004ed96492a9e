"""Import files and folders of drafts into the store: all of them, or none.

Every file is read and checked before anything is written, and the writes are one
transaction, so one bad file in a folder leaves the database exactly as it was.
Progress and cancellation are plain callables, so the CLI and the viewer's worker
thread drive the same code.

Akoma Ntoso files (.xml, .akn) are read as they are; Word (.docx), PDF and text (.txt)
drafts are converted to Akoma Ntoso first (`drafts.reading.conversion`), and what structure
detection found comes back as a `DetectionReport` beside the draft.
"""

from __future__ import annotations

import datetime
import errno
import re
import stat
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
    folder's notes and read-me files are not drafts). What is not a document (a
    device, a pipe, a file the system makes up as it is read) is refused by what it
    is, before a byte of it is read."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if stat.S_ISDIR(_mode(path)):
            found = sorted(p for p in _listing(path) if _is_draft_file(p))
            if not found:
                raise DraftImportError(
                    path, "the folder holds no .xml files, .docx or .pdf files or .txt drafts"
                )
            files.extend(found)
        else:
            check_document_file(path)
            files.append(path)
    return files


def check_document_file(path: Path) -> None:
    """Refuse what cannot be a document file, by what it is: missing, unreadable, a
    folder, a device, a pipe, or a file under /proc or /sys (their sizes say 0 but
    reading them never ends, or gives the system's state, not a draft)."""
    mode = _mode(path)
    if stat.S_ISDIR(mode):
        raise DraftImportError(path, "a folder, not a file")
    if not stat.S_ISREG(mode):
        raise DraftImportError(
            path, f"not a regular file but {_kind(mode)}: only documents are read"
        )
    system = next((root for root in _SYSTEM_FOLDERS if path.resolve().is_relative_to(root)), None)
    if system:
        raise DraftImportError(path, f"a file the system makes up in {system}, not a document")


_SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def _mode(path: Path) -> int:
    """The file's type and permissions; why it cannot be looked at, in words."""
    try:
        return path.stat().st_mode
    except FileNotFoundError as exc:
        raise DraftImportError(path, "no such file or folder") from exc
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            reason = "the name is too long for the file system (at most 255 bytes a name)"
        else:
            reason = f"cannot be read ({exc.strerror or exc})"
        raise DraftImportError(path, reason) from exc


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError as exc:
        raise DraftImportError(
            folder, f"the folder cannot be read ({exc.strerror or exc})"
        ) from exc


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


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
    if files:
        check_date(files[0], date)
    work = resolve_negotiation(negotiation, known) if negotiation.strip() else None
    documents = []
    for done, path in enumerate(files):
        if should_cancel and should_cancel():
            raise ImportCancelled("import cancelled: nothing was imported")
        if progress:
            progress(done, len(files))
        document = _read_one(path, label, date, work)
        check_date(path, document.draft.date)
        documents.append(document)
    if progress:
        progress(len(files), len(files))
    return documents


def check_date(source: str | Path, date: str) -> None:
    """Refuse a date that is not a day of the calendar (2024-13-45, 2024-02-30): drafts
    are ordered by it, and a reader of the list would take it at its word."""
    if not date:
        return
    if not _ISO_DATE.fullmatch(date):
        raise DraftImportError(source, f"the date {date!r} is not of the form YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(date)
    except ValueError as exc:
        raise DraftImportError(
            source,
            f"the date {date!r} is not a day of the calendar: write it as YYYY-MM-DD, "
            "with a month from 01 to 12 and a day that month has",
        ) from exc


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
