"""The team form: name, department, headcount and the business objective.

Each field's error shows right under it; nothing is written until every field is valid.
While the objective is typed, a line says whether it is measurable and what is missing.
The dialog saves through ``WorkbenchApp.store`` itself, so a storage failure (a lock held
too long by another user) keeps the form open with what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from workbench.core.team import Objective, Team
from workbench.storage.repository import Repository
from workbench.ui.dialogs.base import Dialog
from workbench.ui.teams.form_fields import (
    FIELDS,
    LABEL_KEY,
    OBJECTIVE_FIELDS,
    TEAM_FIELDS,
    Field,
    initial,
    parse,
)
from workbench.ui.untouched import validate_keeping
from workbench.ui.validation import GENERAL, errors_by_field
from workbench.ui.widgets.objective_badge import measurable_line, warning_style
from workbench.ui.widgets.safe_input import SafeInput


class TeamForm(Dialog[Team]):
    """New team (``team`` is None) or edit one. Dismisses with the saved team, or None."""

    DEFAULT_CSS = """
    TeamForm {
        align: center middle;
    }
    TeamForm > #team-form {
        width: 90%;
        max-width: 90;
        min-width: 60;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    TeamForm #team-form-fields {
        height: auto;
        max-height: 100%;
    }
    TeamForm #team-form-footer {
        dock: bottom;
        height: auto;
    }
    TeamForm .form-heading {
        width: 100%;
        text-style: bold;
        color: $text-accent;
        margin-top: 1;
    }
    TeamForm .form-grid {
        layout: grid;
        grid-size: 2;
        grid-columns: 19 1fr;
        grid-rows: auto;
        height: auto;
    }
    TeamForm .form-grid > Label {
        width: 19;
        height: 1;
        padding-right: 1;
        text-style: bold;
    }
    TeamForm .form-grid > Label.-with-error {
        row-span: 2;
    }
    TeamForm .form-grid > Input {
        width: 1fr;
    }
    TeamForm .field-error {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    TeamForm .field-error.-empty {
        display: none;
    }
    TeamForm #team-form-measurable {
        margin: 1 0 0 0;
        height: auto;
    }
    TeamForm #team-form-invalid {
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    TeamForm #team-form-invalid.-empty {
        display: none;
    }
    TeamForm #team-form-hint {
        color: $text-muted;
        width: 1fr;
        height: 1;
    }
    TeamForm #team-form-buttons {
        height: 1;
        margin-top: 1;
    }
    TeamForm #team-form-buttons > Button {
        margin-left: 2;
    }
    """

    def __init__(self, team: Team | None = None) -> None:
        super().__init__()
        self.team = team

    # layout

    def compose(self) -> ComposeResult:
        with Vertical(id="team-form") as form:
            form.border_title = self.t(
                "teams.form.edit_title" if self.team else "teams.form.new_title"
            )
            with VerticalScroll(id="team-form-fields", can_focus=False):
                # Rows of label | field: no container per row, a third fewer widgets to
                # build. A label spans two rows while its field's error shows under it.
                with Container(classes="form-grid"):
                    for field in TEAM_FIELDS:
                        yield from self._field(field)
                yield Label(self.t("teams.form.objective_heading"), classes="form-heading")
                with Container(classes="form-grid"):
                    for field in OBJECTIVE_FIELDS:
                        yield from self._field(field)
                yield Static(id="team-form-measurable", markup=False)
            with Vertical(id="team-form-footer"):
                yield Static(id="team-form-invalid", classes="-empty", markup=False)
                with Horizontal(id="team-form-buttons"):
                    yield Static(Text(self.t("teams.form.hint")), id="team-form-hint")
                    yield Button(self.t("teams.form.cancel"), id="team-form-cancel", compact=True)
                    yield Button(
                        self.t("teams.form.save"),
                        id="team-form-save",
                        variant="primary",
                        compact=True,
                    )

    def _field(self, field: Field) -> ComposeResult:
        label = self.t(f"teams.form.{LABEL_KEY.get(field.key, field.key)}")
        yield Label(Text(label), id=f"label-{field.key}")
        yield SafeInput(
            self._initial(field),
            placeholder=self.t(f"teams.form.{LABEL_KEY.get(field.key, field.key)}_placeholder"),
            id=f"field-{field.key}",
            compact=True,
            select_on_focus=False,
        )
        yield Static(id=f"error-{field.key}", classes="field-error -empty", markup=False)

    def _initial(self, field: Field) -> str:
        return initial(self.team, field)

    def on_mount(self) -> None:
        # The screen's AUTO_FOCUS puts the cursor in the name field; focusing it here
        # again could steal the focus back from a Tab typed while the form opens.
        self._show_measurable()

    # reading the fields

    def value(self, key: str) -> str:
        return self.query_one(f"#field-{key}", Input).value

    def _parsed(self, field: Field) -> str | float | int | None:
        return parse(field, self.value(field.key))

    def _collect(self) -> tuple[Team | None, dict[str, str]]:
        """The team the fields describe, or the translated error of each wrong field."""
        errors: dict[str, str] = {}
        values: dict[str, str | float | int | None] = {}
        for field in FIELDS:
            try:
                values[field.key] = self._parsed(field)
            except ValueError:
                kind = "number" if field.kind == "number" else "whole_number"
                errors[field.key] = self.t(f"teams.errors.{kind}")
        if "headcount" not in errors and values.get("headcount") is None:
            errors["headcount"] = self.t("teams.errors.required")

        objective_data = {f.key: values[f.key] for f in OBJECTIVE_FIELDS if f.key not in errors}
        objective: Objective | None = None
        untouched = self._untouched()
        original = self.team
        try:
            objective = validate_keeping(
                Objective,
                objective_data,
                original.objective if original is not None else None,
                [f.key for f in OBJECTIVE_FIELDS if f.key in untouched],
            )
        except ValidationError as error:
            for key, text in errors_by_field(error, self.workbench.i18n).items():
                errors.setdefault(key if key != GENERAL else "statement", text)

        team_data: dict[str, object] = {
            f.key: values[f.key] for f in TEAM_FIELDS if f.key not in errors
        }
        team_data.setdefault("headcount", 1)
        if objective is not None:
            team_data["objective"] = objective
        if self.team is not None:
            team_data["id"] = self.team.id
        team: Team | None = None
        try:
            team = validate_keeping(
                Team,
                team_data,
                original,
                [f.key for f in TEAM_FIELDS if f.key in untouched],
                {"name": "?"},
            )
        except ValidationError as error:
            for key, text in errors_by_field(error, self.workbench.i18n).items():
                errors.setdefault(key if key != GENERAL else "name", text)
        if errors:
            return None, errors
        return team, {}

    def _untouched(self) -> set[str]:
        """The fields still showing what the form opened with."""
        if self.team is None:
            return set()
        return {f.key for f in FIELDS if self.value(f.key) == self._initial(f)}

    def preview(self) -> Objective:
        """The objective as typed so far, ignoring what cannot be read yet."""
        data: dict[str, object] = {}
        for field in OBJECTIVE_FIELDS:
            try:
                data[field.key] = self._parsed(field)
            except ValueError:
                data[field.key] = None
        horizon = data.get("horizon_months")
        if isinstance(horizon, int) and not 1 <= horizon <= 120:
            data["horizon_months"] = None
        try:
            return Objective.model_validate(data)
        except ValidationError:
            return Objective()

    # showing

    def _show_measurable(self) -> None:
        line = measurable_line(self.preview(), self.workbench.i18n, style=warning_style(self.app))
        self.query_one("#team-form-measurable", Static).update(line)

    def show_errors(self, errors: dict[str, str]) -> None:
        for field in FIELDS:
            self._show_error(field.key, errors.get(field.key))
        invalid = self.query_one("#team-form-invalid", Static)
        invalid.update(Text(self.t("teams.form.invalid")) if errors else "")
        invalid.set_class(not errors, "-empty")

    def _show_error(self, key: str, text: str | None) -> None:
        error = self.query_one(f"#error-{key}", Static)
        error.update("" if text is None else Text(self.t("teams.form.error", message=text)))
        error.set_class(text is None, "-empty")
        self.query_one(f"#label-{key}", Label).set_class(text is not None, "-with-error")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("field-")
        if key in {f.key for f in OBJECTIVE_FIELDS}:
            self._show_measurable()
        error = self.query_one(f"#error-{key}", Static) if key else None
        if error is not None and not error.has_class("-empty"):
            # the user is fixing it: check this field again (others keep their message)
            _, errors = self._collect()
            if key not in errors:
                self._show_error(key, None)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"field-{FIELDS[-1].key}":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#team-form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#team-form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    # actions

    def action_save(self) -> None:
        team, errors = self._collect()
        self.show_errors(errors)
        if team is None:
            self.focus_first(self.query_one(f"#field-{key}") for key in errors)
            return
        saved = self.workbench.store(self._writer(team), resolved=self.dismiss)
        if saved is not None:
            self.dismiss(saved)

    def _writer(self, team: Team) -> _Write:
        return _Write(team, self.team)


@dataclass(frozen=True, slots=True)
class _Write:
    """Save a new team, or the edit of ``original`` merged with changes made meanwhile."""

    team: Team
    original: Team | None

    def __call__(self, repository: Repository) -> Team:
        if self.original is None:
            return repository.save_team(self.team)
        return repository.save_edit(self.original, self.team)
