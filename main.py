"""Travaux: no arguments open the app; subcommands give the same core on the command line.

    python main.py [--db FILE]                         open the app
    python main.py import PATH... [--label L] [--date YYYY-MM-DD] [--negotiation NAME]
                                  [--db FILE]
    python main.py import --demo [--db FILE]
    python main.py convert DRAFT -o OUT [--label L] [--date YYYY-MM-DD] [--negotiation NAME]
    python main.py drafts [--db FILE] [--json]
    python main.py draft edit D [--label L] [--date YYYY-MM-DD] [--symbol S] [--db FILE]
    python main.py draft move D --negotiation NAME [--db FILE]
    python main.py draft delete D [--with-annotations] [--db FILE]
    python main.py compare A B [--db FILE] [--json] [--changed-only] [--ignore-case]
                               [--ignore-whitespace] [--ignore-punctuation]
    python main.py export A B --format html|pdf|docx|csv -o OUT [--changed-only]
                              [--tag T]... [--no-annotations]
                              [--layout side-by-side|inline] [--style colour|legislative]
                              [--db FILE]
    python main.py synopsis [DRAFT...] [--negotiation NAME] --format html|docx|pdf -o OUT
                            [--style colour|legislative] [--no-annotations] [--db FILE]
    python main.py annotations export [--draft D] [--tag T] -o FILE [--db FILE]
    python main.py annotations import FILE [--db FILE]
    python main.py history PROVISION [--from-draft D] [--blame] [--db FILE] [--json]
    python main.py search QUERY [--provision P [--from-draft D]] [--db FILE] [--json]
    python main.py check [--db FILE]                   is the database file sound?
    python main.py dossier init [DIR] [--dossier DIR] [--db FILE]
    python main.py dossier clone URL [DIR] [--dossier DIR] [--db FILE]
    python main.py dossier sync [--dossier DIR] [--db FILE]
    python main.py dossier status [--dossier DIR] [--db FILE]

`--db` goes before or after the command (after wins); without it, $TRAVAUX_DB, else
the user's data folder. `convert` touches no database. Errors print `PATH: reason` on
stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from functools import wraps
from typing import TYPE_CHECKING, Any

from drafts.errors import TravauxError
from drafts.files import write_bytes_atomically
from drafts.paths import default_db_path
from drafts.wording import draft_name, plural

if TYPE_CHECKING:  # the app's start must not wait for the store or the core to load here
    from drafts.model import StoredDraft
    from drafts.negotiation.history import History
    from drafts.store import Store

EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    # One --db for the app and every command that opens the store. Absent unless given,
    # so a --db after the command wins and one before it is not reset by the command.
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="database file (default: $TRAVAUX_DB, else the user's data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="travaux",
        description=(
            "Read the negotiation history of a legal text. With no command, open the app."
        ),
        parents=[db],
    )
    parser.set_defaults(func=None)
    commands = parser.add_subparsers(dest="command")

    imp = commands.add_parser(
        "import",
        parents=[db],
        help="import drafts: Akoma Ntoso, Word (.docx), PDF or text (.txt); files or folders",
    )
    imp.add_argument("paths", nargs="*", metavar="PATH")
    imp.add_argument("--demo", action="store_true", help="import the bundled demo negotiation")
    imp.add_argument("--label", default="", help="the draft's name, e.g. 'Zero draft'")
    imp.add_argument("--date", default="", help="the draft's date, YYYY-MM-DD")
    imp.add_argument(
        "--negotiation",
        default="",
        metavar="NAME",
        help="the negotiation the drafts belong to (an existing one's title joins it)",
    )
    imp.set_defaults(func=cmd_import)

    con = commands.add_parser(
        "convert",
        help="write a Word, PDF or text draft as the Akoma Ntoso that import would store",
    )
    con.add_argument("path", metavar="DRAFT", help="a .docx, .pdf or .txt draft")
    con.add_argument("-o", "--output", required=True, metavar="OUT", help="the .xml to write")
    con.add_argument("--label", default="", help="the draft's name, e.g. 'Zero draft'")
    con.add_argument("--date", default="", help="the draft's date, YYYY-MM-DD")
    con.add_argument("--negotiation", default="", metavar="NAME", help="the negotiation's name")
    con.set_defaults(func=cmd_convert)

    lst = commands.add_parser("drafts", parents=[db], help="list the drafts in negotiation order")
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")
    lst.set_defaults(func=cmd_drafts)

    drf = commands.add_parser("draft", help="correct a draft's label, date or symbol; move; delete")
    drf_commands = drf.add_subparsers(dest="action", required=True)
    drf_edit = drf_commands.add_parser(
        "edit", parents=[db], help="set a draft's label, date (YYYY-MM-DD, or '' for none), symbol"
    )
    drf_edit.add_argument("draft", metavar="D", help="named as for compare")
    drf_edit.add_argument("--label", default=None)
    drf_edit.add_argument("--date", default=None)
    drf_edit.add_argument("--symbol", default=None)
    drf_edit.set_defaults(func=cmd_draft)
    drf_move = drf_commands.add_parser(
        "move",
        parents=[db],
        help="put a draft in another negotiation (a new one if none has that title)",
    )
    drf_move.add_argument("draft", metavar="D")
    drf_move.add_argument("--negotiation", required=True, metavar="NAME")
    drf_move.set_defaults(func=cmd_draft)
    drf_delete = drf_commands.add_parser(
        "delete", parents=[db], help="delete a draft, its provisions and cached comparisons"
    )
    drf_delete.add_argument("draft", metavar="D")
    drf_delete.add_argument(
        "--with-annotations",
        action="store_true",
        help="also the annotations made on it (refused without this when there are any)",
    )
    drf_delete.set_defaults(func=cmd_draft)

    cmp = commands.add_parser(
        "compare",
        parents=[db],
        help="what became of every provision between two drafts",
        description="Drafts are named by id, label, document symbol or date (see: drafts).",
    )
    cmp.add_argument("old", metavar="A", help="the earlier (or any) draft")
    cmp.add_argument("new", metavar="B", help="the later (or any) draft")
    cmp.add_argument("--json", action="store_true", help="print the documented JSON shape")
    cmp.add_argument("--changed-only", action="store_true", help="leave unchanged provisions out")
    cmp.add_argument("--ignore-case", action="store_true", help="case changes are no change")
    cmp.add_argument(
        "--ignore-whitespace", action="store_true", help="spacing and line breaks are no change"
    )
    cmp.add_argument(
        "--ignore-punctuation", action="store_true", help="punctuation changes are no change"
    )
    cmp.set_defaults(func=cmd_compare)

    exp = commands.add_parser(
        "export",
        parents=[db],
        help="write a comparison for readers without Travaux: HTML, PDF, Word or CSV",
    )
    exp.add_argument("old", metavar="A", help="the earlier (or any) draft")
    exp.add_argument("new", metavar="B", help="the later (or any) draft")
    exp.add_argument("--format", required=True, choices=("html", "pdf", "docx", "csv"))
    exp.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    exp.add_argument("--changed-only", action="store_true", help="leave unchanged provisions out")
    notes = exp.add_mutually_exclusive_group()
    notes.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        help="only provisions with an annotation tagged T (repeatable)",
    )
    notes.add_argument(
        "--no-annotations", action="store_true", help="leave the stored annotations out"
    )
    exp.add_argument("--layout", choices=("side-by-side", "inline"), default="side-by-side")
    exp.add_argument(
        "--style",
        choices=("colour", "legislative"),
        default="colour",
        help="HTML and PDF: the window's colours, or black and white (struck, underlined)",
    )
    exp.set_defaults(func=cmd_export)

    syn = commands.add_parser(
        "synopsis",
        parents=[db],
        help="any number of drafts side by side, one row per provision (HTML, Word or PDF)",
        description=(
            "The four-column document: one column per draft, each marked against the one to "
            "its left, and a column of annotations. Drafts are named as for compare; with "
            "none, every draft of the only (or --negotiation's) negotiation."
        ),
    )
    syn.add_argument("drafts", nargs="*", metavar="DRAFT", help="two or more, in column order")
    syn.add_argument("--negotiation", default="", metavar="NAME", help="all its drafts")
    syn.add_argument("--format", required=True, choices=("html", "docx", "pdf"))
    syn.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    syn.add_argument("--style", choices=("colour", "legislative"), default="colour")
    syn.add_argument("--no-annotations", action="store_true", help="no column of annotations")
    syn.set_defaults(func=cmd_synopsis)

    ann = commands.add_parser("annotations", help="W3C Web Annotation export and import")
    ann_commands = ann.add_subparsers(dest="action", required=True)
    ann_exp = ann_commands.add_parser("export", parents=[db], help="write annotations as JSON-LD")
    ann_exp.add_argument("--draft", default="", metavar="D", help="only those on draft D")
    ann_exp.add_argument("--tag", default="", metavar="T", help="only those tagged T")
    ann_exp.add_argument("-o", "--output", required=True, metavar="FILE")
    ann_exp.set_defaults(func=cmd_annotations)
    ann_imp = ann_commands.add_parser("import", parents=[db], help="read annotations, all or none")
    ann_imp.add_argument("path", metavar="FILE")
    ann_imp.set_defaults(func=cmd_annotations)

    his = commands.add_parser(
        "history",
        parents=[db],
        help="one provision through every draft of its negotiation",
        description="PROVISION is an eId (art_24) or a number (Article 24, art 24, 24).",
    )
    his.add_argument("provision", metavar="PROVISION")
    his.add_argument(
        "--from-draft",
        default="",
        metavar="D",
        help="the draft PROVISION is named in (default: the latest)",
    )
    his.add_argument(
        "--blame",
        action="store_true",
        help="which draft wrote each phrase of its text, and what was deleted where",
    )
    his.add_argument("--json", action="store_true", help="print the documented JSON shape")
    his.set_defaults(func=cmd_history)

    sea = commands.add_parser(
        "search",
        parents=[db],
        help="full-text search over every draft",
        description=(
            'Words must all occur; "a phrase" in quotes; word* for a prefix. With --provision, '
            "say in which drafts that provision (followed through renumbering) contains it."
        ),
    )
    sea.add_argument("query", metavar="QUERY")
    sea.add_argument("--provision", default="", metavar="P", help="follow one provision")
    sea.add_argument(
        "--from-draft", default="", metavar="D", help="the draft P is named in (default: latest)"
    )
    sea.add_argument("--json", action="store_true", help="print the documented JSON shape")
    sea.set_defaults(func=cmd_search)

    chk = commands.add_parser(
        "check",
        parents=[db],
        help="check the database file: pages, full-text index, references (changes nothing)",
    )
    chk.set_defaults(func=cmd_check)
    _add_dossier_commands(commands, db)
    return parser


def _add_dossier_commands(commands: Any, db: argparse.ArgumentParser) -> None:
    """`dossier init|clone|sync|status`: share drafts and annotations through git."""
    where = argparse.ArgumentParser(add_help=False, parents=[db])
    where.add_argument(
        "--dossier",
        default="",
        metavar="DIR",
        help="the dossier's folder (default: $TRAVAUX_DOSSIER, else 'dossier' beside the database)",
    )
    dos = commands.add_parser(
        "dossier",
        help="share drafts and annotations with a team through a git repository",
        description="A dossier is a git repository of drafts and annotation records; "
        "the database stays a local index of it.",
    )
    actions = dos.add_subparsers(dest="action", required=True)
    ini = actions.add_parser("init", parents=[where], help="make a new dossier")
    ini.add_argument("folder", nargs="?", default="", metavar="DIR")
    clo = actions.add_parser(
        "clone", parents=[where], help="clone the team's dossier and import it"
    )
    clo.add_argument("url", metavar="URL", help="a folder, SSH or HTTPS address of the repository")
    clo.add_argument("folder", nargs="?", default="", metavar="DIR")
    actions.add_parser("sync", parents=[where], help="share new records, take in the others', push")
    actions.add_parser("status", parents=[where], help="what waits to be shared; conflicts")
    for action in actions.choices.values():
        action.set_defaults(func=cmd_dossier)


def with_store(
    command: Callable[[Store, argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """A command that reads or writes the database: run it with the store `--db` names."""

    @wraps(command)
    def run(args: argparse.Namespace) -> int:
        from drafts.store import Store

        with Store(default_db_path(args.db)) as store:
            return command(store, args)

    return run


@with_store
def cmd_import(store: Store, args: argparse.Namespace) -> int:
    from drafts.demo import demo_files
    from drafts.importer import import_paths

    if not args.paths and not args.demo:
        print("import: name files or folders of XML, or --demo", file=sys.stderr)
        return EXIT_ERROR
    paths = [*args.paths, *(demo_files() if args.demo else [])]
    report = import_paths(
        store, paths, label=args.label, date=args.date, negotiation=args.negotiation
    )
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for draft in report.added:
        print(
            f"imported {draft.source}: {draft.label} ({draft.date or 'undated'}), "
            f"{draft.provision_count} provisions, as draft {draft.id}"
        )
    for source, existing in report.duplicates:
        print(
            f"already imported {source}: same content as draft {existing.id} "
            f"({existing.label}); nothing added"
        )
    return 0


@with_store
def cmd_drafts(store: Store, args: argparse.Namespace) -> int:
    drafts = store.drafts()
    if args.json:
        print(json.dumps([asdict(d) for d in drafts], ensure_ascii=False, indent=2))
        return 0
    if not drafts:
        print(f"No drafts in {store.name}. Import some, or: main.py import --demo")
        return 0
    negotiation = None
    for d in drafts:
        if d.negotiation != negotiation:
            negotiation = d.negotiation
            print(f"\n{negotiation}")
        print(
            f"  {d.id:>4}  {d.date or 'undated':<10}  {d.label:<34.34}  {d.symbol:<20.20}  "
            f"{d.provision_count:>4} provisions"
        )
    return 0


@with_store
def cmd_draft(store: Store, args: argparse.Namespace) -> int:
    """Correct, move or delete one draft; the draft as it now is, or what went."""
    from drafts.library import DraftFacts, delete_draft, edit_draft, move_draft

    draft = store.find_draft(args.draft)
    if args.action == "delete":
        gone = delete_draft(store, draft.id, args.with_annotations)
        print(
            f"deleted {draft_name(draft)}" + (f" and {plural(gone, 'annotation')}" if gone else "")
        )
        return 0
    if args.action == "move":
        changed = move_draft(store, draft.id, args.negotiation)
    else:
        changed = edit_draft(store, draft.id, DraftFacts(args.label, args.date, args.symbol))
    print(f"{changed.id}: {draft_name(changed)} in {changed.negotiation}")
    return 0


@with_store
def cmd_compare(store: Store, args: argparse.Namespace) -> int:
    from drafts.comparing.comparisons import compare_drafts, to_json
    from drafts.comparing.diff import DiffOptions

    options = DiffOptions(args.ignore_case, args.ignore_whitespace, args.ignore_punctuation)
    old, new = store.find_draft(args.old), store.find_draft(args.new)
    comparison = compare_drafts(store, old, new, options)
    if comparison.warning:
        print(f"warning: {comparison.warning}", file=sys.stderr)
    if args.json:
        shape = to_json(comparison)
        if args.changed_only:
            shape["provisions"] = [p for p in shape["provisions"] if p["status"] != "unchanged"]
        print(json.dumps(shape, ensure_ascii=False, indent=2))
        return 0
    print(f"{draft_name(old)}  ->  {draft_name(new)}")
    if options.key() != "exact":
        print(f"({options.key().replace('-', ' ')})")
    width = max((len(c.from_num) for c in comparison.changes), default=0)
    width = min(max(width, 9), 30)
    for change in comparison.changes:
        if args.changed_only and not change.changed:
            continue
        status = change.status + ("?" if change.uncertain else "")
        words = f"+{change.words.added} / -{change.words.deleted}" if change.changed else ""
        before, after = change.from_num or "—", change.to_num or "—"
        print(f"  {before:<{width}.{width}}  ->  {after:<{width}.{width}}  {status:<11}  {words}")
    print(_summary(comparison.totals()))
    if any(c.uncertain for c in comparison.changes):
        print("? = paired on weak evidence (similarity under 0.55): worth a second look")
    return 0


def _summary(totals: dict[str, int]) -> str:
    from drafts.comparing.compare import STATUSES

    counts = ", ".join(f"{totals[s]} {s}" for s in STATUSES if totals[s])
    return (
        f"{totals['changed']} of {totals['provisions']} provisions changed ({counts}); "
        f"+{totals['words_added']:,} / -{totals['words_deleted']:,} words"
    )


def _named_draft(store: Store, name: str) -> StoredDraft:
    """The draft named on the command line, else the latest one."""
    from drafts.errors import NotFoundError

    if name:
        return store.find_draft(name)
    drafts = store.drafts()
    if not drafts:
        raise NotFoundError(f"no drafts in {store.name}: import some first")
    return drafts[-1]


@with_store
def cmd_export(store: Store, args: argparse.Namespace) -> int:
    """Export through the same writers as File > Export (the PDF through Qt, offscreen),
    with the stored annotations placed on the two drafts unless --no-annotations."""
    from drafts.annotating.annotations import tag_named
    from drafts.comparing.comparisons import compare_drafts
    from drafts.export.model import scoped
    from drafts.export.notes import ExportNotes, export_notes

    if args.format == "pdf":  # only a PDF needs Qt
        from viewer.export_pdf import write_export
    else:
        from drafts.export.formats import write_export

    old, new = store.find_draft(args.old), store.find_draft(args.new)
    wanted = {tag_named(store, t).name for t in args.tag} or None  # before any work is cached
    comparison = compare_drafts(store, old, new)
    found = ExportNotes(()) if args.no_annotations else export_notes(store, comparison)
    request = scoped(
        comparison,
        changed_only=args.changed_only,
        tags=wanted,
        notes=found.notes,
        layout=args.layout,
        style=args.style,
    )
    if wanted and not request.rows:  # a brief on a tag nothing carries is no brief
        from drafts.errors import RefusedError

        tagged = " or ".join(sorted(wanted))
        raise RefusedError(
            f"{args.output}: no provision carries an annotation tagged {tagged}: nothing written"
        )
    write_export(request, args.format, args.output)
    missed = [u for u in found.unplaced if not wanted or any(t.name in wanted for t in u.note.tags)]
    if missed:
        print(
            f"warning: {plural(len(missed), 'annotation')} could not be placed in either "
            "draft; left out of the export",
            file=sys.stderr,
        )
    shown, noted = len(request.rows), len(request.notes())
    print(
        f"wrote {args.output}: {draft_name(old)} -> {draft_name(new)}, "
        f"{plural(shown, 'provision')} of {len(comparison.changes)}"
        + (f", {plural(noted, 'annotation')}" if noted else "")
    )
    return 0


@with_store
def cmd_synopsis(store: Store, args: argparse.Namespace) -> int:
    """The synopsis of the named drafts, or of every draft of one negotiation."""
    from drafts.export.synopsis import synopsis_request, write_synopsis

    drafts = _synopsis_drafts(store, args.drafts, args.negotiation)
    request = synopsis_request(store, drafts, not args.no_annotations, args.style)
    if args.format == "pdf":  # only a PDF needs Qt
        from viewer.synopsis_pdf import write_synopsis_file

        write_synopsis_file(request, args.format, args.output)
    else:
        write_synopsis(request, args.format, args.output)
    noted = request.note_count()
    print(
        f"wrote {args.output}: {plural(len(drafts), 'draft')}, "
        f"{plural(len(request.synopsis.rows), 'provision')}"
        + (f", {plural(noted, 'annotation')}" if noted else "")
    )
    return 0


def _synopsis_drafts(store: Store, names: list[str], negotiation: str) -> list[StoredDraft]:
    from drafts.errors import NotFoundError, RefusedError

    if names:
        drafts = [store.find_draft(name) for name in names]
    else:
        negotiations = {d.negotiation_id: d.negotiation for d in store.drafts()}
        wanted = [k for k, title in negotiations.items() if not negotiation or title == negotiation]
        if not wanted:
            raise NotFoundError(f"no negotiation named {negotiation!r} in {store.name}")
        if len(wanted) > 1:
            titles = "; ".join(negotiations[k] for k in wanted)
            raise RefusedError(f"name the drafts or --negotiation: there are several ({titles})")
        drafts = store.drafts(wanted[0])
    if len(drafts) < 2:
        raise RefusedError("a synopsis needs two drafts or more")
    return drafts


@with_store
def cmd_annotations(store: Store, args: argparse.Namespace) -> int:
    from pathlib import Path

    from drafts.annotating.web_annotation import import_annotations, write_annotations

    if args.action == "import":
        summary = import_annotations(store, args.path)
        print(
            f"imported {args.path}: {plural(summary.added, 'annotation')} added, "
            f"{summary.already_present} already there"
        )
        return 0
    draft = store.find_draft(args.draft) if args.draft else None
    out = Path(args.output)
    written = write_annotations(store, out, draft=draft, tag=args.tag or None)
    print(f"wrote {out}: {plural(written, 'annotation')}")
    return 0


@with_store
def cmd_history(store: Store, args: argparse.Namespace) -> int:
    from drafts.negotiation.history import find_provision, history, history_json

    draft = _named_draft(store, args.from_draft)
    provision = find_provision(store, draft, args.provision)
    h = history(store, draft, provision)
    if args.blame:
        return _print_blame(h, args.json)
    if args.json:
        print(json.dumps(history_json(h), ensure_ascii=False, indent=2))
        return 0
    print(f"{provision.title()} in {draft_name(draft)}, through {h.start.negotiation}")
    for step in h.steps:
        when = f"{step.draft.date or 'undated':<10}  {step.draft.label:<32.32}"
        if not step.present:
            gone = "deleted" if step.status == "deleted" else "—"
            print(f"  {when}  {gone}")
            continue
        words = (
            f"+{step.words.added} / -{step.words.deleted}"
            if step.words.added or step.words.deleted
            else ""
        )
        line = f"  {when}  {step.num:<24.24}  {step.status or 'first draft':<12}  {words}"
        print(line.rstrip())
    return 0


def _print_blame(h: History, as_json: bool) -> int:
    """Each phrase after the label of the draft that wrote it, then the deletions."""
    from drafts.negotiation.blame import blame_history, blame_json

    b = blame_history(h)
    if as_json:
        print(json.dumps(blame_json(b), ensure_ascii=False, indent=2))
        return 0
    print(f"Where the words of {b.provision.title()} in {draft_name(b.draft)} came from:")
    width = max(len(d.label) for d in b.drafts)
    for share in b.by_draft():
        words = "word" if share.words == 1 else "words"
        print(f"  {share.draft.label:<{width}}  {share.words:>6,} {words}")
    print()
    for text, written in b.phrases():
        for line in text.split("\n"):
            if line.strip():
                print(f"  {written.label:<{width}} │ {line.strip()}")
    if b.deletions:
        print("\nDeleted along the way:")
    for d in b.deletions:
        deleted = " ".join(d.text.split())
        print(f"  {d.draft.label:<{width}} │ “{deleted}” after …{d.context.strip()}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert without touching any database: the file is written whole or not at all."""
    from pathlib import Path

    from drafts.importer import check_date, check_document_file
    from drafts.reading.conversion import convert_file

    check_document_file(Path(args.path))
    check_date(args.path, args.date)
    result = convert_file(Path(args.path), args.label, args.date, args.negotiation)
    check_date(args.path, result.draft.date)
    for warning in result.draft.warnings:
        print(f"warning: {args.path}: {warning}", file=sys.stderr)
    out = Path(args.output)
    write_bytes_atomically(out, result.xml)
    print(
        f"wrote {out}: {result.draft.label}, {len(result.draft.provisions)} provisions "
        f"({result.report.summary()})"
    )
    return 0


@with_store
def cmd_search(store: Store, args: argparse.Namespace) -> int:
    from drafts.negotiation.history import find_provision, history
    from drafts.negotiation.search import phrase_history, phrase_history_json, search, search_json

    if args.provision:
        draft = _named_draft(store, args.from_draft)
        provision = find_provision(store, draft, args.provision)
        life = phrase_history(store, args.query, history(store, draft, provision))
        if args.json:
            print(json.dumps(phrase_history_json(life), ensure_ascii=False, indent=2))
            return 0
        print(f"{args.query!r} in {provision.title()} ({draft.label}), draft by draft:")
        for step, found in zip(life.history.steps, life.found, strict=True):
            where = step.num if step.present else "(not in this draft)"
            mark = "yes" if found else "no" if step.present else ""
            when = f"{step.draft.date or 'undated':<10}  {step.draft.label:<32.32}"
            print(f"  {when}  {where:<24.24}  {mark}".rstrip())
        if life.first is None:
            print("never in this provision")
        else:
            print(f"first in {draft_name(life.first)}; last in {draft_name(life.last)}")
            if life.gaps:
                print("out of the text in " + ", ".join(draft_name(d) for d in life.gaps))
            if life.left:
                print(f"gone from {draft_name(life.left)}")
        return 0
    result = search(store, args.query)
    if args.json:
        print(json.dumps(search_json(result), ensure_ascii=False, indent=2))
        return 0
    if not result.groups:
        print(f"{args.query!r}: not found in any draft")
        return 0
    print(
        f"{args.query!r}: {plural(result.hits, 'match', 'matches')} in "
        f"{plural(len(result.groups), 'provision')} of "
        f"{plural(len(result.drafts), 'draft')}; first in {draft_name(result.drafts[0])}, "
        f"last in {draft_name(result.drafts[-1])}"
    )
    for g in result.groups:
        span = g.first.label if g.first == g.last else f"{g.first.label} … {g.last.label}"
        drafts = "1 draft" if len(g.hits) == 1 else f"{len(g.hits)} drafts"
        print(f"\n  {g.num} {g.heading}  ({drafts}: {span})")
        print(f"    {' '.join(g.hits[-1].snippet.split())}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 when the file is sound, 2 with each problem listed when it is not."""
    from drafts.connection import CHECK_HINT
    from drafts.integrity import check_database

    path = default_db_path(args.db)
    checked = check_database(path)
    for skipped in checked.skipped:
        print(f"not checked: {skipped}")
    if not checked.problems:
        print(f"{path}: sound (schema {checked.version}): {', '.join(checked.looked_at)}")
        return 0
    for problem in checked.problems:
        print(f"  {problem}")
    print(f"{path}: {plural(len(checked.problems), 'problem')}; {CHECK_HINT.split(',')[0]}",
          file=sys.stderr)  # fmt: skip
    return EXIT_ERROR


@with_store
def cmd_dossier(store: Store, args: argparse.Namespace) -> int:
    from drafts.dossier import reports
    from drafts.dossier import sync as dossier

    folder = getattr(args, "folder", "") or args.dossier or _default_dossier(args)
    if args.action == "init":
        print(f"made a dossier in {dossier.init(folder)}; share it with: dossier sync")
        return 0
    if args.action == "clone":
        root = dossier.clone(args.url, folder)
        print(f"cloned {args.url} into {root}")
        lines = reports.arrived_lines(dossier.rebuild(store, root))
    elif args.action == "sync":
        lines = reports.sync_lines(dossier.sync(store, folder))
    else:
        lines = reports.status_lines(dossier.status(store, folder))
    print("\n".join(lines))
    return 0


def _default_dossier(args: argparse.Namespace) -> str:
    from drafts.dossier.sync import default_folder

    return str(default_folder(default_db_path(args.db)))


def plain_start(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Whether `argv` only opens the app (nothing, or `--db FILE`), and the FILE: the
    window's start then skips building the parser of every command (10 ms, a twentieth
    of the start: tests/benchmarks/bench_startup.py). Anything else, an empty or
    dash-led FILE included, goes through the parser and its messages."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db":
        db = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--db="):
        db = argv[0].removeprefix("--db=")
    else:
        return False, None
    return (True, db) if db.strip() and not db.startswith("-") else (False, None)


def main(argv: Sequence[str] | None = None) -> int:
    plain, db = plain_start(sys.argv[1:] if argv is None else argv)
    if plain:
        from viewer.app import run

        return run(default_db_path(db))
    args = build_parser().parse_args(argv)
    args.db = getattr(args, "db", None)  # absent when no --db was given anywhere
    if args.db is not None and not args.db.strip():  # an unset variable in a script, say
        print("--db: the file name is empty; name a database file", file=sys.stderr)
        return EXIT_ERROR
    if args.func is None:
        from viewer.app import run

        return run(default_db_path(args.db))
    try:
        return args.func(args)
    except TravauxError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader (e.g. `head`) has seen enough: not an error. Silence the final flush.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


if __name__ == "__main__":
    sys.exit(main())
