"""Build `norwegian_word_freq.txt`, the bundled frequency table of Norwegian words that `templates` reads
(how common a word is in Norwegian text at large, so a small test side cannot make "følgende" or "kun"
look rare).

Sources, both public:
- Bokmål: the `nb` "large" list of wordfreq 3.1.1 (Robyn Speer, https://github.com/rspeer/wordfreq; word
  frequencies pooled from Wikipedia, OpenSubtitles, ParaCrawl, news and web text; its data is licensed
  CC BY-SA 4.0), every word with a Zipf frequency of at least 3.0 (one in a million words);
- Nynorsk (wordfreq has none): the words of the UD Norwegian Nynorsk dev sentences (NorNE, CC0; the
  shared data's `norne/nn_dev.jsonl`) found at least twice, with their relative frequency there.
Words are put in the audit's n-gram form (casefolded, punctuation stripped); words with digits are left
out (`templates` weighs numbers by their digits). A word's value is its Zipf frequency (log10 of its
frequency per billion words) times 100, the larger of the two sources.

Licence: the table is derived from wordfreq's data, so it is licensed CC BY-SA 4.0 (the file only; this
script, like the rest of norcurate, is Apache-2.0). The header written below and `NOTICE.md` beside the
table say so, with the attribution; keep both when rebuilding or changing the table.

    pip install wordfreq==3.1.1 && python contamination/methods/data/make_word_freq.py [--norne-nn FILE]
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

from contamination.text.normalise import ngram_form

OUT = Path(__file__).with_name("norwegian_word_freq.txt")
MIN_ZIPF = 3.0
NORNE_NN = Path(__file__).resolve().parents[4] / "shared" / "data" / "norne" / "nn_dev.jsonl"


def _words(text: str) -> list[str]:
    return [w for w in ngram_form(text).split(" ") if w and not any(c.isdigit() for c in w)]


def bokmaal() -> dict[str, float]:
    import wordfreq

    out: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("nb", "large").items():
        zipf = math.log10(freq) + 9
        if zipf < MIN_ZIPF:
            continue
        forms = _words(word)
        if len(forms) == 1:
            out[forms[0]] = max(out.get(forms[0], 0.0), zipf)
    return out


def nynorsk(path: Path) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for line in path.open(encoding="utf-8"):
        if line.strip():
            counts.update(_words(json.loads(line)["text"]))
    total = sum(counts.values())
    return {w: math.log10(c / total) + 9 for w, c in counts.items() if c >= 2}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--norne-nn", type=Path, default=NORNE_NN)
    args = ap.parse_args()
    table = bokmaal()
    for w, z in nynorsk(args.norne_nn).items():
        table[w] = max(table.get(w, 0.0), z)
    lines = [
        "# Norwegian word frequencies: word<TAB>Zipf frequency x 100 (log10 per billion words).",
        "# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), for this file only; the rest of",
        "# norcurate is Apache-2.0. See NOTICE.md beside this file for sources, attribution and changes.",
        "# Derived from wordfreq 3.1.1 (Robyn Speer, https://github.com/rspeer/wordfreq; data CC BY-SA 4.0), the",
        "# `nb` large list, Zipf >= 3, and from the NorNE Nynorsk dev sentences (CC0), by make_word_freq.py.",
    ]
    lines += [f"{w}\t{round(z * 100)}" for w, z in sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(table)} words")


if __name__ == "__main__":
    main()
