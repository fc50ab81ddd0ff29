"""The training loop end to end on tiny models: every arch, resume, pause/stop, failures, run files."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import torch
from conftest import tiny_config

from engine.config import CLASSIFICATION_ARCHS, GENERATION_ARCHS, SCRATCH_ARCHS
from engine.errors import CheckpointError, TrainingError
from engine.io import read_jsonl
from engine.training import Callback, TrainerControl, train


@pytest.mark.parametrize("arch", [a for a in CLASSIFICATION_ARCHS if a in SCRATCH_ARCHS])
def test_every_classifier_trains_end_to_end(arch, reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, arch=arch, epochs=8)
    res = train(cfg, runs_dir=tmp_path / "runs")
    assert res.status == "finished"
    rows = read_jsonl(f"{res.run_dir}/metrics.jsonl")
    train_losses = [r["loss"] for r in rows if r["split"] == "train"]
    assert train_losses[-1] < train_losses[0]
    assert res.test["accuracy"] > 0.6  # two balanced classes: chance is 0.5


@pytest.mark.parametrize("arch", [a for a in GENERATION_ARCHS if a in SCRATCH_ARCHS])
def test_every_language_model_trains_end_to_end(arch, corpus_txt, tmp_path):
    cfg = tiny_config(corpus_txt, task="generation", arch=arch, max_steps=40, eval_every=20)
    cfg.data.tokenizer = "word"
    res = train(cfg, runs_dir=tmp_path / "runs")
    rows = read_jsonl(f"{res.run_dir}/metrics.jsonl")
    val = [r for r in rows if r["split"] == "val"]
    assert val[-1]["loss"] < val[0]["loss"] + 1e-6 or val[-1]["loss"] < 3.5
    assert res.test["perplexity"] < cfg.data.vocab_size
    assert "rouge_l" in res.test and "chrf" in res.test


def test_run_folder_contract(reviews_csv, tmp_path):
    res = train(tiny_config(reviews_csv, epochs=1), runs_dir=tmp_path / "runs")
    run = tmp_path / "runs" / res.run_dir.split("/")[-1]
    for name in ("config.yaml", "metrics.jsonl", "summary.json", "status.json", "train.log", "tokenizer.json",
                 "labels.json", "checkpoints/last/model.safetensors", "checkpoints/best/model.safetensors"):
        assert (run / name).exists(), name
    rows = read_jsonl(run / "metrics.jsonl")
    assert {"train", "val", "test"} <= {r["split"] for r in rows}
    for r in rows:
        assert {"step", "epoch", "split", "loss", "lr", "samples_per_s"} <= set(r)
    summary = json.loads((run / "summary.json").read_text())
    assert summary["status"] == "finished" and summary["parameters"]["total"] > 0
    assert summary["duration_s"] > 0 and summary["environment"]["torch"] == torch.__version__
    assert json.loads((run / "status.json").read_text())["status"] == "finished"
    assert not list(run.rglob("*.tmp")), "a temporary file was left behind"


class StopAt(Callback):
    def __init__(self, step: int) -> None:
        self.step = step

    def on_step_end(self, state, control):
        if state.step == self.step:
            control.request_stop()


def _train_losses(run_dir) -> dict[int, float]:
    return {r["step"]: r["loss"] for r in read_jsonl(f"{run_dir}/metrics.jsonl") if r["split"] == "train"}


@pytest.mark.parametrize("arch", ["transformer", "gpt", "ensemble"])
def test_resume_reproduces_the_uninterrupted_losses(arch, reviews_csv, corpus_txt, tmp_path):
    if arch == "gpt":
        cfg = tiny_config(corpus_txt, task="generation", arch="gpt", max_steps=24, eval_every=8)
    elif arch == "ensemble":  # model.ensemble auto, resolved when the run began, resumes with that many members
        from engine import config as cfgmod

        cfg = tiny_config(reviews_csv, arch="gru", max_steps=24, eval_every=8, max_norm=3.0)
        cfg.model.ensemble, cfg.model.ngram_buckets = cfgmod.AUTO, 1024
    else:
        cfg = tiny_config(reviews_csv, arch=arch, max_steps=24, eval_every=8)
        cfg.data.aug_delete_prob = 0.1  # augmentation must resume identically too
    full = train(cfg, runs_dir=tmp_path / "a")
    part = train(cfg, callbacks=[StopAt(13)], runs_dir=tmp_path / "b")
    assert part.status == "stopped" and part.summary["steps"] == 13
    resumed = train(cfg, resume=part.run_dir)
    assert resumed.status == "finished"
    if arch == "ensemble":
        saved = cfgmod.from_dict(cfgmod.load_yaml(f"{resumed.run_dir}/config.yaml"))
        assert saved.model.ensemble == cfgmod.ENSEMBLE_MAX_AUTO
    a, b = _train_losses(full.run_dir), _train_losses(resumed.run_dir)
    assert sorted(a) == sorted(b)
    for step in range(14, 25):
        assert b[step] == pytest.approx(a[step], rel=0, abs=1e-6), step


def test_a_resumed_run_logs_the_train_row_its_stop_cut_in_half_as_the_uninterrupted_run_does(reviews_csv, tmp_path):
    """Train rows average the loss of log_every steps; a stop between two rows saves the half-filled window in the
    checkpoint, so the first row after the resume averages the same steps (before, it averaged only those after it)."""
    cfg = tiny_config(reviews_csv, arch="transformer", max_steps=24, eval_every=8)
    cfg.train.log_every = 5
    full = train(cfg, runs_dir=tmp_path / "a")
    part = train(cfg, callbacks=[StopAt(13)], runs_dir=tmp_path / "b")  # rows at 5 and 10; 11-13 are in the window
    assert part.status == "stopped"
    assert sorted(_train_losses(part.run_dir)) == [5, 10]
    resumed = train(cfg, resume=part.run_dir)
    a, b = _train_losses(full.run_dir), _train_losses(resumed.run_dir)
    assert sorted(a) == sorted(b) == [5, 10, 15, 20, 24]
    assert b[15] == pytest.approx(a[15], rel=0, abs=1e-6)
    assert b[20] == pytest.approx(a[20], rel=0, abs=1e-6) and b[24] == pytest.approx(a[24], rel=0, abs=1e-6)


def test_ensemble_auto_over_the_time_budget_trains_one_model_exactly_as_one_set_by_hand(reviews_csv, tmp_path,
                                                                                        monkeypatch):
    """One copy is timed on this machine before the run; when the copies the text rule gives would not fit
    ENSEMBLE_SECONDS, fewer train, the run says why, config.yaml and summary.json record it, and the timing leaves
    no trace: the run is the very run of model.ensemble 1."""
    from engine import config as cfgmod

    said: list[str] = []

    class Said(Callback):
        def on_status(self, state, control, message):
            said.append(message)

    cfg = tiny_config(reviews_csv, arch="gru", max_steps=10, eval_every=5)
    cfg.model.ngram_buckets = 1024
    cfg.model.ensemble = cfgmod.AUTO
    monkeypatch.setattr(cfgmod, "ENSEMBLE_SECONDS", 1e-9)  # any copy takes longer than this
    auto = train(cfg, [Said()], runs_dir=tmp_path / "auto")
    saved = cfgmod.from_dict(cfgmod.load_yaml(f"{auto.run_dir}/config.yaml"))
    assert saved.model.ensemble == 1
    chose = auto.summary["ensemble_auto"]
    assert chose["copies"] == 1 and chose["by_texts"] == cfgmod.ENSEMBLE_MAX_AUTO
    assert chose["seconds_per_copy"] > 0
    assert any("one model instead of the 5 copies" in m and "set model.ensemble to a number" in m for m in said)
    cfg.model.ensemble = 1
    by_hand = train(cfg, runs_dir=tmp_path / "hand")
    assert "ensemble_auto" not in by_hand.summary
    assert _train_losses(auto.run_dir) == _train_losses(by_hand.run_dir)
    assert auto.test["accuracy"] == by_hand.test["accuracy"]


def test_epochs_auto_takes_fewer_passes_over_more_texts_and_the_run_records_them(reviews_csv, tmp_path,
                                                                                 monkeypatch):
    """train.epochs auto: round(EPOCHS_TEXT_BUDGET / training texts) passes, between 1 and EPOCHS_MAX_AUTO; the run
    says so, trains exactly that many epochs (the very run of the number set by hand) and config.yaml keeps the
    number, so a resume or a re-run trains the same."""
    from engine import config as cfgmod

    cfg = cfgmod.load_preset("default")
    assert cfgmod.is_auto(cfg, "train.epochs")
    assert [cfgmod.planned_epochs(cfg, n) for n in (None, 1600, 8531, 9333, 11_200, 13_891, 15_956, 20_000,
                                                    60_000, 500_000)] == [6, 6, 6, 6, 5, 4, 4, 3, 1, 1]
    cfg.train.epochs = 3
    assert cfgmod.planned_epochs(cfg, 500_000) == 3  # a number set by hand stands
    said: list[str] = []

    class Said(Callback):
        def on_status(self, state, control, message):
            said.append(message)

    cfg = tiny_config(reviews_csv, arch="gru", eval_every=0)
    cfg.model.ngram_buckets = 1024
    cfg.train.epochs = cfgmod.AUTO
    monkeypatch.setattr(cfgmod, "EPOCHS_TEXT_BUDGET", 2 * len(cfg_train_texts(cfg)))  # two passes here
    auto = train(cfg, [Said()], runs_dir=tmp_path / "auto")
    saved = cfgmod.from_dict(cfgmod.load_yaml(f"{auto.run_dir}/config.yaml"))
    assert saved.train.epochs == 2 and "epochs: 2" in Path(auto.run_dir, "config.yaml").read_text()
    assert any(m.startswith("train.epochs auto: 2 passes over ") for m in said)
    cfg.train.epochs = 2
    by_hand = train(cfg, runs_dir=tmp_path / "hand")
    assert auto.summary["total_steps"] == by_hand.summary["total_steps"] > 0
    assert _train_losses(auto.run_dir) == _train_losses(by_hand.run_dir)


def cfg_train_texts(cfg) -> list:
    from engine.data.pipeline import prepare_data

    return prepare_data(cfg).ids["train"]


def test_pause_and_resume_from_another_thread(reviews_csv, tmp_path):
    control = TrainerControl()
    paused = threading.Event()

    class PauseAt(Callback):
        def on_step_end(self, state, control):
            if state.step == 3:
                control.request_pause()

        def on_pause(self, state, control):
            paused.set()

    result = {}
    t = threading.Thread(target=lambda: result.update(r=train(tiny_config(reviews_csv, max_steps=8), [PauseAt()],
                                                              control, runs_dir=tmp_path / "runs")))
    t.start()
    assert paused.wait(60)
    run_dir = next((tmp_path / "runs").iterdir())
    assert json.loads((run_dir / "status.json").read_text())["status"] == "paused"
    assert (run_dir / "checkpoints" / "last" / "model.safetensors").exists()  # a pause is saved
    control.request_resume()
    t.join(60)
    assert result["r"].status == "finished" and result["r"].summary["steps"] == 8


def test_stop_while_paused_stops(reviews_csv, tmp_path):
    control = TrainerControl()

    class PauseThenStop(Callback):
        def on_step_end(self, state, control):
            if state.step == 2:
                control.request_pause()

        def on_pause(self, state, control):
            threading.Timer(0.05, control.request_stop).start()

    res = train(tiny_config(reviews_csv, max_steps=50), [PauseThenStop()], control, runs_dir=tmp_path / "r")
    assert res.status == "stopped" and res.summary["steps"] == 2


def test_nan_loss_stops_with_an_explanation(reviews_csv, tmp_path, monkeypatch):
    import engine.training.loop as loop

    real = loop.compute_loss
    calls = {"n": 0}

    def poisoned(task, logits, target, label_smoothing=0.0):
        calls["n"] += 1
        loss = real(task, logits, target, label_smoothing)
        return loss * float("nan") if calls["n"] >= 3 else loss

    monkeypatch.setattr(loop, "compute_loss", poisoned)
    with pytest.raises(TrainingError, match="diverged.*train.lr"):
        train(tiny_config(reviews_csv, max_steps=10), runs_dir=tmp_path / "runs")
    run_dir = next((tmp_path / "runs").iterdir())
    status = json.loads((run_dir / "status.json").read_text())
    assert status["status"] == "failed" and "diverged" in status["error"]


def test_out_of_memory_is_explained(reviews_csv, tmp_path, monkeypatch):
    import engine.training.loop as loop

    def oom(*a, **k):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(loop, "compute_loss", oom)
    with pytest.raises(TrainingError, match="(?s)Out of memory.*batch_size.*bf16.*max_length"):
        train(tiny_config(reviews_csv, max_steps=5), runs_dir=tmp_path / "runs")


def test_early_stopping(reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, epochs=30, early_stopping=2, eval_every=2, lr=1e-6)
    res = train(cfg, runs_dir=tmp_path / "runs")
    assert res.status == "finished" and "early stopping" in res.summary["stop_reason"]
    assert res.summary["steps"] < res.summary["total_steps"]


def test_resume_with_another_config_is_refused(reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, max_steps=4)
    res = train(cfg, runs_dir=tmp_path / "runs")
    other = tiny_config(reviews_csv, max_steps=8)
    other.model.embed_dim = 64
    with pytest.raises(CheckpointError, match="another config.*model.embed_dim"):
        train(other, resume=res.run_dir)


def test_truncated_checkpoint_is_reported(reviews_csv, tmp_path):
    from engine.inference import load_run

    res = train(tiny_config(reviews_csv, max_steps=4), runs_dir=tmp_path / "runs")
    weights = tmp_path / "runs" / res.run_dir.split("/")[-1] / "checkpoints" / "best" / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="truncated"):
        load_run(res.run_dir)
    status = Path(res.run_dir) / "status.json"
    before = json.loads(status.read_text())
    with pytest.raises(CheckpointError):
        state = weights.parent.parent / "last" / "state.pt"
        state.write_bytes(state.read_bytes()[:100])
        train(tiny_config(reviews_csv, max_steps=8), resume=res.run_dir)
    assert json.loads(status.read_text()) == before  # a resume that cannot start leaves the run as it was
    assert "Could not resume" in (Path(res.run_dir) / "train.log").read_text()


def test_resuming_a_finished_run_logs_no_second_row_for_its_last_step(reviews_csv, tmp_path):
    res = train(tiny_config(reviews_csv, max_steps=6), runs_dir=tmp_path / "runs")
    rows = lambda: [json.loads(line) for line in (Path(res.run_dir) / "metrics.jsonl").read_text().splitlines()]  # noqa: E731
    before = [r for r in rows() if r.get("split") != "test"]
    again = train(tiny_config(reviews_csv, max_steps=6), resume=res.run_dir)
    assert [r for r in rows() if r.get("split") != "test"] == before
    assert [r["split"] for r in rows()].count("test") == 1 and again.test["accuracy"] == res.test["accuracy"]


def test_continue_a_finished_run_for_more_steps(reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, max_steps=6)
    res = train(cfg, runs_dir=tmp_path / "runs")
    cfg.train.max_steps = 10
    more = train(cfg, resume=res.run_dir)
    assert more.summary["steps"] == 10
    steps = [r["step"] for r in read_jsonl(f"{res.run_dir}/metrics.jsonl") if r["split"] == "train"]
    assert steps == sorted(steps) and steps[-1] == 10


def test_seeded_runs_are_reproducible(reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, max_steps=10)
    a = train(cfg, runs_dir=tmp_path / "a")
    b = train(cfg, runs_dir=tmp_path / "b")
    assert _train_losses(a.run_dir) == _train_losses(b.run_dir)


@pytest.mark.parametrize("optimizer,scheduler", [("sgd", "step"), ("adam", "exponential"), ("adamw", "cosine"),
                                                 ("sgd", "constant")])
def test_optimizers_schedules_and_options(optimizer, scheduler, reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, max_steps=6, optimizer=optimizer, scheduler=scheduler, warmup_steps=2,
                      nesterov=True, l1_lambda=1e-5, grad_accum=2, precision="bf16", step_size=2, gamma=0.9)
    res = train(cfg, runs_dir=tmp_path / "runs")
    lrs = [r["lr"] for r in read_jsonl(f"{res.run_dir}/metrics.jsonl") if r["split"] == "train"]
    assert res.status == "finished" and len(lrs) == 6 and lrs[0] > 0


def test_fp16_on_cpu_is_refused(reviews_csv, tmp_path):
    from engine.errors import ConfigError

    with pytest.raises(ConfigError, match="fp16.*CUDA"):
        train(tiny_config(reviews_csv, max_steps=2, precision="fp16", device="cpu"), runs_dir=tmp_path / "r")


def test_lr_schedules_shape():
    from engine.config import TrainConfig
    from engine.training.optim import lr_curve

    t = TrainConfig(lr=1.0, warmup_steps=10, scheduler="linear")
    curve = lr_curve(t, 110)
    assert curve[9] == pytest.approx(1.0) and curve[0] == pytest.approx(0.1) and curve[-1] < 0.02
    t.scheduler = "cosine"
    cos = lr_curve(t, 110)
    assert cos[60] == pytest.approx(0.5, abs=0.02)
    t.scheduler, t.gamma, t.step_size = "step", 0.5, 20
    assert lr_curve(t, 60)[45] == pytest.approx(0.25)


def test_tensorboard_callback_writes_events(reviews_csv, tmp_path):
    pytest.importorskip("tensorboard")
    res = train(tiny_config(reviews_csv, max_steps=4, tensorboard=True), runs_dir=tmp_path / "runs")
    events = list((tmp_path / "runs").rglob("events.out.tfevents.*"))
    assert res.status == "finished" and events and events[0].stat().st_size > 0
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    acc = EventAccumulator(str(events[0].parent))
    acc.Reload()
    tags = acc.Tags()["scalars"]
    assert "train/loss" in tags and not [t for t in tags if t.endswith("/time")]  # time is the event's own
    rows = {r["step"]: r["time"] for r in read_jsonl(f"{res.run_dir}/metrics.jsonl") if r["split"] == "train"}
    for event in acc.Scalars("train/loss"):  # wall time to the microsecond, not a float32 rounded to 128 s
        assert event.wall_time == pytest.approx(rows[event.step], abs=1e-3)


@pytest.mark.slow
def test_torch_compile_run_matches_eager_losses(reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, arch="transformer", max_steps=4)
    cfg.model.dropout = 0.0  # inductor draws dropout masks from its own RNG
    eager = train(cfg, runs_dir=tmp_path / "a")
    cfg.train.compile = True
    compiled = train(cfg, runs_dir=tmp_path / "b")
    a, b = _train_losses(eager.run_dir), _train_losses(compiled.run_dir)
    for step in a:
        assert b[step] == pytest.approx(a[step], abs=1e-4)


def test_long_lived_objects_are_frozen_only_during_the_run(reviews_csv, tmp_path):
    """Full GC scans of the run's data and model would stall the GIL for 100+ ms every few hundred steps."""
    import gc

    seen: list[int] = []

    class Spy(Callback):
        def on_step_end(self, state, control):
            seen.append(gc.get_freeze_count())

    before = gc.get_freeze_count()
    train(tiny_config(reviews_csv, max_steps=3), callbacks=[Spy()], runs_dir=tmp_path)
    assert seen and min(seen) > before
    assert gc.get_freeze_count() == before


def test_length_grouped_batches_cover_every_example_with_less_padding():
    import random

    from engine.training.batches import epoch_batches

    rng = random.Random(0)
    lengths = [rng.randint(1, 200) for _ in range(1000)]

    def padding(batches):
        return sum(max(lengths[i] for i in b) * len(b) - sum(lengths[i] for i in b) for b in batches)

    plain = epoch_batches(lengths, 16, seed=3, epoch=0)
    grouped = epoch_batches(lengths, 16, seed=3, epoch=0, group_by_length=True)
    assert sorted(i for b in grouped for i in b) == list(range(1000))
    assert len(grouped) == len(plain) and sorted(map(len, grouped)) == sorted(map(len, plain))
    assert padding(grouped) < 0.2 * padding(plain)
    assert grouped == epoch_batches(lengths, 16, seed=3, epoch=0, group_by_length=True)  # seeded: resumable
    assert grouped != epoch_batches(lengths, 16, seed=3, epoch=1, group_by_length=True)


def test_group_by_length_run_resumes_like_an_uninterrupted_one(reviews_csv, tmp_path):
    cfg = tiny_config(reviews_csv, max_steps=16)
    cfg.train.group_by_length = True
    cfg.train.batch_size = 4
    full = train(cfg, runs_dir=tmp_path / "a")
    part = train(cfg, callbacks=[StopAt(7)], runs_dir=tmp_path / "b")
    resumed = train(cfg, resume=part.run_dir)
    a, b = _train_losses(full.run_dir), _train_losses(resumed.run_dir)
    assert resumed.status == "finished" and sorted(a) == sorted(b)
    for step in range(8, 17):
        assert b[step] == pytest.approx(a[step], rel=0, abs=1e-6), step


def test_label_smoothing_applies_to_the_training_loss_only(reviews_csv, tmp_path):
    import torch
    import torch.nn.functional as F

    from engine import config as cfgmod
    from engine.errors import ConfigError
    from engine.io import read_jsonl
    from engine.training.batches import compute_loss

    logits, y = torch.randn(6, 3), torch.tensor([0, 1, 2, 0, 1, 2])
    uniform = -F.log_softmax(logits, -1).mean()
    assert compute_loss("classification", logits, y, 0.2) == pytest.approx(
        float(0.8 * F.cross_entropy(logits, y) + 0.2 * uniform), rel=1e-5)
    rows = {}
    for ls in (0.0, 0.3):
        cfg = tiny_config(reviews_csv, max_steps=1, eval_every=1)
        cfg.train.log_every, cfg.train.label_smoothing = 1, ls
        run = train(cfg, runs_dir=tmp_path / f"r{ls}")
        rows[ls] = {r["split"]: r["loss"] for r in read_jsonl(f"{run.run_dir}/metrics.jsonl")}
    assert rows[0.0]["train"] != pytest.approx(rows[0.3]["train"], rel=1e-3)  # same first batch, other loss
    with pytest.raises(ConfigError, match="label_smoothing"):
        cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), ["train.label_smoothing=0.6"]))


def test_a_wide_and_deep_run_fits_its_ngram_weights_on_the_training_split(reviews_csv, tmp_path):
    from safetensors.torch import load_file

    cfg = tiny_config(reviews_csv, arch="gru", max_steps=4)
    cfg.model.ngram_buckets = 4096
    messages = []

    class Status(Callback):
        def on_status(self, state, control, message):  # noqa: ARG002
            messages.append(message)

    res = train(cfg, callbacks=[Status()], runs_dir=tmp_path)
    weight = load_file(f"{res.run_dir}/checkpoints/last/model.safetensors")["ngram.weight"]
    assert (weight == 0).any() and (weight > 0).any()  # unseen buckets weigh 0, seen ones their TF-IDF x NB
    assert not torch.equal(weight, torch.ones_like(weight))
    assert any("N-gram bag: weights of" in m for m in messages)


def test_each_ensemble_copy_learns_exactly_as_if_trained_alone(reviews_csv, tmp_path):
    """model.ensemble: the copies share one optimizer and one loss, but each gets its own loss's gradient, its own
    clipping, max-norm and L1; without dropout (the only shared randomness) copy 0 ends bit for bit where the
    single model of the same seed does."""
    from engine.inference import load_run

    def trained(copies: int):
        cfg = tiny_config(reviews_csv, arch="gru", max_steps=12, eval_every=6, grad_clip=0.5, max_norm=2.0,
                          l1_lambda=1e-5)
        cfg.model.dropout, cfg.model.ngram_buckets, cfg.model.ensemble = 0.0, 1024, copies
        return load_run(train(cfg, runs_dir=tmp_path / str(copies)).run_dir, "last").model

    single, ensemble = trained(1), trained(3)
    assert len(ensemble.members) == 3
    first = ensemble.members[0].state_dict()
    for name, value in single.state_dict().items():
        assert torch.equal(value, first[name]), name
    assert not torch.equal(ensemble.members[1].rnn.weight_hh_l0, first["rnn.weight_hh_l0"])


def test_an_aborted_run_with_a_checkpoint_is_stopped_and_resumable_not_failed(reviews_csv, tmp_path):
    """A second Ctrl-C (KeyboardInterrupt inside the loop) after a checkpoint: status 'stopped' at that
    checkpoint's step, no traceback in the log, and --resume finishes the run."""
    class AbortAt(Callback):
        def on_step_end(self, state, control):
            if state.step == 5:
                raise KeyboardInterrupt

    cfg = tiny_config(reviews_csv, max_steps=8, eval_every=2)
    runs = tmp_path / "runs"
    with pytest.raises(KeyboardInterrupt):
        train(cfg, callbacks=[AbortAt()], runs_dir=runs)
    run_dir = next(runs.iterdir())
    status = json.loads((run_dir / "status.json").read_text())
    assert status["status"] == "stopped" and status["step"] == 4, status
    assert "--resume continues from the checkpoint of step 4" in status["stop_reason"]
    assert "Traceback" not in (run_dir / "train.log").read_text()
    done = train(tiny_config(reviews_csv, max_steps=8, eval_every=2), resume=run_dir)
    assert done.summary["steps"] == 8 and done.summary["status"] == "finished"
