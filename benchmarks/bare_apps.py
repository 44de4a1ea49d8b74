"""The bare Textual apps the workbench is measured against, in the same run.

``BARE_STARTUP_APP`` is a script: four ``TabPane``s holding a ``Label`` each (the first
screen of a four-tab app). ``BareKeysApp`` answers the same keys as the workbench with the
least work Textual allows: Down in a ``DataTable``, a digit updating a ``Static``, F2/F3
switching tabs, t/p/o opening a modal ``OptionList`` of as many options as the workbench's
picker, e opening a modal of eight ``Input``s.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, OptionList, Static, TabbedContent, TabPane

BARE_MARKER = "Bare tab one ready"
BARE_STARTUP_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Label, TabbedContent, TabPane


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        with TabbedContent():
            for name in ("one", "two", "three", "four"):
                with TabPane(name.title()):
                    yield Label("Bare tab " + name + " ready")


Bare().run()
"""


class BarePicker(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "close")]

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="filter")
            yield OptionList(*(f"Option {n:06d}  detail" for n in range(self.count)))


class BareForm(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "close")]

    def compose(self) -> ComposeResult:
        with Vertical():
            for n in range(8):
                yield Label(f"Field {n}")
                yield Input(f"value {n}")


class BareKeysApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "tab('one')", "one"),
        Binding("f3", "tab('two')", "two"),
        Binding("f4", "tab('three')", "three"),
        *(Binding(digit, f"score({digit})", "score") for digit in "12345"),
        Binding("t", "picker('t')", "picker"),
        Binding("p", "picker('p')", "picker"),
        Binding("o", "picker('o')", "picker"),
        Binding("e", "form", "form"),
    ]

    def __init__(self, rows: int, picker_sizes: dict[str, int]) -> None:
        super().__init__()
        self.rows = rows
        self.picker_sizes = picker_sizes

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="one"):
            with TabPane("One", id="one"):
                table: DataTable[str] = DataTable(cursor_type="row", id="table")
                table.add_columns("Name", "Provider", "Level", "Price", "Status")
                table.add_rows(
                    (f"Programme {n:04d}", "Provider", "beginner", "100 USD", "active")
                    for n in range(self.rows)
                )
                yield table
            with TabPane("Two", id="two"):
                yield Label("two")
            with TabPane("Three", id="three"):
                yield Static("score: none", id="score")
            with TabPane("Four", id="four"):
                yield Label("four")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_score(self, digit: int) -> None:
        self.query_one("#score", Static).update(f"score: {digit}")

    def action_picker(self, key: str) -> None:
        self.push_screen(BarePicker(self.picker_sizes.get(key, 10)))

    def action_form(self) -> None:
        self.push_screen(BareForm())


BARE_KEYS_MARKER = "Programme 0000"

if __name__ == "__main__":  # python bare_apps.py ROWS: the keys app, in a real terminal
    import sys

    BareKeysApp(int(sys.argv[1]), {}).run()
