"""Keys in a real terminal (issue 22): key to the last byte of the redraw, against a bare app.

The workbench and bare Textual apps (``bare_apps.py``: a ``DataTable`` of as many rows, a
``Static`` a digit updates) run side by side in windows of one private 80x24 tmux server.
A control-mode client (``control_mode.py``) sends each key with ``send-keys`` and times the
pane's ``%output`` until the pane stayed quiet ``quiet`` seconds: the figure is the time to
the last byte of that burst. Each timed key of the workbench is followed by one of the bare
app (A B A B); before every key both apps are settled (no output, no processor time), so a
save or a warm-up never runs into the next key.

- Down in the Catalogue (sample and large) and in the Teams list (large): the cursor drawn
  (the first byte) at most 2x the bare ``DataTable``'s (as many rows); the whole redraw
  (the detail panel, the footer) beside it; Home every 8 Downs, untimed, in both apps;
- ``e`` on the Catalogue, to the programme form drawn: at most 2x the bare app's form (``e``:
  a modal of eight ``Input``s; Escape untimed after each); "2x a key" in the issue is the
  headless figure of issue 13 (key + the Pilot's idle waits), which a real terminal's 4 ms
  Down cannot stand for;
- a score key (3 and 4 in turn on the Scoring tab's last criterion, each a save) on the large
  file: the score drawn (the first byte) at most 50 ms, the whole redraw (with the save's
  "Saved") beside it, the bare digit updating a ``Static`` shown next to it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bare_apps import BARE_KEYS_MARKER
from control_mode import Burst, ControlClient
from figures import FIRST_BYTE, Figures
from startup_bench import Tmux
from terminal import SIZE, Launcher, Window

HERE = Path(__file__).resolve().parent
SECTION = "tmux keys"
KEY_TARGET = 2.0
FORM_TARGET = 2.0
SCORE_TARGET_MS = 50.0
WARMUP = 2
HOME_EVERY = 8


@dataclass(frozen=True, slots=True)
class App:
    window: Window
    name: str


class KeyBench:
    """Both apps of one comparison, in one tmux server, pressed in turn."""

    def __init__(
        self,
        client: ControlClient,
        figures: Figures,
        data: str,
        quiet: float,
        progress: Callable[[str], None],
    ) -> None:
        self.client = client
        self.figures = figures
        self.data = data
        self.quiet = quiet
        self.progress = progress
        self.windows: list[Window] = []

    def launch(self, launcher: Launcher, name: str, command: list[str], marker: str) -> App:
        """``command`` in a new window, once ``marker`` shows and it settled."""
        window = launcher.launch(command)
        self.windows.append(window)
        launcher.wait_for(window, marker)
        app = App(window, name)
        self.settle(app)
        return app

    def settle(self, *apps: App) -> None:
        if not self.client.settle(*((app.window.pane, app.window.pid) for app in apps)):
            names = " and ".join(app.name for app in apps)
            self.progress(f"{names}: never settled (output or processor time), going on")

    def untimed(self, app: App, *keys: str) -> None:
        for key in keys:
            self.client.untimed(app.window.pane, key)
        self.settle(app)

    def press(self, app: App, key: str, other: App) -> Burst:
        """``key`` timed in ``app`` once both apps settled: the other's save or warm-up
        would take the processor from this one."""
        self.settle(other, app)
        return self.client.press(app.window.pane, key, self.quiet)

    def record(self, name: str, burst: Burst, **options: object) -> None:
        figure = self.figures.add(SECTION, self.data, name, burst.last_ms, **options)
        figure.extra.setdefault(FIRST_BYTE, []).append(burst.first_ms)
        figure.extra.setdefault("bytes", []).append(burst.size)

    def alternate(
        self,
        presses: int,
        workbench: tuple[App, str, Callable[[int], str]],
        bare: tuple[App, str, Callable[[int], str]],
        *,
        after: Callable[[int], None] | None = None,
        after_bare: Callable[[int], None] | None = None,
        home: bool = False,
        first: str | None = None,
        **options: object,
    ) -> None:
        """``presses`` timed keys in each app, in turn, after ``WARMUP`` untimed ones.

        ``first`` ("the cursor drawn", "the score drawn"): the target is held by the first
        byte, the frame that draws what the key does (for Down what the issue's 19-23 ms
        against 6-7 ms measured); the whole redraw (the detail panel and the footer, or the
        save's "Saved", in later frames) is shown beside it, without a target."""
        app, name, key = workbench
        bare_app, bare_name, bare_key = bare
        for i in range(WARMUP + presses):
            if home and i % HOME_EVERY == 0:
                self.untimed(app, "Home")
                self.untimed(bare_app, "Home")
            burst = self.press(app, key(i), bare_app)
            if after is not None:
                after(i)
            base = self.press(bare_app, bare_key(i), app)
            if after_bare is not None:
                after_bare(i)
            if i < WARMUP:
                continue
            if first:
                self.figures.add(
                    SECTION,
                    self.data,
                    first_name(name, first),
                    burst.first_ms,
                    baseline=first_name(bare_name, first),
                    **options,
                )
                self.figures.add(SECTION, self.data, first_name(bare_name, first), base.first_ms)
                self.record(redraw_name(name), burst, baseline=redraw_name(bare_name))
                self.record(redraw_name(bare_name), base)
                continue
            self.record(name, burst, baseline=bare_name, **options)
            self.record(bare_name, base)
        shown = first_name(name, first) if first else name
        figure = self.figures.items[(SECTION, self.data, shown)]
        base_figure = self.figures.items[
            (SECTION, self.data, first_name(bare_name, first) if first else bare_name)
        ]
        self.progress(
            f"tmux keys {self.data}: {name} {figure.median:.1f} ms "
            f"(bare {base_figure.median:.1f} ms)"
        )


def first_name(name: str, what: str) -> str:
    return f"{name}: {what} (first byte)"


def redraw_name(name: str) -> str:
    return f"{name}: the whole redraw (last byte)"


def bare_down(rows: int) -> str:
    return f"Down in a bare DataTable of {rows:,} rows"


FORM_MARKER = "Edit programme"
BARE_FORM = "e: a bare modal of eight Inputs drawn"


def measure_tmux_keys(
    figures: Figures,
    files: dict[str, tuple[Path, str]],
    rows: dict[str, dict[str, int]],
    *,
    presses: int,
    quiet: float,
    env: dict[str, str],
    folder: Path,
    markers: dict[str, str],
    progress: Callable[[str], None],
) -> None:
    """``rows[data]``: how many programmes and teams the file holds (the bare tables')."""
    with Tmux(*SIZE) as tmux, ControlClient(tmux.socket, tmux.session) as client:
        launcher = Launcher(tmux, env, timeout=180, cwd=folder)
        for data, (path, _) in files.items():
            bench = KeyBench(client, figures, data, quiet, progress)
            progress(f"tmux keys {data}: launching the workbench and the bare apps")
            try:
                keys_of(bench, launcher, path, markers[data], rows[data], presses)
            finally:
                for window in bench.windows:
                    launcher.close(window)
                time.sleep(0.2)


def keys_of(
    bench: KeyBench,
    launcher: Launcher,
    path: Path,
    marker: str,
    rows: dict[str, int],
    presses: int,
) -> None:
    workbench = [sys.executable, "-m", "workbench.cli", "--lang", "en", "--assessor", "claire"]
    wb = bench.launch(launcher, "workbench", [*workbench, "--db", str(path)], marker)
    programmes, teams = rows["programmes"], rows["teams"]
    bare_script = [sys.executable, str(HERE / "bare_apps.py")]
    small = bench.launch(launcher, "bare app", [*bare_script, str(programmes)], BARE_KEYS_MARKER)
    down = bare_down(programmes)
    bench.alternate(
        presses,
        (wb, "Down in the Catalogue", lambda i: "Down"),
        (small, down, lambda i: "Down"),
        home=True,
        first="the cursor drawn",
        target=KEY_TARGET,
    )

    def form_closed(i: int) -> None:
        if i == 0 and FORM_MARKER not in (screen := launcher.screen(wb.window)):
            raise RuntimeError(f"e did not open the programme form:\n{screen}")
        bench.untimed(wb, "Escape")

    def bare_form_closed(i: int) -> None:
        bench.untimed(small, "Escape")

    bench.alternate(
        presses,
        (wb, "e: the programme form drawn", lambda i: "e"),
        (small, BARE_FORM, lambda i: "e"),
        after=form_closed,
        after_bare=bare_form_closed,
        home=True,
        target=FORM_TARGET,
    )
    if bench.data != "large":
        return
    big = bench.launch(launcher, "bare app (teams)", [*bare_script, str(teams)], BARE_KEYS_MARKER)
    bench.untimed(wb, "F3")
    bench.alternate(
        presses,
        (wb, "Down in the Teams list", lambda i: "Down"),
        (big, bare_down(teams), lambda i: "Down"),
        home=True,
        first="the cursor drawn",
        target=KEY_TARGET,
    )
    launcher.close(big.window)
    bench.untimed(wb, "F4")
    bench.untimed(wb, "End")  # the last criterion: a score key leaves the cursor there
    bench.untimed(wb, "2")  # then 3 and 4 in turn each change the score (the same does not)
    bench.untimed(small, "F4")  # the bare app's tab of the Static
    bench.alternate(
        presses,
        (wb, "score key on the Scoring tab (saved)", lambda i: "34"[i % 2]),
        (small, "a digit updating a Static (bare app)", lambda i: "34"[i % 2]),
        first="the score drawn",
        target=SCORE_TARGET_MS,
        absolute=True,
    )
