"""Choosing what to score: a team, a programme, an assessment, whose column."""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.assessment import Assessment
from workbench.core.catalogue import Programme
from workbench.core.team import Team
from workbench.ui.dialogs.picker import Choice, PickerDialog
from workbench.ui.scoring.retired import RetiredProgrammes
from workbench.ui.text import safe_str
from workbench.ui.widgets.verdict_style import verdict_key

NEW_ASSESSMENT = "\0new"
"""The last line of a team's assessments: not an id any record can have."""


class Picking(RetiredProgrammes):
    def action_new_assessment(self) -> None:
        """Choose a team, then a programme: the grid opens, saved from the first score on."""
        self.action_pick_team(then=self.action_pick_programme)

    def _pick(
        self,
        title: str,
        choices: list[Choice],
        current: str | None,
        chosen: Callable[[str], None],
        empty: str = "",
    ) -> None:
        def done(choice: str | None) -> None:
            if choice:
                chosen(choice)

        placeholder = self.t("scoring.pick.filter")
        self.app.push_screen(
            PickerDialog(title, choices, current=current, placeholder=placeholder, empty=empty),
            done,
        )

    def action_pick_team(
        self, then: Callable[[], None] | None = None, programme_id: str | None = None
    ) -> None:
        """Choose the team to score (for ``programme_id``, set only once one is chosen)."""

        def chosen(team_id: str) -> None:
            self.workbench.state.team_id = team_id
            if programme_id is not None:
                self.workbench.state.programme_id = programme_id
            self.refresh_data()
            if then is not None:
                then()

        choices = [
            Choice(team.id, safe_str(team.name), safe_str(team.department or ""))
            for team in self.workbench.repository.teams()
        ]
        app = self.workbench
        empty = self.t(
            "scoring.pick.no_teams",
            tab=app.bound_key("tab-teams"),
            new=app.bound_key("teams-new"),
        )
        self._pick(self.t("scoring.pick.team"), choices, app.state.team_id, chosen, empty)

    def action_pick_programme(self, team_id: str | None = None) -> None:
        """Choose the programme to score (of ``team_id``, set only once one is chosen)."""
        repo = self.workbench.repository

        def show(programme_id: str) -> None:
            if team_id is not None:
                self.workbench.state.team_id = team_id
            self.workbench.state.programme_id = programme_id
            self.refresh_data()

        def chosen(programme_id: str) -> None:
            self.ask_if_retired(programme_id, show, team_id=team_id)

        choices = [self.programme_choice(p) for p in repo.programmes()]
        current = self.workbench.state.programme_id
        empty = self.t(
            "scoring.pick.no_programmes",
            tab=self.workbench.bound_key("tab-catalogue"),
            new=self.workbench.bound_key("catalogue-new"),
        )
        self._pick(self.t("scoring.pick.programme"), choices, current, chosen, empty)

    def _assessment_choice(
        self, assessment: Assessment, team: Team, programme: Programme
    ) -> Choice:
        known = self._choices.get(assessment.id)
        if (
            known is not None
            and known[0] is assessment
            and known[1] is team
            and known[2] is programme
        ):
            return known[3]
        t = self.workbench.i18n
        result = self.evaluations.of(assessment, objective_measurable=team.objective.is_measurable)
        verdict = (
            t(verdict_key(result.verdict)) if result.verdict else t("scoring.incomplete_short")
        )
        choice = Choice(
            assessment.id, f"{safe_str(team.name)} × {safe_str(programme.name)}", verdict
        )
        self._choices[assessment.id] = (assessment, team, programme, choice)
        return choice

    def action_pick_assessment(self) -> None:
        t = self.workbench.i18n
        repo = self.workbench.repository
        snapshot = repo.snapshot()
        self.evaluations.forget_missing(snapshot.assessments)
        if len(self._choices) > len(snapshot.assessments):  # deleted assessments
            self._choices = {
                key: known for key, known in self._choices.items() if key in snapshot.assessments
            }
        choices = []
        for stored in sorted(repo.assessments(), key=lambda a: a.updated_at, reverse=True):
            assessment = self.workbench.shown_assessment(stored, self.assessor)
            team = snapshot.teams.get(assessment.team_id)
            programme = snapshot.programmes.get(assessment.programme_id)
            if team is None or programme is None:
                continue
            choices.append(self._assessment_choice(assessment, team, programme))

        def chosen(assessment_id: str) -> None:
            found = repo.snapshot().assessments.get(assessment_id)
            if found is not None:
                self.workbench.state.team_id = found.team_id
                self.workbench.state.programme_id = found.programme_id
                self.refresh_data()

        self._pick(t("scoring.pick.assessment"), choices, None, chosen)

    def pick_of_team(self, team_id: str) -> None:
        """Enter on a team (Teams tab): its assessments, latest first, and "new assessment…"
        last. Esc leaves Scoring as it was."""
        snapshot = self.workbench.repository.snapshot()
        team = snapshot.teams.get(team_id)
        if team is None:
            return
        choices = []
        for assessment in sorted(
            (a for a in snapshot.assessments.values() if a.team_id == team_id),
            key=lambda a: a.updated_at,
            reverse=True,
        ):
            programme = snapshot.programmes.get(assessment.programme_id)
            if programme is not None:
                choices.append(self._assessment_choice(assessment, team, programme))
        choices.append(Choice(NEW_ASSESSMENT, self.t("scoring.pick.new_assessment")))

        def chosen(key: str) -> None:
            if key == NEW_ASSESSMENT:
                self.action_pick_programme(team_id=team_id)
                return
            found = self.workbench.repository.snapshot().assessments.get(key)
            if found is not None:
                self.workbench.state.team_id = found.team_id
                self.workbench.state.programme_id = found.programme_id
                self.refresh_data()

        title = self.t("scoring.pick.team_assessments", team=safe_str(team.name))
        self._pick(title, choices, None, chosen)

    def action_pick_assessor(self) -> None:
        t = self.workbench.i18n
        _, _, assessment = self.current()
        # everyone who scores anywhere in the file, not only in this assessment
        names = {
            name
            for each in self.workbench.repository.assessments()
            for name, ratings in each.ratings.items()
            if ratings
        }
        if assessment is not None:
            names.update(assessment.ratings)
        names.add(self.assessor)
        names.add(self.workbench.assessor)
        choices = [Choice(name, safe_str(name)) for name in sorted(names)]

        def done(name: str | None) -> None:
            if name:
                self.acting_as = None if name == self.workbench.assessor else name
                self.consensus = False
                self.refresh_data()

        self.app.push_screen(
            PickerDialog(
                t("scoring.pick.assessor"),
                choices,
                current=self.assessor,
                placeholder=t("scoring.pick.assessor_placeholder"),
                allow_new=True,
                hint=t("scoring.pick.assessor_hint"),
            ),
            done,
        )
