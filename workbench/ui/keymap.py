"""Every binding of the workbench by id, and the check of a keymap from the settings file.

A keymap maps binding ids to keys (``{"scoring-undo": "u"}``). An entry is rejected, and the
binding keeps its default keys, when its id is unknown, a key name is not one Textual knows,
a key cannot be sent by a terminal (ctrl+enter), or a key is already taken where the binding
works: in the same screen, tab or widget, or by a key that works everywhere (F1, the tabs).
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys
from textual.screen import ModalScreen, Screen

from workbench.core.text import visible
from workbench.i18n import Translator

Layer = Literal["app", "screen", "tab", "dialog"]
"""Where a binding works: everywhere, on the main screen, inside a tab, in one dialog."""

MODIFIERS = ("ctrl", "alt", "shift")
NAMED_KEYS = frozenset(
    key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")
) - {"ctrl-at", "return"}
RESERVED = {
    "tab": "focus_next",
    "shift+tab": "focus_previous",
    "ctrl+c": "copy",
    "ctrl+p": "command_palette",
}
"""Keys Textual itself binds everywhere: a remapped binding may not take them."""

UNSENDABLE = frozenset(
    {"ctrl+enter", "shift+enter", "ctrl+shift+enter", "alt+enter", "ctrl+tab", "ctrl+shift+tab"}
    | {"alt+tab", "ctrl+backspace", "shift+backspace", "shift+space", "ctrl+escape"}
    | {"ctrl+i", "ctrl+m", "ctrl+h", "ctrl+left_square_bracket"}
    | {f"ctrl+{digit}" for digit in "0123456789"}
    | {f"ctrl+shift+{digit}" for digit in "0123456789"}
    | {f"f{number}" for number in range(13, 25)}
)
"""Keys most terminals (and tmux, and SSH) cannot send, or send as another key."""


@dataclass(frozen=True, slots=True)
class BindingInfo:
    """One binding of the workbench: its id, default keys, description and where it works."""

    id: str
    keys: tuple[str, ...]
    description: str
    scope: str
    """The class that declares it (``ScoringPane``)."""
    layer: Layer
    action: str = ""
    owner: type[DOMNode] | None = field(default=None, compare=False, repr=False)
    """That class: its subclasses (each dialog of ``Dialog``) share its bindings."""


@dataclass(slots=True)
class KeymapProblem:
    """One rejected entry: ``message`` is an i18n key of ``keys.problem``, with its params."""

    binding: str
    message: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class KeymapCheck:
    keymap: dict[str, str]
    """The accepted entries, normalised (``?`` becomes ``question_mark``)."""
    problems: list[KeymapProblem]


def character_key(character: str) -> str:
    """The key name Textual gives a typed character: ``?`` -> ``question_mark``."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return KEY_NAME_REPLACEMENTS.get(name, name)


def _is_character_name(name: str) -> bool:
    original = {value: key for key, value in KEY_NAME_REPLACEMENTS.items()}.get(name, name)
    try:
        unicodedata.lookup(original.replace("_", " "))
    except KeyError:
        return False
    return True


def normalise_key(key: str) -> str:
    """A key as Textual names it: ``?`` -> ``question_mark``, ``Ctrl+S`` -> ``ctrl+s``."""
    key = key.strip()
    if len(key) == 1:
        return character_key(key)
    *modifiers, base = key.split("+") if not key.endswith("++") else [*key[:-2].split("+"), "+"]
    modifiers = [modifier.lower() for modifier in modifiers]
    if len(base) == 1:
        base = character_key(base.lower() if "ctrl" in modifiers else base)
    elif base.lower() in NAMED_KEYS:
        base = base.lower()
    return "+".join([*modifiers, base])


def key_problem(key: str) -> str | None:
    """Why a (normalised) key cannot be bound: ``invalid`` or ``unsendable``; None if fine."""
    if not key:
        return "invalid"
    *modifiers, base = key.split("+")
    if len(set(modifiers)) != len(modifiers):
        return "invalid"
    for modifier in modifiers:
        if modifier in ("super", "hyper", "meta"):
            return "unsendable"
        if modifier not in MODIFIERS:
            return "invalid"
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            return "invalid"
    elif base not in NAMED_KEYS and not _is_character_name(base):
        return "invalid"
    if key in UNSENDABLE:
        return "unsendable"
    if "ctrl" in modifiers and "shift" in modifiers and len(base) == 1 and base.isalpha():
        return "unsendable"  # a terminal sends ctrl+shift+a as ctrl+a
    return None


def _import_ui_modules() -> None:
    """Import every module of the UI, so that every class declaring bindings is known."""
    import workbench.ui

    for module in pkgutil.walk_packages(workbench.ui.__path__, "workbench.ui."):
        importlib.import_module(module.name)


def _subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _layer(cls: type[DOMNode]) -> Layer:
    if issubclass(cls, App):
        return "app"
    if issubclass(cls, ModalScreen):
        return "dialog"
    if issubclass(cls, Screen):
        return "screen"
    return "tab"


def known_bindings() -> dict[str, BindingInfo]:
    """Every binding of the workbench with an id, in a stable order (app, screen, tabs, dialogs)."""
    _import_ui_modules()
    found: dict[str, BindingInfo] = {}
    classes = sorted(
        {c for c in _subclasses(DOMNode) if c.__module__.startswith("workbench.")},
        key=lambda c: (
            ("app", "screen", "tab", "dialog").index(_layer(c)),
            c.__module__,
            c.__name__,
        ),
    )
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", ()):
            if not isinstance(binding, Binding) or not binding.id or binding.id in found:
                continue
            keys = tuple(key.strip() for key in binding.key.split(","))
            found[binding.id] = BindingInfo(
                binding.id,
                keys,
                binding.description,
                cls.__name__,
                _layer(cls),
                binding.action,
                cls,
            )
    return found


def _related(first: type[DOMNode] | None, second: type[DOMNode] | None) -> bool:
    """One class is the other's subclass: the subclass has the base class's bindings too."""
    if first is None or second is None:
        return False
    return issubclass(first, second) or issubclass(second, first)


def _clash(first: BindingInfo, second: BindingInfo) -> bool:
    """Whether the two bindings can both be active at once, so one key cannot serve both."""
    if first.action and first.action == second.action and first.scope == second.scope:
        return False  # two ids for the same action (F1 and ? both open the help)
    if first.scope == second.scope or _related(first.owner, second.owner):
        return True
    layers = {first.layer, second.layer}
    return "dialog" not in layers and layers != {"tab"}


def check_keymap(
    keymap: Mapping[str, str], bindings: Mapping[str, BindingInfo] | None = None
) -> KeymapCheck:
    """The entries of ``keymap`` that can be applied, and why the others cannot."""
    if not keymap:
        return KeymapCheck({}, [])  # nothing to check: no need to import every screen
    bindings = known_bindings() if bindings is None else bindings
    problems: list[KeymapProblem] = []
    accepted: dict[str, tuple[str, ...]] = {}
    for binding_id, value in keymap.items():
        if binding_id not in bindings:
            problems.append(KeymapProblem(binding_id, "unknown_id"))
            continue
        keys = tuple(normalise_key(key) for key in value.split(","))
        rejected = False
        for raw, key in zip(value.split(","), keys, strict=True):
            problem = key_problem(key)
            if problem is None and key in RESERVED:
                problem = "reserved"
            if problem is not None:
                problems.append(KeymapProblem(binding_id, problem, {"name": raw.strip()}))
                rejected = True
                break
        if not rejected:
            accepted[binding_id] = keys
    problems.extend(_reject_clashes(accepted, bindings))
    return KeymapCheck({k: ",".join(v) for k, v in accepted.items()}, problems)


def _reject_clashes(
    accepted: dict[str, tuple[str, ...]], bindings: Mapping[str, BindingInfo]
) -> Iterable[KeymapProblem]:
    """Drop remapped entries whose keys clash, until no clash is left (defaults never clash)."""
    while True:
        owners: dict[str, list[str]] = {}
        for binding_id, info in bindings.items():
            for key in accepted.get(binding_id, info.keys):
                owners.setdefault(key, []).append(binding_id)
        clash = _first_clash(owners, accepted, bindings)
        if clash is None:
            return
        remapped, other, key = clash
        del accepted[remapped]
        yield KeymapProblem(remapped, "clash", {"name": key, "other": other})


def _first_clash(
    owners: dict[str, list[str]],
    accepted: Mapping[str, tuple[str, ...]],
    bindings: Mapping[str, BindingInfo],
) -> tuple[str, str, str] | None:
    for key, ids in owners.items():
        for remapped in ids:
            if remapped not in accepted:
                continue
            for other in ids:
                if other != remapped and _clash(bindings[remapped], bindings[other]):
                    return remapped, other, key
    return None


def effective_keys(
    keymap: Mapping[str, str], bindings: Mapping[str, BindingInfo]
) -> dict[str, str]:
    """Each binding id with the keys it answers to under ``keymap`` (already checked)."""
    return {
        binding_id: keymap.get(binding_id, ",".join(info.keys))
        for binding_id, info in bindings.items()
    }


def problem_lines(problems: Iterable[KeymapProblem], i18n: Translator) -> list[str]:
    """One translated line per rejected entry."""
    return [
        i18n(
            f"keys.problem.{problem.message}",
            binding=visible(problem.binding, limit=60),
            **{name: visible(value, limit=60) for name, value in problem.params.items()},
        )
        for problem in problems
    ]


def keymap_warning(problems: list[KeymapProblem], i18n: Translator) -> str | None:
    """The one warning shown at start, listing every rejected entry; None when all is fine."""
    if not problems:
        return None
    heading = i18n.plural("keys.warning", len(problems))
    return "\n".join([heading, *(f"- {line}" for line in problem_lines(problems, i18n))])


def scope_label(info: BindingInfo, i18n: Translator) -> str:
    key = f"keys.scope.{info.scope}"
    return i18n(key) if i18n.has(key) else info.scope
