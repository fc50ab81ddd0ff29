"""Hyperparameter search: grid, random and Bayesian (Optuna TPE) with pruning, resumable.

The space is the `search:` section of the same YAML as a run::

    search:
      metric: auto            # the validation metric to optimise (train.monitor; auto = accuracy, macro F1 when
                              # the classes are imbalanced, or loss)
      space:
        train.lr: {low: 1.0e-4, high: 1.0e-2, log: true}
        model.arch: {choices: [textcnn, gru]}
        model.embed_dim: {low: 32, high: 128, step: 32}

Each trial is an ordinary run folder under SEARCH_DIR/trials/. The study lives in SEARCH_DIR/study.db (an
Optuna SQLite file), so a search that was killed continues where it stopped when started again with the
same folder: finished trials count, a trial that was running when it died is marked failed.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import config as cfgmod
from engine.errors import ConfigError, HelloTorchError, TrainingError

METHODS = ("grid", "random", "tpe")
STUDY = "study.db"
RANGE_FIELDS = ("low", "high", "log", "step")  # a search.space entry's fields besides `choices`
STUDY_NAME = "hellotorch-search"
MAXIMIZE = ("accuracy", "f1_macro")


@dataclass
class Param:
    """One searched key: categorical choices, or an int/float range (optionally log scale or stepped)."""

    key: str
    kind: str                  # "choice", "int" or "float"
    choices: list = field(default_factory=list)
    low: float = 0.0
    high: float = 0.0
    log: bool = False
    step: float | None = None

    def grid_values(self) -> list:
        if self.kind == "choice":
            return list(self.choices)
        if self.step is None:
            raise ConfigError(f"Grid search needs a finite list for '{self.key}': give it `choices: [...]` or a "
                              f"`step` (e.g. {{low: {self.low}, high: {self.high}, step: ...}}).")
        n = int(math.floor((self.high - self.low) / self.step + 1e-9)) + 1
        values = [self.low + i * self.step for i in range(n)]
        return [int(round(v)) for v in values] if self.kind == "int" else [float(v) for v in values]

    def suggest(self, trial: Any) -> Any:
        if self.kind == "choice":
            return trial.suggest_categorical(self.key, self.choices)
        if self.kind == "int":
            return trial.suggest_int(self.key, int(self.low), int(self.high), step=int(self.step or 1), log=self.log)
        return trial.suggest_float(self.key, float(self.low), float(self.high), step=self.step, log=self.log)


def _field_kind(key: str, specs: dict) -> str:
    f = specs[key]
    typ = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    return {"int": "int", "float": "float"}.get(typ, "other")


def parse_space(section: Any, source: str = "search") -> tuple[list[Param], str]:
    """The `search:` section -> (params, metric); every mistake is a ConfigError naming the key."""
    example = ("search:\n  space:\n    train.lr: {low: 1.0e-4, high: 1.0e-2, log: true}\n"
               "    model.arch: {choices: [textcnn, gru]}")
    if not isinstance(section, dict):
        raise ConfigError(f"The {source} has no `search:` section (or it is not a mapping). Add one, for "
                          f"example:\n{example}")
    unknown = set(section) - {"space", "metric"}
    if unknown:
        raise ConfigError(f"Unknown key(s) in `search:`: {', '.join(sorted(unknown))}. It takes `space:` and "
                          f"optionally `metric:`.")
    space = section.get("space")
    if not isinstance(space, dict) or not space:
        raise ConfigError(f"The search space is empty: `search: space:` must map config keys to ranges or "
                          f"choices, for example:\n{example}")
    specs = cfgmod.field_specs()
    params: list[Param] = []
    for key, spec in space.items():
        key = str(key)
        if key not in specs:
            raise ConfigError(f"`search.space` names '{key}', which is not a config key."
                              f"{cfgmod._suggest(key, list(specs))}")
        kind = _field_kind(key, specs)
        if isinstance(spec, list):
            spec = {"choices": spec}
        if not isinstance(spec, dict):
            raise ConfigError(f"`search.space.{key}` must be `{{choices: [...]}}` or `{{low: ..., high: ...}}`, "
                              f"got {spec!r}.")
        unknown = sorted(str(k) for k in spec if k not in (("choices",) if "choices" in spec else RANGE_FIELDS))
        if unknown:
            allowed = "`choices` alone" if "choices" in spec else ", ".join(f"`{f}`" for f in RANGE_FIELDS)
            raise ConfigError(f"`search.space.{key}` has field(s) the search does not know: "
                              f"{', '.join(unknown)}. It takes {allowed} (a range is uniform, or log-uniform with "
                              f"`log: true`).")
        if "choices" in spec:
            choices = spec["choices"]
            if not isinstance(choices, list) or not choices:
                raise ConfigError(f"`search.space.{key}.choices` must be a non-empty list, got {choices!r}.")
            for value in choices:  # each choice must be a valid value of the field
                try:
                    cfgmod._coerce(key, specs[key], value)
                except ConfigError as exc:
                    raise ConfigError(f"`search.space.{key}` offers {value!r}: {exc}") from None
            params.append(Param(key, "choice", choices=list(choices)))
            continue
        if kind == "other":
            raise ConfigError(f"'{key}' is not numeric: search it with `choices: [...]`, not a low/high range.")
        try:
            low, high = float(spec["low"]), float(spec["high"])
        except KeyError as exc:
            raise ConfigError(f"`search.space.{key}` needs both `low` and `high` (missing {exc}).") from None
        except (TypeError, ValueError):
            raise ConfigError(f"`search.space.{key}.low/high` must be numbers, got {spec.get('low')!r} and "
                              f"{spec.get('high')!r}.") from None
        if not all(abs(v) < float("inf") for v in (low, high)):  # also false for NaN
            raise ConfigError(f"`search.space.{key}.low/high` must be finite numbers, got {spec.get('low')!r} and "
                              f"{spec.get('high')!r}.")
        if not low < high:
            raise ConfigError(f"`search.space.{key}`: low ({low:g}) must be below high ({high:g}).")
        log = bool(spec.get("log", False))
        if log and low <= 0:
            raise ConfigError(f"`search.space.{key}`: a log-scale range needs low > 0 (got {low:g}).")
        step = spec.get("step")
        if step is not None:
            try:
                step = float(step)
                if not abs(step) < float("inf"):
                    raise ValueError
            except (TypeError, ValueError):
                raise ConfigError(f"`search.space.{key}.step` must be a number, got {step!r}.") from None
            if step <= 0:
                raise ConfigError(f"`search.space.{key}.step` must be positive (got {step:g}).")
            if log:
                raise ConfigError(f"`search.space.{key}`: use either log or step, not both.")
            if step > high - low:  # only `low` could ever be drawn: every trial would train the same config
                raise ConfigError(f"`search.space.{key}`: the step ({step:g}) is wider than the range {low:g} .. "
                                  f"{high:g}, so only {low:g} could be tried. Use a smaller step, or set the key in "
                                  f"the config if it should not be searched.")
        if kind == "int" and (low != int(low) or high != int(high) or (step is not None and step != int(step))):
            raise ConfigError(f"'{key}' is an integer: give `search.space.{key}` integer low/high (and step).")
        params.append(Param(key, kind, low=low, high=high, log=log, step=step))
    metric = str(section.get("metric", "auto"))
    if metric not in ("auto", "loss", "accuracy", "f1_macro", "perplexity"):
        raise ConfigError(f"`search.metric` must be auto, loss, accuracy, f1_macro or perplexity, got '{metric}'.")
    return params, metric


def load_search_config(path: str | os.PathLike, overrides: list[str] | None = None
                       ) -> tuple[cfgmod.Config, list[Param], str, dict]:
    """A YAML with a `search:` section -> (base config, params, metric, raw dict)."""
    presets = cfgmod.list_presets()
    if str(path) in presets and not Path(path).exists():
        raise ConfigError(f"'{path}' is a preset, and a search needs a YAML file with a `search:` section. Copy "
                          f"{presets[str(path)]} to a file of your own, add for example `search: {{space: "
                          f"{{train.lr: {{low: 1.0e-4, high: 1.0e-2, log: true}}}}}}` and pass that file.")
    raw = cfgmod.load_yaml(path)
    section = raw.get("search")
    sets = []
    for item in overrides or []:  # --set search.metric=... applies to the search section, the rest to the config
        key, _, value = str(item).partition("=")
        if key.strip() == "search.metric" and isinstance(section, dict):
            section = dict(section, metric=value.strip())
        elif key.strip().startswith("search."):
            raise ConfigError(f"--set {key.strip()}: of the `search:` section only search.metric can be set on the "
                              f"command line; edit the search space in '{path}'.")
        else:
            sets.append(item)
    base = cfgmod.check(cfgmod.apply_overrides(cfgmod.from_file(path, raw), sets))
    params, metric = parse_space(section, f"config '{path}'")
    if metric != "auto":  # each trial's best checkpoint and its reported value follow the searched metric
        try:
            base = cfgmod.check(cfgmod.apply_overrides(base, [f"train.monitor={metric}"]))
        except ConfigError:
            allowed = "accuracy, f1_macro or loss" if base.task == "classification" else "loss or perplexity"
            raise ConfigError(f"`search.metric: {metric}` does not exist for {base.task}; use auto, {allowed}."
                              ) from None
    for p in params:  # every choice and both ends of every range must make a valid config with the rest
        values = p.choices if p.kind == "choice" else [int(p.low) if p.kind == "int" else p.low,
                                                       int(p.high) if p.kind == "int" else p.high]
        for value in values:
            try:
                cfgmod.check(cfgmod.apply_overrides(copy.deepcopy(base), [f"{p.key}={value}"]))
            except ConfigError as exc:
                where = "offers" if p.kind == "choice" else "reaches"
                raise ConfigError(f"`search.space.{p.key}` {where} {value!r}, which this config does not allow: "
                                  f"{exc}") from None
    return base, params, metric, raw


@dataclass
class TrialInfo:
    number: int
    state: str
    params: dict
    value: float | None
    run_dir: str | None
    intermediate: dict = field(default_factory=dict)
    duration_s: float | None = None
    error: str = ""  # why a failed trial failed (the engine's one-paragraph message)


class SearchCallback:
    """Hooks for the window and the terminal (all no-ops)."""

    def on_search_begin(self, info: dict) -> None: ...
    def on_trial_begin(self, number: int, params: dict) -> None: ...
    def trial_callbacks(self, number: int) -> list:  # engine training callbacks for this trial's run
        return []
    def on_trial_end(self, trial: TrialInfo) -> None: ...
    def on_search_end(self, result: dict) -> None: ...


class SearchControl:
    """Stop after the running trial (or at once: the running trial is stopped too)."""

    def __init__(self) -> None:
        self.stop_requested = False
        self.trial_control = None

    def request_stop(self, reason: str = "the search was stopped", now: bool = True) -> None:
        self.stop_requested = True
        if now and self.trial_control is not None:
            self.trial_control.request_stop(reason)


def _direction(metric: str, base: cfgmod.Config) -> tuple[str, str]:
    if metric == "auto":
        metric = base.train.monitor if base.train.monitor != "auto" else (
            _classification_monitor(base) if base.task == "classification" else "loss")
    return metric, ("maximize" if metric in MAXIMIZE else "minimize")


def _classification_monitor(base: cfgmod.Config) -> str:
    """What a classifier's train.monitor auto picks on this data: macro F1 when its classes are imbalanced
    (engine.data.checks.class_imbalance), else accuracy; the data is prepared once to see. Data that cannot be
    prepared says accuracy: each trial then fails with the data's own message."""
    from engine.data.pipeline import prepare_data

    try:
        imbalanced = prepare_data(base).imbalanced
    except HelloTorchError:
        imbalanced = False
    return cfgmod.monitor_metric(base, imbalanced)[0]


def _trial_info(t: Any) -> TrialInfo:
    return TrialInfo(number=t.number, state=t.state.name.lower(), params=dict(t.params),
                     value=t.value if t.state.name == "COMPLETE" else None,
                     run_dir=t.user_attrs.get("run_dir"), intermediate=dict(t.intermediate_values),
                     duration_s=t.duration.total_seconds() if t.duration else None,
                     error=str(t.user_attrs.get("error") or ""))


def _close_orphan(run_dir: str | None, why: str) -> None:
    """The run folder of a trial whose search process died: 'failed' with the reason, not 'running' forever."""
    if not run_dir:
        return
    from engine.runs import STATUS_FILE, read_json, write_status

    folder = Path(run_dir)
    said = read_json(folder / STATUS_FILE)
    if folder.is_dir() and said.get("status") not in ("finished", "stopped", "failed"):
        write_status(folder, "failed", error=why, step=said.get("step", 0))


def _kept_trials(root: Path) -> int:
    """Trials of the search in `root` worth keeping: all but failed ones (a finished, pruned, or killed-while-running
    trial counts); 0 when it has no trial database."""
    if not (root / STUDY).is_file():
        return 0
    import optuna

    try:
        study = optuna.load_study(study_name=STUDY_NAME, storage=f"sqlite:///{(root / STUDY).resolve()}")
        return sum(t.state != optuna.trial.TrialState.FAIL for t in study.get_trials(deepcopy=False))
    except Exception:  # noqa: BLE001 - unreadable: treat it as holding results (the caller refuses to replace it)
        return 1


def _sampler(method: str, params: list[Param], seed: int):
    import optuna

    if method == "grid":
        return optuna.samplers.GridSampler({p.key: p.grid_values() for p in params}, seed=seed)
    if method == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    return optuna.samplers.TPESampler(seed=seed, n_startup_trials=min(5, max(2, len(params) + 1)))


def run_search(config_path: str | os.PathLike, method: str = "tpe", n_trials: int = 10, *,
               timeout: float | None = None, out: str | os.PathLike | None = None,
               overrides: list[str] | None = None, seed: int = 0, callback: SearchCallback | None = None,
               control: SearchControl | None = None) -> dict:
    """Run (or continue) a search; returns {search_dir, method, metric, direction, trials, best}."""
    import logging

    import optuna

    from engine.io import atomic_write_json, atomic_write_text
    from engine.runs import default_runs_dir
    from engine.training import train
    from engine.training.callbacks import Callback, TrainerControl

    if method not in METHODS:
        raise ConfigError(f"Unknown search method '{method}'. Choose grid, random or tpe.")
    if n_trials < 1:
        raise ConfigError(f"--trials must be at least 1 (got {n_trials}).")
    base, params, metric, raw = load_search_config(config_path, overrides)
    metric, direction = _direction(metric, base)
    if base.train.monitor == "auto":  # every trial picks its best checkpoint, and reports, by the searched metric
        base.train.monitor = metric
    cb = callback or SearchCallback()
    control = control or SearchControl()
    if method == "grid" or all(p.kind == "choice" or p.step is not None for p in params):
        # a finite space: more trials than combinations would only repeat some (one value each: n identical runs)
        size = math.prod(len(p.grid_values()) for p in params)
        n_trials = min(n_trials, size)
    root = Path(out) if out else default_runs_dir() / "searches" / (
        time.strftime("%Y%m%d-%H%M%S") + f"-{method}")
    root.mkdir(parents=True, exist_ok=True)
    saved = root / "search.yaml"
    spec = {"config": raw, "overrides": list(overrides or []), "method": method, "metric": metric, "seed": seed}
    if saved.is_file():
        import yaml

        try:
            previous = yaml.safe_load(saved.read_text(encoding="utf-8")) or {}
            if not isinstance(previous, dict):
                raise ValueError("not a mapping")
        except (OSError, ValueError, yaml.YAMLError) as exc:
            raise ConfigError(f"'{saved}' is damaged ({str(exc).splitlines()[0]}); this search folder cannot be "
                              f"continued. Pass a new --out folder.") from None
        changed = previous.get("config") != raw or previous.get("method") != method or \
            previous.get("overrides", []) != list(overrides or [])
        if changed and not _kept_trials(root):  # nothing to mix: e.g. every trial failed on a bad data.source
            (root / STUDY).unlink(missing_ok=True)
            atomic_write_text(saved, yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
        elif changed:
            raise ConfigError(f"'{root}' holds a search with another config or method; continuing it with this one "
                              f"would mix trials. Pass a new --out folder, or the same config and --method "
                              f"{previous.get('method')}.")
    else:
        import yaml

        atomic_write_text(saved, yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    optuna.logging.set_verbosity(logging.ERROR)  # failed trials: our own one-line reason, no traceback
    storage = f"sqlite:///{(root / STUDY).resolve()}"
    pruner = optuna.pruners.NopPruner() if method == "grid" else optuna.pruners.MedianPruner(
        n_startup_trials=2, n_warmup_steps=0, interval_steps=1)
    try:
        study = optuna.create_study(study_name=STUDY_NAME, storage=storage, direction=direction,
                                    sampler=_sampler(method, params, seed), pruner=pruner, load_if_exists=True)
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy/Optuna errors on a damaged or foreign study file
        raise ConfigError(f"The search's trial database '{root / STUDY}' cannot be opened ({type(exc).__name__}: "
                          f"{str(exc).splitlines()[0][:200]}); it is damaged or not a search database. Pass a new "
                          f"--out folder.") from None
    from optuna.trial import TrialState

    for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):  # died with a killed search
        why = "the search process stopped during this trial"
        study._storage.set_trial_user_attr(t._trial_id, "error", why)
        study._storage.set_trial_state_values(t._trial_id, TrialState.FAIL)
        _close_orphan(t.user_attrs.get("run_dir"), why)
    if method != "grid" and study.trials:
        # A sampler seeded as at the start would propose the first trials' settings again: go on from a seed of
        # its own (the grid sampler skips the points already tried by itself).
        study.sampler = _sampler(method, params, seed + len(study.trials))
    done = len(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED)))
    remaining = max(0, n_trials - done)
    cb.on_search_begin({"search_dir": str(root), "method": method, "metric": metric, "direction": direction,
                        "n_trials": n_trials, "done": done, "params": [dataclasses.asdict(p) for p in params]})
    trials_dir = root / "trials"
    started = time.monotonic()

    class Reporter(Callback):
        def __init__(self, trial, trial_control) -> None:
            self.trial, self.trial_control, self.pruned = trial, trial_control, False

        def on_train_begin(self, state, tc) -> None:
            self.trial.set_user_attr("run_dir", str(state.run_dir))  # known even if this process dies in the trial

        def on_evaluate(self, state, tc, metrics) -> None:
            value = metrics.get(metric)
            if isinstance(value, (int, float)) and math.isfinite(value):
                self.trial.report(float(value), state.step)
                if self.trial.should_prune():
                    self.pruned = True
                    tc.request_stop(f"pruned: {metric} {value:.4f} is below the median of earlier trials")

    def objective(trial) -> float:
        values = {p.key: p.suggest(trial) for p in params}
        cfg = cfgmod.check(cfgmod.apply_overrides(copy.deepcopy(base), [f"{k}={v}" for k, v in values.items()]))
        cfg.name = f"trial-{trial.number}"
        cb.on_trial_begin(trial.number, values)
        tc = TrainerControl()
        control.trial_control = tc
        if control.stop_requested:
            tc.request_stop("the search was stopped")
        reporter = Reporter(trial, tc)
        try:
            result = train(cfg, callbacks=[reporter, *cb.trial_callbacks(trial.number)], control=tc,
                           runs_dir=trials_dir)
        except HelloTorchError as exc:
            trial.set_user_attr("error", str(exc))
            raise
        finally:
            control.trial_control = None
        trial.set_user_attr("run_dir", str(result.run_dir))
        if reporter.pruned:
            raise optuna.TrialPruned()
        if control.stop_requested and result.status != "finished":
            # failed, not pruned: a resumed search does not count it as done and runs such a trial again
            trial.set_user_attr("error", "stopped by the user before it finished")
            raise TrainingError("stopped by the user before it finished")
        value = result.summary.get("best_metric")
        if value is None:
            value = (result.test or {}).get(metric)
        if value is None or not math.isfinite(float(value)):
            raise optuna.TrialPruned("no validation metric")
        return float(value)

    def after(study_, frozen) -> None:
        cb.on_trial_end(_trial_info(frozen))
        if control.stop_requested:
            study_.stop()

    if remaining and not control.stop_requested:
        left = None if timeout is None else max(0.0, timeout - (time.monotonic() - started))
        study.optimize(objective, n_trials=remaining, timeout=left, callbacks=[after],
                       catch=(HelloTorchError,), gc_after_trial=False)  # a full collection holds the GIL ~0.5 s
    trials = [_trial_info(t) for t in study.get_trials(deepcopy=False)]
    best = None
    try:
        bt = study.best_trial
        best = {"number": bt.number, "value": bt.value, "params": dict(bt.params),
                "run_dir": bt.user_attrs.get("run_dir")}
    except ValueError:
        pass
    result = {"search_dir": str(root), "method": method, "metric": metric, "direction": direction,
              "n_trials": n_trials, "trials": [dataclasses.asdict(t) for t in trials], "best": best}
    atomic_write_json(root / "summary.json", result)
    if best is not None:
        best_cfg = cfgmod.apply_overrides(copy.deepcopy(base), [f"{k}={v}" for k, v in best["params"].items()])
        cfgmod.save_config(best_cfg, root / "best_config.yaml")
    cb.on_search_end(result)
    return result


def parameter_importance(search_dir: str | os.PathLike) -> dict[str, float]:
    """fANOVA-free importance (Optuna's default evaluator) of each searched key; {} with too few trials."""
    import optuna

    study = optuna.load_study(study_name=STUDY_NAME, storage=f"sqlite:///{(Path(search_dir) / STUDY).resolve()}")
    try:
        return {k: float(v) for k, v in optuna.importance.get_param_importances(study).items()}
    except (RuntimeError, ValueError):
        return {}


def read_summary(search_dir: str | os.PathLike) -> dict:
    return json.loads((Path(search_dir) / "summary.json").read_text(encoding="utf-8"))
