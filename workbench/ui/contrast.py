"""WCAG contrast of a theme's colours, as a terminal shows them (xterm's palette for ANSI)."""

from __future__ import annotations

from textual.color import Color
from textual.theme import Theme

XTERM_PALETTE: dict[str, tuple[int, int, int]] = {
    "ansi_black": (0, 0, 0),
    "ansi_red": (205, 0, 0),
    "ansi_green": (0, 205, 0),
    "ansi_yellow": (205, 205, 0),
    "ansi_blue": (0, 0, 238),
    "ansi_magenta": (205, 0, 205),
    "ansi_cyan": (0, 205, 205),
    "ansi_white": (229, 229, 229),
    "ansi_bright_black": (127, 127, 127),
    "ansi_bright_red": (255, 0, 0),
    "ansi_bright_green": (0, 255, 0),
    "ansi_bright_yellow": (255, 255, 0),
    "ansi_bright_blue": (92, 92, 255),
    "ansi_bright_magenta": (255, 0, 255),
    "ansi_bright_cyan": (0, 255, 255),
    "ansi_bright_white": (255, 255, 255),
}
"""xterm's default 16 colours: what TERM=xterm shows unless the user changed them."""

TEXT = (
    "text",
    "text-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "foreground",
)
BACKGROUNDS = ("background", "surface", "panel")
PAIRS: tuple[tuple[str, str, float], ...] = (
    *((text, background, 4.5) for text in TEXT for background in BACKGROUNDS),
    ("block-cursor-foreground", "block-cursor-background", 4.5),
    ("input-cursor-foreground", "input-cursor-background", 4.5),
    ("input-selection-foreground", "input-selection-background", 4.5),
    ("footer-key-foreground", "footer-background", 4.5),
    ("footer-description-foreground", "footer-background", 4.5),
    ("border", "background", 3.0),
    ("primary", "background", 3.0),
)
"""(text, background, minimum ratio): 4.5:1 for text, 3:1 for borders and marks."""


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Resolver:
    """The RGB a theme variable is drawn with, transparency blended over what is under it."""

    def __init__(self, theme: Theme) -> None:
        self.variables = theme.to_color_system().generate() | dict(theme.variables)
        self.dark = theme.dark

    def rgb(self, name: str, under: tuple[int, int, int] | None = None) -> tuple[int, int, int]:
        value = self.variables.get(name, name).strip()
        base = under if under is not None else self.rgb("background", (0, 0, 0))
        alpha = 1.0
        if value.endswith("%") and " " in value:
            value, percent = value.rsplit(" ", 1)
            alpha = float(percent.rstrip("%")) / 100
        if value == "transparent":
            return base
        if value == "ansi_default":  # the terminal's own default colours
            behind = "background" in name or name.startswith(("surface", "panel", "boost"))
            default = "ansi-background" if behind else "ansi-foreground"
            value = self.variables.get(default, "transparent")
            if value == "transparent":
                value = "ansi_black" if self.dark == behind else "ansi_white"
        if value == "auto":  # Textual picks black or white, whichever reads better
            white, black = (255, 255, 255), (0, 0, 0)
            colour = white if ratio(white, base) >= ratio(black, base) else black
        elif value.startswith("ansi_"):
            colour = XTERM_PALETTE[value]
        elif value.startswith("$") or (value in self.variables and value != name):
            colour = self.rgb(value.lstrip("$"), under)
        else:
            parsed = Color.parse(value)
            alpha *= parsed.a
            colour = (parsed.r, parsed.g, parsed.b)
        return tuple(  # type: ignore[return-value]
            round(c * alpha + b * (1 - alpha)) for c, b in zip(colour, base, strict=True)
        )

    def contrast(self, text: str, background: str) -> float:
        under = self.rgb(background)
        return ratio(self.rgb(text, under), under)
