"""The command line speaks the user's language: --lang, else $LC_ALL/$LANG (real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from workbench.cli import open_repository
from workbench.storage.schema import SCHEMA_VERSION


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("LC_", "LANG", "WORKBENCH_"))
    }
    clean |= {"WORKBENCH_CONFIG": str(tmp_path / "no-config.json"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args],
        env=clean | env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.json"
    document = {"id": "p1", "name": "", "hours_min": -1.0, "level": "expert"}
    meta = {"1": {"schema_version": SCHEMA_VERSION, "writes": 1}}
    path.write_bytes(orjson.dumps({"_meta": meta, "programmes": {"1": document}, "extra": {}}))
    return path


def test_check_in_french_keeps_the_field_path(bad: Path, tmp_path: Path) -> None:
    done = run(["--lang", "fr", "check", "--db", str(bad)], tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"{bad} : 5 problèmes" in done.stderr
    assert "  extra : table inconnue" in done.stderr
    assert "  programmes[1] (id p1) name : Ce champ ne peut pas être vide" in done.stderr
    assert "  programmes[1] (id p1) provider : Ce champ est obligatoire" in done.stderr
    assert "  programmes[1] (id p1) hours_min : Doit valoir 0 ou plus" in done.stderr
    assert "'advanced' ou 'professional'" in done.stderr
    assert "Input should" not in done.stderr
    assert "Field required" not in done.stderr


def test_check_in_english_says_the_same(bad: Path, tmp_path: Path) -> None:
    done = run(["--lang", "en", "check", "--db", str(bad)], tmp_path, LANG="fr_FR.UTF-8")
    assert done.returncode == 1
    assert f"{bad}: 5 problems" in done.stderr
    assert "  programmes[1] (id p1) hours_min: Must be 0 or more" in done.stderr
    assert "0.0" not in done.stderr


@pytest.mark.parametrize("variable", ["LANG", "LC_ALL"])
def test_a_french_locale_chooses_french_without_lang(
    bad: Path, tmp_path: Path, variable: str
) -> None:
    done = run(["check", "--db", str(bad)], tmp_path, **{variable: "fr_FR.UTF-8"})
    assert "Ce champ est obligatoire" in done.stderr


def test_bad_bytes_keep_their_line_and_column_in_french(tmp_path: Path) -> None:
    path = tmp_path / "bytes.json"
    path.write_bytes(b'{\n  "programmes": \xff}')
    done = run(["check", "--db", str(path)], tmp_path, LC_ALL="fr_FR.UTF-8")
    assert "ligne 2, colonne 17 : UTF-8 non valide (octet ff)" in done.stderr
    opened = run(["--db", str(path)], tmp_path, LC_ALL="fr_FR.UTF-8")
    assert opened.returncode == 2
    assert opened.stderr.startswith("workbench : Impossible d'utiliser le fichier de données")
    assert "à la ligne 2, colonne 17. Le fichier n'a pas été modifié." in opened.stderr
    assert "Traceback" not in opened.stderr


def test_a_good_file_is_counted_with_plurals(tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    open_repository(path, empty=True)
    done = run(["--lang", "fr", "check", "--db", str(path)], tmp_path)
    assert done.returncode == 0
    assert (
        done.stdout
        == f"{path} : OK - 0 programme, 0 équipe, 0 évaluation, 0 pilote, 0 taux de change, "
        "0 séance de diagnostic\n"
    )
    done = run(["--lang", "en", "check", "--db", str(path)], tmp_path)
    assert (
        done.stdout
        == f"{path}: OK - 0 programmes, 0 teams, 0 assessments, 0 pilots, 0 exchange rates, "
        "0 diagnostic sessions\n"
    )


def test_other_commands_speak_french(tmp_path: Path) -> None:
    path = tmp_path / "wb.json"
    open_repository(path, empty=False)
    french = {"LANG": "fr_FR.UTF-8"}
    sharing = ["--db", str(tmp_path / "none.json"), "share", "--group", "x"]
    missing = run(sharing, tmp_path, **french)
    assert missing.returncode == 2
    assert "n'existe pas encore : ouvrez-le d'abord une fois" in missing.stderr
    memo = run(["--db", str(path), "memo", "nobody"], tmp_path, **french)
    assert memo.returncode == 2
    assert memo.stderr == "workbench memo : aucune équipe n'a l'id ou le nom 'nobody'\n"
    report = run(["--db", str(path), "report", "pilot", "nope"], tmp_path, **french)
    assert report.returncode == 1
    assert "workbench : aucun pilote n'a l'id 'nope'" in report.stderr
    assert "pilotes de ce fichier :" in report.stderr
    export = tmp_path / "all.json"
    exporting = ["--db", str(path), "export", "--format", "json", "--out", str(export)]
    written = run(exporting, tmp_path, **french)
    assert written.stderr == f"écrit : {export}\n"
    dry = run(["--db", str(path), "import", str(export), "--dry-run"], tmp_path, **french)
    assert dry.returncode == 0
    assert "(JSON) : donnerait ajoutés : 0, mis à jour : 0, inchangés :" in dry.stdout
    assert "essai à blanc, rien n'a été écrit" in dry.stdout


def test_keys_and_their_descriptions_in_french(tmp_path: Path) -> None:
    done = run(["--lang", "fr", "keys"], tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("Identifiant ")
    assert "Ce qu'il fait" in done.stdout
    assert "partout" in done.stdout


def test_help_shows_the_command_as_optional_and_the_settings_file(tmp_path: Path) -> None:
    done = run(["--help"], tmp_path, COLUMNS="400")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: workbench [options] [COMMAND [ARGS]]\n")
    assert "commands (optional):" in done.stdout
    flat = " ".join(done.stdout.split())
    assert f"The settings file (theme, language, keymap) is {tmp_path / 'no-config.json'}" in flat
