"""`workbench serve`: the app in a browser through textual-serve, on loopback by default."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from workbench.cli import build_parser, serve_command

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body: bytes = response.read()
                return body.decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_answers_on_loopback_and_says_there_is_no_login(tmp_path: Path) -> None:
    port = free_port()
    data = str(tmp_path / "wb.json")
    server = subprocess.Popen(
        [sys.executable, "-m", "workbench.cli", "--db", data, "serve", "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/")
        assert "<html" in page.lower()
        assert "workbench" in page.lower()
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "no login of its own" in output
    assert f"ssh -N -L {port}:127.0.0.1:{port}" in output
    assert f"http://127.0.0.1:{port}" in output


def test_serve_defaults_to_loopback_and_runs_the_same_options(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--lang", "fr", "--read-only", "serve", "--db", str(tmp_path / "a b.json")]
    )
    assert args.host == "127.0.0.1"
    assert args.port == 8000
    command = serve_command(args, tmp_path / "a b.json")
    assert command.startswith(f"{sys.executable} -m workbench.cli --db ")
    assert f"'{tmp_path / 'a b.json'}'" in command
    assert "--lang fr" in command
    assert command.endswith("--read-only")
