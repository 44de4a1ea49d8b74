"""Step 2: up to three programmes from the catalogue, filtered for the team."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Static

from workbench.core.catalogue import Level
from workbench.core.diagnostic import (
    MAX_SHORTLIST,
    Candidate,
    Diagnostic,
    Step,
    candidates,
    toggled,
)
from workbench.core.pilot_input import InputError, parse_decimal
from workbench.core.pricing import CostUnknown
from workbench.storage.schema import Snapshot
from workbench.ui.diagnostic.step import StepView
from workbench.ui.text import safe_text
from workbench.ui.widgets.safe_input import SafeInput

FILTERS = ("audience", "level", "topic", "budget")


class ShortlistStep(StepView):
    DEFAULT_CSS = """
    ShortlistStep Horizontal { height: 1; }
    ShortlistStep Horizontal Label { width: auto; padding: 0 1 0 0; }
    ShortlistStep Horizontal SafeInput { width: 1fr; border: none; height: 1; padding: 0; }
    ShortlistStep Horizontal SafeInput:focus { background: $boost; }
    """
    STEP = Step.SHORTLIST
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"toggle"})

    def compose(self) -> ComposeResult:
        session = self.session
        yield Static(
            self.t("diagnostic.shortlist.intro", count=MAX_SHORTLIST), classes="step-intro"
        )
        values = {
            "audience": session.audience or "",
            "level": session.level.value if session.level else "",
            "topic": session.topic or "",
            "budget": format(session.budget, "f") if session.budget is not None else "",
        }
        with Horizontal():
            for name in FILTERS:
                yield Label(self.t(f"diagnostic.shortlist.{name}"))
                yield SafeInput(
                    values[name], id=f"shortlist-{name}", compact=True, select_on_focus=False
                )
        yield Static("", id="shortlist-problem", classes="step-error")
        table: DataTable[Text] = DataTable(id="shortlist-table", cursor_type="row")
        yield table

    def focus_first(self) -> None:
        self.query_one(DataTable).focus()

    def _filters(self) -> Diagnostic | None:
        """The session with the filters typed; None (and the problem said) if unreadable."""
        values = {
            name: self.query_one(f"#shortlist-{name}", SafeInput).value.strip() for name in FILTERS
        }
        problem = self.query_one("#shortlist-problem", Static)
        level = None
        if values["level"]:
            found = [lv for lv in Level if lv.value == values["level"].casefold()]
            if not found:
                problem.update(
                    self.t(
                        "diagnostic.shortlist.level_unknown",
                        levels=", ".join(lv.value for lv in Level),
                    )
                )
                return None
            level = found[0]
        try:
            budget = parse_decimal(values["budget"])
        except InputError as error:
            problem.update(self.t(f"pilots.input.{error.key}", **error.params))
            return None
        problem.update("")
        return self.session.model_copy(
            update={
                "audience": values["audience"] or None,
                "level": level,
                "topic": values["topic"] or None,
                "budget": budget,
            }
        )

    @on(SafeInput.Changed)
    def _filter_changed(self) -> None:
        if self.ready:
            self.show(self.flow.snapshot)

    def _candidates(self, snapshot: Snapshot) -> list[Candidate]:
        filtered = self._filters() or self.session
        found = candidates(filtered, snapshot.programmes.values(), self.team, self.workbench.today)
        chosen = {c.programme.id for c in found}
        # what is already on the shortlist stays in view, whatever the filters
        for programme_id in self.session.programme_ids:
            programme = snapshot.programmes.get(programme_id)
            if programme is not None and programme_id not in chosen:
                found += candidates(
                    Diagnostic(team_id=self.team.id), [programme], self.team, self.workbench.today
                )
        return found

    def show(self, snapshot: Snapshot) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        t = self.workbench.i18n
        if not table.columns:
            for key in ("chosen", "name", "cost", "facts", "status"):
                table.add_column(t(f"diagnostic.shortlist.column.{key}"), key=key)
        chosen = self.session.programme_ids
        for candidate in self._candidates(snapshot):
            programme = candidate.programme
            cost = candidate.cost
            if isinstance(cost, CostUnknown):
                cost_text = t(f"diagnostic.shortlist.cost.{cost.value}")
            elif cost.amount == 0:
                cost_text = t("diagnostic.shortlist.cost.free")
            else:
                cost_text = t.money(cost.amount, cost.currency)
            facts = (
                programme.checked_on.isoformat() if programme.checked_on else t("diagnostic.never")
            )
            table.add_row(
                Text("✓" if programme.id in chosen else " ", "bold"),
                safe_text(programme.name, limit=32),
                Text(cost_text),
                Text(
                    facts + (" ⚠" if candidate.stale else ""), "yellow" if candidate.stale else ""
                ),
                Text(t(f"catalogue.status.{programme.status.value}")),
                key=programme.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def do_toggle(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return
        programme_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert programme_id is not None
        if (
            programme_id not in self.session.programme_ids
            and len(self.session.programme_ids) >= MAX_SHORTLIST
        ):
            self.query_one("#shortlist-problem", Static).update(
                self.t("diagnostic.shortlist.full", count=MAX_SHORTLIST)
            )
            return
        self.flow.save(lambda s: toggled(s, programme_id))
        self.show(self.flow.snapshot)

    def forward(self) -> Diagnostic | None:
        filtered = self._filters()
        if filtered is None:
            return None
        if not self.session.programme_ids:
            self.query_one("#shortlist-problem", Static).update(
                self.t("diagnostic.shortlist.empty")
            )
            return None
        now = self.flow.now()
        team_id = self.team.id
        ids = list(self.session.programme_ids)

        def opened(repo: object) -> bool:
            from workbench.storage.repository import Repository

            assert isinstance(repo, Repository)
            for programme_id in ids:
                repo.open_assessment(team_id, programme_id)
            return True

        if self.workbench.store(opened) is None:
            return None
        return self.flow.save(
            lambda s: s.model_copy(
                update={
                    "audience": filtered.audience,
                    "level": filtered.level,
                    "topic": filtered.topic,
                    "budget": filtered.budget,
                    "round_started_at": s.round_started_at or now,
                }
            )
        )
