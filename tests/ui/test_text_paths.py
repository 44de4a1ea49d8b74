"""Every path from user text to the screen goes through ``safe_text``/``safe_str``.

Two guards. The first walks every widget and screen class under ``workbench/ui``: a new
one fails until its module is reviewed and listed below. The second reads the source: a
record's text (``.name``, ``.reason``, ``.notes``...) handed to something that draws
(``Text(...)``, ``Static(...)``, ``.update(...)``, ``border_title = ...``) must be wrapped
in ``safe_text``/``safe_str``/``option_text`` on the way.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.screen import Screen
from textual.widget import Widget

import workbench.ui

UI = Path(workbench.ui.__file__).parent

REVIEWED: dict[str, str] = {
    "workbench.ui.diagnostic.step": "base class, draws nothing itself",
    "workbench.ui.diagnostic.screen": "clock line: i18n text, the team's name via safe_str",
    "workbench.ui.diagnostic.objective": "labels i18n, inputs are SafeInput",
    "workbench.ui.diagnostic.shortlist": "names, costs and dates via safe_text; SafeInput",
    "workbench.ui.diagnostic.blind": "names via safe_str, reasons via safe_text",
    "workbench.ui.diagnostic.pilot_plan": "plan name, KPI names, units via safe_text",
    "workbench.ui.diagnostic.memo_step": "names and file name via safe_str",
    "workbench.ui.dialogs.rates_dialog": "a rate's source through visible() and safe_str",
    "workbench.ui.app_notices": "notify() makes every notification inert",
    "workbench.ui.main_screen": "sub_title through safe_str",
    "workbench.ui.help_screen": "key names and i18n text only",
    "workbench.ui.widgets.key_footer": "key names and i18n binding descriptions only",
    "workbench.ui.bindings": "base screens: binding descriptions are i18n keys",
    "workbench.ui.panes.pane": "base class, draws nothing itself",
    "workbench.ui.catalogue.pane": "rows via VirtualTable, filters via option_text (filters.py)",
    "workbench.ui.teams.pane": "detail via team_detail (safe_text); rows from teams.table",
    "workbench.ui.teams.table": "rows via safe_text and objective_cell",
    "workbench.ui.scoring.pane": "composes the panels; their text from the modules below",
    "workbench.ui.scoring.base": "state of the Scoring tab, draws nothing itself",
    "workbench.ui.scoring.retired": "names and providers via safe_str, in dialogs",
    "workbench.ui.scoring.picking": "picker choices via safe_str (option_text in the picker)",
    "workbench.ui.scoring.history": "undo messages: names via safe_str, notify() is inert",
    "workbench.ui.scoring.ratings": "criterion labels only; the reason dialog shows visible()",
    "workbench.ui.scoring.weights_and_months": "criterion labels and numbers only",
    "workbench.ui.scoring.deleting": "names via safe_str, in dialogs",
    "workbench.ui.dialogs.base": "frame only",
    "workbench.ui.dialogs.confirm": "_plain() makes titles, messages and details inert",
    "workbench.ui.dialogs.recovery_dialog": "i18n text; each change's line (names from the "
    "file, assessors from the journal) through safe_str, as plain Content",
    "workbench.ui.dialogs.picker": "title via safe_str, choices via option_text",
    "workbench.ui.catalogue.programme_form": "inputs show visible(), untouched fields kept",
    "workbench.ui.teams.form": "inputs show visible(), untouched fields kept",
    "workbench.ui.dialogs.reason_dialog": "editor shows visible(), pastes made visible",
    "workbench.ui.scoring.range_dialog": "criterion labels and numbers only",
    "workbench.ui.pilots.cancel_pilot_dialog": "the name via safe_str; the reason is typed",
    "workbench.ui.dialogs.months_dialog": "the name in the title via safe_str; numbers",
    "workbench.ui.scoring.weights_dialog": "criterion labels and numbers only",
    "workbench.ui.widgets.virtual_table": "str cells through safe_text",
    "workbench.ui.widgets.catalogue_view": "detail through safe_text, title through safe_str",
    "workbench.ui.widgets.detail_view": "draws the Rich renderable its owner built from safe_text",
    "workbench.ui.widgets.objective_badge": "summary through safe_text",
    "workbench.ui.scoring.score_grid": "reasons through safe_text (one line)",
    "workbench.ui.scoring.robustness_panel": "criterion labels and numbers only",
    "workbench.ui.scoring.verdict_bar": "verdicts and numbers only",
    "workbench.ui.widgets.reason_editor": "pastes made visible",
    "workbench.ui.compare.budget_dialog": "numbers and i18n text; errors via safe_text",
    "workbench.ui.dialogs.export_dialog": "path and errors via safe_text",
    "workbench.ui.dialogs.import_dialog": "summary and problems via safe_text",
    "workbench.ui.compare.pane": "the title from the views' parts; reasons via safe_str",
    "workbench.ui.compare.view": "base class and table, draws nothing itself",
    "workbench.ui.compare.side_by_side": "programme, filters via safe_text/safe_str",
    "workbench.ui.compare.one_team": "team and programme names via safe_text/safe_str",
    "workbench.ui.compare.two_teams": "names and reasons via safe_text/safe_str",
    "workbench.ui.compare.portfolio": "money and errors via safe_text/safe_str",
    "workbench.ui.compare.grid": "cells built by compare.cells through safe_text",
    "workbench.ui.compare.bars": "cells from bar_row (names via safe_text)",
    "workbench.ui.widgets.text_panel": "shows Text built by its callers through safe_text",
    "workbench.ui.pilots.pilot_glance": "names, reasons, warnings and totals via safe_text",
    "workbench.ui.dialogs.conflict_dialog": "theirs and yours via safe_text",
    "workbench.ui.dialogs.pilot_form": "title, labels, options and errors via safe_text/safe_str",
    "workbench.ui.pilots.benefit_dialog": "fields of PilotForm",
    "workbench.ui.pilots.cost_dialog": "fields of PilotForm",
    "workbench.ui.pilots.gate_dialog": "fields of PilotForm",
    "workbench.ui.pilots.journal_dialog": "fields of PilotForm",
    "workbench.ui.dialogs.kpi_dialog": "fields of PilotForm",
    "workbench.ui.pilots.measurement_dialog": "fields of PilotForm",
    "workbench.ui.pilots.participant_dialog": "fields of PilotForm",
    "workbench.ui.dialogs.phase_dialog": "fields of PilotForm",
    "workbench.ui.dialogs.start_pilot_dialog": "fields of PilotForm",
    "workbench.ui.dialogs.search_dialog": "fields of PilotForm (the text typed, in a SafeInput)",
    "workbench.ui.pilots.pane": "i18n text only; notices via notify (inert)",
    "workbench.ui.pilots.editing": "notices via notify (inert)",
    "workbench.ui.pilots.lifecycle": "questions via ConfirmDialog (_plain), notices via notify",
    "workbench.ui.pilots.list_view": "rows via VirtualTable (str cells through safe_text)",
    "workbench.ui.pilots.page": "heading, names and warnings via safe_text",
    "workbench.ui.pilots.section": "rows via VirtualTable, detail labels i18n, values safe_text",
    "workbench.ui.pilots.phases": "gate authors and reasons via safe_text",
    "workbench.ui.pilots.kpis": "KPI names, units and notes via safe_text",
    "workbench.ui.pilots.people": "names via safe_text",
    "workbench.ui.pilots.money": "labels and bases via safe_text",
    "workbench.ui.pilots.journal": "authors and notes via safe_text",
    "workbench.ui.pilots.warnings": "warnings via safe_text",
    "workbench.ui.widgets.filter_input": "the user's own typing; tab keys passed on",
    "workbench.ui.panes.table_pane": "base of the table tabs: i18n labels, rows via VirtualTable",
    "workbench.ui.widgets.safe_input": "value drawn through visible_in_place",
}
"""Modules that define widgets or screens, and how each keeps user text inert."""

USER_FIELDS = {
    "name",
    "provider",
    "department",
    "reason",
    "notes",
    "note",
    "audience",
    "platform",
    "topics",
    "url",
    "source",
    "renewal",
    "metric",
    "unit",
    "statement",
    "currency",
    "assessor",
    "assessors",
    "label",
    "detail",
    "programme",
    "title_text",
    "search",
}
"""Attributes that hold text from the data file or typed by people."""

SAFE_CALLS = {"safe_text", "safe_str", "option_text", "visible", "_plain", "len", "value"}
"""``value`` is the detail panels' local helper (catalogue_view, teams.detail): it calls
safe_text."""
TRANSLATORS = {"t", "i18n"}
SINK_CALLS = {"Text", "Static", "Label", "Content", "Option", "Button"}
SINK_METHODS = {"update", "append", "add_row", "assemble", "set_options", "add_option"}
SINK_ATTRIBUTES = {"border_title", "border_subtitle", "sub_title", "title", "tooltip"}

ALLOWED: dict[str, set[str]] = {
    # lists of reasons for MessageDialog, whose _plain() makes them inert
    "workbench.ui.catalogue.uses": {"reasons.append("},
    # lists of names, drawn later through safe_text
    "workbench.ui.teams.records": {"pilots.setdefault(", "scored.append("},
    # (file name, error) pairs, printed through visible() or notify()
    "workbench.ui.themes": {"problems.append("},
    # the assessors' names, each drawn through safe_text
    "workbench.ui.scoring.criterion_help": {"names.append("},
    "workbench.ui.scoring.score_grid": {"names.append("},
    # rows whose user text is already wrapped in safe_text, or drawn by VirtualTable
    "workbench.ui.pilots.list_view": {"views.append("},
    "workbench.ui.pilots.money": {"rows.append("},
}
"""Reviewed list appends, by module and the start of the statement (``append`` is also
``Text.append``, so lists that hold user text are listed here once read)."""


def modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages([str(UI)], "workbench.ui."):
        found.append(info.name)
    return found


def test_every_widget_module_is_reviewed() -> None:
    unreviewed = []
    for name in modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name:
                continue
            if issubclass(cls, Widget | Screen) and name not in REVIEWED:
                unreviewed.append(f"{name}.{cls.__name__}")
    assert not unreviewed, (
        "review how these show user text (safe_text/safe_str), then list the module in "
        f"REVIEWED: {unreviewed}"
    )


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _tainted(node: ast.AST) -> bool:
    """True when ``node`` reads user text that no safe_* call has made inert."""
    if isinstance(node, ast.Call):
        name = _callee(node)
        if name in SAFE_CALLS:
            return False
        # a method (criterion.label(lang)) is not a field; an i18n key is not user text
        args = [] if name in TRANSLATORS else list(node.args)
        values = args + [kw.value for kw in node.keywords]
        if isinstance(node.func, ast.Attribute):
            values.append(node.func.value)
        return any(_tainted(value) for value in values)
    if isinstance(node, ast.Attribute) and node.attr in USER_FIELDS:
        return True
    return any(_tainted(child) for child in ast.iter_child_nodes(node))


def _sink_values(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.Call):
        name = _callee(node)
        is_sink = (isinstance(node.func, ast.Name) and name in SINK_CALLS) or (
            isinstance(node.func, ast.Attribute) and name in SINK_METHODS | SINK_CALLS
        )
        if is_sink:
            values: list[ast.AST] = list(node.args)
            values += [kw.value for kw in node.keywords if kw.arg not in ("style", "id")]
            return values
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in SINK_ATTRIBUTES:
                return [node.value]
    return []


def raw_paths(source: str, module: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        for value in _sink_values(node):
            code = ast.unparse(node)
            if _tainted(value) and not code.startswith(tuple(ALLOWED.get(module, ()))):
                found.append(f"{module}:{node.lineno}: {code[:100]}")
    return found


def test_no_user_text_reaches_the_screen_raw() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        module = ".".join(path.relative_to(UI.parent.parent).with_suffix("").parts)
        found += raw_paths(path.read_text(encoding="utf-8"), module)
    assert not found, "wrap these in safe_text/safe_str:\n" + "\n".join(found)


def test_the_guard_sees_a_raw_path() -> None:
    """The guard itself: a raw name is found, a wrapped one is not."""
    raw = "Static(Text(team.name))\nbox.border_title = programme.name\nw.update(f'{r.reason}')"
    assert len(raw_paths(raw, "example")) == 4  # Static, Text, the title, update
    safe = "Static(safe_text(team.name))\nbox.border_title = safe_str(p.name)\nText(t('x'))"
    assert raw_paths(safe, "example") == []
