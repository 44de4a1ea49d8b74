"""Choose one item from a list, filtering as you type (teams, programmes, assessors...)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.text import has_control
from workbench.ui.dialogs.base import Dialog
from workbench.ui.text import OPTION_LIMIT, safe_str
from workbench.ui.widgets.safe_input import SafeInput


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    detail: str = ""


class PickerDialog(Dialog[str]):
    """Returns the chosen id; with ``allow_new``, Enter on typed text returns the text."""

    DEFAULT_CSS = """
    PickerDialog OptionList {
        height: auto;
        max-height: 16;
        border: none;
        padding: 0;
    }
    PickerDialog Input { margin: 0 0 1 0; }
    """
    ASK_BEFORE_DISCARDING = False  # the filter typed is not worth a question
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "dialog.next", show=False, id="picker-down"),
        Binding("up", "move(-1)", "dialog.previous", show=False, id="picker-up"),
    ]

    def __init__(
        self,
        title: str,
        choices: list[Choice],
        *,
        current: str | None = None,
        placeholder: str = "",
        allow_new: bool = False,
        hint: str = "",
        empty: str = "",
    ) -> None:
        """``empty``: what to say when there is nothing to choose (where to create some)."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current
        self.placeholder = placeholder
        self.allow_new = allow_new
        self.hint = hint
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = safe_str(self.title_text, limit=60)
            box.border_subtitle = self.t("dialog.picker_keys")
            if self.hint:
                yield Static(Text(self.hint), classes="dialog-hint")
            yield SafeInput(placeholder=self.placeholder, id="picker-filter")
            if self.empty and not self.choices:
                yield Static(Text(self.empty), id="picker-empty", classes="dialog-hint")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, text: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        needle = text.casefold().strip()
        highlighted = None
        shown: list[Option] = []
        for choice in self.choices:
            if needle and needle not in f"{choice.label} {choice.detail}".casefold():
                continue
            if choice.id == self.current:
                highlighted = len(shown)
            shown.append(Option(self._prompt(choice), id=choice.id))
        self._fit_height(options, len(shown))
        options.add_options(shown)  # at once: one option at a time refreshes thousands of times
        if options.option_count:
            options.highlighted = highlighted if highlighted is not None else 0

    @staticmethod
    def _prompt(choice: Choice) -> Content:
        """Content, which the list draws as it is (a Rich ``Text`` is converted first: with
        20,000 assessments that conversion took as long as the rest of the opening)."""
        label = safe_str(choice.label, limit=OPTION_LIMIT)
        if not choice.detail:
            return Content(label)
        detail = safe_str(choice.detail, limit=OPTION_LIMIT)
        return Content.assemble(label, "  ", (detail, "dim"))

    @staticmethod
    def _fit_height(options: OptionList, count: int) -> None:
        """The list is as tall as its options, up to its max-height. With at least that many
        options (one line or more each) it is the max-height: say so, and the layout no longer
        measures every option (thousands of them) each time it runs."""
        limit = options.styles.max_height
        full = limit is not None and limit.is_cells and count >= limit.value
        options.styles.height = limit.value if full and limit is not None else "auto"

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    @on(Input.Submitted, "#picker-filter")
    def _submit(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            option = options.get_option_at_index(options.highlighted)
            self.dismiss(option.id)
        elif self.allow_new and event.value.strip() and not has_control(event.value):
            self.dismiss(event.value.strip())

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
