"""Loading a recipe file: YAML validated by `curation.recipe.models.Recipe`, with line-numbered errors.

Errors are one line: `recipes/x.yaml:12: sources[2].hub.revision: field required — pin a commit sha or tag`.
The line comes from the YAML node marks of the field (or of its parent when the field is missing).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from contamination.common.errors import InputError
from contamination.common.yamlio import Lines, format_loc, line_of, load_model
from curation.recipe.models import FORMATS, Recipe

_HINTS = {
    ("revision", "missing"): "pin a commit sha or tag",
    ("name", "missing"): "every source needs a short unique name",
    ("format", "missing"): f"choose one of {', '.join(FORMATS)}",
    ("sources", "missing"): "list at least one source",
}


class LoadedRecipe:
    """A validated recipe with where it came from (for relative paths, line numbers and the manifest)."""

    def __init__(self, recipe: Recipe, path: Path, text: str, lines: Lines) -> None:
        self.recipe = recipe
        self.path = path
        self.text = text
        self.lines = lines
        self.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def base(self) -> Path:
        return self.path.parent

    def resolve(self, rel: str) -> Path:
        p = Path(rel)
        return p if p.is_absolute() else self.base / p

    def relative(self, path: str | Path) -> str:
        """`path` relative to the recipe's folder, normalised (no `recipes/../`): how paths are written
        into hashed files, so that one recipe gives the same bytes from any working directory."""
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.base))).as_posix()

    def where(self, *loc: Any) -> str:
        """`FILE:LINE` of the deepest known node of `loc` (e.g. where('mix', 'by_lang', 'nn'))."""
        return f"{self.path}:{line_of(self.lines, tuple(loc))}"

    def error(self, loc: tuple[Any, ...], message: str) -> InputError:
        return InputError(f"{self.where(*loc)}: {format_loc(loc)}: {message}")


def load_recipe(path: str | Path) -> LoadedRecipe:
    """Read and validate a recipe file; every problem is a one-line `InputError` naming file and line."""
    path = Path(path)
    recipe, text, lines = load_model(path, Recipe, "recipe", "name, seed, sources, ...", _HINTS)
    return LoadedRecipe(recipe, path, text, lines)
