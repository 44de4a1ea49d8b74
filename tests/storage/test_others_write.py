"""A repository says who else wrote the file, whether it read that version or saved over it."""

from __future__ import annotations

from pathlib import Path

from workbench.core.team import Team
from workbench.storage.repository import Repository


def test_the_latest_other_writer_is_told_once(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    Repository(path, author="alice@there").ensure_exists([Team(id="t", name="Sales")])
    mine = Repository(path, author="claire@here")
    mine.snapshot()
    assert mine.others_write() is None  # the version found at the start is no news
    mine.save_team(Team(id="u", name="Support"))
    assert mine.others_write() is None  # my own save

    Repository(path, author="bob@there").save_team(Team(id="b", name="Bob's"))
    Repository(path, author="carol@else").save_team(Team(id="c", name="Carol's"))
    mine.save_team(Team(id="v", name="Mine again"))  # made over Carol's version
    news = mine.others_write()
    assert news is not None
    assert news.writer == "carol@else"
    assert news.at is not None
    assert mine.others_write() is None  # told once

    Repository(path, author="bob@there").save_team(Team(id="b2", name="Bob's again"))
    mine.reload()
    news = mine.others_write()
    assert news is not None
    assert news.writer == "bob@there"
