"""Typed access to the workbench app from any widget, and the translation shortcut."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp


class WorkbenchNode(DOMNode):
    """Mixin for the workbench's widgets and screens."""

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.app)

    def t(self, key: str, **params: object) -> str:
        return self.workbench.i18n(key, **params)
