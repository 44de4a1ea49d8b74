"""At start, offer back what a stopped app left in the recovery journal, and apply it
through the save queue with the repository's merge rule (``Repository.replay_changes``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.assessment import Rating
from workbench.core.assessment_change import (
    Months,
    MonthsChange,
    Outcome,
    PendingChange,
    RatingChange,
    Replayed,
    Value,
)
from workbench.core.grid import CRITERIA_BY_KEY
from workbench.i18n import Translator
from workbench.storage.recovery import Recovered
from workbench.storage.repository import Repository
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.dialogs.recovery_dialog import RecoveryDialog
from workbench.ui.text import safe_str

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp


def value_text(value: Value, i18n: Translator) -> str:
    if isinstance(value, Rating):
        if value.score is not None:
            return str(value.score)
        if value.low is not None and value.high is not None:
            return f"{value.low}–{value.high}"
    if isinstance(value, Months):
        return str(value.months)
    return i18n("recovery.none")


def describe(pending: PendingChange, repository: Repository, i18n: Translator) -> tuple[str, str]:
    """What changed ("Business impact (claire) 5 → 2") and where ("Team × Programme"),
    names shown inert: the first part is what a narrow screen must not cut."""
    snapshot = repository.snapshot()
    team = snapshot.teams.get(pending.team_id)
    programme = snapshot.programmes.get(pending.programme_id)
    where = (
        f"{safe_str(team.name if team else pending.team_id, limit=40)} × "
        f"{safe_str(programme.name if programme else pending.programme_id, limit=40)}"
    )
    change = pending.change
    if isinstance(change, MonthsChange):
        before, after = value_text(pending.before, i18n), value_text(pending.after, i18n)
        return i18n("recovery.months", before=before, after=after), where
    if not isinstance(change, RatingChange):
        return i18n("recovery.weights"), where
    criterion = CRITERIA_BY_KEY[change.key].label(i18n.lang)
    before, after = value_text(pending.before, i18n), value_text(pending.after, i18n)
    what = f"{before} → {after}"
    old, new = pending.before, pending.after
    if before == after or (
        isinstance(old, Rating) and isinstance(new, Rating) and old.reason != new.reason
    ):
        what += f" ({i18n('recovery.reason')})"
    return f"{criterion} ({safe_str(change.assessor, limit=30)}) {what}", where


def offer_recovered(app: WorkbenchApp) -> bool:
    """Open the dialog if stopped apps left changes for this data file; whether it did."""
    if app.journal is None or app.read_only:
        return False
    recovered = app.journal.recovered()
    if recovered.orphans:
        _offer(app, recovered)
    return bool(recovered.orphans)


def _offer(app: WorkbenchApp, recovered: Recovered) -> None:
    changes = recovered.changes
    lines = [" · ".join(describe(pending, app.repository, app.i18n)) for pending in changes]

    def answered(answer: str | None) -> None:
        if answer == "apply":
            _apply(app, recovered, changes)
        elif answer == "discard":
            _confirm_discard(app, recovered)
        else:
            recovered.release()
            app.notify(app.i18n("recovery.kept"), timeout=8, markup=False)

    dialog = RecoveryDialog(len(changes), recovered.last_queued, lines, recovered.unreadable)
    app.push_screen(dialog, answered)


def _confirm_discard(app: WorkbenchApp, recovered: Recovered) -> None:
    def answered(discard: bool | None) -> None:
        if discard:
            recovered.forget()
            app.notify(app.i18n("recovery.discarded"), timeout=6, markup=False)
        else:
            _offer(app, recovered)

    app.push_screen(
        ConfirmDialog(
            app.i18n("recovery.title"),
            app.i18n.plural("recovery.discard_question", len(recovered.changes)),
            confirm_label=app.i18n("recovery.discard"),
            danger=True,
        ),
        answered,
    )


def _apply(app: WorkbenchApp, recovered: Recovered, changes: list[PendingChange]) -> None:
    done = app.store(lambda repository: repository.replay_changes(changes))
    if done is None:  # not written (the reason was shown): offered again next time
        recovered.release()
        return
    recovered.forget()
    report(app, done)


def report(app: WorkbenchApp, done: list[Replayed]) -> None:
    t = app.i18n
    applied = sum(r.outcome is Outcome.APPLIED for r in done)
    already = sum(r.outcome is Outcome.ALREADY for r in done)
    skipped = [r for r in done if r.outcome in (Outcome.CHANGED, Outcome.GONE)]
    if not skipped:
        text = t.plural("recovery.applied", applied)
        if already:
            text += " " + t.plural("recovery.already", already)
        app.notify(text, timeout=8, markup=False)
        return
    details = []
    for replayed in skipped:
        change, where = describe(replayed.pending, app.repository, t)
        if replayed.outcome is Outcome.GONE:
            details.append(t("recovery.deleted", change=change) + f" · {where}")
        else:
            who = safe_str(replayed.by, limit=40) if replayed.by else t("recovery.someone")
            now = value_text(replayed.theirs, t)
            details.append(t("recovery.changed", change=change, who=who, now=now) + f" · {where}")
    app.push_screen(
        MessageDialog(
            t("recovery.not_all_title"),
            t.plural("recovery.not_all", len(skipped), applied=applied, already=already),
            details=details,
        )
    )
