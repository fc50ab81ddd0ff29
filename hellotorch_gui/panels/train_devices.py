"""The Train panel's device controls: the Processes/GPUs box, bounded by what the config's device can hold, and
the live GPU memory/load label. The engine computes both off the GUI thread (process_limit in a task, usage
samples from the training callbacks); this module only shows them."""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QSpinBox

from hellotorch_gui.panels.base import describe

LIMIT_TASK = "process-limit"


def _gib(n: float) -> str:
    return f"{n / 2**30:.1f}"


class DeviceControls(QObject):
    """nprocSpin (+ its label) and gpuUsageLabel, kept in step with the config's train.device."""

    def __init__(self, ctx, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.limit: dict = {}        # engine.training.distributed.process_limit of the config's device
        self.usage: list[dict] = []  # the last per-GPU sample (engine.envinfo.device_usage dicts)
        self.live = False
        self.nproc_label = QLabel()
        self.nproc_spin = QSpinBox(objectName="nprocSpin")
        self.nproc_spin.setRange(1, 64)  # until the engine has said what the device holds
        self.nproc_label.setBuddy(self.nproc_spin)
        self.usage_label = QLabel(objectName="gpuUsageLabel")
        self.usage_label.setVisible(False)  # shown once a GPU run sends a sample; never on a CPU
        ctx.state.changed.connect(self._on_config_changed)
        self.refresh_limit()

    # ----------------------------------------------------------------- the Processes/GPUs bound
    @Slot(str)
    def _on_config_changed(self, key: str) -> None:
        if key in ("", "train.device"):
            self.refresh_limit()

    def refresh_limit(self) -> None:
        """Ask the engine (in a task: it imports torch) how many processes the config's device can hold."""
        device = str(self.ctx.state.get("train.device"))

        def work(_progress, _stop) -> dict:
            from engine.training.distributed import process_limit

            return process_limit(device)

        self.ctx.tasks.run(LIMIT_TASK, work, on_success=self.apply_limit)

    def apply_limit(self, info: dict) -> None:
        self.limit = dict(info)
        self.nproc_spin.setMaximum(max(1, int(info.get("limit") or 1)))  # a larger value is lowered with it
        self.retranslate()

    def refusal(self, cfg, separate: bool) -> str:
        """Why a run of cfg in this many processes (or in a separate process) cannot start, or ''. In-process runs
        are left to the loop, which checks the device before it makes a folder; a launch makes the folder first."""
        n = self.nproc_spin.value()
        if n <= 1 and not separate:
            return ""
        from engine.errors import HelloTorchError
        from engine.training.distributed import check_gpu_processes

        try:
            check_gpu_processes(n, cfg.train.device, flag="Processes/GPUs")
        except HelloTorchError as exc:
            return str(exc)
        return ""

    def _limit_tooltip(self) -> str:
        info, n = self.limit, self.nproc_spin.maximum()
        more = self.tr(" More than 1 trains in separate processes with torchrun.")
        if not info:
            return self.tr("Data-parallel processes (one per GPU on CUDA); more than 1 trains in separate processes "
                           "with torchrun")
        if info.get("error"):
            return self.tr("Only 1 process: the config's device cannot be used here. {0}").format(info["error"])
        if info.get("device") == "mps":
            return self.tr("Only 1 process: Apple's MPS trains in one process (DistributedDataParallel has no MPS "
                           "backend). Set the device to cpu for several gloo processes.")
        if info.get("device") == "cuda":
            text = self.tr("Data-parallel processes, one per GPU: at most {0}, the CUDA GPUs this machine shows "
                           "({1}).").format(n, info.get("gpu_names", ""))
            if info.get("visible_devices") is not None:
                text += self.tr(" CUDA_VISIBLE_DEVICES={0} limits them.").format(info["visible_devices"])
            return text + more
        return self.tr("Data-parallel gloo processes on the CPU: at most {0} (one per core, at least 2). On CUDA "
                       "there is one process per GPU.").format(n) + more

    # ----------------------------------------------------------------- live GPU usage
    def reset_usage(self) -> None:
        """A new run: nothing measured yet (the label stays hidden unless that run is on a GPU)."""
        self.usage, self.live = [], True
        self.usage_label.clear()
        self.usage_label.setVisible(False)

    def end_usage(self) -> None:
        """The run ended: keep its last figures (with the peak) but grey them out."""
        self.live = False
        self.usage_label.setEnabled(False)

    @Slot(list)
    def show_usage(self, devices: list) -> None:
        self.usage = [d for d in devices if isinstance(d, dict)]
        if not self.usage:
            return
        self.usage_label.setText(" | ".join(self._device_text(d) for d in self.usage))
        self.usage_label.setEnabled(self.live)
        self.usage_label.setVisible(True)

    def _device_text(self, d: dict) -> str:
        parts = []
        used, total = d.get("used_bytes"), d.get("total_bytes")
        if used is not None and total:
            parts.append(f"{_gib(used)}/{_gib(total)} GiB")
        elif d.get("allocated_bytes") is not None:
            parts.append(f"{_gib(d['allocated_bytes'])} GiB")
        if d.get("peak_allocated_bytes") is not None:
            parts.append(self.tr("peak {0} GiB").format(_gib(d["peak_allocated_bytes"])))
        if d.get("utilization_percent") is not None:
            parts.append(self.tr("{0:.0f} % busy").format(float(d["utilization_percent"])))
        index = str(d.get("device", "cuda")).replace("cuda:", "")
        return self.tr("GPU {0}: {1}").format(index, " · ".join(parts))

    # ----------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.nproc_label.setText(self.tr("Processes/GPUs"))
        self.nproc_spin.setToolTip(self._limit_tooltip())
        self.nproc_spin.setAccessibleName(self.tr("Processes or GPUs"))
        describe(self.usage_label, self.tr("Memory in use on the training GPU (the whole device) of its total, this "
                                           "run's peak tensor memory, and how busy the GPU is (needs NVML); sampled "
                                           "once a second. Hidden on a CPU."), self.tr("GPU memory and load"))
        if self.usage:
            self.show_usage(self.usage)
