"""What the Catalogue's keys do to a programme: add or edit it in the form, retire it,
delete it (refused while it is used), copy its URL."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic_core import PydanticCustomError

from workbench.core.catalogue import Programme, Status
from workbench.core.rules import url
from workbench.ui.catalogue.uses import refused_uses, usage
from workbench.ui.dialogs.confirm import ConfirmDialog, MessageDialog
from workbench.ui.panes.table_pane import TablePane

CataloguePaneBase = TablePane[Programme]


def open_form(pane: CataloguePaneBase, programme: Programme | None) -> None:
    """The programme form, to add a programme (None) or edit one; the saved one is shown."""
    # Imported here: the form and its TextArea cost ~30 ms that start-up does not need.
    from workbench.ui.catalogue.programme_form import ProgrammeForm

    def saved(programme: Programme | None) -> None:
        if programme is None:
            return
        pane.show_record(programme.id)
        pane.notify(pane.t("catalogue.form.saved", name=programme.name), markup=False)

    pane.app.push_screen(ProgrammeForm(programme), saved)


def retire(pane: CataloguePaneBase, programme: Programme) -> None:
    """Retire the programme today, once confirmed."""
    if programme.status is Status.RETIRED:
        return
    t = pane.t
    workbench = pane.workbench
    today = workbench.today
    name = programme.name

    def answer(yes: bool | None) -> None:
        if not yes:
            return
        on = datetime(today.year, today.month, today.day, tzinfo=UTC)
        done = workbench.store(lambda repo: repo.retire_programme(programme.id, on=on))
        if done is not None:
            pane.notify(t("catalogue.retire.done", name=name), markup=False)

    pane.app.push_screen(
        ConfirmDialog(
            t("catalogue.retire.title"),
            t("catalogue.retire.message", name=name, date=workbench.i18n.date(today)),
            confirm_label=t("catalogue.retire.confirm"),
            cancel_label=t("app.cancel"),
        ),
        answer,
    )


def delete(pane: CataloguePaneBase, programme: Programme) -> None:
    """Delete the programme once confirmed; refused, with what uses it, while it is used."""
    t = pane.t
    i18n = pane.workbench.i18n
    repository = pane.workbench.repository
    name = programme.name
    hint = "refused_hint_retired" if programme.status is Status.RETIRED else "refused_hint"

    def refuse(reasons: list[str]) -> None:
        pane.app.push_screen(
            MessageDialog(
                t("catalogue.delete.refused_title"),
                t("catalogue.delete.refused", name=name),
                details=reasons,
                hint=t(f"catalogue.delete.{hint}"),
            )
        )

    pane.delete_unless_used(
        usage(i18n, repository.snapshot(), programme.id),
        question=ConfirmDialog(
            t("catalogue.delete.title"),
            t("catalogue.delete.message", name=name),
            confirm_label=t("catalogue.delete.confirm"),
            cancel_label=t("app.cancel"),
            danger=True,
        ),
        delete=lambda repo: repo.delete_programme(programme.id),
        refuse=refuse,
        describe=lambda used_by: refused_uses(i18n, repository.snapshot(), used_by),
        deleted=lambda: pane.notify(t("catalogue.delete.done", name=name), markup=False),
    )


def copy_url(pane: CataloguePaneBase, programme: Programme | None) -> None:
    """Copy the programme's URL; without one, or with one today's rules refuse, say so."""
    t = pane.t
    if programme is None or programme.url is None:
        pane.notify(t("catalogue.copy.none"), markup=False)
        return
    try:
        url(programme.url)  # today's rules: a hand-edited URL may hold anything
    except PydanticCustomError:
        pane.notify(t("catalogue.copy.invalid"), severity="warning", markup=False)
        return
    pane.app.copy_to_clipboard(programme.url)
    pane.notify(t("catalogue.copy.done", url=programme.url), markup=False)
