"""engine.isolated: a function in a spawned child process -- its progress, result, errors, cancel and crash."""
from __future__ import annotations

import os
import time

import pytest

from engine.errors import ConfigError, HelloTorchError
from engine.isolated import RemoteTraceback, call_in_process


def test_result_and_progress_come_back_from_another_process():
    seen = []
    out = call_in_process("isolated_targets:counts", {"n": 3}, lambda m, f: seen.append((m, f)))
    assert out["n"] == 3 and out["pid"] != os.getpid()
    assert seen == [("step 0", pytest.approx(1 / 3)), ("step 1", pytest.approx(2 / 3)), ("step 2", 1.0)]


def test_the_childs_error_is_raised_here_with_its_field_and_traceback():
    with pytest.raises(ConfigError, match="not an architecture") as info:
        call_in_process("isolated_targets:fails")
    assert info.value.key == "model.arch"
    assert isinstance(info.value.__cause__, RemoteTraceback) and "isolated_targets.py" in str(info.value.__cause__)


def test_an_error_that_does_not_pickle_keeps_its_name_and_message():
    with pytest.raises(RuntimeError, match="_Odd: 1/2"):
        call_in_process("isolated_targets:raises_odd")


def test_cancel_reaches_the_child_which_stops_at_its_check(tmp_path):
    marker = tmp_path / "stopped"
    t0 = time.monotonic()
    with pytest.raises(ConfigError, match="cancelled"):
        call_in_process("isolated_targets:waits_for_cancel", {"marker": str(marker)},
                        should_stop=lambda: time.monotonic() - t0 > 0.5)
    assert marker.read_text(encoding="utf-8") == "stopped"


def test_a_child_that_ignores_cancel_is_ended_after_the_grace_period():
    t0 = time.monotonic()
    with pytest.raises(HelloTorchError, match="Cancelled"):
        call_in_process("isolated_targets:ignores_cancel", should_stop=lambda: time.monotonic() - t0 > 0.3,
                        grace_s=0.5)
    assert time.monotonic() - t0 < 30


def test_a_crashed_child_is_an_error_that_says_so():
    with pytest.raises(HelloTorchError, match=r"ended without an answer \(exit code 3\)"):
        call_in_process("isolated_targets:crashes")


def test_a_prestarted_child_takes_the_next_call_and_is_used_once():
    from engine import isolated

    isolated.prestart(("json",))
    spare = isolated._spare.process.pid
    assert call_in_process("isolated_targets:counts", {"n": 1})["pid"] == spare
    assert isolated._spare is None  # used up: the next call starts a new one
    assert call_in_process("isolated_targets:counts", {"n": 1})["pid"] != spare
