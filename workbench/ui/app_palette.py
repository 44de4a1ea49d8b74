"""The app's own commands in the palette: go to a tab, the language, the theme, the exchange
rates, the data file, help and quit, and those a failed save or a stopped workbench left."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding

from workbench.ui.app_saving import RETRY_KEY
from workbench.ui.main_screen import ALT_TAB_KEYS, TAB_KEYS, TABS
from workbench.ui.panes.pane import PaletteCommand

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp


class AppPalette:
    def __init__(self, app: WorkbenchApp) -> None:
        self.app = app

    def commands(self) -> list[PaletteCommand]:
        app = self.app
        t = app.i18n
        commands = []
        from workbench.ui.diagnostic.screen import DiagnosticScreen

        for screen in app.screen_stack:
            if isinstance(screen, DiagnosticScreen):  # its step's keys, before the tabs'
                commands += screen.palette_commands()
        for tab_id in TABS:
            tab = t(f"app.tabs.{tab_id}")
            commands.append(
                PaletteCommand(
                    t("app.commands.go_to", tab=tab),
                    t("app.commands.go_to_help", tab=tab)
                    + f" ({TAB_KEYS[tab_id].upper()}, "
                    + f"{ALT_TAB_KEYS[tab_id].split(',')[0]})",
                    self._tab_switcher(tab_id),
                )
            )
        commands += [
            PaletteCommand(
                t("app.commands.switch_language"),
                t("app.commands.switch_language_help") + " (F9)",
                app.action_toggle_language,
            ),
            PaletteCommand(
                t("app.commands.switch_theme"),
                t("app.commands.switch_theme_help") + " (F10)",
                app.action_pick_theme,
            ),
            PaletteCommand(
                t("money.commands.open"),
                t("money.commands.open_help") + f" ({app._rates_key()})",
                app.action_exchange_rates,
            ),
            PaletteCommand(
                t("app.commands.show_data_file"),
                t("app.commands.show_data_file_help"),
                app.action_show_data_file,
            ),
            PaletteCommand(
                t("app.commands.show_help"),
                t("app.commands.show_help_help") + " (F1)",
                app.action_help,
            ),
            PaletteCommand(
                t("app.keys.quit"),
                t("app.commands.quit_help") + f" ({app.bound_key('quit')})",
                app.action_quit,
            ),
        ]
        if app.toasts:
            commands.append(
                PaletteCommand(
                    t("app.keys.dismiss"),
                    t("app.commands.dismiss_help") + f" ({app.bound_key('dismiss-messages')})",
                    app.action_dismiss_messages,
                )
            )
        if app.saves.failure is not None:
            key = app.get_key_display(Binding(RETRY_KEY, ""))
            commands += [
                PaletteCommand(
                    t("saving.commands.retry"),
                    t("saving.commands.retry_help") + f" ({key})",
                    app.action_retry_save,
                ),
                PaletteCommand(
                    t("saving.commands.discard"),
                    t("saving.commands.discard_help"),
                    app.action_discard_unsaved,
                ),
            ]
        if app.journal is not None and not app.read_only:
            commands.append(
                PaletteCommand(
                    t("recovery.commands.offer"),
                    t("recovery.commands.offer_help"),
                    app.action_offer_recovered,
                )
            )
        from workbench.ui.reports import report_commands  # see ui/preload.py

        commands += report_commands(app)
        return commands

    def _tab_switcher(self, tab: str) -> Callable[[], None]:
        def switch() -> None:
            self.app.action_show_tab(tab)

        return switch
