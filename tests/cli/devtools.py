"""A headless Chromium driven over the DevTools protocol, through aiohttp: enough to load a
page, press keys, read what xterm.js holds on screen and take a screenshot."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

CHROMIUM = "/usr/bin/chromium"
INSTALL = "apt-get install chromium (as root, `make test` does it)"

# Run before the page's own scripts: keep each xterm.js Terminal that textual.js makes
# (`this.terminal = new Terminal(...)`), so the test can read its screen.
KEEP_TERMINALS = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    if (value && value.buffer && value.rows) window.__terminals.push(value);
  },
});
"""

SCREEN_TEXT = """
(() => {
  const terminal = window.__terminals[0];
  if (!terminal) return "";
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()
"""

KEYS = {"F3": 114, "F2": 113, "Enter": 13, "Escape": 27}


def chromium_or_skip() -> str:
    """Chromium's path; without it the test is skipped, or fails under CI."""
    path = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if path:
        return path
    message = f"no chromium at {CHROMIUM}: {INSTALL}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class Page:
    """One browser tab over its DevTools websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        await self.socket.send_json({"id": number, "method": method, "params": params})
        async for message in self.socket:
            reply = json.loads(message.data)
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)
        raise RuntimeError(f"{method}: the browser closed its DevTools socket")

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screen(self) -> str:
        text: str = await self.evaluate(SCREEN_TEXT) or ""
        return text

    async def wait_for_screen(self, wanted: str, timeout: float = 60) -> str:
        """The terminal's text once it holds ``wanted``; fails with what it shows after that."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = await self.screen()
            if wanted in text:
                return text
            await asyncio.sleep(0.2)
        raise AssertionError(f"{wanted!r} never showed; the screen:\n{text}")

    async def press(self, key: str) -> None:
        code = KEYS[key]
        for kind in ("rawKeyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=key,
                windowsVirtualKeyCode=code,
                nativeVirtualKeyCode=code,
            )

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))


@asynccontextmanager
async def headless_page(folder: Path, width: int = 1280, height: int = 800) -> AsyncIterator[Page]:
    """A fresh headless Chromium (its own profile in ``folder``) and its first tab."""
    profile = folder / "chromium-profile"
    browser = subprocess.Popen(
        [
            chromium_or_skip(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            f"--window-size={width},{height}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port = await devtools_port(profile / "DevToolsActivePort", browser)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as response:
                targets = await response.json()
            target = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as socket:
                page = Page(socket)
                await page.call("Page.enable")
                await page.call("Runtime.enable")
                yield page
    finally:
        stop(browser)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it is still there 30 s later."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def devtools_port(announced: Path, browser: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if announced.exists() and announced.read_text().strip():
            return int(announced.read_text().split()[0])
        if browser.poll() is not None:
            raise RuntimeError(f"chromium exited with code {browser.returncode}")
        await asyncio.sleep(0.1)
    raise RuntimeError("chromium never opened its DevTools port")
