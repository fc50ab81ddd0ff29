"""Every text of the Train panel, in the current language: the controls' names and tips, and the status line,
progress bar, ETA and rate rendered from the current run's RunView (so a language switch redraws them all)."""
from __future__ import annotations

from PySide6.QtCore import QObject

from engine.runs import format_duration
from hellotorch_gui.panels.train_view import RunView


class TrainTexts(QObject):
    """Sets the TrainPanel's texts; `render(view)` draws what the run is doing."""

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.p = panel

    def status_word(self, status: str) -> str:
        return {"idle": self.tr("Ready"), "loading": self.tr("Reading the run"), "starting": self.tr("Starting"),
                "running": self.tr("Training"), "paused": self.tr("Paused"),
                "scoring": self.tr("Scoring the test split"), "finished": self.tr("Finished"),
                "stopped": self.tr("Stopped"), "failed": self.tr("Failed")}.get(status, status)

    def retranslate(self) -> None:
        p = self.p
        p.start_button.setText(self.tr("Start"))
        p.start_button.setToolTip(self.tr("Start training with the current config (Ctrl+Return)"))
        p.start_button.setAccessibleName(self.tr("Start training"))
        p.pause_button.setText(self.tr("Resume") if p.is_paused else self.tr("Pause"))
        p.pause_button.setToolTip(self.tr("Pause after the current step (a checkpoint is saved), or resume"))
        p.pause_button.setAccessibleName(self.tr("Pause or resume training"))
        p.stop_button.setText(self.tr("Stop"))
        p.stop_button.setToolTip(self.tr("Stop after the current step, save a checkpoint and score the test split "
                                         "(Ctrl+.)"))
        p.stop_button.setAccessibleName(self.tr("Stop training"))
        p.save_button.setText(self.tr("Save checkpoint"))
        p.save_button.setToolTip(self.tr("Save the last checkpoint now, without stopping"))
        p.save_button.setAccessibleName(self.tr("Save checkpoint"))
        p.resume_button.setText(self.tr("Resume run"))
        p.resume_button.setToolTip(self.tr("Train the stopped, failed or interrupted run on from its last checkpoint "
                                           "to the steps it planned"))
        p.resume_button.setAccessibleName(self.tr("Resume the run from its last checkpoint"))
        p.continue_label.setText(self.tr("Continue for"))
        p.continue_spin.setSuffix(self.tr(" steps"))
        p.continue_spin.setToolTip(self.tr("How many more optimizer steps to train from the last checkpoint"))
        p.continue_spin.setAccessibleName(self.tr("Steps to continue"))
        p.continue_button.setText(self.tr("Continue"))
        p.continue_button.setToolTip(self.tr("Train the run shown for this many more steps from its last "
                                             "checkpoint"))
        p.continue_button.setAccessibleName(self.tr("Continue the run"))
        p.detached_check.setText(self.tr("Separate process"))
        p.detached_check.setToolTip(self.tr("Train in its own process: it keeps running when the window closes, "
                                            "and the window re-attaches when it opens again"))
        p.detached_check.setAccessibleName(self.tr("Train in a separate process"))
        p.devices.retranslate()
        p.progress.setAccessibleName(self.tr("Training progress"))
        p.eta_label.setToolTip(self.tr("Time left at the run's own pace (evaluations and checkpoints included, "
                                       "pauses not)"))
        p.speed_label.setToolTip(self.tr("Training examples per second at the same pace as the time left"))
        p.log.setToolTip(self.tr("What the training loop reports"))
        p.log.setAccessibleName(self.tr("Training log"))
        p.samples.setToolTip(self.tr("Text generated from fixed prompts at each evaluation"))
        p.samples.setAccessibleName(self.tr("Generated samples"))
        p.samples_box.setTitle(self.tr("Samples (generation)"))
        p.log_box.setTitle(self.tr("Log"))
        p.splitter.setToolTip(self.tr("Drag the bar between the plots and the log to resize them"))
        p.splitter.setAccessibleName(self.tr("Plots and log"))
        p.status_label.setAccessibleName(self.tr("Status of the current run"))

    # ----------------------------------------------------------------- the run
    def render(self, v: RunView) -> None:
        p = self.p
        word = self.status_word(v.status)
        if v.run_dir:
            text = self.tr("{0} — {1}").format(word, v.run_dir)
        elif v.status == "starting":
            text = self.tr("Starting — preparing the data and the model (the run folder is made first)")
        elif v.status == "failed":
            text = self.tr("Failed before a run folder was made: no run was created")
        elif v.status == "idle":
            text = self.tr("Ready — no run yet")
        else:
            text = word
        if v.status == "failed" and v.error == "killed":
            text += self.tr(" (its process ended without finishing)")
        elif v.stop_reason and v.status in ("finished", "stopped"):
            text += f" ({self.stop_reason(v.stop_reason)})"
        p.status_label.setText(text)
        tip = self.tr("Status of the current run and its folder")
        if v.error and v.error != "killed":
            tip += "\n" + v.error
        if v.resumable():
            tip += "\n" + self.tr("Its last checkpoint is at step {0} of {1}: Resume run trains on from there.").format(
                v.checkpoint_step, v.total_steps)
        p.status_label.setToolTip(tip)
        self.render_progress(v)

    def stop_reason(self, reason: str) -> str:
        """The engine's stop reasons (engine.training: request_stop) in the window's language; others as written."""
        import re

        known = {"stopped by the user": self.tr("stopped by the user"),
                 "stopped from the window": self.tr("stopped from the window"),
                 "interrupted from the terminal": self.tr("interrupted from the terminal"),
                 "stopped by SIGTERM": self.tr("stopped by a terminate signal (SIGTERM)"),
                 "stopped on another rank": self.tr("stopped on another process of the run"),
                 "the search was stopped": self.tr("the search was stopped")}
        if reason in known:
            return known[reason]
        early = re.fullmatch(r"early stopping: validation (\S+) did not improve for (\d+) evaluations", reason)
        if early:
            return self.tr("early stopping: validation {0} did not improve for {1} evaluations").format(
                early.group(1), early.group(2))
        pruned = re.fullmatch(r"pruned: (.*)", reason)
        if pruned:
            return self.tr("pruned by the search: {0}").format(pruned.group(1))
        return reason

    def _progress_format(self, v: RunView) -> str:
        epoch = v.epoch + 1
        if v.max_steps > 0:
            return self.tr("%v / %m steps (max steps) · epoch {0}").format(epoch)
        if v.epochs > 0:
            return self.tr("%v / %m steps · epoch {0} of {1}").format(min(epoch, v.epochs), v.epochs)
        return self.tr("%v / %m steps")

    def render_progress(self, v: RunView) -> None:
        """Progress bar, ETA and rate (called on every step too: cheap)."""
        p = self.p
        bar, eta, speed = p.progress, "", ""
        if v.status in ("starting", "loading", "scoring") or (v.status == "running" and not v.total_steps):
            bar.setRange(0, 0)  # busy: no step to count
            bar.setFormat("")
            if v.status == "scoring":
                eta = self.tr("Scoring the test split …")
        elif v.total_steps:
            bar.setRange(0, v.total_steps)
            bar.setValue(min(v.step, v.total_steps))
            bar.setFormat(self._progress_format(v))
        else:
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setFormat(self.tr("no run yet") if v.status == "idle" else self.tr("no steps trained"))
        if v.status == "running":
            left, rate = v.eta(), v.samples_per_s()
            eta = self.tr("ETA {0}").format(format_duration(left) if left is not None else "–")
            speed = self.tr("{0:.0f} samples/s").format(rate) if rate is not None else ""
        elif v.status == "paused":
            eta = self.tr("Paused")
        elif v.status in ("finished", "stopped"):
            duration = v.summary.get("duration_s")
            eta = self.tr("Took {0}").format(format_duration(duration)) if duration else ""
            speed = self.tr("{0:.0f} samples/s on average").format(v.mean_rate) if v.mean_rate else ""
        p.eta_label.setText(eta)
        p.speed_label.setText(speed)
        if v.max_steps > 0:
            tip = self.tr("Max steps ({0}) limits this run: it ends at step {0}, whatever Epochs says "
                          "(set Max steps to 0 to train by epochs).").format(v.max_steps)
        elif v.epochs > 0:
            tip = self.tr("Epochs ({0}) limit this run: {1} optimizer steps in all.").format(v.epochs, v.total_steps)
        else:
            tip = self.tr("Optimizer steps done of the total")
        p.progress.setToolTip(tip)
