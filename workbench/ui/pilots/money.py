"""The money section (4): one row per cost and monetised benefit, and below them the costs
by kind, the totals, ROI, benefit-cost ratio, budget and months counted. c adds a cost, b a
benefit, l sets the months of subscription; e (or Enter) edits the highlighted row."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding

from workbench.core.pilot import CostKind
from workbench.core.pilot_changes import add_benefit, add_cost, edit_benefit, edit_cost
from workbench.core.pilot_metrics import ratio_so_far, roi_so_far
from workbench.core.pilot_report import ratio_text, roi_text
from workbench.ui.dialogs.months_dialog import MonthsChoice, MonthsDialog
from workbench.ui.pilots.benefit_dialog import BenefitDialog
from workbench.ui.pilots.cost_dialog import CostDialog
from workbench.ui.pilots.editing import PilotEditing
from workbench.ui.pilots.section import PilotSection, fields
from workbench.ui.text import safe_text
from workbench.ui.widgets.virtual_table import Column, Row

NEW_COST = Binding("c", "new_cost", "pilots.keys.new_cost", show=False, id="pilots-new-cost")
NEW_BENEFIT = Binding(
    "b", "new_benefit", "pilots.keys.new_benefit", show=False, id="pilots-new-benefit"
)
MONTHS = Binding("l", "months", "pilots.keys.months", show=False, id="pilots-months")


class MoneySection(PilotSection):
    SECTION = "money"

    def columns(self) -> list[Column]:
        t = self.t
        return [
            Column("kind", t("pilots.report.kind"), 8),
            Column("label", t("pilots.report.label"), min_width=14),
            Column("detail", t("pilots.report.basis"), min_width=10),
            Column("amount", t("pilots.report.amount"), 13, align="right"),
        ]

    def rows(self) -> list[Row]:
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.pilot
        rows = []
        for cost in pilot.costs:
            detail: str | Text = ""
            if (
                cost.kind is CostKind.HOURS
                and cost.hours is not None
                and cost.hourly_cost is not None
            ):
                detail = t(
                    "pilots.money.hours_detail",
                    hours=i18n.smart(cost.hours),
                    rate=i18n.money(cost.hourly_cost, pilot.currency),
                )
            rows.append(
                Row(
                    f"cost:{cost.id}",
                    (
                        t(f"pilots.cost_kind.{cost.kind.value}"),
                        safe_text(cost.label),
                        detail,
                        "−" + i18n.money(cost.total, pilot.currency),
                    ),
                )
            )
        for benefit in pilot.benefits:
            rows.append(
                Row(
                    f"benefit:{benefit.id}",
                    (
                        t("pilots.money.benefit"),
                        safe_text(benefit.label),
                        safe_text(benefit.basis or ""),
                        "+" + i18n.money(benefit.amount, pilot.currency),
                    ),
                )
            )
        return rows

    def empty_text(self) -> str:
        return self.t("pilots.page.no_money")

    def detail(self, key: str | None) -> RenderableType:
        assert self.summary is not None
        t = self.t
        i18n = self.workbench.i18n
        pilot = self.pilot
        s = self.summary
        cur = pilot.currency
        b = s.cost_breakdown
        unknown = t("pilots.unknown")
        budget = (
            f"{i18n.money(s.budget.spent, cur) if s.budget.spent is not None else unknown} / "
            f"{i18n.money(s.budget.planned, cur) if s.budget.planned is not None else unknown}"
        )
        months_key = self.workbench.bound_key("pilots-months")
        pairs: list[tuple[str, Text | str]] = [
            (t("pilots.money.fees"), i18n.money(b[CostKind.FEES], cur)),
            (t("pilots.money.hours"), i18n.money(b[CostKind.HOURS], cur)),
            (t("pilots.money.other"), i18n.money(b[CostKind.OTHER], cur)),
            (t("pilots.money.total_costs"), i18n.money(s.total_costs, cur)),
            (
                t("pilots.money.total_benefits"),
                i18n.money(s.total_benefits, cur)
                if pilot.benefits
                else t("pilots.page.not_valued"),
            ),
            (t("pilots.money.roi"), Text(roi_text(roi_so_far(pilot), i18n), style="bold")),
            (t("pilots.money.ratio"), Text(ratio_text(ratio_so_far(pilot), i18n), style="bold")),
            (t("pilots.money.budget"), budget),
            (
                t("pilots.money.months"),
                t("pilots.money.months_count", months=pilot.months, shortcut=months_key)
                if pilot.months is not None
                else t("pilots.money.months_programme", shortcut=months_key),
            ),
        ]
        return fields(pairs)


class MoneyActions(PilotEditing):
    def action_new_cost(self) -> None:
        pilot = self._ready("new_cost")
        if pilot is not None:
            self._ask(
                lambda check: CostDialog(pilot.currency, self.today, check),
                add_cost,
                lambda cost: self.t("pilots.undo.cost"),
                "money",
            )

    def action_new_benefit(self) -> None:
        pilot = self._ready("new_benefit")
        if pilot is not None:
            self._ask(
                lambda check: BenefitDialog(pilot.currency, self.today, check),
                add_benefit,
                lambda benefit: self.t("pilots.undo.benefit"),
                "money",
            )

    def _edit_money(self, key: str) -> None:
        """Edit the cost or benefit of the row ``key`` ("cost:<id>", "benefit:<id>")."""
        pilot = self.pilot
        if pilot is None:
            return
        if key.startswith("cost:"):
            cost = next(c for c in pilot.costs if f"cost:{c.id}" == key)
            self._ask(
                lambda check: CostDialog(pilot.currency, self.today, check, cost),
                edit_cost,
                lambda edited: self.t("pilots.undo.edit_cost", label=edited.label),
            )
        else:
            benefit = next(b for b in pilot.benefits if f"benefit:{b.id}" == key)
            self._ask(
                lambda check: BenefitDialog(pilot.currency, self.today, check, benefit),
                edit_benefit,
                lambda edited: self.t("pilots.undo.edit_benefit", label=edited.label),
            )

    def action_months(self) -> None:
        """The months of subscription the pilot counts (its programme's cost over it)."""
        pilot = self._ready("months")
        if pilot is None:
            return
        programme = self.workbench.repository.snapshot().programmes.get(pilot.programme_id)
        typical = programme.price.months if programme is not None else None
        current = pilot.months

        def done(choice: MonthsChoice | None) -> None:
            if choice is None or choice.months == current:
                return
            months = choice.months
            label = self.t("money.months.undo")
            self._change(label, lambda p: p.model_copy(update={"months": months}))
            self.action_section("money")

        self.app.push_screen(MonthsDialog(pilot.name, current, typical, pilot=True), done)
