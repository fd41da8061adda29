"""The one error type that means "the user gave us something we cannot use" (exit code 2)."""

from __future__ import annotations


class InputError(Exception):
    """A usage or input problem; its message is one line naming the file, row or field and the fix."""

    exit_code = 2


class VerificationError(Exception):
    """Data failed a check (contamination found, hashes differ): exit code 1."""

    exit_code = 1
