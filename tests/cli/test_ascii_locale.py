"""Under a locale that is not UTF-8: a clear message and exit 2 for the full-screen app, and
commands that print escapes instead of tracebacks (real processes, on a pseudo-terminal)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import open_repository

ASCII = {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "TERM": "xterm-256color"}


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("LC_", "LANG", "PYTHON", "WORKBENCH_"))
    }
    return env | {"WORKBENCH_CONFIG": str(tmp_path / "config.json")} | extra


def on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run the workbench with a pseudo-terminal as its input and outputs."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench.cli", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        close_fds=True,
    )
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    return process.wait(timeout=60), output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_app_says_a_utf8_locale_is_needed_and_exits(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "wb.json"
    open_repository(path, empty=True)
    code, output = on_a_terminal(
        ["--db", str(path), "--lang", lang], environment(tmp_path, **ASCII)
    )
    assert code == 2
    text = output.decode("ascii", errors="strict")  # nothing but ASCII reached the terminal
    assert "LC_ALL=C.UTF-8 workbench" in text
    assert "\x1b[" not in text  # the full-screen app never started
    assert "Traceback" not in text
    assert ("not UTF-8" if lang == "en" else "pas UTF-8") in text


def test_commands_print_escapes_not_tracebacks(tmp_path: Path) -> None:
    env = environment(tmp_path, **ASCII)
    code, output = on_a_terminal(["--lang", "fr", "keys"], env)
    assert code == 0
    text = output.decode("ascii")
    assert "O\\xf9" in text  # "Où", the column heading, as an escape
    assert "Traceback" not in text


def test_a_utf8_locale_starts_no_complaint(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    open_repository(path, empty=True)
    env = environment(tmp_path, LC_ALL="C.UTF-8", TERM="xterm-256color")
    done = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "--db", str(path), "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "UTF-8" not in done.stderr
