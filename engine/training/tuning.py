"""Tuning before training: `train.batch_size: auto` (find_batch_size) and the learning-rate range test (lr_range_test).

Both run real optimizer steps through the engine's own batching, loss and optimizer (batches.make_batch,
compute_loss, optim.build_optimizer), so what they measure is what training does.
"""
from __future__ import annotations

import copy
import gc
import math
import shutil
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterator

import numpy as np
import torch
from torch import nn

from engine import config as cfgmod
from engine.config import Config
from engine.errors import ConfigError, TrainingError
from engine.training import checkpoint as ckpt
from engine.training.batches import compute_loss, epoch_batches, make_batch
from engine.training.optim import build_optimizer, clip_gradients, training_objective

Progress = Callable[[str, float], None]  # (message, fraction in [0, 1]); the window's TaskRunner signature

MEMORY_START = 2          # memory search: 2, 4, 8, ... until out of memory, then binary search
AUTO_MAX = 4096           # the largest batch `auto` picks (and never more than the training split)
STEPS_PER_TRIAL = 2       # the second step also holds the optimizer state the first one created
CPU_START, CPU_MAX = 8, 512
MIN_GAIN = 0.05           # CPU: a batch twice as large must be at least 5% faster in samples/s
MIN_TIMED_STEPS, MAX_TIMED_STEPS, MIN_TIMED_S = 3, 20, 0.25
SMOOTHING = 0.98          # LR range test: exponential moving average of the loss (fastai, Lightning)
DIVERGED = 4.0            # ... stops once the smoothed loss exceeds 4x the best one
MIN_POINTS = 10           # fewer points than this are too noisy for a slope: a tenth of the minimum instead


# ----------------------------------------------------------------------------- shared pieces
def is_oom(exc: BaseException) -> bool:
    """Out of memory on any device: CUDA's OutOfMemoryError, or the RuntimeErrors MPS and allocators raise."""
    if isinstance(exc, torch.OutOfMemoryError):
        return True
    text = str(exc)
    return isinstance(exc, RuntimeError) and ("out of memory" in text.lower() or "can't allocate memory" in text
                                              or "CUDNN_STATUS_ALLOC_FAILED" in text)


def free_memory(device: torch.device) -> None:
    """Give cached blocks back after a failed try, so the next size starts from a clean device."""
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()
    elif device.type == "mps":
        torch.mps.empty_cache()


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def free_bytes(device: torch.device) -> int | None:
    """Free memory on the device now (RAM for the CPU), or None when it cannot be told."""
    try:
        if device.type == "cuda":
            return int(torch.cuda.mem_get_info(device)[0])
        if device.type == "mps":
            return int(torch.mps.recommended_max_memory() - torch.mps.driver_allocated_memory())
        import psutil

        return int(psutil.virtual_memory().available)
    except Exception:  # noqa: BLE001 - no figure: the search goes on without it
        return None


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, cfg: Config, micro_batches: list,
               amp_dtype: torch.dtype | None = None, scaler: torch.amp.GradScaler | None = None) -> torch.Tensor:
    """One optimizer step over `micro_batches` [(x, y), ...] as the training loop takes it: autocast forward,
    the training loss (+ L1), backward scaled by the accumulation, gradient clipping, step. Returns the mean
    loss (a 0-d tensor: reading it is the caller's device sync)."""
    t = cfg.train
    total = torch.zeros(())
    for x, y in micro_batches:
        with torch.autocast(x.device.type, dtype=amp_dtype, enabled=amp_dtype is not None):
            loss, objective = training_objective(compute_loss(cfg.task, model(x), y, t.label_smoothing), model, t)
        scaled = objective / len(micro_batches)
        (scaler.scale(scaled) if scaler is not None else scaled).backward()
        total = total.to(loss.device) + loss.detach()
    if t.grad_clip > 0:
        if scaler is not None:
            scaler.unscale_(optimizer)
        clip_gradients(model, t.grad_clip)
    if scaler is not None:
        scaler.step(optimizer)
        scaler.update()
    else:
        optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return total / len(micro_batches)


class _TrainBatches:
    """The training split as the loop batches it: padded (x, y) on the device for lists of example indices."""

    def __init__(self, cfg: Config, data: Any, device: torch.device) -> None:
        self.cfg, self.device = cfg, device
        self.ids = data.ids["train"]
        labels = data.labels.get("train")
        self.labels = labels if labels is not None and len(labels) else None
        self.pad = data.tokenizer.pad_id
        lengths = getattr(self.ids, "lengths", None)  # TokenIds keeps them as a host tensor; lists do not
        self.lengths = lengths.tolist() if lengths is not None else [len(s) for s in self.ids]

    def __len__(self) -> int:
        return len(self.lengths)

    def tensors(self, idx: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        x, y = make_batch(self.cfg.task, [self.ids[i] for i in idx],
                          [self.labels[i] for i in idx] if self.labels is not None else None, self.pad)
        return x.to(self.device), y.to(self.device)

    def longest(self, n: int) -> list[int]:
        """The n longest examples: the batch that needs the most memory."""
        return np.argsort(-np.asarray(self.lengths), kind="stable")[:n].tolist()

    def stream(self, batch_size: int) -> Iterator[list[int]]:
        """Index batches in the loop's seeded epoch order, epoch after epoch."""
        t, epoch = self.cfg.train, 0
        while True:
            yield from epoch_batches(self.lengths, batch_size, t.seed, epoch, t.group_by_length)
            epoch += 1


# ----------------------------------------------------------------------------- batch size
@dataclass
class BatchSizeResult:
    """The batch size `auto` chose, why, and every size tried."""

    batch_size: int
    reason: str
    trials: list[dict] = field(default_factory=list)


class _Probe:
    """Real training steps of a chosen size on the run's own model; `restore` puts back weights, RNG and mode."""

    def __init__(self, model: nn.Module, cfg: Config, data: Any, device: torch.device,
                 amp_dtype: torch.dtype | None, progress: Callable[[str], None]) -> None:
        self.model, self.cfg, self.device, self.amp_dtype, self.say = model, cfg, device, amp_dtype, progress
        self.batches = _TrainBatches(cfg, data, device)
        trainable = {n for n, p in model.named_parameters() if p.requires_grad}
        params = {n for n, _ in model.named_parameters()}
        # Frozen weights never change: only what trains (and the buffers) is copied, to the CPU.
        self.saved = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()
                      if k in trainable or k not in params}
        self.rng = ckpt.rng_state(device)
        self.was_training = model.training
        self.optimizer: torch.optim.Optimizer | None = build_optimizer(model, cfg.train)  # a throwaway twin
        self.scaler = torch.amp.GradScaler(device.type, enabled=amp_dtype == torch.float16)
        self.trials: list[dict] = []
        model.train()

    def _step(self, idx: list[int]) -> None:
        train_step(self.model, self.optimizer, self.cfg, [self.batches.tensors(idx)], self.amp_dtype, self.scaler)

    def _attempt(self, work: Callable[[], Any]) -> Any:
        """work() or None when it ran out of memory (memory freed before the next try)."""
        try:
            result = work()
            _sync(self.device)
        except Exception as exc:
            if not is_oom(exc):
                raise
            result = None
        self.model.zero_grad(set_to_none=True)
        if result is None:
            free_memory(self.device)  # outside the except block: the traceback's tensors are gone by now
        return result

    def fits(self, size: int) -> bool:
        """Whether STEPS_PER_TRIAL steps on the `size` longest training examples fit in memory."""
        idx = self.batches.longest(size)

        def work() -> bool:
            for _ in range(STEPS_PER_TRIAL):
                self._step(idx)
            return True

        ok = bool(self._attempt(work))
        self.trials.append({"batch_size": size, "fits": ok})
        self.say(f"batch_size auto: {size} {'fits' if ok else 'runs out of memory'}")
        return ok

    def rate(self, size: int) -> float | None:
        """Training samples/s at this size on the loop's own batches (None: out of memory)."""
        stream = self.batches.stream(size)

        def work() -> float:
            self._step(next(stream))  # warm-up: allocations and kernel choice are not timed
            _sync(self.device)
            rates: list[float] = []
            t0 = time.perf_counter()
            while len(rates) < MIN_TIMED_STEPS or (time.perf_counter() - t0 < MIN_TIMED_S
                                                   and len(rates) < MAX_TIMED_STEPS):
                idx, t1 = next(stream), time.perf_counter()
                self._step(idx)
                _sync(self.device)
                rates.append(len(idx) / max(1e-9, time.perf_counter() - t1))
            return float(np.median(rates))  # the median step: other processes' bursts count less

        rate = self._attempt(work)
        self.trials.append({"batch_size": size, "fits": rate is not None, "samples_per_s": rate})
        self.say(f"batch_size auto: {size} " + (f"-> {rate:,.0f} samples/s" if rate else "runs out of memory"))
        return rate

    def restore(self) -> None:
        self.optimizer = None
        self.model.zero_grad(set_to_none=True)
        self.model.load_state_dict(self.saved, strict=False)
        ckpt.set_rng_state(self.rng, self.device)
        self.model.train(self.was_training)
        free_memory(self.device)


def find_batch_size(model: nn.Module, cfg: Config, data: Any, device: torch.device,
                    amp_dtype: torch.dtype | None = None, *, mode: str | None = None,
                    progress: Callable[[str], None] | None = None,
                    should_stop: Callable[[], bool] | None = None) -> BatchSizeResult:
    """`train.batch_size: auto`. mode "memory" (GPUs): the largest batch whose steps on the longest training
    examples fit (double until out of memory, then binary search, as Lightning's finder). mode "throughput"
    (the CPU default): the batch beyond which samples/s improves by less than MIN_GAIN. The model's weights,
    the RNG and the train/eval mode are restored afterwards, so training starts as it would have."""
    mode = mode or ("throughput" if device.type == "cpu" else "memory")
    stop = should_stop or (lambda: False)
    if not len(data.ids["train"]):
        raise TrainingError("train.batch_size auto needs training examples, and the training split is empty.")
    probe = _Probe(model, cfg, data, device, amp_dtype, progress or (lambda _m: None))
    n = len(probe.batches)
    free = free_bytes(device)
    reserve = _reserve_split(data, device, free) if mode == "memory" else None
    try:
        if mode == "memory":
            size, reason = _largest_fitting(probe, min(AUTO_MAX, n), min(MEMORY_START, n), stop=stop)
        else:
            size, reason = _fastest(probe, min(CPU_MAX, n), stop)
    finally:
        del reserve
        probe.restore()
    if size == 0 and stop():  # stopped before anything fitted: the loop stops at once anyway
        size, reason = 1, "the search was stopped"
    if size == 0:
        raise _too_big(cfg, model, device, free, max(probe.batches.lengths))
    where = f"; on {device}" + (f" with {_human(free)} free" if free is not None else "")
    return BatchSizeResult(size, reason + where, probe.trials)


def _reserve_split(data: Any, device: torch.device, free: int | None) -> torch.Tensor | None:
    """The loop keeps a training split that takes a small share of the free memory on the device (batches.Batcher,
    `device_share`): as many bytes are held while searching, so the batch found still fits next to the split."""
    import inspect

    from engine.training import batches

    nbytes = int(getattr(data.ids["train"], "nbytes", 0) or 0)
    batcher = getattr(batches, "Batcher", None)
    if batcher is None or device.type == "cpu" or not nbytes or free is None:
        return None
    share = inspect.signature(batcher).parameters.get("device_share")
    if share is None or nbytes > share.default * free:
        return None
    return torch.empty(nbytes, dtype=torch.uint8, device=device)


def _largest_fitting(probe: _Probe, cap: int, size: int, low: int = 0, high: int | None = None,
                     stop: Callable[[], bool] = lambda: False) -> tuple[int, str]:
    """(largest size that fits, why); 0 when not even 1 does. low fits, high does not (None: not found yet)."""
    while size > low and not stop():
        if probe.fits(size):
            low = size
            if high is None and size >= cap:
                break
            size = min(size * 2, cap) if high is None else (low + high) // 2
        else:
            high = size
            size = (low + high) // 2
        if high is not None and high - low <= 1:
            break
    if stop() and (high is None or high - low > 1):
        return low, "the largest that fitted before the search was stopped"
    if high is None:
        limit = ("the training split's size" if cap == len(probe.batches) else "the most auto picks")
        return low, f"it fits, and larger is not tried: {cap} is {limit}"
    return low, f"the largest that fits: {high} runs out of memory"


def _fastest(probe: _Probe, cap: int, stop: Callable[[], bool]) -> tuple[int, str]:
    sizes = [CPU_START << k for k in range(32) if CPU_START << k <= cap] or [cap]
    best, best_rate = 0, 0.0
    for size in sizes:
        if best and stop():
            return best, "the search was stopped"
        need = _estimated_bytes(probe, size)
        free = free_bytes(probe.device)
        if best and need is not None and free is not None and need > 0.8 * free:
            return best, f"a batch of {size} would need about {_human(need)} of the {_human(free)} free"
        rate = probe.rate(size)
        if rate is None:  # out of memory: the largest size between the last good one and this one
            fit, _ = _largest_fitting(probe, cap, (best + size) // 2, low=best, high=size, stop=stop)
            return fit, f"the largest that fits: {size} runs out of memory"
        if best and rate < best_rate * (1 + MIN_GAIN):
            return best, (f"samples/s stops improving beyond it: {best_rate:,.0f}/s at {best}, {rate:,.0f}/s "
                          f"at {size}")
        best, best_rate = size, rate
    return best, f"the fastest tried ({best_rate:,.0f} samples/s; sizes up to {sizes[-1]} tried)"


def _estimated_bytes(probe: _Probe, size: int) -> float | None:
    from engine.models import estimate_training_memory

    try:
        return float(estimate_training_memory(probe.model, probe.cfg, batch_size=size)["total"])
    except Exception:  # noqa: BLE001 - an estimate we cannot make does not stop the search
        return None


def _human(n: float) -> str:
    from engine.models import human_bytes

    return human_bytes(n)


def _too_big(cfg: Config, model: nn.Module, device: torch.device, free: int | None, longest: int) -> TrainingError:
    params = sum(p.numel() for p in model.parameters())
    room = f" ({_human(free)} free)" if free is not None else ""
    return TrainingError(
        f"train.batch_size auto: not even a batch of 1 fits in the memory of {device}{room}: one training step "
        f"on the longest training example ({longest} tokens) with this {cfg.model.arch} model ({params:,} "
        f"parameters, precision {cfg.train.precision}) runs out of memory. Make the step smaller: lower "
        f"data.max_length (now {cfg.data.max_length}), choose a smaller model (fewer model.num_layers, a smaller "
        f"model.embed_dim, or a smaller pretrained model), set train.precision bf16, or fine-tune with "
        f"model.finetune lora or frozen.")


def resolve_auto_batch_size(trainer: Any) -> None:
    """The training loop's hook: resolve `batch_size: auto` on the built model, say so, and record the number in
    the run's config.yaml (a resume needs the same batch). When not even 1 fits, a run folder made just now is
    removed again: nothing was trained, so there is nothing to keep."""
    t = trainer.cfg.train
    trainer._status("batch_size auto: trying batch sizes on the training data ...")
    try:
        found = find_batch_size(trainer.model, trainer.cfg, trainer.data, trainer.device, trainer.amp_dtype,
                                progress=trainer._status, should_stop=lambda: trainer.control.should_stop)
    except TrainingError:
        fresh = not (trainer.resume_dir or trainer.fixed_run_dir or trainer.dist.enabled)
        if trainer.main and fresh:
            shutil.rmtree(trainer.run_dir, ignore_errors=True)
            trainer.run_dir, trainer.state.run_dir = None, ""
        raise
    size = found.batch_size
    if trainer.dist.enabled:  # rank 0's finding holds for every rank; each takes 1/world of the global batch
        size = int(trainer.dist.broadcast_text(str(size))) * trainer.dist.world
    t.batch_size = size
    trainer._status(f"batch_size auto -> {size} ({found.reason})")
    if trainer.main:
        cfgmod.save_config(trainer.cfg, trainer.run_dir / "config.yaml")


# ----------------------------------------------------------------------------- ensemble time budget
EVAL_COST = 1 / 3  # a validation text costs about a third of a training one (forward only)


def seconds_per_copy(cfg: Config, data: Any, device: torch.device, amp_dtype: torch.dtype | None = None,
                     batch_size: int | None = None) -> float | None:
    """The training time of one copy of the run's classifier on this machine, now: a freshly built copy takes real
    training steps on the run's own batches (timed as batch_size auto times them: a warm-up, then the median
    step), and the rate is spread over every planned step plus the validation passes. For model.ensemble auto's
    time budget (config.ENSEMBLE_SECONDS). The global RNG is put back, so the run's own model starts as it would
    have without this. None when no step could be timed (out of memory: the text rule alone decides)."""
    from engine.models import build_model

    one = copy.deepcopy(cfg)
    one.model.ensemble = 1
    size = batch_size or cfgmod.planned_batch_size(cfg)
    one.train.batch_size = size
    rng = ckpt.rng_state(device)
    try:
        model = build_model(one, data.tokenizer.vocab_size, max(1, len(data.label_names)),
                            data.tokenizer.pad_id).to(device)
        probe = _Probe(model, one, data, device, amp_dtype, lambda _message: None)
        try:
            rate = probe.rate(min(size, max(1, len(data.ids["train"]))))
        finally:
            probe.optimizer = None
    finally:
        ckpt.set_rng_state(rng, device)
        free_memory(device)
    if not rate:
        return None
    n_train, n_val = len(data.ids["train"]), len(data.ids.get("val") or [])
    t = cfg.train
    steps_per_epoch = math.ceil(math.ceil(n_train / size) / max(1, t.grad_accum))
    epochs = t.max_steps / steps_per_epoch if t.max_steps > 0 else t.epochs
    return epochs * (n_train + n_val * EVAL_COST) / rate


# ----------------------------------------------------------------------------- learning-rate range test
@dataclass
class LRFindResult:
    """The sweep: learning rates, smoothed (and raw) losses, and the proposed learning rate."""

    lrs: list[float]
    losses: list[float]
    raw_losses: list[float]
    suggestion: float | None
    method: str            # "steepest" (steepest descent of the smoothed loss), "flat" or "min/10"
    batch_size: int
    min_lr: float
    max_lr: float
    steps: int             # steps planned; len(lrs) were taken
    diverged: bool = False
    stopped: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


FLAT_DROP = 0.03  # a smoothed loss that never falls 3% below where it started did not descend


def suggest_lr(lrs: list[float], losses: list[float], skip_begin: int = 10,
               current: float | None = None) -> tuple[float | None, str]:
    """(learning rate, method): where the smoothed loss falls fastest against log10(lr) on its way down to the
    lowest loss (the noisy first points skipped; the slope taken over a few points either side, so one noisy
    batch does not win); else a tenth of the learning rate with the lowest loss. When the loss does not fall at
    all ("flat": the test told nothing about where it learns), the config's own rate (`current`), at most a tenth
    of where the loss starts to climb."""
    lr, loss = np.asarray(lrs, dtype=float), np.asarray(losses, dtype=float)
    ok = np.isfinite(loss) & (lr > 0)
    lr, loss = lr[ok], loss[ok]
    if len(loss) == 0:
        return None, "none"
    begin, k = min(skip_begin, len(loss) // 10), max(1, len(loss) // 20)
    lowest = begin + int(np.argmin(loss[begin:]))
    start = float(np.median(loss[begin:begin + max(3, len(loss) // 10)]))
    if len(loss) >= MIN_POINTS and start - loss[lowest] < FLAT_DROP * abs(start):
        # No real descent (a short test of a slow learner): its steepest "slope" would be noise. A tenth of the
        # learning rate at which the loss starts to climb is safe and still fast.
        rising = np.nonzero(loss[begin:] > start + FLAT_DROP * abs(start))[0]
        onset = begin + int(rising[0]) if len(rising) else len(loss) - 1
        ceiling = float(max(lr[0], lr[onset] / 10))
        # a short sweep sees the climb late (0.28 for Adam on a small GPT): the config's rate is the safer answer
        return (min(ceiling, float(current)) if current and current > 0 else ceiling), "flat"
    log_lr = np.log10(lr)
    # Only inside the valley: the longest run of ever lower losses leading to the lowest one, its start taken as
    # its end minus its length (as fastai's `valley`), so a dip in the noisy first decades -- where the
    # optimizer has barely moved any weight -- is not taken for the descent.
    first, last = _valley(loss[: lowest + 1])
    low_i, high_i = max(begin, first), min(lowest, last)
    best, slope_best = None, 0.0
    for i in range(low_i + k, high_i - k + 1) if len(loss) >= MIN_POINTS else ():
        slope = (loss[i + k] - loss[i - k]) / (log_lr[i + k] - log_lr[i - k])
        if slope < slope_best:
            best, slope_best = i, slope
    if best is not None:
        return float(lr[best]), "steepest"
    return float(max(lr[0], lr[lowest] / 10)), "min/10"


def _valley(loss: np.ndarray) -> tuple[int, int]:
    """(start, end) of the longest decreasing subsequence of `loss`, its start estimated as end - length + 1: a
    chain that skips many points (noise) counts for fewer points than its span."""
    length = np.ones(len(loss), dtype=int)
    end = 0
    for i in range(1, len(loss)):
        higher = length[:i][loss[:i] > loss[i]]
        if len(higher):
            length[i] = int(higher.max()) + 1
        if length[i] > length[end]:
            end = i
    return max(0, end - int(length[end]) + 1), end


def lr_range_test(cfg: Config, *, steps: int = 100, min_lr: float = 1e-7, max_lr: float = 10.0,
                  progress: Progress | None = None, should_stop: Callable[[], bool] | None = None) -> LRFindResult:
    """Sweep the learning rate exponentially from min_lr to max_lr over `steps` optimizer steps on training
    batches of a fresh model, recording the smoothed loss, and propose a learning rate. The config is not
    changed and no run folder is written; `should_stop` ends the sweep early (the result says so)."""
    from engine.data.pipeline import prepare_data
    from engine.envinfo import resolve_device
    from engine.models import build_model, init_word_vectors
    from engine.models.wide import fit_wide_for
    from engine.training.loop import autocast_dtype

    if not (0 < min_lr < max_lr) or not math.isfinite(max_lr):
        raise ConfigError(f"The learning-rate range needs 0 < min lr < max lr (got {min_lr:g} .. {max_lr:g}); "
                          f"for example --min-lr 1e-7 --max-lr 10.")
    if steps < 5:
        raise ConfigError(f"The learning-rate range test needs at least 5 steps (got {steps}); 100 is usual.")
    cfg = cfgmod.check(copy.deepcopy(cfg))
    t = cfg.train
    say = progress or (lambda _m, _f: None)
    stop = should_stop or (lambda: False)
    device = resolve_device(t.device)
    amp_dtype = autocast_dtype(t.precision, device)
    data = prepare_data(cfg, progress=lambda message: say(message, 0.0))
    if not len(data.ids["train"]):
        raise TrainingError("The training split is empty after cleaning and splitting; use more data or smaller "
                            "val/test fractions.")
    if cfgmod.is_auto(cfg, "model.ensemble"):  # as the training loop resolves it
        cfg.model.ensemble = cfgmod.ensemble_members(cfg, len(data.ids["train"]))
    cfgmod.resolve_ngram_buckets(cfg, max(1, len(data.label_names)))  # many classes: the run's smaller table
    torch.manual_seed(t.seed)
    model = build_model(cfg, data.tokenizer.vocab_size, max(1, len(data.label_names)), data.tokenizer.pad_id)
    init_word_vectors(model, cfg, data.tokenizer)  # as in training
    fit_wide_for(model, cfg, data)  # the wide part's start, as in training
    model.to(device).train()
    if cfgmod.is_auto(cfg, "train.batch_size"):
        found = find_batch_size(model, cfg, data, device, amp_dtype, progress=lambda m: say(m, 0.0),
                                should_stop=stop)
        t.batch_size = found.batch_size
        say(f"batch_size auto -> {t.batch_size} ({found.reason})", 0.0)
    optimizer = build_optimizer(model, t)
    scales = [g["lr"] / t.lr for g in optimizer.param_groups]  # the n-gram bag keeps its multiple of the LR
    scaler = torch.amp.GradScaler(device.type, enabled=amp_dtype == torch.float16)
    batches = _TrainBatches(cfg, data, device)
    stream = batches.stream(t.batch_size)
    lrs, losses, raw = [], [], []
    avg, best, diverged, stopped = 0.0, math.inf, False, False
    for i in range(steps):
        if stop():
            stopped = True
            break
        lr = min_lr * (max_lr / min_lr) ** (i / (steps - 1))
        for group, scale in zip(optimizer.param_groups, scales):
            group["lr"] = lr * scale
        micro = [batches.tensors(next(stream)) for _ in range(t.grad_accum)]
        loss = float(train_step(model, optimizer, cfg, micro, amp_dtype, scaler))
        if not math.isfinite(loss):
            diverged = True
            break
        avg = SMOOTHING * avg + (1 - SMOOTHING) * loss
        smooth = avg / (1 - SMOOTHING ** (i + 1))
        lrs.append(lr)
        losses.append(smooth)
        raw.append(loss)
        best = min(best, smooth)
        say(f"lr {lr:.2e}  loss {smooth:.4f}", (i + 1) / steps)
        if i > 0 and smooth > DIVERGED * best:
            diverged = True
            break
    del model, optimizer
    free_memory(device)
    suggestion, method = suggest_lr(lrs, losses, current=float(cfg.train.lr))
    return LRFindResult(lrs, losses, raw, suggestion, method, t.batch_size, min_lr, max_lr, steps, diverged, stopped)
