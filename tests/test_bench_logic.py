"""The logic of `make bench` (no timing): tmux control-mode output read into redraw bursts,
and the figures checked against their targets."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> tuple[ModuleType, ModuleType]:
    sys.path.insert(0, str(BENCHMARKS))  # the scripts import each other by bare names
    try:
        return importlib.import_module("control_mode"), importlib.import_module("figures")
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_output_lines_are_unescaped_and_named(bench: tuple[ModuleType, ModuleType]) -> None:
    control, _ = bench
    notice = control.parse(b"%output %3 \\033[6;1Ha\\134b\\015\\012", 1.5)
    assert (notice.kind, notice.pane, notice.at) == ("output", "%3", 1.5)
    assert notice.data == b"\x1b[6;1Ha\\b\r\n"
    assert control.parse(b"%begin 1796633447 271 0", 2.0).kind == "begin"
    assert control.parse(b"%error 1796633447 271 0", 2.0).kind == "error"
    assert control.parse(b"no sessions", 2.0).kind == "text"
    assert control.unescape(b"\\12 and \\999 stay") == b"\\12 and \\999 stay"


def test_a_line_read_in_two_pieces_is_stamped_when_it_ends(
    bench: tuple[ModuleType, ModuleType],
) -> None:
    control, _ = bench
    lines = control.Lines()
    assert lines.feed(b"%output %1 ab", 1.0) == []
    first, second = lines.feed(b"cd\n%end 1 2 0\n%out", 2.0)
    assert (first.kind, first.data, first.at) == ("output", b"abcd", 2.0)
    assert second.kind == "end"
    assert lines.pending == b"%out"


def test_a_burst_starts_at_the_first_drawing_and_ends_after_the_quiet_time(
    bench: tuple[ModuleType, ModuleType],
) -> None:
    control, _ = bench
    output = control.Notice
    watch = control.BurstWatch("%1", start=10.0, quiet=0.1)
    watch.feed(output(9.99, "output", "%1", b"\x1b[1;1Hbefore the key"))
    watch.feed(output(10.01, "output", "%1", b"\x1b]22;default\x07"))  # the pointer's shape
    watch.feed(output(10.02, "output", "%2", b"\x1b[1;1Hanother pane"))
    watch.feed(output(10.02, "end", data=b"%end 1 2 0"))
    assert not watch.done(10.5)  # nothing drawn yet
    watch.feed(output(10.05, "output", "%1", b"\x1b[6;1Hrow"))
    watch.feed(output(10.12, "output", "%1", b"\x1b]22;default\x07"))  # within: counted
    assert not watch.done(10.2)
    assert watch.done(10.22)
    burst = watch.burst()
    assert burst.first_ms == pytest.approx(50)
    assert burst.last_ms == pytest.approx(120)
    assert (burst.size, burst.chunks) == (len(b"\x1b[6;1Hrow\x1b]22;default\x07"), 2)


def test_a_figure_holds_its_target_as_a_ratio_or_in_milliseconds(
    bench: tuple[ModuleType, ModuleType],
) -> None:
    _, figures_module = bench
    figures = figures_module.Figures()
    for value, base in ((18.0, 10.0), (22.0, 10.0), (21.0, 10.0)):
        figures.add("tmux keys", "large", "Down", value, baseline="bare Down", target=2.0)
        figures.add("tmux keys", "large", "bare Down", base)
    score = figures.add("tmux keys", "large", "score", 48.0, baseline="bare digit", target=50.0)
    score.absolute = True
    figures.add("tmux keys", "large", "bare digit", 4.0)
    down = figures.items[("tmux keys", "large", "Down")]
    assert figures.ratio(down)[0] == pytest.approx(2.1)
    assert figures.holds(down) is False
    assert figures.holds(score) is True  # 12x the bare digit, but within 50 ms
    assert figures.summary() == (1, 2)
    assert [f.name for f in figures.rows()] == ["Down", "score"]  # baselines: in their rows


def test_the_table_names_the_baseline_the_ratio_the_first_byte_and_the_cpu(
    bench: tuple[ModuleType, ModuleType],
) -> None:
    _, figures_module = bench
    figures = figures_module.Figures()
    down = figures.add("tmux keys", "sample", "Down", 30.0, baseline="bare Down", target=2.0)
    down.extra[figures_module.FIRST_BYTE] = [8.0]
    figures.add("tmux keys", "sample", "bare Down", 10.0)
    figures.add("memory", "large", "peak RSS", 266.0, unit="MB", target=300.0)
    check = figures.add("command line", "large", "check", 3000.0, baseline="cold", target=2.0)
    check.extra[figures_module.CPU] = [2400.0]
    figures.add("command line", "large", "cold", 1000.0).extra[figures_module.CPU] = [800.0]
    header, _, *rows = figures_module.table(figures)
    assert header.split("|")[1:-1] == [
        " figure ",
        " median ",
        " p90 ",
        " baseline (median) ",
        " ratio ",
        " target ",
        " holds ",
    ]
    assert rows == [
        "| memory, large: peak RSS | 266 MB | 266 MB |  |  | ≤ 300 MB | yes |",
        "| tmux keys, sample: Down (first byte 8.00 ms) | 30.0 ms | 30.0 ms | "
        "bare Down: 10.0 ms | 3.00x | ≤ 2x | **no** |",
        "| command line, large: check (CPU 2400 ms, 3.00x) | 3000 ms | 3000 ms | cold: 1000 ms | "
        "3.00x | ≤ 2x | **no** |",
    ]
