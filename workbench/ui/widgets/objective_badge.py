"""The first rule, shown the same way everywhere: "⚠ Clarify the objective first".

Reused by the Teams, Scoring and Compare tabs. Pure functions return ``rich.text.Text``
(user text is appended as plain text, never parsed as markup), so the flag fits a
``VirtualTable`` cell, a ``Static`` or a larger ``Text``. The sign and the words carry
the meaning; colour only adds to it, so 16-colour terminals and ``NO_COLOR`` keep it.

    clarify_flag(team, app.i18n, style=warning_style(app))   # Text, empty when measurable
    missing_labels(team, app.i18n)                          # ["no metric", "no horizon"]
    objective_summary(team, app.i18n)                       # "days 45 → 10 in 12 months"
    ObjectiveFlag(); flag.show(team)                        # a widget, hidden when measurable
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.color import Color, ColorParseError
from textual.widgets import Static

from workbench.core.team import Objective, Team
from workbench.i18n import Translator
from workbench.ui.text import safe_text

if TYPE_CHECKING:
    from textual.visual import VisualType

Subject = Team | Objective

MISSING_KEYS = ("metric", "target", "target_equals_baseline", "horizon", "horizon_too_long")


def objective_of(subject: Subject) -> Objective:
    return subject.objective if isinstance(subject, Team) else subject


def needs_clarifying(subject: Subject) -> bool:
    """True when the first rule applies: no metric, target and horizon of at most 12 months."""
    return not objective_of(subject).is_measurable


def theme_style(app: App[object] | None, variable: str, *, bold: bool = True) -> Style:
    """A Rich style in the colour of a theme variable (``text-warning``, ``text-success``...).

    Works for hex themes and for ANSI themes (``ansi_yellow``); bold only without an app.
    """
    color = None
    if app is not None:
        value = (app.theme_variables or app.get_css_variables()).get(variable)
        if value:
            try:
                color = Color.parse(value).rich_color
            except ColorParseError:
                color = None
    return Style(bold=bold or None, color=color)


def warning_style(app: App[object] | None = None) -> Style:
    """Bold, in the theme's warning text colour: the look of the flag in Rich text."""
    return theme_style(app, "text-warning")


def clarify_flag(subject: Subject, i18n: Translator, *, style: Style | str = "bold") -> Text:
    """The words "⚠ Clarify the objective first" when not measurable, else an empty Text."""
    if not needs_clarifying(subject):
        return Text()
    return Text(i18n("teams.flag.clarify"), style=style, no_wrap=True, end="")


def missing_labels(subject: Subject, i18n: Translator) -> list[str]:
    """What keeps the objective from being measurable, in words ("no metric", ...)."""
    return [i18n(f"teams.missing.{key}") for key in objective_of(subject).missing()]


def missing_text(subject: Subject, i18n: Translator) -> str:
    """The missing items joined for one line: "no metric, no target"."""
    return i18n("teams.missing.separator").join(missing_labels(subject, i18n))


def objective_summary(subject: Subject, i18n: Translator) -> str:
    """ "descriptions/week 40 → 120 in 6 months", from what is known (may be partial).

    Plain text: show it through ``safe_text`` (it contains the user's unit or metric).
    """
    objective = objective_of(subject)
    what = objective.unit or objective.metric or ""
    parts: list[str] = []
    if objective.baseline is not None and objective.target is not None:
        parts.append(
            i18n(
                "teams.summary.from_to",
                baseline=i18n.smart(objective.baseline),
                target=i18n.smart(objective.target),
            )
        )
    elif objective.target is not None:
        parts.append(i18n("teams.summary.to", target=i18n.smart(objective.target)))
    if objective.horizon_months is not None:
        months = objective.horizon_months
        key = "teams.summary.within_one" if months == 1 else "teams.summary.within"
        parts.append(i18n(key, months=months))
    if what and parts:
        return i18n("teams.summary.line", what=what, change=" ".join(parts))
    return what or " ".join(parts)


def objective_cell(subject: Subject, i18n: Translator, *, style: Style | str = "bold") -> Text:
    """One table cell: the flag when the objective is not measurable, else its summary."""
    if needs_clarifying(subject):
        return clarify_flag(subject, i18n, style=style)
    return safe_text(objective_summary(subject, i18n))


def measurable_line(subject: Subject, i18n: Translator, *, style: Style | str = "bold") -> Text:
    """ "✓ Measurable" or "⚠ Clarify the objective first: no metric, no horizon"."""
    if not needs_clarifying(subject):
        return Text(i18n("teams.flag.measurable"), end="")
    line = clarify_flag(subject, i18n, style=style)
    line.append(i18n("teams.flag.missing_intro"))
    line.append(missing_text(subject, i18n))
    return line


class ObjectiveFlag(Static):
    """The flag as a widget: shows itself only for an objective that is not measurable."""

    DEFAULT_CSS = """
    ObjectiveFlag {
        width: auto;
        height: auto;
        color: $text-warning;
        text-style: bold;
    }
    ObjectiveFlag.-hidden {
        display: none;
    }
    """

    def __init__(
        self,
        subject: Subject | None = None,
        *,
        detailed: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__("", name=name, id=id, classes=classes, markup=False)
        self._subject = subject
        self._detailed = detailed

    def on_mount(self) -> None:
        self.show(self._subject)

    def show(self, subject: Subject | None) -> None:
        """Show the flag for ``subject`` (hidden when measurable or None)."""
        self._subject = subject
        i18n = getattr(self.app, "i18n", None)
        if subject is None or not needs_clarifying(subject) or not isinstance(i18n, Translator):
            self.add_class("-hidden")
            self.update("")
            return
        content: VisualType = (
            measurable_line(subject, i18n, style="")
            if self._detailed
            else clarify_flag(subject, i18n, style="")
        )
        self.update(content)
        self.remove_class("-hidden")
