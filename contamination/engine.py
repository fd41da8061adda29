"""The audit engine: stream training rows past a test-side index and collect verified findings."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from contamination.config import CHAR_METHODS, TOKEN_METHODS
from contamination.index.hashtable import HashTable
from contamination.index.testindex import TestIndex
from contamination.methods.fuzzy import BOUND_EPS, around, best_window, find_word_bounded, rare_pairs
from contamination.ngrams.batch import Batch, Hits, distinct
from contamination.text.prepare import Prepared, Scratch, prepare

EVIDENCE_CHARS = 200


@dataclass(frozen=True)
class Finding:
    train_ordinal: int  # position of the training row in the whole audit (for stable order)
    train_id: str
    unit: int
    method: str
    score: float
    evidence: str
    # why (fuzzy, short): sub-scores and the aligned window; left out of the report when empty
    detail: dict[str, Any] | None = field(default=None, compare=False)


def _char_ngram_set(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _word_ngram_set(text: str, n: int) -> set[tuple[str, ...]]:
    """The distinct n-word windows of an n-gram-form text, as word tuples (cheaper than joined strings)."""
    words = text.split(" ")
    return set(zip(*(words[k:] for k in range(n)), strict=False)) if len(words) >= n else set()


class _LazyTexts:
    """Row texts decoded from a batch only when a candidate needs verifying."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self._cache: dict[int, str] = {}

    def __getitem__(self, row: int) -> str:
        text = self._cache.get(row)
        if text is None:
            text = self._cache[row] = self.batch.text(row)
        return text


class Scanner:
    """Scans batches of training texts against one `TestIndex`."""

    def __init__(self, index: TestIndex, gated: bool = True) -> None:
        self.index = index
        self.methods = set(index.config.methods)
        self._unit_char_sets: dict[tuple[int, int], set[str]] = {}
        self._unit_word_sets: dict[tuple[int, int], set[tuple[str, ...]]] = {}
        self._boilerplate: dict[str, set[tuple[str, ...]]] = {}
        self.gates = index.gates if gated else None
        self._scratch = Scratch()  # a batch's forms live only while it is scanned

    def scan(self, ordinals: Sequence[int], ids: Sequence[str], texts: Sequence[str]) -> list[Finding]:
        prepared = prepare(texts, self._scratch)
        norm = _LazyTexts(prepared.norm)  # rows are decoded only to verify a candidate
        ngram_batch = prepared.ngram
        ngram = _LazyTexts(ngram_batch)
        char_hits = self._char_hits(ngram_batch) if self.methods & set(CHAR_METHODS) else {}
        gates = self.gates
        # rows that hold a hit of the gating character method (see `ScanGates`); None: scan every row
        hit_rows = distinct(char_hits[gates.method][1].rows) if gates is not None else None
        found: list[Finding] = []
        if "exact" in self.methods:
            found += self._exact(ordinals, ids, norm, prepared.norm)
        if "substring" in self.methods:
            found += self._substring(ordinals, ids, norm, prepared, hit_rows)
        for method, (n, hits) in char_hits.items():
            found += self._char(method, n, hits, ordinals, ids, ngram)
        for method, n in TOKEN_METHODS.items():
            if method in self.methods:
                rows = None if gates is None else gates.token_rows(method, ngram_batch, hit_rows)
                found += self._token(method, n, ngram_batch, ordinals, ids, ngram, rows)
        if self.methods & {"fuzzy", "short"}:
            if "fuzzy" in self.methods:
                found += self._fuzzy(ngram_batch, ordinals, ids, ngram)
            if "short" in self.methods:
                found += self._short(ngram_batch, ordinals, ids, ngram, found)
        return found

    def _fuzzy(
        self, batch: Batch, ordinals: Sequence[int], ids: Sequence[str], ngram: Sequence[str]
    ) -> list[Finding]:
        index = self.index
        fz = index.fuzzy
        table = fz.table
        if not len(table.hashes):
            return []
        hits = batch.word_hits(2, table)
        if not len(hits.rows):
            return []
        # pairs sharing enough rare bigrams, each with the offsets of its bigram hits in the row
        p_rows, p_units, shared, lo, hi, starts = rare_pairs(hits, table.units, fz.rare_per_unit)
        threshold = index.config.fuzzy_threshold
        # compiled upper bound of each pair's score: only pairs that can reach the threshold are re-scored
        bound = fz.upper_bounds(batch, p_rows, p_units, lo, hi, starts, index.ngram)
        keep = np.flatnonzero(bound >= threshold - BOUND_EPS)
        out = []
        for k in keep.tolist():
            row, unit = int(p_rows[k]), int(p_units[k])
            unit_text = index.ngram[unit]
            train = ngram[row]
            offsets = starts[lo[k] : hi[k]].tolist()
            a, b = best_window(train, offsets, len(unit_text))
            score, c, w = fz.score(unit, unit_text, train[a:b])
            if score >= threshold:
                detail = {
                    "char5": round(c, 4),
                    "word": round(w, 4),
                    "window": [a, b],
                    "shared_rare_bigrams": int(shared[k]),
                }
                out.append(
                    Finding(
                        ordinals[row],
                        ids[row],
                        unit,
                        "fuzzy",
                        round(score, 4),
                        train[a:b][:EVIDENCE_CHARS],
                        detail,
                    )  # fmt: skip
                )
        return out

    def _short(
        self,
        batch: Batch,
        ordinals: Sequence[int],
        ids: Sequence[str],
        ngram: Sequence[str],
        found: list[Finding],
    ) -> list[Finding]:
        index = self.index
        fz = index.fuzzy
        out = []
        seen: set[tuple[int, int]] = set()

        def emit(row: int, unit: int, alone: bool) -> None:
            """A finding when the short unit stands word-bounded in the training row."""
            text = index.ngram[unit]
            at = find_word_bounded(text, ngram[row])
            if at >= 0:
                seen.add((row, unit))
                evidence = around(ngram[row], at, len(text), EVIDENCE_CHARS)
                out.append(
                    Finding(ordinals[row], ids[row], unit, "short", 1.0, evidence, {"alone": alone, "at": at})
                )

        table = fz.short_table
        if len(table.hashes):
            hits = batch.word_hits(2, table)
            query, units = table.expand(hits.first, hits.count)
            for row, unit in sorted(set(zip(hits.rows[query].tolist(), units.tolist(), strict=True))):
                if unit in fz.short_common:
                    continue
                emit(row, unit, alone=True)
        # any short unit of an item another method flagged in the same row: the answer leaked with it
        row_of = {o: r for r, o in enumerate(ordinals)}
        flagged = sorted({(row_of[f.train_ordinal], int(fz.item_key[f.unit])) for f in found})
        for row, item in flagged:
            for unit in fz.item_units.get(item, ()):
                if (row, unit) in seen:
                    continue
                emit(row, unit, alone=False)
        return out

    @functools.cached_property
    def _unit_lengths(self) -> np.ndarray:
        lengths = self.index.norm_batch.ends - self.index.norm_batch.starts
        return np.unique(lengths[lengths > 0])  # an empty unit matches nothing

    def _exact(
        self, ordinals: Sequence[int], ids: Sequence[str], norm: Sequence[str], batch: Batch
    ) -> list[Finding]:
        table = self.index.exact_table
        if table is None or not len(table.hashes):
            return []
        # only rows as long as some unit can equal one
        lengths = batch.ends - batch.starts
        rows = np.flatnonzero(np.isin(lengths, self._unit_lengths))
        h = batch.take(rows).row_hashes()
        hit = table.maybe_present(h)
        query, units = table.postings(h[hit])
        out = []
        for row, unit in zip(rows[hit][query].tolist(), units.tolist(), strict=True):
            text = norm[row]
            if text == self.index.norm[unit]:  # hashes only propose; the text decides
                out.append(Finding(ordinals[row], ids[row], unit, "exact", 1.0, text[:EVIDENCE_CHARS]))
        return out

    def _substring(
        self,
        ordinals: Sequence[int],
        ids: Sequence[str],
        norm: Sequence[str],
        prepared: Prepared,
        hit_rows: np.ndarray | None,
    ) -> list[Finding]:
        index = self.index
        m = index.config.min_substring
        batch = prepared.norm
        pairs: set[tuple[int, int]] = set()
        # a test unit inside a training text: the unit's first m characters are one of the text's windows
        scans: list[tuple[HashTable | None, np.ndarray | None]] = [(index.unit_prefix_table, None)]
        if self.gates is not None and hit_rows is not None:
            # gated units can only be inside rows with a character-method hit (or rows whose n-gram form
            # is not their stripped normalised form); the others are looked for everywhere
            rows = np.union1d(hit_rows, np.flatnonzero(~prepared.plain))
            scans = [(index.unit_prefix_table, rows), (self.gates.ungated_prefix_table, None)]
        for table, rows in scans:
            if table is None or not len(table.hashes):
                continue
            hits = (batch if rows is None else batch.take(rows)).char_hits(m, table)
            query, units = table.expand(hits.first, hits.count)
            found_rows = hits.rows[query] if rows is None else rows[hits.rows[query]]
            for row, unit in set(zip(found_rows.tolist(), units.tolist(), strict=True)):
                if index.norm[unit] in norm[row]:
                    pairs.add((row, unit))
        # a training text inside a test unit: the text's first m characters are one of the unit's windows
        if index.window_table is not None and len(index.window_table.hashes):
            prefixes = batch.prefix_hashes(m)
            long_rows = np.flatnonzero((batch.ends - batch.starts) >= m)
            h = prefixes[long_rows]
            hit = index.window_table.maybe_present(h)
            query, units = index.window_table.postings(h[hit])
            rows = long_rows[np.flatnonzero(hit)][query]
            for row, unit in set(zip(rows.tolist(), units.tolist(), strict=True)):
                if norm[row] in index.norm[unit]:
                    pairs.add((row, unit))
        out = []
        for row, unit in sorted(pairs):
            a, b = norm[row], index.norm[unit]
            evidence = b if b in a else a
            out.append(Finding(ordinals[row], ids[row], unit, "substring", 1.0, evidence[:EVIDENCE_CHARS]))
        return out

    def _candidates(self, method: str, hits: Hits) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, unit, shared distinct hashes) for every pair that shares at least one hash."""
        table = self.index.tables[method]
        query, units = table.expand(hits.first, hits.count)
        if len(query) == 0:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty
        # distinct (row, unit, hash) triples, then the number of shared hashes per (row, unit) pair; a
        # hash is named by its first posting, so the triple packs into one integer when it fits
        n_units = np.uint64(self.index.n_units)
        pair = hits.rows[query].astype(np.uint64) * n_units + units.astype(np.uint64)
        hash_bits = np.uint64(max(len(table.units), 1).bit_length())
        if (int(hits.rows.max()) + 1) * int(n_units) < 1 << (64 - int(hash_bits)):
            pairs = distinct((pair << hash_bits) | hits.first[query].astype(np.uint64)) >> hash_bits
        else:
            hq = hits.first[query].astype(np.uint64)
            order = np.lexsort((hq, pair))
            pair, hq = pair[order], hq[order]
            first = np.r_[True, (pair[1:] != pair[:-1]) | (hq[1:] != hq[:-1])]
            pairs = pair[first]
        starts = np.flatnonzero(np.r_[True, pairs[1:] != pairs[:-1]])
        shared = np.diff(np.r_[starts, len(pairs)])
        keys = pairs[starts]
        return (keys // n_units).astype(np.int64), (keys % n_units).astype(np.int64), shared

    def _char_hits(self, batch: Batch) -> dict[str, tuple[int, Hits]]:
        """The hits of each enabled character method. The longest n-grams are looked up only where two of
        the shorter method's hits say they can exist (every test n-gram contains test m-grams): the scans
        are bound by memory lookups, so this saves a whole pass."""
        wanted = sorted(((n, m) for m, n in CHAR_METHODS.items() if m in self.methods))
        tables = self.index.tables
        out: dict[str, tuple[int, Hits]] = {}
        for n, method in wanted:
            if out:
                m, shorter = min(out.values(), key=lambda found: found[0])
                out[method] = (n, batch.char_hits_within(n, tables[method], shorter, m))
            else:
                out[method] = (n, batch.char_hits(n, tables[method], self.index.anchor(n // 2)))
        return out

    def _char(
        self,
        method: str,
        n: int,
        hits: Hits,
        ordinals: Sequence[int],
        ids: Sequence[str],
        ngram: Sequence[str],
    ) -> list[Finding]:
        table = self.index.tables[method]
        rows, units, shared = self._candidates(method, hits)
        threshold = self.index.config.threshold
        keep = shared >= threshold * table.distinct[units] - 1e-9
        if not keep.any():
            return []
        hit_offsets = _group_by_row(hits.rows, hits.starts)
        out = []
        for row, unit in zip(rows[keep].tolist(), units[keep].tolist(), strict=True):
            grams = self._unit_char_sets.get((n, unit))
            if grams is None:
                grams = self._unit_char_sets[(n, unit)] = _char_ngram_set(self.index.ngram[unit], n)
            # a shared n-gram always hashes equal, so the hit windows hold every real match
            train = ngram[row]
            offsets = [o for o in hit_offsets[row] if train[o : o + n] in grams]
            score = len({train[o : o + n] for o in offsets}) / len(grams)
            if score >= threshold:
                out.append(
                    Finding(
                        ordinals[row],
                        ids[row],
                        unit,
                        method,
                        round(score, 4),
                        _longest_run(train, offsets, n),
                    )
                )
        return out

    def _token(
        self,
        method: str,
        n: int,
        batch: Batch,
        ordinals: Sequence[int],
        ids: Sequence[str],
        ngram: Sequence[str],
        only_rows: np.ndarray | None = None,
    ) -> list[Finding]:
        table = self.index.tables[method]
        if only_rows is None:
            hits = batch.word_hits(n, table)
        else:
            hits = batch.take(only_rows).word_hits(n, table)
            hits = replace(hits, rows=only_rows[hits.rows])
        rows, units, _shared = self._candidates(method, hits)
        if not len(rows):
            return []
        spans = _group_by_row(hits.rows, np.stack([hits.starts, hits.ends], axis=1))
        # boilerplate 13-grams were left out of the table; leave them out of the verification too
        boilerplate = self._boilerplate_words(method)
        row_grams: dict[int, set[tuple[str, ...]]] = {}
        out = []
        for row, unit in zip(rows.tolist(), units.tolist(), strict=True):
            grams = self._unit_word_sets.get((n, unit))
            if grams is None:
                grams = self._unit_word_sets[(n, unit)] = _word_ngram_set(self.index.ngram[unit], n)
            train_grams = row_grams.get(row)
            if train_grams is None:
                train = ngram[row]
                train_grams = row_grams[row] = {
                    tuple(train[a:b].split(" ")) for a, b in spans[row]
                } - boilerplate
            exact_shared = train_grams & grams
            if exact_shared and table.distinct[unit]:
                score = len(exact_shared) / max(len(grams), 1)
                # the smallest shared 13-gram as a string: n-gram-form words hold no character at or
                # below the space (whitespace splits, ftfy drops the other controls), so word tuples
                # sort as their joined strings do
                evidence = " ".join(min(exact_shared))[:EVIDENCE_CHARS]
                out.append(Finding(ordinals[row], ids[row], unit, method, round(score, 4), evidence))
        return out

    def _boilerplate_words(self, method: str) -> set[tuple[str, ...]]:
        words = self._boilerplate.get(method)
        if words is None:
            grams = self.index.boilerplate_grams.get(method, set())
            words = self._boilerplate[method] = {tuple(g.split(" ")) for g in grams}
        return words


def _group_by_row(rows: np.ndarray, values: np.ndarray) -> dict[int, list]:
    """Values (offsets or (start, end) spans) grouped by the row they belong to, in order."""
    order = np.argsort(rows, kind="stable")
    rows, values = rows[order], values[order]
    bounds = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1], True]) if len(rows) else np.array([0])
    return {int(rows[bounds[i]]): values[bounds[i] : bounds[i + 1]].tolist() for i in range(len(bounds) - 1)}


def _longest_run(train: str, offsets: list[int], n: int) -> str:
    """The longest stretch of `train` covered by overlapping shared n-grams (the evidence)."""
    best_start, best_end = offsets[0], offsets[0] + n
    start, end = best_start, best_end
    for o in offsets[1:]:
        if o <= end:
            end = max(end, o + n)
        else:
            start, end = o, o + n
        if end - start > best_end - best_start:
            best_start, best_end = start, end
    return train[best_start:best_end][:EVIDENCE_CHARS]


def guard_short(findings: list[Finding], index: TestIndex) -> list[Finding]:
    """Drop `short` findings (found alone) of units found in more than `short_max_rows` training rows:
    a common phrase, not a leak. Run once over the whole audit's findings."""
    rows: dict[int, set[int]] = {}
    for f in findings:
        if f.method == "short" and f.detail and f.detail.get("alone"):
            rows.setdefault(f.unit, set()).add(f.train_ordinal)
    common = {u for u, r in rows.items() if len(r) > index.config.short_max_rows}
    if not common:
        return findings
    return [
        f
        for f in findings
        if not (f.method == "short" and f.unit in common and f.detail and f.detail.get("alone"))
    ]


def best_per_item(findings: Iterable[Finding], index: TestIndex) -> list[Finding]:
    """One finding per (training row, test item, method): the best-scoring unit, whole item first on ties."""
    best: dict[tuple[int, int, str, str], Finding] = {}
    for f in findings:
        key = (f.train_ordinal, index.unit_set[f.unit], index.unit_item[f.unit], f.method)
        cur = best.get(key)
        if cur is None or (f.score, index.unit_field[f.unit] == "item") > (
            cur.score,
            index.unit_field[cur.unit] == "item",
        ):
            best[key] = f
    return list(best.values())
