"""Measured, not assumed, speed advice (issue 18): the self-check times fp32 against bf16 on each device,
remembers it, and a slower precision is named for the Hyperparameters panel."""
from __future__ import annotations

import json

import pytest

from engine import precision


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HELLOTORCH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_measure_times_each_precision_on_the_cpu():
    result = precision.measure("cpu", steps=2, warmup=1, batch=4, length=16)
    assert set(result["samples_per_s"]) == {"fp32", "bf16"} and result["ratio"]["fp32"] == 1.0
    assert result["fastest"] in ("fp32", "bf16") and result["device"] == "cpu"
    assert "bf16" in precision.summary_line(result)


def test_advice_names_a_precision_measured_slower_here(cache):
    assert precision.advice("cpu", "bf16") == ""  # nothing measured yet: no claim
    slow = {"device": "cpu", "samples_per_s": {"fp32": 1486.0, "bf16": 566.0}, "ratio": {"fp32": 1.0, "bf16": 0.381},
            "fastest": "fp32", "measured": "2026-12-05 10:00"}
    precision.remember([slow])
    assert json.loads((cache / precision.CACHE_FILE).read_text())
    text = precision.advice("cpu", "bf16")
    assert "0.38x" in text and "fp32 is faster here" in text
    assert precision.advice("cpu", "fp32") == "" and precision.advice("cuda:0", "bf16") == ""
    precision.remember([dict(slow, ratio={"fp32": 1.0, "bf16": 1.25}, fastest="bf16")])
    assert precision.advice("cpu", "bf16") == ""


def test_the_self_check_reports_and_remembers_it(cache):
    from engine import envinfo

    check = envinfo.self_check(devices=["cpu"], size=64, repeats=1)
    assert check["precision"] and check["precision"][0]["device"] == "cpu"
    assert any(c["name"] == "precision speed on cpu" for c in check["checks"])
    assert "precision speed on cpu" in envinfo.format_report(envinfo.environment_report(), check)
    assert precision.load_all()
