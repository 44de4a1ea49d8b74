"""Who may use a served workbench: the token, the Host and the Origin of a request.

Pure rules, no web server: `workbench.web.server` applies them to every request.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets

LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})
_HOST_AND_PORT = re.compile(r"^(?P<name>\[[^\]]*\]|[^:]*)(?::(?P<port>\d{1,5}))?$")


def new_token() -> str:
    """A token for one run of ``workbench serve``: 32 URL-safe characters, 192 random bits."""
    return secrets.token_urlsafe(24)


def same_token(given: str | None, token: str) -> bool:
    """``given`` is the token, compared in constant time; anything else (or nothing) is not."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode())


def host_name(host: str) -> str | None:
    """The name of a ``Host`` header without its port (and an IPv6 address without brackets),
    lower-cased; None when it is not a host name at all."""
    match = _HOST_AND_PORT.match(host.strip().lower())
    if match is None:
        return None
    name = match["name"]
    if name.startswith("["):
        name = name[1:-1]
    return name or None


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if "%" in name:  # an IPv6 scope: any text, which would end up in the page's addresses
        return None
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def host_allowed(host: str | None, listening: str) -> bool:
    """Whether a request's ``Host`` names this server, so a DNS-rebinding page cannot use it.

    Allowed, on any port (an SSH tunnel may use another local port): ``localhost``, a loopback
    address, or the address the server listens on; listening on every address, any IP address
    too (a rebinding attack needs a name of its own). Any other name is refused.
    """
    name = host_name(host or "")
    if name is None:
        return False
    if name in LOCAL_NAMES or name == host_name(listening):
        return True
    address = _ip(name)
    if address is None:
        return False
    return address.is_loopback or listening.strip("[]") in WILDCARDS


def origin_matches(origin: str | None, scheme: str, host: str) -> bool:
    """Whether a websocket's ``Origin`` is the page's own: same scheme, host and port as the
    request itself. A missing Origin is refused too: every browser sends one."""
    if not origin:
        return False
    return origin.strip().lower() == f"{scheme}://{host}".lower()
