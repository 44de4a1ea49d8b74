"""`workbench serve`: the app in a browser, for the browser given the printed address only.

Each test starts the real `workbench serve` on a free loopback port and tries it with real
HTTP and websocket requests: without the token, with a wrong one, from another site's page,
under another Host name, one session too many. One test drives the page in headless Chromium.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from tests.cli import devtools
from tests.cli.devtools import KEEP_TERMINALS, headless_page, stop
from workbench.cli.parser import build_parser
from workbench.cli.serve import serve_command
from workbench.web.access import host_allowed, host_name, origin_matches, same_token

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")
ANY_URL = re.compile(r"""(?:(?:https?|wss?|ftp):)?//[^\s"'<>)]+""", re.IGNORECASE)
CSS_LOADS = re.compile(r"""(?:url\(|@import)\s*['"]?([^'")\s;]+)""", re.IGNORECASE)

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Served:
    port: int
    token: str
    output: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return self.base

    def websocket(self, token: str | None = None) -> str:
        query = f"token={self.token if token is None else token}&" if token != "" else ""
        return f"ws://127.0.0.1:{self.port}/ws?{query}width=100&height=30"


@contextmanager
def serving(tmp_path: Path, *options: str, lang: str = "en") -> Iterator[Served]:
    """The real `workbench serve` on a free port until the block ends; what it printed is in
    ``output`` (a file: nothing waits on a full pipe)."""
    port = free_port()
    output = tmp_path / f"serve-{port}.txt"
    command = [sys.executable, "-m", "workbench.cli", "--lang", lang, "--db"]
    command += [str(tmp_path / "wb.json"), "serve", "--port", str(port), *options]
    with output.open("w") as sink:
        server = subprocess.Popen(
            command,
            env={**os.environ, **isolated(tmp_path)},
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        found = wait_for_address(output, server)
        assert int(found[1]) == port
        served = Served(port, found[2], output)
        wait_for_port(port, server, output)
        yield served
    finally:
        stop(server)


def isolated(folder: Path) -> dict[str, str]:
    """The environment of a server (and of the workbenches it starts) that outlives one test's
    own environment (a module's fixture): its settings file in ``folder``."""
    return {
        "PYTHONPATH": str(ROOT),
        "WORKBENCH_CONFIG": str(folder / "config.json"),
        "WORKBENCH_DB": str(folder / "default.json"),
        "TEXTUAL_ANIMATIONS": "none",
    }


def wait_for_address(output: Path, server: subprocess.Popen[bytes]) -> re.Match[str]:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = ADDRESS.search(output.read_text())
        if found:
            return found
        assert server.poll() is None, output.read_text()
        time.sleep(0.05)
    raise AssertionError(f"no address printed: {output.read_text()}")


def wait_for_port(port: int, server: subprocess.Popen[bytes], output: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, output.read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"port {port} never opened: {output.read_text()}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the tests that only try it: none of them changes it."""
    with serving(tmp_path_factory.mktemp("served")) as server:
        yield server


@asynccontextmanager
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    # unsafe: keep cookies set by an IP-address host, as a browser does
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


async def status_and_text(
    session: aiohttp.ClientSession, url: str, **headers: str
) -> tuple[int, str]:
    async with session.get(url, headers=headers, allow_redirects=False) as response:
        return response.status, await response.text(errors="replace")


async def first_screen(websocket: aiohttp.ClientWebSocketResponse) -> bytes:
    """The first bytes the workbench draws (textual-serve sends them as binary frames)."""
    async with asyncio.timeout(TIMEOUT):
        async for message in websocket:
            if message.type == aiohttp.WSMsgType.BINARY and len(message.data) > 10:
                data: bytes = message.data
                return data
    raise AssertionError("the session closed before it drew anything")


PATHS = ["/", "/static/js/textual.js", "/static/css/xterm.css", "/ws", "/download/x"]


# The address printed, and the token -------------------------------------------------------


def test_the_printed_address_holds_a_new_token_each_run(tmp_path: Path) -> None:
    with serving(tmp_path) as first:
        printed = first.output.read_text()
    with serving(tmp_path) as second:
        pass
    assert len(first.token) >= 32
    assert first.token != second.token
    assert f"ssh -N -L {first.port}:127.0.0.1:{first.port}" in printed
    assert f"http://localhost:{first.port}/?token={first.token}" in printed
    assert "At most 4 workbench sessions at once" in printed


@pytest.mark.parametrize("path", PATHS)
async def test_every_path_is_refused_without_the_token(served: Served, path: str) -> None:
    async with client() as session:
        status, text = await status_and_text(session, served.base + path)
    assert status == 403
    assert "needs its token" in text
    assert "?token=" in text


@pytest.mark.parametrize("path", PATHS)
async def test_every_path_is_refused_with_a_wrong_token(served: Served, path: str) -> None:
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    async with client() as session:
        in_query, _ = await status_and_text(session, f"{served.base}{path}?token={wrong}")
        as_cookie, _ = await status_and_text(
            session, served.base + path, Cookie=f"workbench-token-{served.port}={wrong}"
        )
        empty, _ = await status_and_text(session, f"{served.base}{path}?token=")
    assert (in_query, as_cookie, empty) == (403, 403, 403)


async def test_the_token_opens_the_page_then_its_cookie_the_static_files(served: Served) -> None:
    async with client() as session:
        async with session.get(f"{served.base}/?token={served.token}") as response:
            assert response.status == 200
            cookie = response.headers["Set-Cookie"]
        # the cookie the page set is enough for what the page loads next
        script, _ = await status_and_text(session, f"{served.base}/static/js/textual.js")
        font, _ = await status_and_text(
            session, f"{served.base}/static/fonts/RobotoMono-VariableFont_wght.ttf"
        )
    assert f"workbench-token-{served.port}={served.token}" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert (script, font) == (200, 200)


# Host and Origin ----------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil", ""])
async def test_a_foreign_host_is_refused_even_with_the_token(served: Served, host: str) -> None:
    """DNS rebinding: the attacker's name resolves to 127.0.0.1, the Host header says it."""
    named = f"{host}:{served.port}" if host else ""
    async with client() as session:
        page, text = await status_and_text(
            session, f"{served.base}/?token={served.token}", Host=named
        )
        static, _ = await status_and_text(
            session, f"{served.base}/static/js/textual.js?token={served.token}", Host=named
        )
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(
                served.websocket(), headers={"Host": named, "Origin": f"http://{named}"}
            )
    assert (page, static, refused.value.status) == (403, 403, 403)
    assert "answers only to its own addresses" in text


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "LOCALHOST", "[::1]"])
async def test_its_own_names_on_any_port_are_served(served: Served, host: str) -> None:
    """An SSH tunnel may bring it to another local port: the Host names that port."""
    async with client() as session:
        for port in (served.port, 9999):
            status, _ = await status_and_text(
                session, f"{served.base}/?token={served.token}", Host=f"{host}:{port}"
            )
            assert status == 200, f"{host}:{port}"


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "null",
        "http://127.0.0.1:1",  # another local port: same site for cookies, another origin
        "http://localhost:{port}",  # its own name, but not the page's (served as 127.0.0.1)
        "https://127.0.0.1:{port}",
        None,
    ],
)
async def test_the_websocket_refuses_any_origin_but_the_pages(
    served: Served, origin: str | None
) -> None:
    headers = {} if origin is None else {"Origin": origin.format(port=served.port)}
    async with client() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(served.websocket(), headers=headers)
    assert refused.value.status == 403


async def test_the_pages_own_origin_gets_a_workbench(served: Served) -> None:
    async with (
        client() as session,
        session.ws_connect(served.websocket(), headers={"Origin": served.origin}) as websocket,
    ):
        drawn = await first_screen(websocket)
    assert drawn


async def test_a_websocket_without_the_token_is_refused_from_the_pages_origin(
    served: Served,
) -> None:
    async with client() as session:
        for token in ("", "wrong"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.websocket(token), headers={"Origin": served.origin})
            assert refused.value.status == 403


# The page -------------------------------------------------------------------------------------


async def test_the_page_names_no_other_host_and_follows_the_requests_host(
    served: Served,
) -> None:
    """Through a tunnel on local port 9999 the browser sends Host localhost:9999: the page's
    websocket address says the same, and nothing on the page points anywhere else."""
    async with client() as session:
        async with session.get(
            f"{served.base}/?token={served.token}", headers={"Host": "localhost:9999"}
        ) as response:
            page = await response.text()
            policy = response.headers["Content-Security-Policy"]
        status, css = await status_and_text(session, f"{served.base}/static/css/xterm.css")
    assert status == 200
    assert 'data-session-websocket-url="ws://localhost:9999/ws"' in page
    assert f":{served.port}" not in page
    assert "127.0.0.1" not in page
    assert [url for url in ANY_URL.findall(page) if url != "ws://localhost:9999/ws"] == []
    loaded_by_css = CSS_LOADS.findall(css)
    assert [url for url in loaded_by_css if ANY_URL.match(url)] == []
    assert "default-src 'none'" in policy
    assert "connect-src 'self' ws://localhost:9999/ws" in policy
    assert "frame-ancestors 'none'" in policy


# Sessions -------------------------------------------------------------------------------------


async def test_one_session_past_the_cap_is_refused_with_a_clear_page(tmp_path: Path) -> None:
    with serving(tmp_path, "--max-sessions", "2") as served:
        async with client() as session:
            page = f"{served.base}/?token={served.token}"
            own = {"Origin": served.origin}
            first = await session.ws_connect(served.websocket(), headers=own)
            second = await session.ws_connect(served.websocket(), headers=own)
            await first_screen(first)
            await first_screen(second)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.websocket(), headers=own)
            assert refused.value.status == 503
            status, text = await status_and_text(session, page)
            assert status == 503
            assert "already runs 2 workbench sessions" in text
            assert "--max-sessions 2" in text
            # once a tab closes, its place is free again
            await first.close()
            deadline = time.monotonic() + TIMEOUT
            while (await status_and_text(session, page))[0] != 200:
                assert time.monotonic() < deadline, "the closed session was never freed"
                await asyncio.sleep(0.1)
            async with session.ws_connect(served.websocket(), headers=own) as third:
                assert await first_screen(third)
            await second.close()


def test_max_sessions_must_be_a_whole_number_of_at_least_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for wrong in ("0", "-1", "two"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["serve", "--max-sessions", wrong])
        assert "at least 1" in capsys.readouterr().err
    assert build_parser().parse_args(["serve"]).max_sessions == 4


def test_the_refusals_speak_the_servers_language(tmp_path: Path) -> None:
    async def refused() -> str:
        async with client() as session:
            return (await status_and_text(session, f"{served.base}/"))[1]

    with serving(tmp_path, lang="fr") as served:
        text = asyncio.run(refused())
    assert '<html lang="fr">' in text
    assert "demande son jeton" in text


# The rules alone --------------------------------------------------------------------------------


def test_the_rules_compare_names_not_text() -> None:
    assert same_token("abc", "abc")
    assert not same_token("abd", "abc")
    assert not same_token("é\udcff", "abc")
    assert not same_token(None, "abc")
    assert host_name("LocalHost:80") == "localhost"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("a:b:c") is None
    assert host_allowed("127.0.0.2:8000", "127.0.0.1")
    assert host_allowed("myserver:8000", "myserver")
    assert not host_allowed("192.168.1.4:8000", "127.0.0.1")
    assert host_allowed("192.168.1.4:8000", "0.0.0.0")
    assert not host_allowed("evil.example:8000", "0.0.0.0")
    assert not host_allowed(None, "127.0.0.1")
    assert not host_allowed("[::1%;script-src *]:8000", "127.0.0.1")
    assert origin_matches("http://LOCALHOST:8000", "http", "localhost:8000")
    assert not origin_matches("http://localhost:8000", "http", "localhost:8001")


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


# A real browser -------------------------------------------------------------------------------

ATTACKER = """<!DOCTYPE html><script>
const socket = new WebSocket("ws://127.0.0.1:{port}/ws?width=80&height=24");
socket.onopen = () => {{ document.title = "connected"; }};
socket.onclose = () => {{ if (document.title !== "connected") document.title = "refused"; }};
</script>"""


async def test_chromium_opens_the_page_with_the_token_and_f3_shows_the_teams(
    tmp_path: Path,
) -> None:
    """The page the printed address opens, in headless Chromium: the workbench draws, F3 opens
    the Teams tab; every request went to the server itself. Then a page of another origin on
    the same machine (same site: the cookie goes along) tries the websocket and is refused."""
    with serving(tmp_path) as served:
        async with headless_page(tmp_path) as page:
            await page.call("Network.enable")
            await page.call("Log.enable")
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TERMINALS)
            await page.call("Page.navigate", url=f"{served.base}/?token={served.token}")
            catalogue = await page.wait_for_screen("19 programmes")
            assert "f3 Teams" in catalogue
            # the first screen's footer, before any key (it once waited for one)
            await page.wait_for_screen("All keys", timeout=20)
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await page.press("F3")
            teams = await page.wait_for_screen("Data and ML engineering")
            await page.screenshot(tmp_path / "teams.png")
            assert "Department" in teams
            assert "19 programmes" not in teams
            requested = [
                event["params"]["request"]["url"]
                for event in page.events
                if event.get("method") == "Network.requestWillBeSent"
            ]
            assert requested
            assert all(url.startswith(served.base + "/") for url in requested), requested
            problems = [
                event["params"]["entry"]["text"]
                for event in page.events
                if event.get("method") == "Log.entryAdded"
                and "Content Security Policy" in event["params"]["entry"]["text"]
            ]
            assert problems == []

            async with attacker_site(ATTACKER.format(port=served.port)) as attacker:
                await page.call("Page.navigate", url=attacker)
                deadline = time.monotonic() + TIMEOUT
                while (title := await page.evaluate("document.title")) not in (
                    "connected",
                    "refused",
                ):
                    assert time.monotonic() < deadline
                    await asyncio.sleep(0.1)
            assert title == "refused"


@asynccontextmanager
async def attacker_site(html: str) -> AsyncIterator[str]:
    """Another web server on this machine, serving ``html``: its address."""

    async def attack(request: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", attack)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        await runner.cleanup()


def test_without_chromium_the_browser_test_says_how_to_install_it_or_fails_under_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(devtools, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        devtools.chromium_or_skip()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        devtools.chromium_or_skip()


def test_a_port_already_taken_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        data = str(tmp_path / "wb.json")
        done = subprocess.run(
            [sys.executable, "-m", "workbench.cli", "--db", data, "serve", "--port", str(port)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("wrong", ["0", "65536", "http"])
def test_the_port_must_be_a_port_number(wrong: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--port", wrong])
    assert "is not a port number (1 to 65535)" in capsys.readouterr().err
