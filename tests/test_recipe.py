"""Recipe validation: line-numbered one-line errors, revision pins, quotas, the shipped JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contamination.common.errors import InputError
from curation.cli.main import main
from curation.recipe.loading import load_recipe
from curation.recipe.models import check_revision
from curation.recipe.schema import SCHEMA_PATH, recipe_json_schema

ROOT = Path(__file__).resolve().parent.parent

BASE = """\
name: t
seed: 1
sources:
  - name: a
    path: a.jsonl
    format: alpaca
  - name: b
    hub:
      repo: NbAiLab/norwegian-alpaca
      revision: 0123456789abcdef0123456789abcdef01234567
    format: alpaca
mix:
  total: 10
  by_lang: {nb: 0.6, nn: 0.4}
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "x.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as exc:
        load_recipe(_write(tmp_path, text))
    msg = str(exc.value)
    assert "\n" not in msg
    return msg


def test_valid_recipe_loads(tmp_path: Path) -> None:
    lr = load_recipe(_write(tmp_path, BASE))
    assert lr.recipe.sources[1].hub is not None
    assert lr.where("mix", "by_lang", "nn").endswith("x.yaml:14")
    assert len(lr.sha256) == 64


def test_hub_source_without_revision(tmp_path: Path) -> None:
    text = BASE.replace("      revision: 0123456789abcdef0123456789abcdef01234567\n", "")
    msg = _error(tmp_path, text)
    assert msg.endswith("x.yaml:8: sources[1].hub.revision: field required — pin a commit sha or tag"), msg


@pytest.mark.parametrize("rev", ["main", "master", "''", "feature-branch"])
def test_branch_revisions_rejected(tmp_path: Path, rev: str) -> None:
    msg = _error(tmp_path, BASE.replace("0123456789abcdef0123456789abcdef01234567", rev))
    assert "x.yaml:10: sources[1].hub.revision: " in msg
    assert "commit sha" in msg


@pytest.mark.parametrize("rev", ["0123abc", "v1.0", "v2.1.3", "1.0.0", "refs/convert/parquet", "refs/pr/3"])
def test_pins_accepted(rev: str) -> None:
    assert check_revision(rev) is None


def test_unverified_placeholder_needs_marking(tmp_path: Path) -> None:
    text = BASE.replace(
        "      revision: 0123456789abcdef0123456789abcdef01234567\n",
        "      revision: main\n      revision_verified: false\n",
    )
    lr = load_recipe(_write(tmp_path, text))
    assert lr.recipe.sources[1].hub.revision_verified is False


def test_unknown_field_names_line(tmp_path: Path) -> None:
    text = BASE.replace(
        "    format: alpaca\n  - name: b", "    format: alpaca\n    colour: blue\n  - name: b", 1
    )
    msg = _error(tmp_path, text)
    assert "x.yaml:7: sources[0].colour: unknown field" in msg
    assert "allowed:" in msg


def test_quotas_summing_past_one(tmp_path: Path) -> None:
    msg = _error(tmp_path, BASE.replace("nn: 0.4", "nn: 0.5"))
    assert "x.yaml:12: mix: by_lang: quotas sum to 1.1" in msg


def test_unknown_source_in_by_source(tmp_path: Path) -> None:
    msg = _error(tmp_path, BASE + "  by_source: {zzz: 3}\n")
    assert "'zzz' is not a source" in msg


def test_path_and_hub_exclusive(tmp_path: Path) -> None:
    msg = _error(
        tmp_path,
        BASE.replace("    path: a.jsonl\n", "    path: a.jsonl\n    hub: {repo: a/b, revision: v1}\n"),
    )
    assert "exactly one of `hub` or `path`" in msg


def test_bad_yaml_names_line(tmp_path: Path) -> None:
    msg = _error(tmp_path, "name: t\nsources: [\n")
    assert "x.yaml:" in msg and "not valid YAML" in msg


def test_cli_exit_2_one_line(tmp_path: Path) -> None:
    p = _write(tmp_path, BASE.replace("      revision: 0123456789abcdef0123456789abcdef01234567\n", ""))
    res = CliRunner().invoke(main, ["build", str(p), "--dry-run"])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "sources[1].hub.revision: field required" in lines[0]
    assert "Traceback" not in res.output


def test_shipped_schema_is_generated() -> None:
    shipped = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert shipped == recipe_json_schema(), "regenerate with: python -m curation.recipe.models"


def test_shipped_recipes_validate() -> None:
    for name in ("demo.yaml", "norskgemma4.yaml"):
        load_recipe(ROOT / "recipes" / name)


def test_norskgemma4_dry_run_offline() -> None:
    res = CliRunner().invoke(
        main, ["build", str(ROOT / "recipes" / "norskgemma4.yaml"), "--dry-run", "--json"]
    )
    assert res.exit_code == 0, res.output
    plan = json.loads(res.stdout)
    assert plan["mix"]["by_lang"] == {"nb": 2164, "nn": 1001, "en": 65}
    assert plan["mix"]["expected_rows"] == 3230
    assert len(plan["audit"]["benchmarks"]) == 8
    assert set(plan["unverified_revisions"]) == {
        "torgersen_alpaca",
        "ndla_npk",
        "nb_global_mmlu",
        "norwegian_alpaca",
        "nynorsk_dpo",
    }


def test_norskgemma4_build_refuses_placeholders(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        main, ["build", str(ROOT / "recipes" / "norskgemma4.yaml"), "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 2
    assert "unverified placeholder" in res.output
    assert not (tmp_path / "o").exists()
