"""What a dossier command says to a person: lines of plain text, the same for the
command line and the window."""

from __future__ import annotations

from drafts.dossier.indexing import Arrived
from drafts.dossier.records import ANNOTATIONS, LIBRARY, TAGS
from drafts.dossier.sync import Conflict, Status, SyncReport
from drafts.wording import plural


def sync_lines(report: SyncReport) -> list[str]:
    lines = [_shared(report.shared_drafts, report.shared_annotations, report.shared_tags)]
    if report.shared_library:
        lines.append(
            f"shared: {plural(report.shared_library, 'library change')} (drafts "
            "renamed, redated, moved or deleted)"
        )
    lines += [f"not shared: {reason}" for reason in report.unshared]
    if not report.remote:
        lines.append("no remote: the records are committed here only (git remote add origin URL)")
    elif report.offline:
        said = report.offline.splitlines()[-1]
        lines.append(f"could not reach {report.remote} ({said}): committed here, sync again later")
    elif report.pushed:
        lines.append(f"exchanged with {report.remote}")
    lines += arrived_lines(report.arrived)
    lines += conflict_lines(report.conflicts)
    return lines


def arrived_lines(arrived: Arrived) -> list[str]:
    parts = [
        plural(len(arrived.drafts), "draft"),
        f"{len(arrived.added)} new, {len(arrived.changed)} changed and "
        f"{len(arrived.removed)} deleted annotations",
    ]
    if arrived.tags:
        parts.append(plural(len(arrived.tags), "tag") + " changed")
    lines = ["arrived: " + ", ".join(parts)]
    lines += [f"  draft: {label}" for label in arrived.drafts]
    lines += [f"  draft changed: {change}" for change in arrived.renamed]
    lines += [
        f"  draft deleted: {label} (its annotations stay in the dossier)"
        for label in arrived.hidden
    ]
    lines += [f"kept in the dossier, not in the database: {reason}" for reason in arrived.refused]
    return lines


def conflict_lines(conflicts: list[Conflict]) -> list[str]:
    if not conflicts:
        return []
    lines = [
        f"{plural(len(conflicts), 'annotation')} in conflict (edited in two places; the "
        "latest is shown: edit it to settle which stands):"
    ]
    for c in conflicts:
        versions = "; ".join(
            f"{'deleted' if deleted else 'edited'} by {author or 'someone'} at {when}"
            for _, author, when, deleted in c.versions
        )
        lines.append(f"  {c.annotation}: {versions}")
    return lines


def status_lines(found: Status) -> list[str]:
    pending = found.to_share
    lines = [
        f"dossier {found.folder}",
        f"  signed by {found.author or '(nobody: set git config user.name)'}",
        f"  remote {found.remote or '(none)'}",
        f"  {plural(found.drafts, 'draft')}, {plural(found.annotations, 'annotation')} "
        f"({plural(found.versions, 'version')})",
        "to share: "
        + _counts(len(pending.drafts), pending.count(ANNOTATIONS), pending.count(TAGS))
        + f", {plural(pending.count(LIBRARY), 'library change')}",
    ]
    lines += [f"not shared: {reason}" for reason in pending.unshared]
    if found.unpushed:
        waiting = "some commits" if found.unpushed < 0 else plural(found.unpushed, "commit")
        lines.append(f"{waiting} not yet pushed")
    if found.last_sync:
        last = found.last_sync
        lines.append(
            f"last sync {last.get('at', '?')}: {plural(len(last.get('drafts', [])), 'draft')}, "
            f"{len(last.get('added', []))} new and {len(last.get('changed', []))} changed "
            "annotations arrived"
        )
    return lines + conflict_lines(found.conflicts)


def _shared(drafts: int, annotations: int, tags: int) -> str:
    return "shared: " + _counts(drafts, annotations, tags)


def _counts(drafts: int, annotations: int, tags: int) -> str:
    return (
        f"{plural(drafts, 'draft')}, {plural(annotations, 'annotation version')}, "
        f"{plural(tags, 'tag version')}"
    )
