"""Learn panel: every page renders and reacts to its controls, and each page's Show-code snippet runs on its own
and prints the numbers the page shows."""
from __future__ import annotations

import html
import re
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel


@pytest.fixture
def learn(window, qtbot):
    window.goto("learn")
    panel = window.panel("learn")
    for i in range(len(panel.pages)):
        panel.list.setCurrentRow(i)
        qtbot.waitUntil(lambda i=i: bool(panel.pages[i].last), timeout=30_000)
    return panel


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+\.\d+(?:e-?\d+)?", text)]


def test_every_page_renders_with_code_and_tooltips(learn, qtbot):
    assert [p.key for p in learn.pages] == ["tensors", "autograd", "descent", "activations", "network",
                                            "convolution", "rnn", "attention", "schedules", "tokenization",
                                            "baselines"]
    for page in learn.pages:
        assert page.result.text() and page.code_view.toPlainText().startswith("import")
        assert page.explain.text() and learn.list.item(learn.pages.index(page)).text()
        page.code_button.setChecked(True)
        assert page.code_view.isVisibleTo(page)
        for w in page.findChildren(type(page.code_button)):
            assert w.toolTip() and w.accessibleName()


def test_pages_react_and_snippets_print_what_the_page_shows(learn, qtbot):
    t = learn.page("tensors")
    t.op.setCurrentIndex(t.op.findData("matmul"))
    t.shape_b.setText("2, 3")
    qtbot.waitUntil(lambda: "Shape error" in t.result.text(), timeout=5_000)
    t.shape_b.setText("3, 4")
    qtbot.waitUntil(lambda: "[2, 4]" in t.result.text(), timeout=5_000)
    assert "shape [2, 4]" in _run(t.code_view.toPlainText())

    a = learn.page("autograd")
    a.x_slider.setValue(150)
    qtbot.waitUntil(lambda: "x = 1.50" in a.result.text(), timeout=5_000)
    out = _run(a.code_view.toPlainText())
    assert float(re.search(r"dy/dx (\S+)", out).group(1)) == pytest.approx(a.last["grad"], abs=1e-6)
    assert a.plot.point_count("tangent") > 100

    d = learn.page("descent")
    d.lr.setValue(120)  # too large for plain SGD on this problem: it diverges
    qtbot.waitUntil(lambda: d.params()["lr"] == 1.2 and abs(d.last["SGD"]["path"][0][0] + 2) < 1e-9
                    and len(d.last["SGD"]["losses"]) == 60 and d.last["SGD"]["losses"][-1] > 1e3, timeout=10_000)
    out = _run(d.code_view.toPlainText())
    adam = float(re.search(r"Adam final loss (\S+)", out).group(1))
    assert adam == pytest.approx(d.last["Adam"]["losses"][-1], rel=1e-4)

    act = learn.page("activations")
    act.fn.setCurrentIndex(act.fn.findData("gelu"))
    act.pred.setValue(10)
    qtbot.waitUntil(lambda: "p = 0.10" in act.result.text(), timeout=5_000)
    out = _run(act.code_view.toPlainText())
    assert float(re.search(r"ce (\S+)", out).group(1)) == pytest.approx(act.last["ce"], rel=1e-5)

    c = learn.page("convolution")
    c.kernel.setText("1, 1")
    qtbot.waitUntil(lambda: c.last["out"][:2] == [1.0, 4.0], timeout=5_000)
    assert _numbers(_run(c.code_view.toPlainText()).splitlines()[0]) == c.last["out"]

    r = learn.page("rnn")
    r.hidden.setValue(3)
    qtbot.waitUntil(lambda: len(r.last["last"]) == 3, timeout=5_000)
    assert _numbers(_run(r.code_view.toPlainText())) == pytest.approx(r.last["last"], abs=1e-6)

    s = learn.page("schedules")
    learn.ctx.state.set("train.lr", 0.01)
    qtbot.waitUntil(lambda: s.last["constant"][-1] == pytest.approx(0.01), timeout=5_000)
    out = _run(s.code_view.toPlainText())
    cosine = re.search(r"cosine first (\S+) middle (\S+) last (\S+)", out)
    n = len(s.last["cosine"])
    assert float(cosine.group(2)) == pytest.approx(s.last["cosine"][n // 2], rel=1e-6)


def test_learn_speaks_chinese(learn, window, qtbot):
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: learn.pages[0].code_button.text() == "显示代码", timeout=5_000)
    assert learn.list.item(1).text().startswith("2.") and "自动求导" in learn.list.item(1).text()
    assert all(learn.list.item(i).text().startswith(f"{i + 1}.") for i in range(10))
    window.set_language("en")


def test_network_attention_and_tokenization_pages(learn, qtbot, tmp_path, reviews_csv):
    import ast

    from conftest import tiny_config

    from engine.training import train

    net = learn.page("network")
    net.steps.setValue(120)
    net.res.setChecked(True)
    qtbot.waitUntil(lambda: net.last.get("final", {}).get("step") == 120 and len(net.snapshots) >= 6,
                    timeout=60_000)  # the boundary was redrawn while it trained
    out = _run(net.code_view.toPlainText())
    assert float(re.search(r"final loss (\S+)", out).group(1)) == pytest.approx(net.last["losses"][-1], rel=1e-4)
    assert float(re.search(r"accuracy (\S+)", out).group(1)) == pytest.approx(net.last["final"]["accuracy"])

    att = learn.page("attention")
    assert not att.head.isEnabled() and not att.layer.isEnabled()  # the tiny model has one of each
    att.sentence.setText("a warm and funny film")
    qtbot.waitUntil(lambda: att.last.get("tokens") == ["a", "warm", "and", "funny", "film"], timeout=10_000)
    rows = [ast.literal_eval(line.split(" ", 1)[1]) for line in _run(att.code_view.toPlainText()).splitlines()]
    assert np.asarray(rows) == pytest.approx(np.asarray(att.last["weights"]), abs=1e-4)
    # a finished Transformer run
    run = train(tiny_config(reviews_csv, arch="transformer", max_steps=6), runs_dir=learn.ctx.state.runs_dir)
    att._list_runs()
    qtbot.waitUntil(lambda: att.source.findData(run.run_dir) >= 0, timeout=10_000)  # listed in a worker
    att.source.setCurrentIndex(att.source.findData(run.run_dir))
    assert att.head.isEnabled() and att.layer.isEnabled()
    att.layer.setValue(40)  # past the run's last layer: drawn at the last one, and the box says so
    qtbot.waitUntil(lambda: "layer" in att.last, timeout=30_000)
    assert att.last["layer"] == att.last["layers"] - 1 < 40
    assert att.layer.value() == att.last["layer"] and att.layer.maximum() == att.last["layers"] - 1
    assert att.head.maximum() == att.last["heads"] - 1
    att.head.setValue(1)
    qtbot.waitUntil(lambda: att.last.get("head") == 1, timeout=30_000)
    rows = [ast.literal_eval(line) for line in _run(att.code_view.toPlainText()).splitlines()]
    assert np.asarray(rows) == pytest.approx(np.asarray(att.last["weights"]), abs=1e-4)
    # A sentence in another language than the run's data: every token is <unk>, and the page says why
    att.sentence.setText("剧情很无聊，演员也不好，" * 6)
    qtbot.waitUntil(lambda: "film" not in att.last.get("tokens", ["film"]), timeout=30_000)
    assert att.last["unknown"] == len(att.last["tokens"]) > 8
    assert f"{att.last['unknown']} of {att.last['unknown']} tokens are <unk>" in html.unescape(att.result.text())
    assert "vocabulary" in att.result.text()
    # ... and the token labels never overlap: every k-th token is labelled when they do not all fit
    ticks = att.plot.getAxis("bottom")._tickLevels[0]
    widest = max(att.plot.fontMetrics().horizontalAdvance(t) for _, t in ticks)
    assert len(ticks) * widest <= att.plot.width()
    assert len(ticks) < len(att.last["tokens"]) or len(att.last["tokens"]) * widest <= att.plot.width()

    descent = learn.page("descent")  # a slider shows its value
    value = descent.findChild(QLabel, "descentLrValue")
    descent.lr.setValue(37)
    assert value.text() == "0.37"

    tok = learn.page("tokenization")
    tok.sentence.setText("The plot was dull, 剧情很无聊")
    qtbot.waitUntil(lambda: tok.last.get("word") and tok.last["word"][0][0] == "the", timeout=60_000)
    out = _run(tok.code_view.toPlainText())
    for name in ("char", "word", "jieba", "bpe"):
        line = next(l for l in out.splitlines() if l.startswith(name + " "))
        assert ast.literal_eval(line.split(" ", 1)[1]) == [(t, i) for t, i, _ in tok.last[name]]
    assert "<unk>" in tok.explain.text() or "unk" in tok.explain.text()


def test_tensor_lesson_refuses_bad_or_huge_shapes(qtbot, app_ctx):
    from hellotorch_gui.panels.learn import LearnPanel

    panel = LearnPanel(app_ctx)
    qtbot.addWidget(panel)
    page = next(p for p in panel.pages if p.key == "tensors")
    for text, words in (("abc", "whole numbers"), ("-3, 2", "below 1"), ("3000, 3000", "10,000")):
        page.shape_a.setText(text)
        page.refresh()
        assert words in page.result.text(), (text, page.result.text())
        assert page.plot.toPlainText() == ""  # no stale tensors next to the error
    page.shape_a.setText("2, 3")
    page.refresh()
    assert "result" in page.result.text()


def test_the_baselines_page_compares_a_network_with_its_baselines(learn, qtbot):
    """Issue 18: why a baseline matters, computed: majority class, TF-IDF + logistic regression and a small
    network on the same held-out reviews; the snippet prints the same numbers."""
    page = learn.page("baselines")
    learn.list.setCurrentRow(learn.pages.index(page))
    page.rows.setValue(4)  # 1,000 training texts
    qtbot.waitUntil(lambda: page.last.get("train_rows") == 1000, timeout=60_000)
    r = page.last
    assert 0.4 < r["majority"] < 0.6 and r["tfidf"] > r["majority"] + 0.05 and r["network"] > r["majority"]
    assert f"{r['tfidf']:.3f}" in page.result.text() and page.findChild(QLabel, "baselinesRowsValue").text() == "1,000"
    out = _run(page.code_view.toPlainText())
    for name, key in (("majority class", "majority"), ("tfidf+logreg", "tfidf"), ("network", "network")):
        line = next(line for line in out.splitlines() if line.startswith(name + " "))
        assert float(line.rsplit(" ", 1)[1]) == pytest.approx(r[key], abs=1e-6)
