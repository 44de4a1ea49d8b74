"""Step 3: the blind round, then the disputed criteria discussed one at a time.

While the round is open each assessor sees only their own scores (``hidden_ratings``);
it opens to all when every named assessor has scored, or when the facilitator reveals it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from workbench.core.assessment import Assessment, Rating
from workbench.core.consensus import evaluate_consensus, median_scores
from workbench.core.diagnostic import Diagnostic, Step, disputed_criteria
from workbench.core.grid import CRITERIA, CRITERION_KEYS
from workbench.core.robustness import headline
from workbench.core.robustness_words import headline_sentence
from workbench.storage.schema import Snapshot
from workbench.ui.diagnostic.step import StepView
from workbench.ui.dialogs.confirm import ConfirmDialog
from workbench.ui.dialogs.reason_dialog import ReasonDialog
from workbench.ui.text import safe_str, safe_text


class BlindStep(StepView):
    DEFAULT_CSS = """
    BlindStep #blind-who { height: auto; }
    BlindStep DataTable { height: auto; max-height: 9; }
    BlindStep #blind-panel { height: 1fr; }
    """
    STEP = Step.BLIND
    ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"score", "reason", "assessor", "reveal", "next_disputed"}
    )

    def __init__(self) -> None:
        super().__init__()
        self._disputed_at = 0

    def compose(self) -> ComposeResult:
        yield Static(id="blind-who")
        table: DataTable[Text] = DataTable(id="blind-table", cursor_type="cell")
        yield table
        yield Static(id="blind-panel")

    def prepare(self) -> None:
        if self.viewer not in self.session.assessors and self.session.assessors:
            self.workbench.assessor = self.session.assessors[0]

    def focus_first(self) -> None:
        self.query_one(DataTable).focus()

    @property
    def viewer(self) -> str:
        return self.workbench.assessor

    def _pairs(self, snapshot: Snapshot) -> list[tuple[str, Assessment | None]]:
        """Each shortlisted programme and its assessment as this viewer may see it."""
        found = []
        for programme_id in self.session.programme_ids:
            stored = self.workbench.repository.assessment_for(self.team.id, programme_id)
            found.append((programme_id, self.workbench.shown_assessment(stored, self.viewer)))
        return found

    def _stored(self) -> list[Assessment]:
        repo = self.workbench.repository
        return [
            a
            for p in self.session.programme_ids
            if (a := repo.assessment_for(self.team.id, p)) is not None
        ]

    def round_over(self) -> bool:
        return self.session.round_over(self._stored())

    def _disputed(self) -> list[tuple[str, str]]:
        """(programme id, criterion) of every disputed criterion, once the round is over."""
        if not self.round_over():
            return []
        return [
            (a.programme_id, key)
            for a in self._stored()
            for key in disputed_criteria(a, self.session.assessors)
        ]

    def show(self, snapshot: Snapshot) -> None:
        t = self.workbench.i18n
        session = self.session
        over = self.round_over()
        pairs = self._pairs(snapshot)
        who = Text(no_wrap=False, end="")
        who.append(t("diagnostic.blind.scoring_as") + " ")
        who.append(safe_str(self.viewer, limit=30), "bold reverse")
        who.append("  ")
        stored = {a.programme_id: a for a in self._stored()}
        for name in session.assessors:
            done = all(session.has_scored(a, name) for a in stored.values()) and bool(stored)
            who.append(f"{'✓' if done else '…'} ")
            who.append(safe_str(name, limit=20))
            who.append("  ")
        who.append(
            t("diagnostic.blind.open" if not over else "diagnostic.blind.revealed"), "italic"
        )
        self.query_one("#blind-who", Static).update(who)
        table: DataTable[Text] = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(t("diagnostic.blind.criterion"), key="criterion")
        for programme_id, _ in pairs:
            programme = snapshot.programmes.get(programme_id)
            name = programme.name if programme else programme_id
            table.add_column(safe_str(name, limit=22), key=programme_id)
        lang = t.lang
        for criterion in CRITERIA:
            cells: list[Text] = [Text(criterion.label(lang), no_wrap=True)]
            for _, assessment in pairs:
                mine = assessment.rating(self.viewer, criterion.key).score if assessment else None
                text = Text(str(mine) if mine is not None else "·", "bold")
                if over and assessment is not None:
                    median = median_scores(assessment).get(criterion.key)
                    if median is not None:
                        text.append(f"  ~{t.smart(median)}")
                    if criterion.key in disputed_criteria(assessment, session.assessors):
                        text.append(" ⚠", "bold yellow")
                cells.append(text)
            table.add_row(*cells, key=criterion.key)
        if table.row_count:
            table.move_cursor(
                row=min(cursor.row, table.row_count - 1),
                column=max(1, min(cursor.column, len(pairs))),
            )
        self.query_one("#blind-panel", Static).update(self._panel(snapshot, over))

    def _panel(self, snapshot: Snapshot, over: bool) -> Text:
        t = self.workbench.i18n
        text = Text(end="")
        if not over:
            text.append(t("diagnostic.blind.rule"), "italic")
            return text
        disputed = self._disputed()
        if disputed:
            index = self._disputed_at % len(disputed)
            programme_id, key = disputed[index]
            programme = snapshot.programmes.get(programme_id)
            criterion = next(c for c in CRITERIA if c.key == key)
            text.append(
                t(
                    "diagnostic.blind.discuss",
                    index=index + 1,
                    count=len(disputed),
                    criterion=criterion.label(t.lang),
                )
                + " · ",
                "bold",
            )
            text.append(safe_str(programme.name if programme else programme_id, limit=40))
            text.append("\n")
            assessment = self.workbench.repository.assessment_for(self.team.id, programme_id)
            for name in self.session.assessors:
                rating = assessment.rating(name, key) if assessment else Rating()
                text.append(f"  {safe_str(name, limit=16)}: ", "bold")
                text.append(str(rating.score) if rating.score is not None else "·")
                if rating.reason:
                    text.append(" — ")
                    text.append_text(safe_text(rating.reason, limit=120))
                text.append("\n")
        else:
            text.append(t("diagnostic.blind.none_disputed") + "\n", "italic")
        for assessment in self._stored():
            programme = snapshot.programmes.get(assessment.programme_id)
            evaluation = evaluate_consensus(
                assessment, objective_measurable=self.team.objective.is_measurable
            )
            text.append(safe_str(programme.name if programme else "", limit=30), "bold")
            if evaluation.percent is not None and evaluation.verdict is not None:
                text.append(
                    f" {t.percent(evaluation.percent)} · "
                    + t(f"scoring.verdict.{evaluation.verdict.value}")
                )
            text.append(" · " + headline_sentence(headline(evaluation), t) + "\n")
        return text

    # keys

    def _cell(self) -> tuple[str, str] | None:
        """(programme id, criterion) under the cursor."""
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count or table.cursor_column < 1:
            return None
        programme_ids = self.session.programme_ids
        column = table.cursor_column - 1
        if column >= len(programme_ids):
            return None
        return programme_ids[column], CRITERION_KEYS[table.cursor_row]

    def _rate(self, programme_id: str, key: str, **update: object) -> None:
        viewer, team_id = self.viewer, self.team.id
        now = self.flow.now()

        def change(assessment: Assessment) -> Assessment:
            rating = assessment.rating(viewer, key)
            if "score" in update:
                rating = rating.model_copy(update={"low": None, "high": None})
            return assessment.with_rating(viewer, key, rating.model_copy(update=update), at=now)

        self.workbench.store(lambda repo: repo.edit_assessments([(team_id, programme_id, change)]))
        self.show(self.flow.snapshot)

    def do_score(self, score: int) -> None:
        cell = self._cell()
        if cell is None:
            return
        self._rate(*cell, score=score)
        table: DataTable[Text] = self.query_one(DataTable)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def do_reason(self) -> None:
        cell = self._cell()
        if cell is None:
            return
        programme_id, key = cell
        criterion = next(c for c in CRITERIA if c.key == key)
        stored = self.workbench.repository.assessment_for(self.team.id, programme_id)
        reason = stored.rating(self.viewer, key).reason if stored else ""
        lang = self.workbench.i18n.lang

        def typed(text: str | None) -> None:
            if text is not None:
                self._rate(programme_id, key, reason=text)

        self.app.push_screen(
            ReasonDialog(criterion.label(lang), criterion.question(lang), reason), typed
        )

    def do_assessor(self) -> None:
        names = self.session.assessors
        if not names:
            return
        index = names.index(self.viewer) + 1 if self.viewer in names else 0
        self.workbench.assessor = names[index % len(names)]
        self.show(self.flow.snapshot)

    def do_reveal(self) -> None:
        if self.round_over():
            return
        t = self.workbench.i18n
        facilitator = self.session.facilitator
        if facilitator and self.flow.operator != facilitator:
            self.workbench.notify(
                t("diagnostic.blind.facilitator_only", name=safe_str(facilitator)),
                timeout=6,
                markup=False,
            )
            return

        def answered(reveal: bool | None) -> None:
            if reveal:
                now, who = self.flow.now(), self.flow.operator
                self.flow.save(
                    lambda s: s.model_copy(update={"revealed_at": now, "revealed_by": who})
                )
                self.show(self.flow.snapshot)

        self.app.push_screen(
            ConfirmDialog(
                t("diagnostic.blind.reveal_title"),
                t("diagnostic.blind.reveal_question"),
                confirm_label=t("diagnostic.blind.reveal_confirm"),
            ),
            answered,
        )

    def do_next_disputed(self) -> None:
        self._disputed_at += 1
        self.show(self.flow.snapshot)

    def forward(self) -> Diagnostic | None:
        if not self.round_over():
            self.workbench.notify(self.t("diagnostic.blind.not_over"), timeout=5, markup=False)
            return None
        return self.session
