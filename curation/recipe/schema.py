"""The recipe JSON Schema (`recipes/recipe.schema.json`), generated from the models; a test keeps the
shipped file equal to them. Regenerate with `python -m curation.recipe.schema`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contamination.common.atomic import write_bytes_atomic
from curation.recipe.models import Recipe

RECIPE_SCHEMA_ID = "norcurate.recipe/1"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "recipes" / "recipe.schema.json"


def recipe_json_schema() -> dict[str, Any]:
    schema = Recipe.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": RECIPE_SCHEMA_ID,
        **schema,
    }


def recipe_schema_text() -> str:
    return json.dumps(recipe_json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_recipe_schema(path: str | Path | None = None) -> Path:
    path = Path(path) if path else SCHEMA_PATH
    write_bytes_atomic(path, recipe_schema_text().encode("utf-8"))
    return path


if __name__ == "__main__":
    print(write_recipe_schema())
