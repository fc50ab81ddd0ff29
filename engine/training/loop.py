"""The training loop: `result = train(config, callbacks=[...], control=...)`."""
from __future__ import annotations

import contextlib
import copy
import gc
import json
import math
import os
import platform
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import torch

from engine import config as cfgmod
from engine.config import Config
from engine.errors import CheckpointError, ConfigError, HelloTorchError, TrainingError
from engine.io import append_jsonl, atomic_write_bytes, atomic_write_json, atomic_write_text, read_jsonl
from engine.runs import METRICS_FILE, SUMMARY_FILE, check_run_dir, new_run_dir, read_json, write_status
from engine.training import checkpoint as ckpt
from engine.training.batches import Batcher, batch_rng, compute_loss, epoch_batch_tensors, make_batch, pinned
from engine.training.callbacks import (Callback, CallbackList, EarlyStoppingCallback, TensorBoardCallback,
                                       TrainerControl, TrainerState)
from engine.training.distributed import Dist
from engine.training.evaluation import evaluate_split
from engine.training.optim import (apply_max_norm, build_optimizer, build_scheduler, clip_gradients,
                                   training_objective)

# Keys that may change when a run is resumed or continued; everything else must match the checkpoint.
STATUS_EVERY_S = 1.0  # status.json carries the step at most this often while running
GRAPH_WIDTH_MULTIPLE = 16  # batch widths are rounded up to this when CUDA graphs replay the model
RESUMABLE_KEYS = {"name", "train.epochs", "train.max_steps", "train.eval_every", "train.log_every",
                  "train.early_stopping", "train.device", "train.num_threads", "train.tensorboard",
                  "train.compile", "train.sample_prompts", "train.sample_max_new_tokens", "train.precision",
                  "train.baseline"}


@dataclass
class RunResult:
    """What `train` returns: the folder, how it ended and its summary."""

    run_dir: str
    status: str  # finished | stopped | failed
    summary: dict = field(default_factory=dict)

    @property
    def test(self) -> dict:
        return self.summary.get("test", {})


def config_differences(a: Config, b: Config, ignore: set[str] = RESUMABLE_KEYS) -> list[tuple[str, object, object]]:
    """(key, value in a, value in b) for every key that differs, ignoring `ignore`."""
    out = []
    for key in cfgmod.field_specs():
        if key in ignore:
            continue
        va, vb = cfgmod.get_value(a, key), cfgmod.get_value(b, key)
        if va != vb:
            out.append((key, va, vb))
    return out


def autocast_dtype(precision: str, device: torch.device) -> torch.dtype | None:
    if precision == "fp32":
        return None
    from engine.precision import precisions_for

    if precision not in precisions_for(device.type):  # fp16 autocast: CUDA only
        raise ConfigError("train.precision 'fp16' needs a CUDA GPU (this run is on "
                          f"{device.type}). Use bf16 or fp32 on CPU.")
    return torch.bfloat16 if precision == "bf16" else torch.float16


def absolute_source(source: str) -> str:
    """data.source as the run records it: a local file or folder given relative to the current folder as its
    absolute path (a run evaluated, resumed or exported from elsewhere must read the same data); built-in and
    hub names, and absolute paths, as they are."""
    from engine.data import builtin

    if not source or builtin.is_builtin(source):
        return source
    path = Path(source).expanduser()
    return str(path.resolve()) if path.exists() and not Path(source).is_absolute() else source


def _refuse_changed_data(run_dir: Path, data) -> None:  # noqa: ANN001
    """A resume trains on the split drawn again from data.source. Refuse it (before anything is written) when that
    split is not the one the run began with: the checkpoint's vocabulary and class order were built from the data as
    it was, and the run's tokenizer.json and labels.json, rewritten, would pair them with other tokens and classes
    (a renamed class could flip every prediction). data_report.json keeps each split's size and hash."""
    report = read_json(run_dir / "data_report.json")
    try:
        labels = json.loads((run_dir / "labels.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        labels = None
    change = data.changes_since(report) or {"same_sizes": True, "same_texts": True}
    why = ""
    if isinstance(labels, list) and labels and labels != list(data.label_names):
        show = lambda names: ", ".join(map(str, names[:8])) + (" ..." if len(names) > 8 else "")  # noqa: E731
        why = f"its classes were {show(labels)}; they are {show(list(data.label_names))} now"
    elif not change["same_sizes"]:
        why = f"{change['then']:,} usable rows then, {change['now']:,} now"
        if change["then"] == change["now"]:
            why += " (the same number, split otherwise: data.max_length or the cleaning settings changed?)"
    elif not change["same_texts"]:
        why = "as many rows, but other texts or labels: rows were edited or reordered"
    if why:
        raise CheckpointError(
            f"Cannot resume '{run_dir}': its data '{data.source}' has changed since the run began ({why}). The "
            f"checkpoint's vocabulary and classes come from the data as it was, so training on would pair them with "
            f"other words and labels. Put the file back as it was to resume, or train a new run on the data as it is "
            f"now (hellotorch train {Path(run_dir) / 'config.yaml'}). The run is left as it was.")


def _refuse_live_run(run_dir: Path) -> None:
    """Two processes must never write one run folder: resuming a run that another process still trains is
    refused."""
    from engine.runs import STATUS_FILE, _pid_alive, read_json, run_status

    pid = read_json(run_dir / STATUS_FILE).get("pid")
    if run_status(run_dir) in ("running", "starting", "paused") and isinstance(pid, int) and pid != os.getpid() \
            and _pid_alive(pid):
        raise CheckpointError(f"Run '{run_dir}' is still training (process {pid}). Stop it first (Ctrl-C in its "
                              f"terminal or Stop in the window; it saves a checkpoint), then resume it.")


def train(config: Config, callbacks: list[Callback] | None = None, control: TrainerControl | None = None,
          runs_dir: str | os.PathLike | None = None, resume: str | os.PathLike | None = None,
          run_dir: str | os.PathLike | None = None) -> RunResult:
    """Train one model end to end; observers see it through callbacks, steer it through `control`."""
    return _Trainer(config, callbacks or [], control or TrainerControl(), runs_dir, resume, run_dir).run()


@contextlib.contextmanager
def _gc_frozen():
    """Keep what lives for the whole run (tokenized data, model, optimizer) out of the cyclic GC's scans.

    Without this, every few hundred steps a full collection walks ~0.5M long-lived objects and holds the
    GIL for 100-300 ms: a visible stall in the window and lost throughput everywhere. `gc.freeze` moves
    today's objects to the permanent generation; `gc.unfreeze` hands them back when the run ends.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Trainer:
    def __init__(self, config, callbacks, control, runs_dir, resume, run_dir):
        self.cfg: Config = cfgmod.check(copy.deepcopy(config))
        self.control = control
        self.user_callbacks = list(callbacks)
        self.runs_dir, self.resume_dir, self.fixed_run_dir = runs_dir, resume, run_dir
        self._status_before: dict | None = None  # a resumed run's status.json, put back if the resume cannot start
        self._config_before: bytes | None = None  # and its config.yaml
        self.state = TrainerState(task=self.cfg.task)
        self.dist = Dist.from_env()
        self.main = self.dist.main  # only rank 0 writes the run folder and talks to callbacks

    # ----------------------------------------------------------------- set-up
    def _resolve_auto_epochs(self) -> None:
        """train.epochs auto: the passes over the training split's size (config.planned_epochs)."""
        cfg, n = self.cfg, len(self.data.ids["train"])
        cfg.train.epochs = cfgmod.planned_epochs(cfg, n)
        if cfg.train.max_steps <= 0:
            self._status(f"train.epochs auto: {cfg.train.epochs} passes over {n:,} training texts (as many as see "
                         f"about {cfgmod.EPOCHS_TEXT_BUDGET:,} texts, at most {cfgmod.EPOCHS_MAX_AUTO}; set a number "
                         f"to choose it yourself).")

    def _resolve_auto_ensemble(self) -> str:
        """model.ensemble auto: copies by the training split's size, capped by the time one copy takes here
        (measured now, on rank 0 for every rank). Returns the reason for the status line."""
        from engine.training.tuning import seconds_per_copy

        cfg, n = self.cfg, len(self.data.ids["train"])
        by_texts = cfgmod.ensemble_members(cfg, n)
        seconds = None
        if by_texts > 1:
            if self.main:
                self._status(f"model.ensemble auto: timing one copy of the {cfg.model.arch} classifier here ...")
                seconds = seconds_per_copy(cfg, self.data, self.device, self.amp_dtype)
            if self.dist.enabled:  # every rank must build the same number of copies
                text = self.dist.broadcast_text("" if seconds is None else repr(seconds))
                seconds = float(text) if text else None
        cfg.model.ensemble = cfgmod.ensemble_members(cfg, n, seconds)
        why = (f" (model.ensemble auto: {cfgmod.ENSEMBLE_TEXT_BUDGET:,} / {n:,} training texts, at most "
               f"{cfgmod.ENSEMBLE_MAX_AUTO})")
        if by_texts > 1 and cfg.model.ensemble < by_texts:  # one line, whether copies remain or one model
            kept = f"{cfg.model.ensemble} copies" if cfg.model.ensemble > 1 else "one model"
            why = ""  # the line below says why; the "Ensemble:" line then only describes the copies
            self._status(f"model.ensemble auto: {kept} instead of the {by_texts} copies this many training texts "
                         f"get: one copy trains in about {seconds:.0f} s on this machine and the copies must fit "
                         f"{cfgmod.ENSEMBLE_SECONDS:.0f} s (set model.ensemble to a number to choose it yourself).")
        self.ensemble_auto = {"copies": cfg.model.ensemble, "by_texts": by_texts, "seconds_per_copy": seconds,
                              "budget_s": cfgmod.ENSEMBLE_SECONDS}
        return why

    def run(self) -> RunResult:
        cb = CallbackList(self.user_callbacks)
        self.cb = cb
        try:
            try:
                self._setup()
            except BaseException as exc:
                cb.on_exception(self.state, self.control, exc)
                if getattr(self, "run_dir", None) and self.resume_dir:
                    # The run is as it was (its checkpoints untouched): keep its status.json, not "failed".
                    if self.main and self._status_before:
                        atomic_write_json(self.run_dir / "status.json", self._status_before)
                    if self.main and self._config_before is not None:
                        atomic_write_bytes(self.run_dir / "config.yaml", self._config_before)
                    self._log(f"Could not resume: {exc}")
                elif getattr(self, "run_dir", None):
                    self._rank_error(str(exc))
                    self._write_status("failed", error=str(exc))
                    self._log(f"FAILED during set-up: {exc}")
                raise
            try:
                with _gc_frozen():
                    result = self._loop()
            except KeyboardInterrupt as exc:  # a second Ctrl-C (or SIGTERM): aborted where it was
                try:
                    saved = ckpt.read_meta(self.run_dir / "checkpoints" / "last") if self.main else None
                except HelloTorchError:
                    saved = None
                if saved:
                    step = int(saved.get("step", 0))
                    reason = f"aborted at step {self.state.step}; --resume continues from the checkpoint of step {step}"
                    self._write_status("stopped", stop_reason=reason, step=step, total_steps=self.total_steps,
                                       **self._status_extra())
                    self.state.status = "stopped"
                else:
                    reason = f"aborted at step {self.state.step}, before any checkpoint was saved"
                    self._write_status("failed", error=reason, step=self.state.step, **self._status_extra())
                    self.state.status = "failed"
                self._log(reason)
                cb.on_exception(self.state, self.control, exc)
                raise
            except BaseException as exc:
                message = str(exc) if isinstance(exc, HelloTorchError) else f"{type(exc).__name__}: {exc}"
                self._rank_error(message)
                self._write_status("failed", error=message, step=self.state.step, **self._status_extra())
                self._log(f"FAILED at step {self.state.step}: {message}\n{traceback.format_exc()}")
                self.state.status = "failed"
                cb.on_exception(self.state, self.control, exc)
                raise
            cb.on_train_end(self.state, self.control, result)
            self._drop_ddp()
            self.dist.close()
            return result
        finally:
            self._drop_ddp()
            self.dist.close(wait=False)  # after a failure: no waiting on peers that may be gone

    def _drop_ddp(self) -> None:
        """Destroy the DistributedDataParallel wrapper (its reducer holds gloo work items that reference
        tensors) while the process group and the interpreter are alive. Left to a later garbage collection, it
        was destroyed during interpreter shutdown, and a gloo thread taking the GIL then aborted the rank
        (SIGABRT, 'terminate called without an active exception') though the run had finished."""
        if not self.dist.enabled or getattr(self, "fwd", None) is None:
            return
        self.fwd = None
        self.optimizer = None
        gc.collect()

    def _write_status(self, status: str, **extra) -> None:
        if self.main:
            write_status(self.run_dir, status, **extra)

    def _rank_error(self, message: str) -> None:
        """Distributed runs: each rank leaves its error for the launcher to report."""
        if self.dist.enabled:
            try:
                atomic_write_text(self.run_dir / f"rank{self.dist.rank}.error", message)
            except OSError:
                pass

    def _status(self, message: str) -> None:
        self.cb.on_status(self.state, self.control, message)
        if getattr(self, "run_dir", None):
            self._log(message)

    def _log(self, text: str) -> None:
        if not self.main:
            return
        with open(self.run_dir / "train.log", "a", encoding="utf-8") as fh:
            fh.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {text}\n")

    def _status_extra(self) -> dict:
        c = self.cfg
        return {"task": c.task, "arch": c.model.arch, "data": c.data.source}

    def _setup(self) -> None:
        from engine.data.pipeline import prepare_data
        from engine.envinfo import resolve_device
        from engine.models import build_model, count_parameters, estimate_training_memory, init_word_vectors
        from engine.models.wide import fit_wide_for, freeze_table

        cfg, t = self.cfg, self.cfg.train
        resume_meta = None
        if self.resume_dir:
            self.run_dir = check_run_dir(self.resume_dir)
            if self.main:
                _refuse_live_run(self.run_dir)
                self._status_before = read_json(self.run_dir / "status.json")
                with contextlib.suppress(OSError):  # put back as it was when the resume cannot start
                    self._config_before = (self.run_dir / "config.yaml").read_bytes()
            saved = cfgmod.from_dict(cfgmod.load_yaml(self.run_dir / "config.yaml"))
            if cfgmod.is_auto(cfg, "train.batch_size"):  # auto was resolved when the run began: keep that size
                t.batch_size = saved.train.batch_size
            if cfgmod.is_auto(cfg, "model.ensemble"):  # likewise the number of ensemble members
                cfg.model.ensemble = saved.model.ensemble
            if cfgmod.is_auto(cfg, "train.epochs"):  # and the number of passes
                t.epochs = saved.train.epochs
            if cfg.model.ngram_table == "auto":  # and the n-gram table's start
                if saved.model.ngram_table == "auto":  # a run from before the key, or one without a bag: learned
                    saved.model.ngram_table = "learned"
                cfg.model.ngram_table = saved.model.ngram_table
            try:  # the bag's buckets as the run fitted them to its classes (engine.config.ngram_buckets_for)
                labels = json.loads((self.run_dir / "labels.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                labels = None
            if isinstance(labels, list) and labels:
                cfgmod.resolve_ngram_buckets(cfg, len(labels))
            if absolute_source(cfg.data.source) == saved.data.source:  # the same data named relative to here
                cfg.data.source = saved.data.source
            diffs = config_differences(saved, cfg)
            if diffs:
                text = "; ".join(f"{k} is {a!r} in the run but {b!r} now" for k, a, b in diffs[:6])
                raise CheckpointError(f"Cannot resume '{self.run_dir}': the checkpoint comes from another config "
                                      f"({text}). Resume with the run's own config.yaml, changing only "
                                      f"epochs/max_steps/evaluation settings.")
            resume_meta = ckpt.read_meta(self.run_dir / "checkpoints" / "last")
        else:  # a file or folder named relative to here: the run records where it is, for eval, resume and export
            cfg.data.source = absolute_source(cfg.data.source)
        # The device and precision are checked before any folder is made: a machine without CUDA, a cuda:N
        # beyond the visible GPUs or fp16 on a CPU leave no failed run behind.
        device = resolve_device(t.device)
        autocast_dtype(t.precision, device)
        if self.fixed_run_dir and not self.resume_dir:
            self.run_dir = Path(self.fixed_run_dir)
            self.run_dir.mkdir(parents=True, exist_ok=True)
        if self.dist.enabled:
            device = self.dist.init(device)
            if not (self.resume_dir or self.fixed_run_dir):  # rank 0 names the folder, the others follow
                made = str(new_run_dir(self.runs_dir, cfg.model.arch, cfg.name)) if self.main else ""
                self.run_dir = Path(self.dist.broadcast_text(made))
        if not getattr(self, "run_dir", None):
            self.run_dir = new_run_dir(self.runs_dir, cfg.model.arch, cfg.name)
        self.state.run_dir = str(self.run_dir)
        self._write_status("starting", **self._status_extra())
        if self.main:
            cfgmod.save_config(cfg, self.run_dir / "config.yaml")

        # Always set it: OpenMP teams are per calling thread, and a run inside a worker thread (the window)
        # was ~20% slower until the count was set again from that thread (bench/gui_overhead.py).
        torch.set_num_threads(t.num_threads or torch.get_num_threads())
        self.device = device
        self.amp_dtype = autocast_dtype(t.precision, self.device)
        self._status(f"Run folder: {self.run_dir}")
        self._status(f"Loading data '{cfg.data.source}' ...")
        self.data = prepare_data(cfg, progress=lambda msg: self._status(msg))
        d = self.data
        if self.resume_dir:
            _refuse_changed_data(self.run_dir, d)  # the checkpoint's vocabulary and classes are the data's as it was
        if self.main and not (self.resume_dir and (self.run_dir / "tokenizer.json").exists()):
            if hasattr(d.tokenizer, "save_files"):  # a pretrained model's tokenizer: keep its files with the run
                d.tokenizer.save_files(self.run_dir / "hf_tokenizer")
            atomic_write_text(self.run_dir / "tokenizer.json", _tokenizer_json(d.tokenizer))
            atomic_write_json(self.run_dir / "labels.json", d.label_names)
            atomic_write_json(self.run_dir / "data_report.json", {
                "source": d.source, "text_column": d.text_column, "label_column": d.label_column,
                "language": d.language, "encoding": d.encoding, "cleaning": d.report.to_dict(), "stats": d.stats,
                "notes": list(d.notes),
                "sizes": {k: len(v) for k, v in d.ids.items()}, "fingerprints": d.fingerprints()})
        self._status(f"Data: {len(d.ids['train'])} train / {len(d.ids['val'])} val / {len(d.ids['test'])} test "
                     f"{'examples' if cfg.task == 'classification' else 'blocks'}; vocabulary "
                     f"{d.tokenizer.vocab_size}. {d.report.summary()}")
        if not d.ids["train"]:
            raise TrainingError("The training split is empty after cleaning and splitting; use more data or "
                                "smaller val/test fractions.")

        # train.epochs and model.ensemble auto: resolved once from the training split; config.yaml keeps the numbers
        fewer = cfgmod.resolve_ngram_buckets(cfg, max(1, len(d.label_names)))  # many classes: a smaller table
        if fewer:
            self._status(fewer)
        resolved = cfgmod.is_auto(cfg, "train.epochs") or cfgmod.is_auto(cfg, "model.ensemble") or bool(fewer)
        if cfgmod.is_auto(cfg, "train.epochs"):
            self._resolve_auto_epochs()
        why = ""
        if cfgmod.is_auto(cfg, "model.ensemble"):
            why = self._resolve_auto_ensemble()
        if resolved and self.main:
            cfgmod.save_config(cfg, self.run_dir / "config.yaml")
        copies = cfgmod.ensemble_members(cfg)
        if copies > 1:
            self._status(f"Ensemble: {copies} copies of the {cfg.model.arch} classifier{why}, each from its own "
                         f"random start, learn side by side from the same batches, each from its own loss; "
                         f"predictions average their class probabilities (each copy costs a model's time).")
        torch.manual_seed(t.seed)
        self.model = build_model(cfg, d.tokenizer.vocab_size, max(1, len(d.label_names)), d.tokenizer.pad_id)
        started = init_word_vectors(self.model, cfg, d.tokenizer)
        if started is not None:  # a resume reloads the trained vectors over this start
            self._status(f"Word vectors: {started:,} of {d.tokenizer.vocab_size:,} tokens start from the built-in "
                         f"MiniLM's" + ("." if started else " — none: MiniLM is not installed or knows none of "
                                         "them, so they start at N(0, 1)."))
        if self.resume_dir:  # the checkpoint holds the bag's weights and table: nothing to fit again, only the freeze
            freeze_table(self.model, cfg.model.ngram_table)
            self.wide_summary = read_json(self.run_dir / SUMMARY_FILE).get("ngram_table")  # as the run began
        else:  # the wide part comes from the training split
            wide = fit_wide_for(self.model, cfg, d)
            self.wide_summary = wide.summary() if wide is not None else None
            if wide is not None:
                if cfg.model.ngram_table != wide.mode:  # auto resolved: config.yaml keeps the choice
                    cfg.model.ngram_table = wide.mode
                    if self.main:
                        cfgmod.save_config(cfg, self.run_dir / "config.yaml")
                self._status(wide.describe(len(d.ids["train"])))
        self.model.to(self.device)
        if cfgmod.is_auto(cfg, "train.batch_size"):  # a number found on this model and device, saved in config.yaml
            from engine.training.tuning import resolve_auto_batch_size

            resolve_auto_batch_size(self)
        self.params = count_parameters(self.model)
        self.memory = estimate_training_memory(self.model, cfg)
        self.state.parameters = dict(self.params, memory=self.memory)
        self._status(f"Model {cfg.model.arch}: {self.params['total']:,} parameters "
                     f"({self.params['trainable']:,} trainable); estimated training memory "
                     f"{self.memory.get('human', '?')} on {self.device}.")
        warning = memory_warning(self.memory.get("total", 0), self.device)
        if warning:
            self._status(warning)
        self.fwd = self.model
        if self.dist.enabled:
            from torch.nn.parallel import DistributedDataParallel

            self.fwd = DistributedDataParallel(self.model, device_ids=[self.device.index]
                                               if self.device.type == "cuda" else None)
            self._status(f"Distributed data parallel: {self.dist.world} processes ({self.dist.backend}); each "
                         f"takes 1/{self.dist.world} of every batch of {t.batch_size}.")
        # On one CUDA device compile records CUDA graphs ("reduce-overhead"): a step replays its kernels
        # instead of launching each one from Python, and batch widths are bucketed to keep shapes few.
        self.graphs = bool(t.compile) and self.device.type == "cuda" and not self.dist.enabled
        if t.compile:
            self.fwd = torch.compile(self.fwd, mode="reduce-overhead" if self.graphs else None)
        self.optimizer = build_optimizer(self.model, t)
        n_batches = math.ceil(len(d.ids["train"]) / t.batch_size)
        self.steps_per_epoch = math.ceil(n_batches / t.grad_accum)
        self.total_steps = t.max_steps if t.max_steps > 0 else t.epochs * self.steps_per_epoch
        self.scheduler = build_scheduler(self.optimizer, t, self.total_steps)
        # fp16 needs loss scaling; the scaler lives on the run's device type (its state is saved and resumed).
        self.scaler = torch.amp.GradScaler(self.device.type, enabled=self.amp_dtype == torch.float16)
        self.monitor, self.mode = cfgmod.monitor_metric(cfg, self.data.imbalanced)
        if cfg.train.monitor == "auto" and self.data.imbalanced:
            self._status("Best checkpoint: picked by validation macro F1, not accuracy (train.monitor auto; the "
                         "classes are imbalanced).")
        self.early = EarlyStoppingCallback(t.early_stopping) if t.early_stopping > 0 else None
        extra = [self.early] if self.early else []
        if t.tensorboard:
            extra.append(TensorBoardCallback())
        self.cb.callbacks = self.user_callbacks + extra if self.main else []

        s = self.state
        s.total_steps, s.steps_per_epoch = self.total_steps, self.steps_per_epoch
        s.epochs = math.ceil(self.total_steps / max(1, self.steps_per_epoch))
        s.monitor, s.mode = self.monitor, self.mode
        self.position = (0, 0)  # (epoch, batch index inside the epoch)
        self.elapsed_before = 0.0
        self._resumed_window = (0.0, 0)  # (summed loss, steps) of the train row in progress at the checkpoint
        if resume_meta is not None:
            self._restore(resume_meta)

    def _restore(self, meta: dict) -> None:
        folder = self.run_dir / "checkpoints" / "last"
        ckpt.load_weights(folder, self.model)
        st = ckpt.load_state(folder)
        try:
            self.optimizer.load_state_dict(st["optimizer"])
            self.scheduler.load_state_dict(st["scheduler"])
            if st.get("scaler"):
                self.scaler.load_state_dict(st["scaler"])
        except (KeyError, ValueError, RuntimeError) as exc:
            raise CheckpointError(f"The training state in '{folder}' does not fit this run ({exc}).") from None
        ckpt.set_rng_state(st["rng"], self.device)
        s = self.state
        s.step, s.samples_seen = int(st["step"]), int(st["samples_seen"])
        s.best_metric, s.best_step = st.get("best_metric"), st.get("best_step")
        self.position = (int(st["epoch"]), int(st["batch_index"]))
        self.elapsed_before = float(st.get("elapsed_s", 0.0))
        window = st.get("loss_window") or {}
        if isinstance(window.get("sum"), float) and isinstance(window.get("n"), int) and window["n"] > 0:
            self._resumed_window = (window["sum"], window["n"])  # checkpoints before it: the row's window restarts
        if self.early and st.get("early_stopping"):
            self.early.load_state_dict(st["early_stopping"])
        # A killed process may have logged past its last checkpoint: drop those rows. A finished run's test row
        # goes too: the test split is scored again when the resumed run ends, and one run has one test row.
        if self.main:
            rows = [r for r in read_jsonl(self.run_dir / METRICS_FILE)
                    if r.get("step", 0) <= s.step and r.get("split") != "test"]
            atomic_write_text(self.run_dir / METRICS_FILE, "".join(_json_line(r) for r in rows))
            scored = [r for r in rows if r.get("split") == "val" and r.get("step") == s.step]
            if scored:  # the checkpoint's step was evaluated: a resume with nothing left to train logs no second row
                s.last_eval = scored[-1]
        self._status(f"Resumed from step {s.step} (epoch {self.position[0] + 1}).")
        if s.step >= self.total_steps:
            self._status(f"This run already reached its {self.total_steps} steps: nothing is left to train, so it "
                         f"only scores the test split again. To train further, raise train.epochs or "
                         f"train.max_steps (--set train.max_steps=N).")

    # ----------------------------------------------------------------- loop
    def _loop(self) -> RunResult:
        cfg, t, s, d = self.cfg, self.cfg.train, self.state, self.data
        cb, control = self.cb, self.control
        train_ids, train_labels = d.ids["train"], d.labels.get("train") or None
        pad = d.tokenizer.pad_id
        aug = (cfg.data.aug_delete_prob, cfg.data.aug_swap_prob, cfg.data.aug_mask_prob)
        do_aug = any(p > 0 for p in aug) and cfg.task == "classification"
        if do_aug:
            from engine.data.augment import augment_ids
        # The split as tensors on the device (pinned host memory when it does not fit); with CUDA graphs
        # (compile on CUDA) batch widths are rounded up to multiples of 16, so few shapes are recorded.
        from engine.models import human_bytes

        batcher = Batcher(cfg.task, train_ids, train_labels, pad, self.device,
                          width_multiple=GRAPH_WIDTH_MULTIPLE if self.graphs else 1)
        self._status(f"Training data: {len(train_ids):,} sequences ({human_bytes(train_ids.nbytes)}) "
                     f"{'on ' + str(self.device) if batcher.on_device else 'in pinned host memory'}.")
        self.t_start = time.perf_counter()
        self._status_t = self.t_start
        self.start_step = s.step
        self._write_status("running", step=s.step, total_steps=self.total_steps, **self._status_extra())
        cb.on_train_begin(s, control)
        self.model.train()
        # the loss of the steps since the last train row; a resume picks up the stopped run's window, so the first
        # row after it averages the same steps as in an uninterrupted run
        self.win_t, win_samples = time.perf_counter(), 0
        self.win_loss, self.win_n = self._resumed_window
        stop_reason = ""
        epoch, start_batch = self.position
        done = s.step >= self.total_steps
        while not done:
            batches = pinned(epoch_batch_tensors(train_ids.lengths, t.batch_size, t.seed, epoch, t.group_by_length),
                             self.device)
            s.epoch = epoch
            if start_batch == 0:
                cb.on_epoch_begin(s, control)
            micro = 0
            for b in range(start_batch, len(batches)):
                global_idx = batches[b]
                idx = self.dist.shard(global_idx)  # this process's share of the global batch
                if do_aug:  # per-token random edits: the list path
                    rng = batch_rng(t.seed, epoch, b)
                    seqs = [augment_ids(train_ids[i], rng, *aug, d.tokenizer.unk_id) for i in idx.tolist()]
                    x, y = make_batch(cfg.task, seqs, [train_labels[i] for i in idx.tolist()], pad)
                    x, y = x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)
                else:
                    x, y = batcher(idx)
                try:
                    with torch.autocast(self.device.type, dtype=self.amp_dtype, enabled=self.amp_dtype is not None):
                        logits = self.fwd(x)
                        loss, objective = training_objective(compute_loss(cfg.task, logits, y, t.label_smoothing),
                                                             self.model, t)
                    self.scaler.scale(objective / t.grad_accum).backward()
                except torch.OutOfMemoryError:
                    raise TrainingError(
                        f"Out of memory on {self.device} at step {s.step} (batch {t.batch_size}, max_length "
                        f"{cfg.data.max_length}, precision {t.precision}; estimated need "
                        f"{self.memory.get('human', '?')}). Use a smaller train.batch_size (with "
                        f"train.grad_accum to keep the effective batch), train.precision bf16, or a shorter "
                        f"data.max_length.") from None
                micro += 1
                self.win_loss += loss.detach()
                self.win_n += 1
                win_samples += len(global_idx)
                s.samples_seen += len(global_idx)
                if micro % t.grad_accum and b != len(batches) - 1:
                    continue
                if t.grad_clip > 0:
                    self.scaler.unscale_(self.optimizer)
                    clip_gradients(self.model, t.grad_clip)
                self.scaler.step(self.optimizer)
                self.scaler.update()
                if t.max_norm > 0:
                    apply_max_norm(self.model, t.max_norm)
                self.optimizer.zero_grad(set_to_none=True)
                self.scheduler.step()
                s.step += 1
                self.position = (epoch, b + 1) if b + 1 < len(batches) else (epoch + 1, 0)
                s.lr = self.scheduler.get_last_lr()[0]
                if s.step % t.log_every == 0 or s.step == self.total_steps:
                    # the only sync, when logging
                    mean_loss = self.dist.mean(float(self.win_loss) / self.win_n, self.device)
                    now = time.perf_counter()
                    s.loss = mean_loss
                    s.samples_per_s = win_samples / max(1e-9, now - self.win_t)
                    self._update_times()
                    if not math.isfinite(mean_loss):
                        raise TrainingError(
                            f"The training loss became {mean_loss} at step {s.step}: training diverged. Lower "
                            f"train.lr (now {t.lr:g}), keep train.grad_clip > 0 (now {t.grad_clip:g}), use fp32 "
                            f"precision, or check the data for extreme values.")
                    self._record({"step": s.step, "epoch": epoch + (b + 1) / len(batches), "split": "train",
                                  "loss": mean_loss, "lr": s.lr, "samples_per_s": s.samples_per_s})
                    self.win_t, win_samples, self.win_loss, self.win_n = now, 0, 0.0, 0
                    if now - self._status_t >= STATUS_EVERY_S:  # progress for a window following the folder
                        self._status_t = now
                        self._write_status("running", step=s.step, total_steps=self.total_steps,
                                     epoch=epoch, eta_s=s.eta_s, elapsed_s=s.elapsed_s, **self._status_extra())
                cb.on_step_end(s, control)
                stop_now, pause_now, save_now = self.dist.sync_control(control, self.device)
                if t.eval_every > 0 and s.step % t.eval_every == 0:
                    self._evaluate_and_checkpoint()
                elif t.eval_every == 0 and self.position[1] == 0:
                    self._evaluate_and_checkpoint()  # end of epoch
                if save_now:
                    control.clear_save()
                    t_save = time.perf_counter()
                    self._save_last()
                    self._exclude_from_speed(t_save)
                if pause_now and not stop_now:
                    stop_now = self._pause()
                if s.step >= self.total_steps or stop_now:
                    done = True
                    stop_reason = (control.stop_reason or "stopped") if stop_now else ""
                    break
            epoch, start_batch = epoch + 1, 0
        if s.last_eval.get("step") != s.step:
            self._evaluate_and_checkpoint()
        self._save_last()
        status = "stopped" if stop_reason and not stop_reason.startswith("early stopping") else "finished"
        return self._finish(status, stop_reason)

    def _update_times(self) -> None:
        s = self.state
        s.elapsed_s = self.elapsed_before + (time.perf_counter() - self.t_start)
        session_steps = max(1, s.step - self.start_step)
        rate = (time.perf_counter() - self.t_start) / session_steps
        s.eta_s = rate * max(0, self.total_steps - s.step)

    def _record(self, row: dict) -> None:
        row = {k: v for k, v in row.items() if v is None or isinstance(v, (int, float, str))}  # scalars only
        row["time"] = time.time()
        if not self.main:
            return
        append_jsonl(self.run_dir / METRICS_FILE, row)
        self.cb.on_log(self.state, self.control, row)

    def _pause(self) -> bool:
        """Save, wait until resumed or stopped; True when the run should stop (agreed by every rank)."""
        s = self.state
        s.status = "paused"
        self._save_last()
        self._write_status("paused", step=s.step, total_steps=self.total_steps, **self._status_extra())
        self._status(f"Paused at step {s.step}.")
        self.cb.on_pause(s, self.control)
        t0 = time.perf_counter()
        stop = self.dist.wait_while_paused(self.control, self.device)
        self.t_start += time.perf_counter() - t0  # paused time is not training time
        self._exclude_from_speed(t0)
        s.status = "running"
        self._write_status("running", step=s.step, total_steps=self.total_steps, **self._status_extra())
        self.cb.on_resume(s, self.control)
        self._status(f"Resumed at step {s.step}.")
        return stop

    # ----------------------------------------------------------------- evaluation & checkpoints
    def _exclude_from_speed(self, t0: float) -> None:
        """Evaluation, checkpoint and pause time do not count in samples/s."""
        if hasattr(self, "win_t"):
            self.win_t += time.perf_counter() - t0

    def _evaluate_and_checkpoint(self) -> None:
        s = self.state
        if not self.main:  # rank 0 evaluates and saves; the others go on (DDP waits for it at the next step)
            s.last_eval = {"step": s.step}
            return
        t0 = time.perf_counter()
        if not self.data.ids["val"]:
            s.last_eval = {"step": s.step}
            self._save_last()
            return
        metrics = evaluate_split(self, "val")
        if not metrics:
            s.last_eval = {"step": s.step}
            self._save_last()
            return
        metrics.update(step=s.step, epoch=s.epoch + (self.position[1] / max(1, self.steps_per_epoch)),
                       split="val", lr=s.lr)
        s.last_eval = metrics
        self._record(dict(metrics, samples_per_s=s.samples_per_s))
        value = metrics.get(self.monitor)
        if value is not None and math.isfinite(value):
            better = s.best_metric is None or (value > s.best_metric if self.mode == "max" else value < s.best_metric)
            if better:
                s.best_metric, s.best_step = float(value), s.step
                path = ckpt.save_checkpoint(self.run_dir / "checkpoints" / "best", self.model, self._meta())
                self.cb.on_checkpoint(s, self.control, str(path), "best")
        self.cb.on_evaluate(s, self.control, metrics)
        self._save_last()
        self._exclude_from_speed(t0)

    def _meta(self) -> dict:
        d = self.data
        return {"step": self.state.step, "epoch": self.position[0], "arch": self.cfg.model.arch,
                "task": self.cfg.task, "vocab_size": d.tokenizer.vocab_size, "num_classes": len(d.label_names),
                "monitor": self.monitor, "metric": self.state.last_eval.get(self.monitor)}

    def _save_last(self) -> None:
        if not self.main:
            return
        s = self.state
        state = {"optimizer": self.optimizer.state_dict(), "scheduler": self.scheduler.state_dict(),
                 "scaler": self.scaler.state_dict() if self.scaler.is_enabled() else {},
                 "rng": ckpt.rng_state(self.device), "step": s.step, "samples_seen": s.samples_seen,
                 "epoch": self.position[0], "batch_index": self.position[1], "best_metric": s.best_metric,
                 "best_step": s.best_step, "elapsed_s": s.elapsed_s, "loss_window": self._loss_window(),
                 "early_stopping": self.early.state_dict() if self.early else {}}
        path = ckpt.save_checkpoint(self.run_dir / "checkpoints" / "last", self.model, self._meta(), state)
        self.cb.on_checkpoint(s, self.control, str(path), "last")

    def _loss_window(self) -> dict:
        """The train row in progress: its summed loss and steps (rank 0's in a distributed run), for a resume."""
        n = getattr(self, "win_n", 0)
        return {"sum": float(self.win_loss) if n else 0.0, "n": n}

    def _baseline(self) -> dict:
        """The classic model on the same split (engine/baseline.py), or why there is none; never fails the run."""
        if not self.cfg.train.baseline:
            return {"skipped": "train.baseline is off"}
        from engine.baseline import compare_line, run_baseline

        self._status("Fitting the baseline on the same split ...")
        try:
            out = run_baseline(self.data, self.cfg.train.seed, self.monitor)
        except Exception as exc:  # noqa: BLE001 - a baseline is a comparison, never a reason to fail a run
            out = {"skipped": f"it could not be fitted ({type(exc).__name__}: {exc})"}
        line = compare_line({"baseline": out, "test": self._last_test, "monitor": self.monitor})
        if line:
            self._status(f"Baseline: {line}")
        return out

    def _finish(self, status: str, reason: str) -> RunResult:
        s, cfg = self.state, self.cfg
        self._update_times()
        if not self.main:
            s.status = status
            return RunResult(str(self.run_dir), status, {"status": status, "run_dir": str(self.run_dir),
                                                         "steps": s.step, "rank": self.dist.rank})
        best = self.run_dir / "checkpoints" / "best"
        if best.is_dir():
            ckpt.load_weights(best, self.model)
        self._status("Evaluating on the test split ...")
        test = evaluate_split(self, "test", final=True) if self.data.ids["test"] else {}
        test = {k: v for k, v in test.items() if k not in ("predictions", "probabilities")}
        self._last_test = test
        if test:
            self._record(dict(test, step=s.step, epoch=self.position[0], split="test", lr=s.lr,
                              samples_per_s=s.samples_per_s))
        baseline = self._baseline()
        from engine.envinfo import environment_report

        env = environment_report()
        summary = {
            "status": status, "stop_reason": reason, "task": cfg.task, "arch": cfg.model.arch,
            "data": cfg.data.source, "run_dir": str(self.run_dir), "steps": s.step, "total_steps": self.total_steps,
            "epochs": self.position[0], "samples_seen": s.samples_seen, "duration_s": s.elapsed_s,
            "monitor": self.monitor, "best_metric": s.best_metric, "best_step": s.best_step,
            "parameters": self.params, "memory_estimate": self.memory, "label_names": self.data.label_names,
            "sizes": {k: len(v) for k, v in self.data.ids.items()},
            "test": test, "baseline": baseline, "device": str(self.device), "precision": cfg.train.precision,
            "environment": {"python": platform.python_version(), "torch": torch.__version__,
                            "packages": env.get("packages", {}), "cpu": env.get("cpu", {}),
                            "devices": env.get("devices", [])},
        }
        if self.dist.enabled:
            summary["distributed"] = {"world_size": self.dist.world, "backend": self.dist.backend}
        if getattr(self, "ensemble_auto", None):  # how model.ensemble auto chose (a resume keeps the number)
            summary["ensemble_auto"] = self.ensemble_auto
        if getattr(self, "wide_summary", None):  # how the n-gram bag started (model.ngram_table)
            summary["ngram_table"] = self.wide_summary
        from engine.envinfo import peak_device_memory

        summary.update(peak_device_memory(self.device))  # peak_gpu_memory_bytes on CUDA, nothing on a CPU
        atomic_write_json(self.run_dir / SUMMARY_FILE, summary)
        write_status(self.run_dir, status, step=s.step, total_steps=self.total_steps, **self._status_extra())
        s.status = status
        self._status(f"Run {status} after {s.step} steps" + (f" ({reason})" if reason else "") + ".")
        return RunResult(str(self.run_dir), status, summary)


def memory_warning(need: float, device: torch.device) -> str:
    """A warning when the estimated training memory exceeds what the device has free now ('' otherwise)."""
    from engine.models import human_bytes

    try:
        if device.type == "cuda":
            free = torch.cuda.mem_get_info(device)[0]
        else:
            import psutil

            free = psutil.virtual_memory().available
    except Exception:  # noqa: BLE001 - no figure, no warning
        return ""
    if need <= free:
        return ""
    return (f"Warning: this run is estimated to need {human_bytes(need)} but {device} has {human_bytes(free)} "
            f"free. It may run out of memory: lower train.batch_size or data.max_length, use bf16, or use LoRA / "
            f"frozen fine-tuning.")


def _tokenizer_json(tok) -> str:
    return json.dumps(tok.to_dict(), ensure_ascii=False)


def _json_line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"
