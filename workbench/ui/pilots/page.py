"""One pilot's page: a heading, what it was started against, the section bar, the warnings,
and six sections a key apart (each in its own module)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Static

from workbench.core.pilot_metrics import PilotSummary, next_due, pilot_status, roi_so_far, summarise
from workbench.core.pilot_report import roi_text, warning_text
from workbench.ui.context import WorkbenchNode
from workbench.ui.pilots.journal import JournalSection
from workbench.ui.pilots.kpis import KpisSection
from workbench.ui.pilots.money import MoneySection
from workbench.ui.pilots.people import PeopleSection
from workbench.ui.pilots.phases import PhasesSection
from workbench.ui.pilots.section import PilotContext, PilotSection, SectionTable
from workbench.ui.pilots.started_against import started_against
from workbench.ui.pilots.warnings import WarningsSection
from workbench.ui.text import safe_text

SECTION_CLASSES: tuple[type[PilotSection], ...] = (
    PhasesSection,
    KpisSection,
    PeopleSection,
    MoneySection,
    JournalSection,
    WarningsSection,
)
SECTIONS = tuple(section.SECTION for section in SECTION_CLASSES)
"""In the order of their keys, 1 to 6."""
TALL = 30
"""From this height (of the page) every warning has its own line, up to ``TALL_WARNINGS``."""
TALL_WARNINGS = 5


class PilotPage(WorkbenchNode, Vertical):
    DEFAULT_CSS = """
    PilotPage { height: 1fr; }
    PilotPage #pilot-heading { height: auto; padding: 0 1; background: $panel; }
    PilotPage #pilot-started { height: auto; max-height: 3; padding: 0 1; color: $text-warning; }
    PilotPage #pilot-sections { height: 1; padding: 0 1; background: $boost; }
    PilotPage #pilot-warning-line {
        height: auto; max-height: 2; padding: 0 1; color: $text-warning;
    }
    PilotPage.-tall #pilot-warning-line { max-height: 6; }
    PilotPage ContentSwitcher { height: 1fr; }
    PilotPage .section { height: 1fr; }
    PilotPage #phases-timeline { height: 1; padding: 0 1; color: $text-accent; }
    PilotPage SectionTable { height: auto; min-height: 2; max-height: 60%; }
    PilotPage .section-detail { height: 1fr; padding: 0 1; border-top: solid $primary-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section = "phases"
        self.context: PilotContext | None = None
        self.summary: PilotSummary | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pilot-heading")
        yield Static(id="pilot-started")
        yield Static(id="pilot-sections")
        yield Static(id="pilot-warning-line")
        with ContentSwitcher(initial="section-phases"):
            for section in SECTION_CLASSES:
                yield section()

    def sections(self) -> list[PilotSection]:
        return list(self.query(PilotSection))

    def table(self, name: str | None = None) -> SectionTable:
        return self.query_one(f"#{name or self.section}-table", SectionTable)

    # showing

    def show(self, context: PilotContext) -> None:
        self.context = context
        self.summary = summarise(context.pilot, context.today)
        self._heading()
        self._started()
        self._section_bar()
        self._warning_line()
        for section in self.sections():
            section.show(context, self.summary, self.size.width)
        self.show_detail()

    def choose(self, name: str) -> None:
        self.section = name
        self.query_one(ContentSwitcher).current = f"section-{name}"
        self._section_bar()
        self.show_detail()

    def show_detail(self) -> None:
        """The detail of the highlighted row of the section on show."""
        self.query_one(f"#section-{self.section}", PilotSection).show_detail()

    def _heading(self) -> None:
        """Names on the left, cut first; status, ROI and next due date whole on the right."""
        assert self.context is not None
        assert self.summary is not None
        t = self.t
        pilot = self.context.pilot
        status = Text(t(f"pilots.status.{pilot_status(pilot)}"), "bold")
        roi = roi_text(roi_so_far(pilot), self.workbench.i18n)
        status.append(" · " + t("pilots.page.roi", roi=roi))
        names = safe_text(self.context.team)
        names.append(" × ")
        names.append_text(safe_text(self.context.programme))
        due = next_due(pilot)
        layout = Table.grid(expand=True, padding=(0, 0, 0, 2))
        layout.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        layout.add_column(justify="right", no_wrap=True)
        layout.add_row(safe_text(pilot.name, "bold"), status)
        layout.add_row(names, t("pilots.page.next_due", date=due.isoformat() if due else "—"))
        self.query_one("#pilot-heading", Static).update(layout)

    def _started(self) -> None:
        """What the pilot was started against, when its verdict was not PILOT."""
        assert self.context is not None
        said = started_against(self.context.pilot, self.t)
        widget = self.query_one("#pilot-started", Static)
        widget.display = said is not None
        if said is not None:
            widget.update(said)

    def _section_bar(self) -> None:
        bar = Text(no_wrap=True, overflow="ellipsis")
        count = len(self.summary.warnings) if self.summary else 0
        for index, name in enumerate(SECTIONS, start=1):
            label = self.t(f"pilots.section.{name}")
            if name == "warnings":
                label = self.t("pilots.section.warnings_count", count=count)
            style = "bold reverse" if name == self.section else ""
            bar.append(f" {index} {label} ", style)
        self.query_one("#pilot-sections", Static).update(bar)

    def _warning_line(self) -> None:
        assert self.summary is not None
        warnings = self.summary.warnings
        widget = self.query_one("#pilot-warning-line", Static)
        widget.display = bool(warnings)
        if not warnings:
            return
        i18n = self.workbench.i18n
        if self.has_class("-tall"):
            lines = [
                Text.assemble("⚠ ", safe_text(warning_text(w, i18n)))
                for w in warnings[:TALL_WARNINGS]
            ]
            widget.update(Text("\n").join(lines))
            return
        first = warning_text(warnings[0], i18n)
        key = "pilots.page.warning_one" if len(warnings) == 1 else "pilots.page.warning_more"
        text = Text("⚠ ", no_wrap=True, overflow="ellipsis")
        text.append_text(safe_text(self.t(key, count=len(warnings), first=first)))
        widget.update(text)

    def on_resize(self, event: events.Resize) -> None:
        tall = event.size.height >= TALL
        if tall != self.has_class("-tall"):
            self.set_class(tall, "-tall")
            if self.summary is not None:
                self._warning_line()
        for section in self.sections():
            section.resized(self.size.width)
