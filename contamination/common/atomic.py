"""Atomic file and directory writes (temp beside the target, then rename) and the rules for replacing
an existing output folder.

Temporary files and folders are named `.NAME.PID.RANDOM.norcurate-tmp` beside the target, so a later run
can tell a leftover of a killed run (its process is gone) from one still being written, and removes only
those. Outputs get the permissions of any new file (0666/0777 less the umask), not mkstemp's 0600/0700.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from contamination.common.errors import InputError

TMP_TAG = "norcurate-tmp"

# why a folder is not an earlier output of ours (None: it is one, so it may be replaced)
EarlierOutput = Callable[[Path], str | None]


def _absolute(target: str | Path) -> Path:
    # `Path(".").name` is empty: name temporaries after the real folder
    return Path(os.path.abspath(target))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def _scratch_owner(entry: Path, target: Path) -> int | None:
    """The process id in a temporary's name beside `target`, or None when it is not one of ours."""
    name = entry.name
    head = f".{target.name}."
    if not (name.startswith(head) and name.endswith(f".{TMP_TAG}")):
        return None
    pid = name[len(head) :].split(".", 1)[0]
    return int(pid) if pid.isdigit() else None


def remove_leftovers(target: str | Path) -> list[Path]:
    """Remove temporaries beside `target` left by runs that were killed (their process is gone)."""
    target = _absolute(target)
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for entry in target.parent.iterdir():
        pid = _scratch_owner(entry, target)
        if pid is None or _pid_alive(pid):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it onto `target` only if the block succeeds."""
    target = _absolute(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    fd, tmp = tempfile.mkstemp(prefix=_prefix(target), suffix=f".{TMP_TAG}", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if tmp_path.exists():
            os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def _temp_dir_beside(target: Path, suffix: str) -> Path:
    """A new folder beside `target` named as ours, after removing what killed runs left there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    return Path(tempfile.mkdtemp(prefix=_prefix(target), suffix=suffix, dir=target.parent))


@contextlib.contextmanager
def scratch_dir(target: str | Path, tag: str) -> Iterator[Path]:
    """A working folder beside `target`, removed afterwards (and by the next run if this one is killed)."""
    tmp = _temp_dir_beside(_absolute(target), f".{tag}.{TMP_TAG}")
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def atomic_dir(target: str | Path) -> Iterator[Path]:
    """Yield a temporary directory beside `target`; it replaces `target` only if the block succeeds.

    Whether `target` may be replaced at all is the caller's decision (`check_replaceable`)."""
    target = _absolute(target)
    tmp = _temp_dir_beside(target, f".{TMP_TAG}")
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=_prefix(target), suffix=f".old.{TMP_TAG}", dir=target.parent))
            os.replace(target, old)  # onto the empty folder mkdtemp made
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def unlisted(root: Path, listed: Iterable[str]) -> list[str]:
    """Entries under `root` (posix paths relative to it) that are neither a listed file nor a folder on
    the way to one: what replacing `root` would delete that its listing does not account for."""
    files = set(listed)
    folders = {parent.as_posix() for f in files for parent in Path(f).parents if parent != Path(".")}
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath).relative_to(root)
        for name in sorted(dirnames):
            rel = (base / name).as_posix()
            if rel not in folders:
                out.append(rel + "/")
                dirnames.remove(name)  # reported whole; no need to list what is inside
        out.extend(rel for name in sorted(filenames) if (rel := (base / name).as_posix()) not in files)
    return sorted(out)


def describe_unlisted(entries: list[str]) -> str:
    more = f" and {len(entries) - 1} more" if len(entries) > 1 else ""
    return f"{entries[0]}{more}"


def check_replaceable(
    target: str | Path, earlier_output: EarlierOutput, force: bool, option: str = "--out"
) -> None:
    """Refuse (InputError) to replace `target` unless it is missing, empty, or an earlier output of ours
    (`earlier_output` returns None for those, else why not) — or `force` is given.

    The current folder (or one holding it) is refused even with `force`: replacing it would pull the
    folder out from under the shell that ran us."""
    given = str(target)
    path = _absolute(target)
    cwd = Path(os.path.abspath(os.getcwd()))
    if path == cwd or path in cwd.parents:
        raise InputError(
            f"{option} {given}: is the current folder (or holds it); the output folder is replaced as a "
            f"whole, so name a folder inside it, e.g. {option} {Path(given) / 'build'}"
        )
    if not path.exists() and not path.is_symlink():
        return
    if path.is_symlink() or not path.is_dir():
        raise InputError(f"{option} {given}: exists and is not a folder; choose another {option}")
    if force or not any(path.iterdir()):
        return
    reason = earlier_output(path)
    if reason is not None:
        raise InputError(
            f"{option} {given}: not replaced: {reason}; choose a new or empty folder, or pass --force to "
            "replace it and everything in it"
        )
