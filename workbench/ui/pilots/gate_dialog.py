"""Decide a phase's gate: go, iterate or stop, with the reason, the date and who decided.

A gate that lets the pilot go on while the phase has no KPI measurement needs the user's
reason why (the field says so); without it nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from workbench.core.pilot import Gate, GateDecision, Phase
from workbench.ui.dialogs.pilot_form import Check, FormField, PilotForm

NeedsReason = Callable[[GateDecision, date], bool]


class GateDialog(PilotForm[Gate]):
    def __init__(
        self,
        phase: Phase,
        *,
        today: date,
        author: str,
        needs_reason: NeedsReason,
        check: Check[Gate] | None = None,
    ) -> None:
        super().__init__(check)
        self.phase = phase
        self.today = today
        self.author = author
        self.needs_reason = needs_reason

    def heading(self) -> str:
        return self.t("pilots.gate.title", phase=self.t(f"pilots.phase.{self.phase.kind.value}"))

    def introduction(self) -> str:
        if self.needs_reason(GateDecision.GO, self.today):
            return self.t("pilots.gate.no_measurement")
        return self.t("pilots.gate.measured")

    def fields(self) -> list[FormField]:
        gate = self.phase.gate
        decisions = [(self.t(f"pilots.decision.{d.value}"), d.value) for d in GateDecision]
        return [
            FormField(
                "decision",
                self.t("pilots.gate.decision"),
                gate.decision.value if gate else "",  # undecided until the user chooses
                options=decisions,
            ),
            FormField("reason", self.t("pilots.gate.reason"), gate.reason if gate else ""),
            FormField(
                "decided_on",
                self.t("pilots.form.date"),
                self.today.isoformat(),
                self.t("pilots.form.date_placeholder"),
            ),
            FormField("decided_by", self.t("pilots.gate.by"), self.author),
            FormField(
                "unmeasured_reason",
                self.t("pilots.gate.unmeasured"),
                (gate.unmeasured_reason or "") if gate else "",
                self.t("pilots.gate.unmeasured_placeholder"),
            ),
        ]

    def build(self) -> Gate | None:
        decision = self.choice("decision")
        reason = self.text("reason", required=True)
        on = self.day("decided_on", required=True)
        by = self.text("decided_by")
        unmeasured = self.text("unmeasured_reason")
        if decision is None or reason is None or on is None:
            return None
        kind = GateDecision(decision)
        if self.needs_reason(kind, on) and unmeasured is None:
            self.error("unmeasured_reason", self.t("pilots.input.gate_unmeasured"))
            return None
        return Gate(
            decision=kind,
            reason=reason,
            decided_on=on,
            decided_by=by,
            unmeasured_reason=unmeasured,
        )
