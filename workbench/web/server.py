"""textual-serve's server behind the access rules: a token, this server's own Host names, the
page's own Origin on the websocket, a cap on sessions, and a page that asks no other host.

textual-serve runs one workbench process per websocket (`Server.handle_websocket`); this
subclass keeps that and its static files, and replaces the routes, the page and the start-up.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from textual_serve.server import Server, to_int

from workbench.web.access import host_allowed, origin_matches, same_token

if TYPE_CHECKING:
    from workbench.i18n import Translator

TEMPLATES = Path(__file__).parent
COOKIE = "workbench-token-{port}"
FONT_SIZES = range(6, 73)


class GuardedServer(Server):
    """Serves ``command`` (one process per browser tab) to requests that carry ``token``."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        token: str,
        max_sessions: int,
        i18n: Translator,
    ) -> None:
        super().__init__(command, host=host, port=port, title="workbench")
        self.token = token
        self.max_sessions = max_sessions
        self.sessions = 0
        self.i18n = i18n
        self.cookie = COOKIE.format(port=port)
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True
        )

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes(
            [
                web.get("/", self.page),
                web.get("/ws", self.session),
                web.get("/download/{key}", self.handle_download),
                web.static("/static", self.statics_path),
            ]
        )
        return app

    def serve(self, debug: bool = False) -> None:
        """Until SIGINT or SIGTERM. No access log: the first request carries the token."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(self._make_app(), host=self.host, port=self.port, print=None, access_log=None)

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every path: a Host naming this server, then the token (in the query or the cookie
        a page load with the token set)."""
        if not host_allowed(request.headers.get("Host"), self.host):
            return self.refused(403, "web.wrong_host")
        from_query = same_token(request.query.get("token"), self.token)
        if not from_query and not same_token(request.cookies.get(self.cookie), self.token):
            return self.refused(403, "web.no_token")
        response = await handler(request)
        if from_query and not response.prepared:
            response.set_cookie(self.cookie, self.token, path="/", httponly=True, samesite="Strict")
        return response

    async def page(self, request: web.Request) -> web.Response:
        if self.sessions >= self.max_sessions:
            return self.refused(503, "web.too_many", count=self.max_sessions)
        nonce = secrets.token_urlsafe(16)
        scheme = "wss" if request.secure else "ws"
        websocket_url = f"{scheme}://{request.host}/ws"
        font_size = to_int(request.query.get("fontsize", "16"), 16)
        html = self.templates.get_template("page.html").render(
            lang=self.i18n.lang,
            title=self.i18n("app.title"),
            start=self.i18n("web.start"),
            ended=self.i18n("web.ended"),
            restart=self.i18n("web.restart"),
            nonce=nonce,
            websocket_url=websocket_url,
            font_size=font_size if font_size in FONT_SIZES else 16,
        )
        response = web.Response(text=html, content_type="text/html")
        self.protect(response, f"'self' 'nonce-{nonce}'", connect=websocket_url)
        return response

    async def session(self, request: web.Request) -> web.StreamResponse:
        """The websocket of one browser tab: its own origin only, and a free session."""
        if not origin_matches(request.headers.get("Origin"), request.scheme, request.host):
            return self.refused(403, "web.foreign_origin")
        if self.sessions >= self.max_sessions:
            return self.refused(503, "web.too_many", count=self.max_sessions)
        self.sessions += 1
        try:
            return await self.handle_websocket(request)
        finally:
            self.sessions -= 1

    def refused(self, status: int, key: str, **params: object) -> web.Response:
        """A short page in the server's language saying why, with ``status``."""
        html = self.templates.get_template("refused.html").render(
            lang=self.i18n.lang,
            heading=self.i18n("web.refused"),
            reason=self.i18n(key, **params),
        )
        response = web.Response(status=status, text=html, content_type="text/html")
        self.protect(response, "'none'")
        return response

    @staticmethod
    def protect(response: web.Response, scripts: str, connect: str = "") -> None:
        """A page loads from this server only, in no other site's frame, telling no one its
        address (which may hold the token)."""
        response.headers["Content-Security-Policy"] = "; ".join(
            [
                "default-src 'none'",
                f"script-src {scripts}",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "font-src 'self'",
                f"connect-src 'self' {connect}".strip(),
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'",
            ]
        )
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
