"""Edit one grid's weights (0-10) and thresholds (%), with the maximum shown live."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid as GridLayout
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from workbench.core.grid import CRITERIA, MAX_SCORE, Grid
from workbench.ui.dialogs.base import Dialog
from workbench.ui.validation import GENERAL, message
from workbench.ui.widgets.safe_input import SafeInput


class WeightsDialog(Dialog[Grid]):
    DEFAULT_CSS = """
    WeightsDialog Grid {
        grid-size: 3;
        grid-columns: 26 6 1fr;
        grid-rows: auto;
        height: auto;
        grid-gutter: 0 1;
    }
    WeightsDialog Input { width: 6; }
    WeightsDialog Input.-error { background: $error 40%; }
    WeightsDialog Label { text-wrap: nowrap; text-overflow: ellipsis; }
    WeightsDialog Label { height: 1; }
    WeightsDialog .field-error { height: auto; color: $text-error; }
    WeightsDialog #weights-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    WeightsDialog Button { margin-left: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "defaults", "scoring.weights.defaults", id="weights-defaults"),
    ]

    def __init__(self, grid: Grid) -> None:
        super().__init__()
        self.grid = grid

    def compose(self) -> ComposeResult:
        lang = self.workbench.i18n.lang
        with Vertical(classes="dialog") as box:
            box.border_title = self.t("scoring.weights.title")
            box.border_subtitle = self.t("scoring.weights.keys")
            with GridLayout():
                for criterion in CRITERIA:
                    yield from self._row(
                        criterion.label(lang), criterion.key, self.grid.weight(criterion.key)
                    )
                yield from self._row(
                    self.t("scoring.weights.pilot_above"), "pilot_above", self.grid.pilot_above
                )
                yield from self._row(
                    self.t("scoring.weights.alternatives_below"),
                    "alternatives_below",
                    self.grid.alternatives_below,
                )
            yield Static("", id="weights-maximum")
            yield Static("", classes="field-error", id="e-general")
            with Horizontal(id="weights-buttons"):
                yield Button(self.t("dialog.cancel"), compact=True, id="weights-cancel")
                yield Button(
                    self.t("dialog.save"), variant="primary", compact=True, id="weights-ok"
                )

    def _row(self, label: str, key: str, value: int) -> ComposeResult:
        yield Label(Text(label))
        # No restrict: a letter or a minus sign typed is shown with an error, never dropped.
        yield SafeInput(str(value), compact=True, id=f"w-{key}", select_on_focus=False)
        yield Static("", classes="field-error", id=f"e-{key}")

    def on_mount(self) -> None:
        self._check()

    def _values(self) -> tuple[dict[str, int], dict[str, str]]:
        """The whole numbers typed, and the error of each field that is not one."""
        values: dict[str, int] = {}
        errors: dict[str, str] = {}
        for input_ in self.query(Input):
            key = (input_.id or "").removeprefix("w-")
            text = input_.value.strip()
            if not text:
                errors[key] = self.t("errors.missing")
                continue
            try:
                values[key] = int(text)
            except ValueError:
                errors[key] = self.t("errors.int_parsing")
        return values, errors

    def _grid_errors(self, error: ValidationError) -> dict[str, str]:
        """Each message beside the field it is about: a weight's under its criterion,
        the thresholds' order beside the pilot threshold; the rest below the grid."""
        errors: dict[str, str] = {}
        for detail in error.errors(include_url=False):
            loc = [str(part) for part in detail["loc"]]
            if loc[:1] == ["weights"] and len(loc) > 1:
                field = loc[1]
            elif loc:
                field = loc[0]
            elif detail["type"] == "thresholds_order":
                field = "pilot_above"
                errors.setdefault("alternatives_below", "")
            else:
                field = GENERAL
            errors.setdefault(field, message(detail, self.workbench.i18n))
        return errors

    def _check(self) -> Grid | None:
        """Validate what is typed; show each error beside its field. The grid, or None."""
        values, errors = self._values()
        grid: Grid | None = None
        if not errors:
            try:
                grid = Grid(
                    weights={c.key: values[c.key] for c in CRITERIA},
                    pilot_above=values["pilot_above"],
                    alternatives_below=values["alternatives_below"],
                )
            except ValidationError as error:
                errors = self._grid_errors(error)
        for input_ in self.query(Input):
            key = (input_.id or "").removeprefix("w-")
            input_.set_class(key in errors, "-error")
            self.query_one(f"#e-{key}", Static).update(Text(errors.get(key, "")))
        self.query_one("#e-general", Static).update(Text(errors.get(GENERAL, "")))
        criteria = {c.key for c in CRITERIA}
        weights = [v for k, v in values.items() if k in criteria and v > 0]
        self.query_one("#weights-maximum", Static).update(
            Text(self.t("scoring.weights.maximum", maximum=MAX_SCORE * sum(weights)))
        )
        return grid

    @on(Input.Changed)
    def _changed(self) -> None:
        self._check()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        grid = self._check()
        if grid is not None:
            self.dismiss(grid)

    def action_defaults(self) -> None:
        defaults = Grid()
        for criterion in CRITERIA:
            self.query_one(f"#w-{criterion.key}", Input).value = str(defaults.weight(criterion.key))
        self.query_one("#w-pilot_above", Input).value = str(defaults.pilot_above)
        self.query_one("#w-alternatives_below", Input).value = str(defaults.alternatives_below)

    @on(Button.Pressed, "#weights-ok")
    def _ok(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#weights-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
