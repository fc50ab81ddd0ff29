"""Process memory: hand memory freed by large data steps back to the operating system (glibc only)."""
from __future__ import annotations

import ctypes
import ctypes.util
import sys

_libc = None


def release_freed_memory() -> bool:
    """Return the heap memory that is free right now to the OS (glibc's malloc_trim); True when it ran.

    glibc keeps freed heap memory for reuse and raises its trim threshold after large blocks are freed, so
    after tokenizing, cleaning or scoring a million rows the process holds hundreds of MB it no longer uses,
    which the next phase then adds to. Called between phases (after data preparation, after each evaluation)
    it costs a few milliseconds; a lower trim threshold for the whole run would do the same but slowed the
    training steps by ~15% (bench/scale.py)."""
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    try:
        if _libc is None:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(_libc.malloc_trim(0))
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return False
