"""Licences (issue 15): what a recipe may write, what the card and Croissant say, and what stops a publish."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError
from test_build_cli import make_fixture

from contamination.common.errors import InputError
from curation.cli.main import main
from curation.output.licences import (
    canonical,
    check_licences,
    hub_front_matter,
    licence_problems,
    set_licence,
    spdx_url,
)
from curation.recipe.models import Recipe


def _manifest(set_id: str | None, **sources: str | None) -> dict:
    return {"licence": set_id, "sources": [{"name": n, "licence": lic} for n, lic in sources.items()]}


def test_recipes_write_spdx_ids_in_any_case() -> None:
    recipe = Recipe.model_validate(
        {
            "name": "x",
            "licence": "cc-by-sa-4.0",
            "sources": [{"name": "a", "path": "a.jsonl", "format": "text", "licence": "nlod-2.0"}],
        }
    )
    assert recipe.licence == "CC-BY-SA-4.0" and recipe.sources[0].licence == "NLOD-2.0"
    assert canonical("Unknown") == "unknown" and canonical("LicenseRef-internal") == "LicenseRef-internal"
    with pytest.raises(ValidationError, match="not a licence id"):
        Recipe.model_validate(
            {"name": "x", "sources": [{"name": "a", "path": "a", "format": "text", "licence": "CC BY 4.0"}]}
        )


def test_the_card_and_croissant_name_the_licence() -> None:
    assert hub_front_matter("CC-BY-4.0") == {"license": "cc-by-4.0"}
    assert hub_front_matter("ODC-By-1.0") == {"license": "odc-by"}
    assert hub_front_matter("NLOD-2.0") == {
        "license": "other",
        "license_name": "nlod-2.0",
        "license_link": "https://spdx.org/licenses/NLOD-2.0.html",
    }
    assert hub_front_matter(None) == {"license": "unknown"}
    assert spdx_url("LicenseRef-internal") is None and spdx_url("MIT") == "https://spdx.org/licenses/MIT.html"


def test_the_set_takes_the_one_licence_its_sources_share() -> None:
    assert set_licence(None, ["CC-BY-4.0", "CC-BY-4.0"]) == "CC-BY-4.0"
    assert set_licence(None, ["CC-BY-4.0", "MIT"]) is None
    assert set_licence(None, ["unknown", "unknown"]) is None
    assert set_licence("MIT", ["CC-BY-4.0"]) == "MIT"


@pytest.mark.parametrize(
    ("licence", "why"),
    [
        (None, "licence unknown"),
        ("unknown", "licence unknown"),
        ("proprietary", "forbids redistribution"),
        ("CC-BY-ND-4.0", "forbids publishing adapted copies"),
        ("CC-BY-NC-ND-4.0", "forbids publishing adapted copies"),
        ("LicenseRef-mine", "not one norcurate knows"),
        ("CC-BY-NC-4.0", "is NonCommercial, and the set's licence CC-BY-4.0 drops that"),
        ("ODbL-1.0", "is ShareAlike"),
    ],
)
def test_what_stops_a_publish(licence: str | None, why: str) -> None:
    problems = licence_problems(_manifest("CC-BY-4.0", ok="CC0-1.0", src=licence))
    assert [p.source for p in problems] == ["src"] and why in problems[0].message
    assert licence_problems(_manifest("CC-BY-4.0", ok="CC0-1.0", src=licence), allow=["src"]) == []


def test_conditions_the_set_keeps_pass() -> None:
    assert licence_problems(_manifest("CC-BY-NC-SA-4.0", a="CC-BY-NC-4.0", b="CC-BY-SA-4.0", c="MIT")) == []


def test_a_set_without_a_licence_is_refused_and_names_the_field() -> None:
    with pytest.raises(InputError, match=r"the set has no licence.*set `licence:`"):
        check_licences(_manifest(None, a="MIT", b="CC0-1.0"))
    with pytest.raises(InputError, match="--allow-licence x: not a source of this build; its sources are a"):
        check_licences(_manifest("MIT", a="MIT"), allow=["x"])


def test_a_bad_licence_in_a_recipe_is_one_line_naming_its_line(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    recipe.write_text(recipe.read_text(encoding="utf-8").replace("seed: 3\n", "seed: 3\nlicence: CC BY\n"))
    res = CliRunner().invoke(main, ["build", str(recipe), "--dry-run"])
    assert res.exit_code == 2
    assert res.stderr.startswith("error: ") and res.stderr.count("\n") == 1
    assert "r.yaml:3: licence: 'CC BY' is not a licence id; write an SPDX id (CC-BY-4.0," in res.stderr
