"""The portfolio under a budget as the Compare tab shows it: a summary and one row per pair.

The funded pairs first, then every pair left out with its reason (over budget, no price
known, verdict not PILOT, objective to clarify, over the cap, the team's
other programme, no exchange rate). A pair priced in another currency shows its cost as
counted, converted ("≈ 811.44 EUR"), and the head states the rates used. Names come from
the data file: ``safe_text`` only.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.text import Text

from workbench.core.catalogue import PriceKind
from workbench.core.portfolio import Pair, Portfolio, Reason
from workbench.core.portfolio_words import (
    conversion_sentences,
    cost_text,
    next_step_sentence,
    proof_sentence,
    reason_text,
    summary_sentences,
)
from workbench.ui.compare.words import CompareWords, stack
from workbench.ui.text import safe_str, safe_text
from workbench.ui.widgets.virtual_table import Column, Row

Name = Callable[[str], str]
"""An id to the name to show (a team's, a programme's)."""


def portfolio_columns(words: CompareWords) -> list[Column]:
    t = words.t
    return [
        Column("status", t("compare.col.funded"), width=20),
        Column("team", t("compare.col.team"), min_width=10),
        Column("programme", t("compare.col.programme"), min_width=10),
        Column("cost", t("compare.col.cost"), width=12, align="right"),
        Column("total", t("compare.col.total"), width=6, align="right"),
    ]


def portfolio_rows(
    portfolio: Portfolio, words: CompareWords, team: Name, programme: Name
) -> list[Row]:
    rows = [pair_row(portfolio, pair, None, words, team, programme) for pair in portfolio.chosen]
    rows += [
        pair_row(portfolio, pair, reason, words, team, programme)
        for pair, reason in portfolio.left_out
    ]
    return rows


def pair_row(
    portfolio: Portfolio,
    pair: Pair,
    reason: Reason | None,
    words: CompareWords,
    team: Name,
    programme: Name,
) -> Row:
    i18n = words.i18n
    if reason is None:
        status = Text(words.t("compare.funded"), style=words.style("text-success"))
    else:
        status = safe_text(reason_text(pair, reason, portfolio.currency, i18n), "dim")
    cost = cost_text(pair, portfolio, i18n)
    if cost is None:
        price = words.t("compare.price.unknown")
    elif pair.price.kind is PriceKind.FREE:
        price = words.t("compare.price.free")
    else:
        price = cost
    total = i18n.smart(pair.total) if pair.total is not None else "–"
    cells = (
        status,
        safe_text(team(pair.team_id)),
        safe_text(programme(pair.programme_id)),
        Text(price),
        Text(total),
    )
    return Row(pair.assessment_id, cells)


def portfolio_head(portfolio: Portfolio, words: CompareWords, team: Name, programme: Name) -> Group:
    """What was chosen, the cap, what the next step of budget would add, the keys."""
    i18n = words.i18n
    t = words.t
    money = portfolio.currency
    lines = [Text(sentence) for sentence in summary_sentences(portfolio, i18n)]
    lines += [
        safe_text(sentence, "dim", one_line=False)  # a rate's source comes from the data file
        for sentence in conversion_sentences(portfolio, i18n)
    ]
    proof = proof_sentence(portfolio, i18n)
    if proof is not None:
        lines.append(Text(proof, style=words.style("text-warning")))
    step = portfolio.next_step
    if step is not None:

        def shown(name: Name) -> Name:
            return lambda key: safe_str(name(key), limit=40)

        sentence = next_step_sentence(step, money, i18n, shown(team), shown(programme))
        lines.append(Text(sentence))
    elif portfolio.next_step_known:
        lines.append(Text(t("compare.portfolio.no_next"), style="dim"))
    else:
        lines.append(Text(t("compare.portfolio.next_unknown"), style="dim"))
    if portfolio.step is not None and portfolio.step_total_gained is not None:
        gain = words.gain(portfolio.step_teams_gained or 0, portfolio.step_total_gained)
        lines.append(
            Text(t("compare.portfolio.step", step=i18n.money(portfolio.step, money), gain=gain))
        )
    lines.append(Text(t("compare.portfolio.keys"), style="dim"))
    return stack(lines)
