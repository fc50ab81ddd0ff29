"""Shared test set-up: offline, headless, runs folder in tmp_path, tiny datasets written in code."""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import csv  # noqa: E402
from contextlib import contextmanager  # noqa: E402
import random  # noqa: E402

import pytest  # noqa: E402

POS = ["great", "wonderful", "superb", "delightful", "moving", "brilliant", "charming", "excellent"]
NEG = ["awful", "boring", "dull", "terrible", "clumsy", "tedious", "weak", "lifeless"]
FILL = ["the", "film", "movie", "story", "actors", "plot", "was", "is", "a", "and", "really", "quite", "with"]


@contextmanager
def in_language(code: str):
    """The app's translations switched to `code` (e.g. "zh_CN") inside the block, back to English after it."""
    from hellotorch_gui import i18n

    i18n.install(code)
    try:
        yield
    finally:
        i18n.install("en")


def load_script(relative: str):
    """A script of the repository that is not a package (bench/, tools/) imported as a module, for its tests."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_reviews(n: int = 240, seed: int = 0) -> list[tuple[str, str]]:
    """A learnable two-class toy corpus: sentiment words mixed into filler."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        label = "pos" if i % 2 == 0 else "neg"
        words = [rng.choice(FILL) for _ in range(rng.randint(4, 10))]
        for _ in range(2):
            words.insert(rng.randrange(len(words) + 1), rng.choice(POS if label == "pos" else NEG))
        rows.append((" ".join(words) + f" {i}", label))
    return rows


@pytest.fixture(autouse=True)
def _isolated_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("HELLOTORCH_RUNS", str(tmp_path / "runs"))
    yield


@pytest.fixture
def reviews_csv(tmp_path):
    path = tmp_path / "reviews.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows(make_reviews())
    return path


@pytest.fixture
def corpus_txt(tmp_path):
    path = tmp_path / "corpus.txt"
    rng = random.Random(1)
    lines = [" ".join(rng.choice(FILL + POS) for _ in range(rng.randint(6, 14))) for _ in range(300)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tiny_config(source, task: str = "classification", arch: str | None = None, **train):
    """A config small enough to train in a second or two."""
    from engine.config import Config

    cfg = Config()
    cfg.task = task
    cfg.data.source = str(source)
    cfg.data.max_length = 24
    cfg.model.arch = arch or ("textcnn" if task == "classification" else "gpt")
    cfg.model.embed_dim = 32
    cfg.model.hidden_dim = 32
    cfg.model.num_layers = 2
    cfg.model.num_heads = 2
    cfg.model.ffn_dim = 64
    cfg.model.num_filters = 16
    cfg.model.dropout = 0.1
    cfg.train.batch_size = 16
    cfg.train.epochs = 2
    cfg.train.lr = 3e-3
    cfg.train.log_every = 1
    cfg.train.warmup_steps = 0
    for k, v in train.items():
        setattr(cfg.train, k, v)
    return cfg


# ----------------------------------------------------------------------------- GUI fixtures
@pytest.fixture
def qsettings(tmp_path):
    """A QSettings in tmp_path (never the user's real settings)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, qsettings, tmp_path):
    """The whole main window with its runs folder in tmp_path; training and tasks stopped afterwards."""
    from hellotorch_gui import MainWindow

    w = MainWindow(settings=qsettings, runs_dir=str(tmp_path / "runs"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.trainer.stop("test teardown")
    w.trainer.wait(60_000)
    w.tasks.shutdown(30_000)


@pytest.fixture
def app_ctx(qtbot, qsettings, tmp_path):
    """An AppContext for testing one panel alone; errors shown are recorded in ctx.errors."""
    from engine import config as cfgmod
    from hellotorch_gui.bridge import TaskRunner, TrainingController
    from hellotorch_gui.panels.base import AppContext
    from hellotorch_gui.state import AppState

    state = AppState(cfgmod.Config())
    state.runs_dir = str(tmp_path / "runs")
    tasks, trainer = TaskRunner(), TrainingController()
    errors, visited, statuses = [], [], []
    ctx = AppContext(state, tasks, trainer, qsettings, lambda t, m, d="": errors.append((t, m, d)),
                     visited.append, statuses.append)
    ctx.errors, ctx.visited, ctx.statuses = errors, visited, statuses
    yield ctx
    trainer.stop("test teardown")
    assert trainer.wait(60_000), "a training thread outlived the test"
    assert tasks.shutdown(30_000), "a task thread outlived the test"


def settle(qtbot, ctx) -> None:
    """Wait until every task thread of the context (running or cancelled) has ended."""
    jobs = lambda: [*ctx.tasks._jobs.values(), *ctx.tasks._retired]  # noqa: E731
    qtbot.waitUntil(lambda: not any(job[0].isRunning() for job in jobs()), timeout=60_000)


def shown_panel(qtbot, ctx, cls, size=(1100, 750)):
    """Build and show one panel; after the test shut it down and let its task threads end (yield from it)."""
    panel = cls(ctx)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    yield panel
    panel.shutdown()
    settle(qtbot, ctx)


@pytest.fixture(autouse=True)
def _no_dangling_qthreads(request):
    """Fail any GUI test that leaves a QThread running."""
    yield
    if "qtbot" not in request.fixturenames:
        return
    import gc

    from PySide6.QtCore import QThread

    gc.collect()
    running = [o for o in gc.get_objects() if issubclass(type(o), QThread) and _safe_running(o)]
    assert not running, f"QThreads still running after the test: {[t.objectName() for t in running]}"


def _safe_running(thread) -> bool:
    try:
        return thread.isRunning() and thread.objectName() != ""
    except RuntimeError:  # the C++ object is already gone
        return False
