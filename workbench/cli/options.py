"""Argument types and options shared by several commands."""

from __future__ import annotations

import argparse


def positive(text: str) -> int:
    """An argument that is a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


def port_number(text: str) -> int:
    """A TCP port: 1 to 65535."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return number


def currency_code(value: str) -> str:
    """``--currency``: three letters, any case (``eur`` is EUR)."""
    found = value.strip().upper()
    if len(found) != 3 or not found.isascii() or not found.isalpha():
        raise argparse.ArgumentTypeError(f"not a currency code: {value!r} (e.g. EUR, USD)")
    return found


def add_currency_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--currency",
        type=currency_code,
        metavar="CUR",
        help="the memo's currency: every cost converts at the latest stored rate and says "
        "so (default: the currency setting, else the team's pilot budgets' currency, else EUR)",
    )
