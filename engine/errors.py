"""User-facing errors: each carries a one-paragraph message that names the culprit and the fix."""
from __future__ import annotations


class HelloTorchError(Exception):
    """Base class of every error a user can cause; the CLI prints it without a traceback (exit 2). ``key`` names
    the config field whose value is at fault when one is (the window shows the message under that control)."""

    exit_code = 2
    key = ""

    def at(self, key: str) -> "HelloTorchError":
        """This error, marked as caused by the value of config field `key`."""
        self.key = key
        return self


class ConfigError(HelloTorchError):
    """A config file, key or value is wrong."""


class DataError(HelloTorchError):
    """A dataset cannot be read or is unusable for the chosen task."""


class CheckpointError(HelloTorchError):
    """A checkpoint or run folder is missing, truncated or from another config."""


class TrainingError(HelloTorchError):
    """Training cannot go on (NaN loss, out of memory, ...)."""


def os_error_message(exc: OSError) -> str:
    """A file-system error (a path the user gave) as one sentence that names the path and what to do."""
    import errno

    where = f" '{_user_path(exc.filename)}'" if exc.filename else ""
    if exc.filename2:
        where += f" (writing '{_user_path(exc.filename2)}')"
    hint = {errno.EISDIR: "it is a folder: name a file instead",
            errno.ENOTDIR: "part of the path is a file, not a folder: choose another location",
            errno.EEXIST: "a file of that name is in the way of a folder: choose another location",
            errno.EACCES: "there is no permission to write there: choose another folder",
            errno.EPERM: "there is no permission to write there: choose another folder",
            errno.ENOSPC: "the disk is full: free some space",
            errno.EROFS: "the location is read-only: choose another folder",
            errno.ENOENT: "it does not exist: check the path"}.get(exc.errno or 0, "check the path")
    return f"Cannot use{where}: {exc.strerror or exc}; {hint}, then try again."


def _user_path(name) -> str:  # noqa: ANN001
    """The path the user named, for the hidden file written beside it first (an atomic write's '.NAME.xxxx.tmp',
    an export's '.NAME.partial'): a message names what the user asked for."""
    import re
    from pathlib import Path

    path = Path(str(name))
    found = re.fullmatch(r"\.(.+)\.(?:[A-Za-z0-9_]+\.tmp|partial)", path.name)
    return str(path.with_name(found.group(1))) if found else str(name)
