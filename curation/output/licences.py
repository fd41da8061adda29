"""Licences of a build: what each source's licence lets a published mix do, the set's own licence, and
the refusals of `curate publish`.

A recipe names a licence per source and one for the whole set (`licence:`), as SPDX ids (`CC-BY-4.0`,
`Apache-2.0`, `NLOD-2.0`, `LicenseRef-...`), or `unknown`, or `proprietary`. The manifest records them;
`curate publish` refuses (exit 2, naming the source) a build with a source whose licence

- is missing or `unknown`, or is an id norcurate does not know (it cannot tell what it allows),
- forbids publishing a curated copy (`proprietary`, and the CC NoDerivatives licences: a mix repairs,
  reformats and filters the rows, which is adapting them), or
- attaches a condition (NonCommercial, ShareAlike) that the set's licence drops,

unless `--allow-licence SOURCE` says that someone checked that source. A set with no licence of its own
is refused too, unless its sources all share one known licence, which it then takes.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from contamination.common.errors import InputError

UNKNOWN = "unknown"
PROPRIETARY = "proprietary"
# what a recipe may write: an SPDX id or LicenseRef-..., or one of the two words above
LICENCE_PATTERN = r"^(?:[A-Za-z0-9][A-Za-z0-9.+-]*|LicenseRef-[A-Za-z0-9.-]+)$"

NC = "NonCommercial"
SA = "ShareAlike"


@dataclass(frozen=True)
class Known:
    spdx: str
    hf: str | None  # the Hugging Face hub's licence id; None: the hub has none ("other")
    adapt: bool = True  # may an adapted (curated) copy be published
    conditions: frozenset[str] = frozenset()


def _cc(version: str) -> list[Known]:
    v = version
    return [
        Known(f"CC-BY-{v}", f"cc-by-{v}"),
        Known(f"CC-BY-SA-{v}", f"cc-by-sa-{v}", conditions=frozenset({SA})),
        Known(f"CC-BY-NC-{v}", f"cc-by-nc-{v}", conditions=frozenset({NC})),
        Known(f"CC-BY-NC-SA-{v}", f"cc-by-nc-sa-{v}", conditions=frozenset({NC, SA})),
        Known(f"CC-BY-ND-{v}", f"cc-by-nd-{v}", adapt=False),
        Known(f"CC-BY-NC-ND-{v}", f"cc-by-nc-nd-{v}", adapt=False, conditions=frozenset({NC})),
    ]


KNOWN: dict[str, Known] = {
    k.spdx.lower(): k
    for k in [
        Known("CC0-1.0", "cc0-1.0"),
        Known("PDDL-1.0", "pddl"),
        *_cc("4.0"),
        *_cc("3.0"),
        Known("Apache-2.0", "apache-2.0"),
        Known("MIT", "mit"),
        Known("BSD-2-Clause", "bsd-2-clause"),
        Known("BSD-3-Clause", "bsd-3-clause"),
        Known("ODC-By-1.0", "odc-by"),
        Known("ODbL-1.0", "odbl", conditions=frozenset({SA})),
        Known("CDLA-Permissive-1.0", "cdla-permissive-1.0"),
        Known("CDLA-Permissive-2.0", "cdla-permissive-2.0"),
        Known("CDLA-Sharing-1.0", "cdla-sharing-1.0", conditions=frozenset({SA})),
        Known("NLOD-1.0", None),  # Norwegian Licence for Open Government Data (attribution)
        Known("NLOD-2.0", None),
    ]
}


def canonical(licence: str) -> str:
    """The licence as the manifest records it: known SPDX ids in their own spelling (`cc-by-4.0` ->
    `CC-BY-4.0`), the two words in lower case, anything else as written."""
    text = licence.strip()
    if not re.match(LICENCE_PATTERN, text):
        raise ValueError(
            f"'{licence}' is not a licence id; write an SPDX id (CC-BY-4.0, Apache-2.0, NLOD-2.0, "
            f"LicenseRef-...), '{UNKNOWN}' or '{PROPRIETARY}'"
        )
    low = text.lower()
    if low in (UNKNOWN, PROPRIETARY):
        return low
    known = KNOWN.get(low)
    return known.spdx if known else text


def spdx_url(licence: str | None) -> str | None:
    """The licence's page on spdx.org, for ids that have one."""
    if licence is None or licence in (UNKNOWN, PROPRIETARY) or licence.startswith("LicenseRef-"):
        return None
    return f"https://spdx.org/licenses/{licence}.html"


def hub_front_matter(licence: str | None) -> dict[str, str]:
    """The dataset card's licence keys: the hub's own id where it has one, else `other` with the name
    and link (the hub's `unknown` for none)."""
    if licence is None or licence == UNKNOWN:
        return {"license": "unknown"}
    known = KNOWN.get(licence.lower())
    if known is not None and known.hf is not None:
        return {"license": known.hf}
    out = {"license": "other", "license_name": licence.lower()}
    if url := spdx_url(licence):
        out["license_link"] = url
    return out


def set_licence(declared: str | None, sources: list[str | None]) -> str | None:
    """The whole set's licence: the recipe's `licence`, else the one known licence all sources share."""
    if declared is not None:
        return declared
    distinct = set(sources)
    if len(distinct) == 1:
        (only,) = distinct
        if only is not None and only.lower() in KNOWN:
            return only
    return None


@dataclass(frozen=True)
class LicenceProblem:
    source: str | None  # None: the set's own licence
    message: str


def source_problem(name: str, licence: str | None, set_id: str | None) -> str | None:
    """Why source `name`'s licence stops a publish, or None."""
    if licence is None or licence == UNKNOWN:
        return f"source {name}: licence unknown (the recipe gives none)"
    if licence == PROPRIETARY:
        return f"source {name}: licence proprietary forbids redistribution"
    known = KNOWN.get(licence.lower())
    if known is None:
        return (
            f"source {name}: licence {licence} is not one norcurate knows, so it cannot tell what it allows"
        )
    if not known.adapt:
        return (
            f"source {name}: licence {licence} forbids publishing adapted copies (a curated mix repairs, "
            "reformats and filters the rows)"
        )
    target = KNOWN.get(set_id.lower()) if set_id else None
    if target is not None:
        dropped = sorted(known.conditions - target.conditions)
        if dropped:
            return (
                f"source {name}: licence {licence} is {' and '.join(dropped)}, and the set's licence "
                f"{set_id} drops that"
            )
    return None


def licence_problems(manifest: dict[str, Any], allow: Collection[str] = ()) -> list[LicenceProblem]:
    """Everything about the build's licences that stops `curate publish`; sources in `allow` pass."""
    sources = [s for s in manifest.get("sources") or [] if isinstance(s, dict)]
    names = [str(s.get("name")) for s in sources]
    unknown_allowed = sorted(set(allow) - set(names))
    if unknown_allowed:
        raise InputError(
            f"--allow-licence {unknown_allowed[0]}: not a source of this build; its sources are "
            f"{', '.join(names)}"
        )
    set_id = manifest.get("licence")
    problems: list[LicenceProblem] = []
    if set_id is None:
        problems.append(
            LicenceProblem(
                None,
                "the set has no licence: its sources' licences differ or are unknown, and the recipe "
                "gives none; set `licence:` (an SPDX id) in the recipe and build again",
            )
        )
    for s, name in zip(sources, names, strict=True):
        if name in allow:
            continue
        why = source_problem(name, s.get("licence"), set_id)
        if why is not None:
            problems.append(LicenceProblem(name, why))
    return problems


def check_licences(manifest: dict[str, Any], allow: Collection[str] = ()) -> None:
    """Raise InputError (exit 2) with the first problem and how to get past it."""
    problems = licence_problems(manifest, allow)
    if not problems:
        return
    first = problems[0]
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    if first.source is None:
        raise InputError(f"not published: {first.message}{more}")
    raise InputError(
        f"not published: {first.message}{more}; set its `licence:` in the recipe and build again, or pass "
        f"--allow-licence {first.source} once its terms are checked"
    )
