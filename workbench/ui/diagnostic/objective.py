"""Step 1: the business objective, measurable or the session stops here."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Label, Static

from workbench.core.diagnostic import Diagnostic, Outcome, Step
from workbench.core.diagnostic_memo import diagnostic_memo_name, stopped_memo
from workbench.core.pilot_input import InputError, parse_number
from workbench.core.team import Objective, Team
from workbench.ui.diagnostic.step import StepView
from workbench.ui.diagnostic.writing import write_memo
from workbench.ui.validation import message
from workbench.ui.widgets.safe_input import SafeInput

FIELDS = ("statement", "metric", "unit", "baseline", "target", "horizon", "assessors")


class ObjectiveStep(StepView):
    DEFAULT_CSS = """
    ObjectiveStep Grid { grid-size: 2; grid-columns: 18 1fr; grid-rows: 1; height: auto; }
    ObjectiveStep SafeInput { border: none; height: 1; padding: 0; }
    ObjectiveStep SafeInput:focus { background: $boost; }
    """
    STEP = Step.OBJECTIVE
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"stop"})

    def compose(self) -> ComposeResult:
        yield Static(self.t("diagnostic.objective.intro"), classes="step-intro")
        objective = self.team.objective
        values = {
            "statement": objective.statement or "",
            "metric": objective.metric or "",
            "unit": objective.unit or "",
            "baseline": _number(objective.baseline),
            "target": _number(objective.target),
            "horizon": str(objective.horizon_months or ""),
            "assessors": ", ".join(self.session.assessors),
        }
        with Grid():
            for name in FIELDS:
                yield Label(self.t(f"diagnostic.objective.{name}"))
                yield SafeInput(
                    values[name], id=f"objective-{name}", compact=True, select_on_focus=False
                )
        yield Static("", id="objective-problem", classes="step-error")

    def _value(self, name: str) -> str:
        return self.query_one(f"#objective-{name}", SafeInput).value.strip()

    def _problem(self, text: str) -> None:
        self.query_one("#objective-problem", Static).update(text)

    def read(self) -> tuple[Objective, list[str]] | None:
        """The objective and the assessors typed; None (and the problem said) if unreadable."""
        try:
            baseline = parse_number(self._value("baseline"))
            target = parse_number(self._value("target"))
        except InputError as error:
            self._problem(self.t(f"pilots.input.{error.key}", **error.params))
            return None
        horizon_text = self._value("horizon")
        if horizon_text and not horizon_text.isdigit():
            self._problem(self.t("diagnostic.objective.horizon_whole"))
            return None
        try:
            objective = Objective(
                statement=self._value("statement") or None,
                metric=self._value("metric") or None,
                unit=self._value("unit") or None,
                baseline=baseline,
                target=target,
                horizon_months=int(horizon_text) if horizon_text else None,
            )
        except ValidationError as error:
            self._problem(message(error.errors(include_url=False)[0], self.workbench.i18n))
            return None
        names = [name.strip() for name in self._value("assessors").split(",") if name.strip()]
        names = list(dict.fromkeys(names))
        try:  # what people type is held to the strict rules (no control character)
            Diagnostic(team_id=self.team.id, assessors=names)
        except ValidationError as error:
            self._problem(message(error.errors(include_url=False)[0], self.workbench.i18n))
            return None
        return objective, names

    def _save_team(self, objective: Objective) -> Team | None:
        team_id = self.team.id
        saved: Team | None = self.workbench.store(
            lambda repo: repo.update(
                Team, team_id, lambda t: t.model_copy(update={"objective": objective})
            )
        )
        return saved

    def forward(self) -> Diagnostic | None:
        read = self.read()
        if read is None:
            return None
        objective, assessors = read
        if not objective.is_measurable:
            missing = ", ".join(self.t(f"diagnostic.missing.{gap}") for gap in objective.missing())
            self._problem(self.t("diagnostic.objective.not_measurable", missing=missing))
            return None
        if not assessors:
            self._problem(self.t("diagnostic.objective.no_assessor"))
            return None
        if self._save_team(objective) is None:
            return None
        return self.flow.save(lambda s: s.model_copy(update={"assessors": assessors}))

    def do_stop(self) -> None:
        """Stop here: the memo says to clarify the objective first."""
        read = self.read()
        if read is None:
            return
        objective, _ = read
        if self._save_team(objective) is None:
            return
        now = self.flow.now()
        session = self.flow.save(
            lambda s: s.paused_at(now).model_copy(
                update={"outcome": Outcome.STOPPED, "finished_at": now}
            )
        )
        if session is None:
            return
        team = self.team
        text = stopped_memo(session, team, self.workbench.i18n, now=now)
        name = diagnostic_memo_name(team, self.workbench.today, self.workbench.i18n.lang)
        path = write_memo(self.workbench, name, text)
        if path is not None:
            self.flow.save(lambda s: s.model_copy(update={"memo_name": path.name}))
            self.workbench.notify(
                self.t("diagnostic.objective.stopped", name=path.name, folder=str(path.parent)),
                timeout=10,
                markup=False,
            )
            self.flow.dismiss(None)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)
