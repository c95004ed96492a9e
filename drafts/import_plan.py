"""What an import from the window will store, settled before anything is stored.

The window asks before it imports: which drafts a folder holds (and which of its files
are left out, and why), then what each draft is filed under: its label, date, document
symbol and negotiation, read from the document and corrected by the reader. A folder
is a reader's collection, so a file in it that cannot be read is left out with its
reason; a file named on its own that cannot be read stops the import, as on the command
line. Nothing here writes: `drafts.importer.store_drafts` stores what this settles.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from drafts.errors import DraftImportError
from drafts.importer import (
    ImportCancelled,
    Progress,
    ReadDocument,
    ShouldCancel,
    check_date,
    check_document_file,
    read_documents,
    resolve_negotiation,
)
from drafts.model import Draft
from drafts.reading.suffixes import DRAFT_SUFFIXES, TEXT_SUFFIXES

Reader = Callable[..., list[ReadDocument]]
"""`read_documents`, or a stand-in with its signature (tests)."""


@dataclass(frozen=True)
class Skipped:
    """A file of a folder that is not imported, and why, in words."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Found:
    """The files to read, those of them that came from a folder (left out, not fatal,
    if they cannot be read), and the folder's files already left out."""

    files: list[Path]
    in_folders: frozenset[Path]
    skipped: list[Skipped]


def find_drafts(paths: Iterable[str | Path]) -> Found:
    """The drafts named by `paths`: a file as given (refused, by what it is, if it
    cannot be a document); a folder's drafts by name, each other file of it skipped
    with the reason. A folder with no draft at all is an error saying what it holds."""
    files: list[Path] = []
    in_folders: set[Path] = set()
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if _is_folder(path):
            drafts, left_out = _survey(path)
            if not drafts:
                raise DraftImportError(path, _nothing_to_read(left_out))
            files += drafts
            in_folders.update(drafts)
            skipped += left_out
        else:
            check_document_file(path)
            files.append(path)
    return Found(files, frozenset(in_folders), skipped)


def _is_folder(path: Path) -> bool:
    """Whether `path` is a folder; False when it cannot be looked at, for
    `check_document_file` to say why."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _survey(folder: Path) -> tuple[list[Path], list[Skipped]]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise DraftImportError(
            folder, f"the folder cannot be read ({exc.strerror or exc})"
        ) from exc
    drafts: list[Path] = []
    skipped: list[Skipped] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue  # the system's own files (.DS_Store), never a reader's
        reason = why_not_a_draft(entry)
        if reason:
            skipped.append(Skipped(entry, reason))
        else:
            drafts.append(entry)
    return drafts, skipped


def why_not_a_draft(path: Path) -> str:
    """Why a folder's entry is not read as a draft; "" if it is one."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    suffix = path.suffix.lower()
    if stat.S_ISDIR(mode):
        return "a folder: folders inside are not read"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    if suffix not in DRAFT_SUFFIXES:
        kinds = ", ".join(DRAFT_SUFFIXES)
        return f"not a kind of file drafts come in ({kinds})"
    if path.name.startswith("~$"):
        return "the lock file Word leaves beside an open document"
    if suffix in TEXT_SUFFIXES and not _text_draft(path):
        return "a text file with no article heading: notes, not a draft"
    return ""


def _text_draft(path: Path) -> bool:
    from drafts.reading.plain_text import looks_like_draft

    try:
        with path.open("rb") as handle:
            return looks_like_draft(handle.read(1 << 20), path.suffix.lower())
    except OSError:
        return True  # reading it will say why


def _nothing_to_read(skipped: Sequence[Skipped], what: str = "drafts") -> str:
    if not skipped:
        return "the folder is empty"
    shown = "; ".join(f"{s.path.name}: {s.reason}" for s in skipped[:5])
    more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    return f"the folder holds no {what} ({shown}{more})"


def read_found(
    found: Found,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    read: Reader = read_documents,
) -> tuple[list[ReadDocument], list[Skipped]]:
    """Read every file found, one at a time: what was read, and the folder's files
    that could not be read, with the reason (a file named on its own raises)."""
    documents: list[ReadDocument] = []
    skipped = list(found.skipped)
    total = len(found.files)
    for done, path in enumerate(found.files):

        def report(k: int, _: int, done: int = done) -> None:
            if progress:
                progress(done + k, total)

        try:
            documents += read([path], progress=report, should_cancel=should_cancel)
        except ImportCancelled:
            raise
        except DraftImportError as exc:
            if path not in found.in_folders:
                raise
            skipped.append(Skipped(path, exc.reason))
    if progress:
        progress(total, total)
    if not documents and skipped:
        where = ", ".join(str(p) for p in found.files) or "the files"
        raise DraftImportError(where, _nothing_to_read(skipped, "readable drafts"))
    return documents, skipped


@dataclass(frozen=True)
class Filing:
    """What a reader files a draft under."""

    label: str
    date: str
    symbol: str
    negotiation: str


def filing_of(draft: Draft, known: Sequence[tuple[int, str, str]] = ()) -> Filing:
    """As the document says: its label, date and symbol, and its negotiation by the
    title the store knows it by when its work is stored already."""
    title = next((t for _, t, uri in known if uri == draft.work_uri), draft.work_title)
    return Filing(draft.label, draft.date, draft.symbol, title)


def refile(draft: Draft, filing: Filing, known: Sequence[tuple[int, str, str]] = ()) -> Draft:
    """The draft filed as `filing` says, checked as an import checks it: a label, and a
    date of the calendar (or none). A negotiation named as the document names it keeps
    the document's work; another name joins that negotiation, or makes a new one."""
    label = filing.label.strip()
    if not label:
        raise DraftImportError(draft.source, "a draft needs a label")
    date = filing.date.strip()
    check_date(draft.source, date)
    draft = replace(draft, label=label, date=date, symbol=filing.symbol.strip())
    negotiation = filing.negotiation.strip()
    if not negotiation:
        raise DraftImportError(draft.source, "name the negotiation the draft belongs to")
    if negotiation == filing_of(draft, known).negotiation:
        return draft
    work = resolve_negotiation(negotiation, known)
    return replace(draft, work_uri=work.work_uri, work_title=work.title)
