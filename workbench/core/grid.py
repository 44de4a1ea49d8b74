"""The six-criterion decision grid of the method, its default weights and thresholds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.core.rules import fail


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion, in English and French. Higher scores always favour certifying."""

    key: str
    default_weight: int
    label_en: str
    label_fr: str
    question_en: str
    question_fr: str
    low_en: str
    low_fr: str
    high_en: str
    high_fr: str

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en

    def question(self, lang: str) -> str:
        return self.question_fr if lang == "fr" else self.question_en

    def low(self, lang: str) -> str:
        return self.low_fr if lang == "fr" else self.low_en

    def high(self, lang: str) -> str:
        return self.high_fr if lang == "fr" else self.high_en


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        key="business_impact",
        default_weight=5,
        label_en="Business impact",
        label_fr="Impact business",
        question_en="Will the AI skill produce a measurable impact (revenue, cost, "
        "productivity) within 6-12 months?",
        question_fr="La compétence IA va-t-elle générer un impact chiffrable (revenu, coût, "
        "productivité) dans 6-12 mois ?",
        low_en="No measurable impact expected within a year",
        low_fr="Aucun impact chiffrable attendu dans l'année",
        high_en="A large, measurable impact within 6-12 months",
        high_fr="Un impact fort et chiffrable dans 6-12 mois",
    ),
    Criterion(
        key="technical_fit",
        default_weight=4,
        label_en="Technical applicability",
        label_fr="Applicabilité technique",
        question_en="Does the programme cover the skills the team really uses "
        "(prompt engineering, MLOps, deployment...)?",
        question_fr="Le programme couvre-t-il les compétences réellement utilisées par "
        "l'équipe (prompt engineering, MLOps, déploiement...) ?",
        low_en="The content has little to do with the team's daily work",
        low_fr="Le contenu a peu de rapport avec le travail quotidien de l'équipe",
        high_en="The content matches the skills the team uses every day",
        high_fr="Le contenu correspond aux compétences utilisées chaque jour",
    ),
    Criterion(
        key="team_leverage",
        default_weight=3,
        label_en="Team leverage",
        label_fr="Effet levier équipe",
        question_en="Will it benefit several projects or roles; can the skills spread?",
        question_fr="La certification bénéficiera-t-elle à plusieurs projets / rôles ; "
        "les compétences peuvent-elles se diffuser ?",
        low_en="One person, one project; nothing spreads",
        low_fr="Une personne, un projet ; rien ne se diffuse",
        high_en="Many roles and projects benefit; the skills spread",
        high_fr="Plusieurs rôles et projets en profitent ; les compétences se diffusent",
    ),
    Criterion(
        key="risk_compliance",
        default_weight=4,
        label_en="Risk / compliance",
        label_fr="Risque / conformité",
        question_en="Are we exposed to legal, ethical or reputational risks that need "
        "formal training?",
        question_fr="Sommes-nous exposés à des risques légaux, éthiques ou réputationnels "
        "qui nécessitent une formation formelle ?",
        low_en="No risk that formal training would reduce",
        low_fr="Aucun risque qu'une formation formelle réduirait",
        high_en="Real legal, ethical or reputational exposure that training must address",
        high_fr="Une exposition légale, éthique ou réputationnelle réelle à traiter",
    ),
    Criterion(
        key="total_cost",
        default_weight=4,
        label_en="Total cost",
        label_fr="Coût total",
        question_en="Is the total cost (fees, lost productive time, follow-up) proportionate "
        "to the expected benefit?",
        question_fr="Le coût total (frais, temps productif perdu, accompagnement) est-il "
        "proportionné au bénéfice attendu ?",
        low_en="The cost is out of proportion to the benefit",
        low_fr="Le coût est disproportionné par rapport au bénéfice",
        high_en="The cost is well proportionate to the benefit",
        high_fr="Le coût est bien proportionné au bénéfice",
    ),
    Criterion(
        key="alternatives",
        default_weight=3,
        label_en="Alternatives",
        label_fr="Alternatives",
        question_en="Could the goal be reached another, cheaper way (mentoring, pilot "
        "projects, learning on the job)?",
        question_fr="Peut-on atteindre l'objectif par une autre voie moins coûteuse "
        "(mentorat, projets pilotes, apprentissage sur le tas) ?",
        low_en="Mentoring, pilot projects or on-the-job learning would do as well for less",
        low_fr="Mentorat, projets pilotes ou apprentissage sur le tas feraient aussi bien "
        "pour moins cher",
        high_en="No cheaper route reaches the goal",
        high_fr="Aucune voie moins coûteuse n'atteint l'objectif",
    ),
)

CRITERIA_BY_KEY: dict[str, Criterion] = {c.key: c for c in CRITERIA}
CRITERION_KEYS: tuple[str, ...] = tuple(c.key for c in CRITERIA)
MIN_SCORE, MAX_SCORE = 1, 5
MAX_WEIGHT = 10

Weight = Annotated[int, Field(ge=0, le=MAX_WEIGHT)]
Percent = Annotated[int, Field(ge=1, le=99)]


def default_weights() -> dict[str, int]:
    return {c.key: c.default_weight for c in CRITERIA}


class Grid(BaseModel):
    """The weights and thresholds of one assessment (editable per grid)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, Weight] = Field(default_factory=default_weights)
    pilot_above: Percent = 60
    alternatives_below: Percent = 40

    @model_validator(mode="after")
    def _consistent(self) -> Grid:
        unknown = sorted(set(self.weights) - set(CRITERION_KEYS))
        if unknown:
            raise fail("unknown_criterion", "Unknown criterion: {keys}", keys=", ".join(unknown))
        missing = [k for k in CRITERION_KEYS if k not in self.weights]
        if missing:
            raise fail("missing_weight", "No weight for: {keys}", keys=", ".join(missing))
        if sum(self.weights.values()) == 0:
            raise fail("zero_weights", "At least one weight must be above 0")
        if self.alternatives_below > self.pilot_above:
            raise fail(
                "thresholds_order",
                "The alternatives threshold ({low} %) is above the pilot threshold ({high} %)",
                low=self.alternatives_below,
                high=self.pilot_above,
            )
        return self

    def weight(self, key: str) -> int:
        return self.weights[key]

    @property
    def maximum(self) -> int:
        """M = 5 x sum(weights): 115 with the default weights."""
        return MAX_SCORE * sum(self.weights.values())


SHARED_GRIDS = 256
"""How many distinct grids ``read_grid`` remembers (then it starts again)."""
_shared: dict[tuple[object, ...], Grid] = {}


def read_grid(value: Any, validate: Callable[[Any], Grid]) -> Grid:
    """``validate(value)``, or the grid an equal value gave before: grids are frozen, and
    the assessments of a file share a few (20k assessments: 15 MB and 0.1 s less to read).

    Equal JSON values validate alike (1, 1.0 and true are the same weight); the key keeps
    the order of the fields and weights, which a save writes back as read."""
    key = _key(value)
    if key is None:
        return validate(value)
    found = _shared.get(key)
    if found is None:
        found = validate(value)  # an invalid grid raises: nothing is remembered
        if len(_shared) >= SHARED_GRIDS:
            _shared.clear()
        _shared[key] = found
    return found


def _key(value: Any) -> tuple[object, ...] | None:
    if type(value) is not dict:
        return None
    key = tuple(
        (name, tuple(item.items()) if type(item) is dict else item) for name, item in value.items()
    )
    try:
        hash(key)
    except TypeError:  # a list or an object where a number belongs: validation says so
        return None
    return key
