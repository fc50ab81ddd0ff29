"""Model panel: task, architecture and its fields, with a live parameter count and memory estimate."""
from __future__ import annotations

import copy

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from engine.config import (CLASSIFICATION_ARCHS, ENSEMBLE_SECONDS, GENERATION_ARCHS, NGRAM_MAX_CELLS, PRETRAINED_TASKS,
                           Config, ensemble_members, is_auto, planned_batch_size)
from engine.data.checks import FACTS_KEYS
from hellotorch_gui.forms import ConfigForm, section_keys
from hellotorch_gui.panels.base import AppContext, Panel, describe
from hellotorch_gui.panels.data_facts import data_facts
from hellotorch_gui.plots import status_colour

TASKS = ("classification", "generation")
DEFAULT_ARCH = {"classification": "textcnn", "generation": "gpt"}
ESTIMATE_TASK = "model-estimate"
DEBOUNCE_MS = 300
NUM_CLASSES = 2  # the dataset's real class count is only known once it is loaded; 2 is the common case
# Config keys that change the model or its training-memory estimate.
ESTIMATE_KEYS = ("task", "data.vocab_size", "data.max_length", "train.batch_size", "train.optimizer",
                 "train.momentum", "train.precision")


def archs_for(task: str) -> tuple[str, ...]:
    return GENERATION_ARCHS if task == "generation" else CLASSIFICATION_ARCHS


def switch_task(state, task: str) -> None:
    """Switch the task and keep the config valid: a fitting arch, and a monitor metric that exists (the Data and
    Model panels' task choices both come here)."""
    state.set("task", task)
    if state.get("model.arch") not in archs_for(task):
        state.set("model.arch", DEFAULT_ARCH[task])
    tasks = PRETRAINED_TASKS.get(state.get("model.pretrained"))
    if state.get("model.arch") == "pretrained" and tasks and task not in tasks:
        state.set("model.pretrained", next(n for n, t in PRETRAINED_TASKS.items() if task in t))
    monitor = state.get("train.monitor")
    if (task == "generation" and monitor in ("accuracy", "f1_macro")) or (
            task == "classification" and monitor == "perplexity"):
        state.set("train.monitor", "auto")


def _affects_estimate(key: str) -> bool:
    """The key changes the model, its memory, or which data sizes the estimate may use."""
    return _sizes_model(key) or key in FACTS_KEYS


def _sizes_model(key: str) -> bool:
    return key == "" or key.startswith("model.") or key in ESTIMATE_KEYS


def quit_thread_when_done(worker) -> None:
    """End the task's thread as soon as its function returns, even while the GUI thread is blocked.

    TaskRunner connects worker.finished to thread.quit through the GUI thread's event loop, so
    TaskRunner.shutdown (which blocks that loop in QThread.wait) would time out on a running task.
    """
    worker.finished.connect(worker.thread().quit, Qt.ConnectionType.DirectConnection)


def compute_estimate(cfg: Config, vocab_size: int, num_classes: int) -> dict:
    """Worker side: build the model on the meta device (no memory, no init cost) and size it."""
    from engine.config import resolve_ngram_buckets
    from engine.models import build_on_meta, count_parameters, estimate_training_memory, human_bytes

    cfg = copy.deepcopy(cfg)
    fewer = resolve_ngram_buckets(cfg, num_classes)  # many classes: the smaller table the run will build
    model = build_on_meta(cfg, vocab_size, num_classes, 0)
    memory = estimate_training_memory(model, cfg)
    parts = {k: human_bytes(memory[k]) for k in ("params", "grads", "optimizer", "activations")}
    return {"params": count_parameters(model), "memory": memory, "parts": parts,
            "ngram_buckets": cfg.model.ngram_buckets if fewer else None}


class ModelPanel(Panel):
    """Pick what to train: the task, an architecture valid for it, and that architecture's sizes."""

    key = "model"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        state = ctx.state
        self._request = 0  # id of the newest estimate request; older results are dropped

        self.task_box = QGroupBox()
        self.task_box.setObjectName("modelTaskBox")
        self.task_combo = QComboBox()
        self.task_combo.setObjectName("taskCombo")
        for task in TASKS:
            self.task_combo.addItem(task, task)
        self.task_combo.currentIndexChanged.connect(self._on_task_chosen)
        self.arch_combo = QComboBox()
        self.arch_combo.setObjectName("archCombo")
        self.arch_combo.currentIndexChanged.connect(self._on_arch_chosen)
        self.arch_description = QLabel()
        self.arch_description.setObjectName("archDescriptionLabel")
        self.arch_description.setWordWrap(True)
        self.task_label, self.arch_label = QLabel(), QLabel()
        self.task_label.setBuddy(self.task_combo)
        self.arch_label.setBuddy(self.arch_combo)
        task_form = QFormLayout(self.task_box)
        task_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        task_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        arch_field = QWidget()
        arch_lay = QVBoxLayout(arch_field)
        arch_lay.setContentsMargins(0, 0, 0, 0)
        arch_lay.addWidget(self.arch_combo)
        arch_lay.addWidget(self.arch_description)
        task_form.addRow(self.task_label, self.task_combo)
        task_form.addRow(self.arch_label, arch_field)

        self.settings_box = QGroupBox()
        self.settings_box.setObjectName("modelSettingsBox")
        self.form = ConfigForm(state, section_keys("model", exclude=("model.arch",)), filter_by_arch=True)
        self.form.setObjectName("modelForm")
        QVBoxLayout(self.settings_box).addWidget(self.form)

        self.estimate_box = QGroupBox()
        self.estimate_box.setObjectName("modelEstimateBox")
        self.param_label = QLabel()
        self.param_label.setObjectName("paramCountLabel")
        self.memory_label = QLabel()
        self.memory_label.setObjectName("memoryEstimateLabel")
        self.estimate_note = QLabel()
        self.estimate_note.setObjectName("estimateNoteLabel")
        for label in (self.param_label, self.memory_label, self.estimate_note):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.param_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.param_label.setFont(font)
        font = self.estimate_note.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.estimate_note.setFont(font)
        est = QVBoxLayout(self.estimate_box)
        est.addWidget(self.param_label)
        est.addWidget(self.memory_label)
        est.addSpacing(8)
        est.addWidget(self.estimate_note)

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.task_box)
        left_lay.addWidget(self.settings_box)
        left_lay.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("modelScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(left)
        self.recommend_box = QGroupBox(objectName="recommendBox")
        self.recommendation_label = QLabel(objectName="recommendationLabel", wordWrap=True)
        self.recommendation_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.apply_recommendation_button = QPushButton(objectName="applyRecommendationButton")
        self.apply_recommendation_button.clicked.connect(self.apply_recommendation)
        rec = QVBoxLayout(self.recommend_box)
        rec.addWidget(self.recommendation_label)
        rec.addWidget(self.apply_recommendation_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._recommendation = None
        right = QVBoxLayout()
        right.addWidget(self.recommend_box)
        right.addWidget(self.estimate_box)
        right.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addWidget(self.scroll, 3)
        lay.addLayout(right, 2)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.update_estimate)
        state.changed.connect(self._on_state_changed)
        self._estimate: dict | None = None  # the last result (or {"error": ...}), kept while recomputing
        self.facts = data_facts(state)  # the loaded data's vocabulary and classes, when the Data panel knows them
        self.facts.changed.connect(self._schedule_estimate)
        self.facts.changed.connect(self.show_recommendation)
        self.retranslate()
        self._sync_combos()
        self._schedule_estimate()

    # ----------------------------------------------------------------- texts
    def nav_title(self) -> str:
        return self.tr("Model")

    def arch_names(self) -> dict[str, str]:
        return {"textcnn": self.tr("TextCNN"), "rnn": self.tr("RNN"), "lstm": self.tr("LSTM"),
                "gru": self.tr("GRU"), "transformer": self.tr("Transformer encoder"),
                "gpt": self.tr("GPT (causal decoder)"), "lstm_lm": self.tr("LSTM language model"),
                "pretrained": self.tr("Pretrained model (fine-tune)")}

    def arch_descriptions(self) -> dict[str, str]:
        return {
            "textcnn": self.tr("TextCNN (Kim 2014): convolutions of several widths over word embeddings, "
                               "max-pooled into one vector. Fast and strong on short texts."),
            "rnn": self.tr("RNN: a plain recurrent network reading the text token by token; simple, but it "
                           "forgets long-range context."),
            "lstm": self.tr("LSTM: a recurrent network whose gated memory cells keep information over long "
                            "spans."),
            "gru": self.tr("GRU: a lighter gated recurrent network (two gates instead of the LSTM's three)."),
            "transformer": self.tr("Transformer encoder (pre-LN): self-attention layers with layer norm before "
                                   "each block, pooled into one vector."),
            "gpt": self.tr("GPT-style causal decoder: masked self-attention predicts each next token from the "
                           "ones before it."),
            "lstm_lm": self.tr("LSTM language model: a recurrent network that predicts the next token."),
            "pretrained": self.tr("Fine-tune a pretrained Hugging Face model: start from weights learned on a "
                                  "large corpus and adapt them to your data (full, frozen layers, or LoRA "
                                  "adapters). The model's own tokenizer is used."),
        }

    def pretrained_info(self, name: str) -> str:
        """Size, licence and tasks of a built-in pretrained model (a folder or hub id: what it is)."""
        from engine.pretrained_catalog import BUILTIN

        meta = BUILTIN.get(name)
        if meta is None:
            return self.tr("Local folder or hub id: '{0}'. It needs config.json, weights and a tokenizer; a hub id "
                           "needs internet.").format(name)
        tasks = ", ".join({"classification": self.tr("classification"), "generation": self.tr("generation")}[t]
                          for t in meta["tasks"])
        return self.tr("{0}\n{1:.1f}M parameters · licence {2} · tasks: {3}\n{4}").format(
            meta["title"], meta["parameters"] / 1e6, meta["licence"], tasks, meta["note"])

    def retranslate(self) -> None:
        self.task_box.setTitle(self.tr("Task and architecture"))
        self.settings_box.setTitle(self.tr("Architecture settings"))
        self.estimate_box.setTitle(self.tr("Size estimate"))
        self.task_label.setText(self.tr("Task:"))
        self.arch_label.setText(self.tr("Architecture:"))
        task_names = {"classification": self.tr("Classification (label each text)"),
                      "generation": self.tr("Generation (continue text)")}
        for i in range(self.task_combo.count()):
            self.task_combo.setItemText(i, task_names[self.task_combo.itemData(i)])
        names = self.arch_names()
        for i in range(self.arch_combo.count()):
            self.arch_combo.setItemText(i, names[self.arch_combo.itemData(i)])
        describe(self.task_combo, self.tr("Classification predicts a label per text; generation learns to "
                                          "continue text (a language model).\n[task]"), self.tr("Task"))
        describe(self.arch_combo, self.tr("The network to build from scratch; only architectures that can do "
                                          "the chosen task are listed.\n[model.arch]"), self.tr("Architecture"))
        describe(self.param_label, self.tr("Number of trainable weights of the model with these settings"),
                 self.tr("Parameter count"))
        describe(self.memory_label, self.tr("Rough memory one training step needs: weights, gradients, optimizer "
                                            "state and the activations kept for the backward pass"),
                 self.tr("Training memory estimate"))
        self.estimate_note.setText(self.tr(
            "The estimate ignores allocator slack, framework workspaces and the data batch, so the real peak is "
            "usually somewhat higher. Batch size, sequence length, optimizer and precision come from the Data "
            "and Hyperparameters panels."))
        self.form.retranslate()
        self._show_ignored()
        self._update_description()
        self._show_estimate()
        self.recommend_box.setTitle(self.tr("Recommended for this data"))
        self.apply_recommendation_button.setText(self.tr("Use these settings"))
        describe(self.apply_recommendation_button, self.tr(
            "Set the model and training settings to the recommended preset's; the dataset, its columns and splits "
            "stay"), self.tr("Use the recommended settings"))
        describe(self.recommendation_label, self.tr("A model for the loaded data, from this app's measurements"),
                 self.tr("Recommendation"))
        self.show_recommendation()

    def _show_ignored(self) -> None:
        """N-gram table means nothing without the n-gram bag: greyed out, its tooltip says why."""
        editor = self.form.editors.get("model.ngram_table")
        if editor is not None:
            off = int(self.ctx.state.get("model.ngram_buckets") or 0) <= 0
            editor.set_ignored(self.tr("Ignored while N-gram buckets is 0: the model has no n-gram bag. Set N-gram "
                                       "buckets (e.g. 1048576) to add one.") if off else "")

    # ----------------------------------------------------------------- task and architecture
    def _sync_combos(self) -> None:
        """Show the state's task and arch in the combos (the arch list depends on the task)."""
        task, arch = self.ctx.state.get("task"), self.ctx.state.get("model.arch")
        with QSignalBlocker(self.task_combo):
            self.task_combo.setCurrentIndex(max(0, self.task_combo.findData(task)))
        archs = archs_for(task)
        names = self.arch_names()
        with QSignalBlocker(self.arch_combo):
            if [self.arch_combo.itemData(i) for i in range(self.arch_combo.count())] != list(archs):
                self.arch_combo.clear()
                for a in archs:
                    self.arch_combo.addItem(names[a], a)
            self.arch_combo.setCurrentIndex(self.arch_combo.findData(arch))  # -1 when it does not fit the task
        self._update_description()

    def _update_description(self) -> None:
        arch = self.ctx.state.get("model.arch")
        text = self.arch_descriptions().get(arch, "")
        if arch == "pretrained":
            text += "\n\n" + self.pretrained_info(str(self.ctx.state.get("model.pretrained")))
        self.arch_description.setText(text)

    def _on_task_chosen(self, index: int) -> None:
        task = self.task_combo.itemData(index)
        if task:
            self.set_task(task)

    def set_task(self, task: str) -> None:
        switch_task(self.ctx.state, task)

    def _on_arch_chosen(self, index: int) -> None:
        arch = self.arch_combo.itemData(index)
        if arch:
            self.ctx.state.set("model.arch", arch)

    def _on_state_changed(self, key: str) -> None:
        if key in ("", "task", "model.arch"):
            self._sync_combos()
        elif key == "model.pretrained":
            self._update_description()
        if key in ("", "model.ngram_buckets"):
            self._show_ignored()
        if _affects_estimate(key):
            self._schedule_estimate()
        if key in ("", "task", "train.device", "data.language", "data.source"):
            self.show_recommendation()

    # ----------------------------------------------------------------- estimate
    def _blocking_problems(self) -> list[str]:
        return [f"{k} {why}" for k, why in self.ctx.state.problems.items() if _sizes_model(k)]

    def _schedule_estimate(self) -> None:
        """Debounce: many quick edits (spin box arrows) start one computation."""
        if self._blocking_problems():
            self.timer.stop()
            self.ctx.tasks.cancel(ESTIMATE_TASK)
            self._request += 1
            self._show_estimate()
            return
        self.timer.start()

    def _data_sizes(self, cfg: Config) -> tuple[int, int, bool]:
        """(vocabulary, classes, from the loaded data?): the Data panel's facts for this config's data settings,
        else the configured vocabulary limit and two classes."""
        facts = self.facts.current(cfg)
        if facts is None:
            return int(cfg.data.vocab_size), NUM_CLASSES, False
        return int(facts["vocab_size"]), max(2, int(facts["num_classes"])), True

    def update_estimate(self) -> None:
        """Start the worker that builds the model and sizes it (the newest request wins)."""
        self.timer.stop()
        if self._blocking_problems():
            self._show_estimate()
            return
        self._request += 1
        request = self._request
        cfg = copy.deepcopy(self.ctx.state.config)
        vocab, classes, known = self._data_sizes(cfg)
        facts = self.facts.current(cfg) or {}
        auto = is_auto(cfg, "model.ensemble")
        if auto:  # as training will resolve it: by the loaded training split (else 1), at most (training times one)
            cfg.model.ensemble = ensemble_members(cfg, facts.get("train_examples"))
        worker = self.ctx.tasks.run(
            ESTIMATE_TASK, lambda progress, should_stop: compute_estimate(cfg, vocab, classes),
            on_success=lambda result: self._on_estimate(request, {**result, "cfg": cfg, "vocab": vocab,
                                                                  "classes": classes, "known": known,
                                                                  "ensemble_auto": auto}),
            on_failure=lambda message, details: self._on_estimate_failed(request, message))
        quit_thread_when_done(worker)

    def _on_estimate(self, request: int, result: dict) -> None:
        if request == self._request:
            self._estimate = result
            self._show_estimate()

    def _on_estimate_failed(self, request: int, message: str) -> None:
        if request == self._request:
            self._estimate = {"error": message}
            self._show_estimate()

    # ----------------------------------------------------------------- recommendation
    def show_recommendation(self) -> None:
        """A preset for the loaded data's task, language and size, with the expected time and, for English
        classification, when fine-tuning MiniLM would do better (engine.recommend; cheap, no torch)."""
        from engine.recommend import duration_text, recommend

        cfg = self.ctx.state.config
        facts = self.facts.current(cfg) or {}
        language = facts.get("language") or (cfg.data.language if cfg.data.language in ("en", "zh") else "")
        device = "cuda" if str(cfg.train.device).startswith("cuda") else "cpu"
        r = self._recommendation = recommend(cfg.task, language, facts.get("train_examples"), device)
        reasons = {
            "wide-deep-movie-reviews": self.tr(
                "An LSTM over words whose vectors start from the built-in MiniLM's, plus a bag of word 1-3-grams "
                "(wide & deep): on movie-reviews 0.828 against 0.794 for TF-IDF + logistic regression (mean of 3 "
                "seeds), and 4.9 points above that baseline on three English review sets it was not tuned on "
                "(9 of 9 runs; several copies averaged on such small sets)."),
            "wide-deep-chinese-reviews": self.tr(
                "The default's model on characters (wide & deep): an LSTM over the first 32 characters plus a bag "
                "of character 1-3-grams (the features of the TF-IDF baseline for Chinese) over up to 256 (about 45 "
                "s on chinese-reviews' 13,891 training texts). MiniLM knows only a few hundred Chinese characters, "
                "so the gain is small: on chinese-reviews 0.864 against 0.854 for TF-IDF + logistic regression "
                "(mean of 3 seeds, each above), and 1.6 points above that baseline on its books, hotels and laptops "
                "reviews taken as three data sets (8 of 9 runs); compare it with the baseline every run reports."),
            "gpt-people-daily": self.tr("A small GPT over characters: Chinese needs no word splitting."),
            "lstm-lm-movie-reviews": self.tr("An LSTM language model over words: the quickest to learn English "
                                             "text on a CPU; the GPT keeps a longer context."),
        }
        lines = [self.tr("<b>{0}</b>: {1}").format(r.preset, reasons.get(r.preset, r.why))]
        if r.seconds is not None:
            lines.append(self.tr("Expected training time here: about {0} for {1:,} training examples (measured "
                                 "speeds of a 2-core CPU{2}).").format(
                duration_text(r.seconds), facts.get("train_examples", 0),
                self.tr("; a GPU is much faster") if device == "cpu" else self.tr(", scaled for a GPU")))
        else:
            lines.append(self.tr("Load the data on the Data panel for the expected training time."))
        if r.minilm:
            lines.append(self.tr("Fine-tuning the built-in MiniLM (preset minilm-movie-reviews, 3 epochs) does "
                                 "better on English text: 0.851 vs 0.778 for TF-IDF + logistic regression on "
                                 "movie-reviews{0}.").format(
                self.tr(", at about {0} here").format(duration_text(r.minilm_seconds))
                if r.minilm_seconds else ""))
        if r.caveat:
            from engine.recommend import zh_few_texts_caveat

            lines.append(zh_few_texts_caveat(facts.get("train_examples", 0), self.tr(
                "With {0:,} Chinese training texts expect about the baseline's accuracy, sometimes less: on 2,000-row "
                "samples the default (five copies averaged) scored {1} points against it on book reviews, {2} on "
                "laptop and {3} on hotel reviews and {4} on mixed ones (6 seeds each, 200 test texts: about ±3 points "
                "of noise); {5} on 5,000 mixed rows, {6} on 10,000. More texts help the network more than the "
                "baseline: the run's baseline line shows where yours stands.")))
        self.recommendation_label.setText("<br>".join(lines))

    def apply_recommendation(self) -> None:
        from engine.recommend import apply_to

        if self._recommendation is not None:
            self.ctx.state.replace(apply_to(self.ctx.state.config, self._recommendation))
            self.ctx.set_status(self.tr("Model and training settings of {0} applied; the data stays").format(
                self._recommendation.preset))

    def _estimate_texts(self, result: dict) -> tuple[str, str]:
        """(parameters, memory) of a result, worded in the current language (so a language switch re-words it)."""
        total, cfg, vocab = result["params"]["trainable"], result["cfg"], result["vocab"]
        mem, parts = result["memory"], result["parts"]
        if cfg.model.arch == "pretrained":
            whole = result["params"]["total"]
            params = self.tr("Trainable parameters: {0} ({1}) of {2} ({3}, {4:.2%})").format(
                f"{total:,}", _short(total), f"{whole:,}", _short(whole), total / max(1, whole))
        elif result["known"] and cfg.task == "classification":
            params = self.tr("Parameters: {0} ({1}), with the {2}-token vocabulary and {3} classes of the loaded "
                             "data").format(f"{total:,}", _short(total), f"{vocab:,}", result["classes"])
        elif result["known"]:
            params = self.tr("Parameters: {0} ({1}), with the {2}-token vocabulary of the loaded data").format(
                f"{total:,}", _short(total), f"{vocab:,}")
        elif cfg.task == "classification":
            params = self.tr("Parameters: {0} ({1}), assuming the full {2}-token vocabulary and {3} classes (load "
                             "the data on the Data panel for its real sizes)").format(
                f"{total:,}", _short(total), f"{vocab:,}", result["classes"])
        else:
            params = self.tr("Parameters: {0} ({1}), assuming the full {2}-token vocabulary (load the data on the "
                             "Data panel for its real size)").format(f"{total:,}", _short(total), f"{vocab:,}")
        if result.get("ngram_buckets"):  # many classes: the run builds a smaller n-gram table
            params += self.tr("; the n-gram bag gets {0} buckets, not {1}, so that its table of buckets × {2} "
                              "classes stays within {3} scores").format(
                f"{result['ngram_buckets']:,}", f"{cfg.model.ngram_buckets:,}", result["classes"],
                f"{NGRAM_MAX_CELLS:,}")
        copies = ensemble_members(cfg)
        if copies > 1 and result.get("ensemble_auto"):
            params += self.tr("; up to {0} ensemble copies (model.ensemble auto: fewer when they would not train in "
                              "{1} s on this machine, timed when the run starts) of {2} each").format(
                copies, f"{ENSEMBLE_SECONDS:.0f}", _short(total // copies))
        elif copies > 1:
            params += self.tr("; {0} ensemble copies (model.ensemble) of {1} each").format(
                copies, _short(total // copies))
        batch = (self.tr("auto (estimated at {0})").format(planned_batch_size(cfg))
                 if is_auto(cfg, "train.batch_size") else cfg.train.batch_size)
        memory = self.tr("Training memory ≈ {0} for a batch of {1} × {2} tokens ({3})\n"
                         "• weights {4}\n• gradients {5}\n• optimizer state {6}\n• activations {7}").format(
            mem["human"], batch, cfg.data.max_length, cfg.train.precision, parts["params"], parts["grads"],
            parts["optimizer"], parts["activations"])
        return params, memory

    def _show_estimate(self) -> None:
        problems = self._blocking_problems()
        if problems:
            self._set_param_text(self.tr("Cannot estimate the size: {0}").format("; ".join(problems)), True)
            self.memory_label.setText("")
            return
        result = self._estimate
        if result is not None and "error" in result:
            self._set_param_text(self.tr("Cannot build this model: {0}").format(result["error"]), True)
            self.memory_label.setText("")
            return
        params, memory = self._estimate_texts(result) if result is not None else ("", "")
        self._set_param_text(params or self.tr("Parameters: computing…"), False)
        self.memory_label.setText(memory or self.tr("Training memory: computing…"))

    def _set_param_text(self, text: str, is_error: bool) -> None:
        """Numbers in large bold; a reason in the plain red of the form errors."""
        font = self.param_label.font()
        font.setBold(not is_error)
        self.param_label.setFont(font)
        self.param_label.setStyleSheet(f"color: {status_colour()};" if is_error else "")
        self.param_label.setText(text)

    def shutdown(self) -> None:
        self.timer.stop()
        self.ctx.tasks.cancel(ESTIMATE_TASK)


def _short(n: int) -> str:
    """1.3 M: the units read the same in English and Chinese (SI prefixes, as in the CLI)."""
    for unit, size in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return str(n)

