"""Environment panel: what this machine and PyTorch build can do, a self-check and live resource gauges."""
from __future__ import annotations

import sys
from typing import Any

import psutil
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from hellotorch_gui.panels.base import Panel, describe

OK_COLOUR, BAD_COLOUR = "#009E73", "#D55E00"  # Okabe–Ito green and vermillion: readable on light and dark


def _gib(n: int | None) -> str:
    return "?" if n is None else f"{n / 2**30:.1f} GiB"


def _gauge(name: str) -> QProgressBar:
    return QProgressBar(objectName=name, maximum=100, value=0, textVisible=True)


def _row_layout(first: QWidget, *rest: QWidget) -> QHBoxLayout:
    """first stretches, rest keep their size hint."""
    lay = QHBoxLayout()
    lay.addWidget(first, 1 if isinstance(first, QLabel) else 0)
    for w in rest:
        lay.addWidget(w, 1 if isinstance(w, QProgressBar) else 0)
    return lay


def _group(top: QHBoxLayout, *widgets: QWidget) -> QGroupBox:
    """A titled box: a row of controls over widgets (the last one takes the spare height)."""
    box = QGroupBox()
    lay = QVBoxLayout(box)
    lay.addLayout(top)
    for i, w in enumerate(widgets):
        lay.addWidget(w, 1 if i == len(widgets) - 1 else 0)
    return box


def _texts(widget: QPushButton, text: str, tooltip: str, name: str | None = None) -> None:
    widget.setText(text)
    describe(widget, tooltip, name or text)


def _compute_report(progress, should_stop) -> dict:
    """Worker: import torch (via engine.envinfo) and describe the environment."""
    progress("Importing PyTorch…", -1.0)
    from engine import envinfo

    return envinfo.environment_report()


class EnvironmentPanel(Panel):
    """Report of Python/PyTorch/devices/packages, a self-check with a matmul benchmark, live CPU/RAM/GPU gauges."""

    key = "environment"
    refresh_ms = 1000     # live gauges
    check_size = 1024     # matmul size of the self-check benchmark

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: dict | None = None
        self.last_check: dict | None = None
        self._envinfo: Any = None  # engine.envinfo, once the report worker has imported torch
        self._proc = psutil.Process()
        self._cores = psutil.cpu_count() or 1
        self._last_usage: dict | None = None
        self._gpu_rows: dict[int, tuple[QLabel, QProgressBar, QLabel, QProgressBar]] = {}
        self._build()
        self.timer = QTimer(self)
        self.timer.setObjectName("gaugeTimer")
        self.timer.setInterval(self.refresh_ms)
        self.timer.timeout.connect(self.update_gauges)
        self.timer.start()
        self.retranslate()
        self.load_report()
        self.update_gauges()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.report_status = QLabel(objectName="reportStatus", wordWrap=True)
        self.refresh_report_button = QPushButton(objectName="refreshReportButton", clicked=self.load_report)
        self.copy_button = QPushButton(objectName="copyReportButton", enabled=False, clicked=self.copy_report)
        self.tree = QTreeWidget(objectName="environmentReport", columnCount=2, uniformRowHeights=True,
                                alternatingRowColors=True)
        self.report_group = _group(_row_layout(self.report_status, self.refresh_report_button, self.copy_button),
                                   self.tree)

        self.check_button = QPushButton(objectName="selfCheckButton", clicked=self.run_self_check)
        self.cancel_button = QPushButton(objectName="cancelSelfCheckButton", enabled=False,
                                         clicked=self.cancel_self_check)
        self.check_progress = QProgressBar(objectName="selfCheckProgress", maximum=100, value=0)
        self.check_status = QLabel(objectName="selfCheckStatus", wordWrap=True)
        self.results = QTreeWidget(objectName="selfCheckResults", columnCount=2, rootIsDecorated=False,
                                   uniformRowHeights=True)
        self.check_group = _group(_row_layout(self.check_button, self.cancel_button, self.check_progress),
                                  self.check_status, self.results)

        self.usage_group = QGroupBox()
        self.usage_form = QFormLayout(self.usage_group)
        self.usage_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.cpu_label, self.cpu_gauge = QLabel(), _gauge("cpuGauge")
        self.proc_cpu_label, self.proc_cpu_gauge = QLabel(), _gauge("processCpuGauge")
        self.ram_label, self.ram_gauge = QLabel(), _gauge("ramGauge")
        self.proc_ram_label, self.proc_ram_value = QLabel(), QLabel(objectName="processRamValue")
        for label, field in ((self.cpu_label, self.cpu_gauge), (self.proc_cpu_label, self.proc_cpu_gauge),
                             (self.ram_label, self.ram_gauge), (self.proc_ram_label, self.proc_ram_value)):
            label.setBuddy(field)
            self.usage_form.addRow(label, field)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.usage_group)
        rlay.addWidget(self.check_group, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="environmentSplitter", childrenCollapsible=False)
        splitter.addWidget(self.report_group)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

    def nav_title(self) -> str:
        return self.tr("Environment")

    def retranslate(self) -> None:
        self.report_group.setTitle(self.tr("This machine and PyTorch build"))
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Value")])
        describe(self.tree, self.tr("What Python, PyTorch, the devices and the installed packages can do"),
                 self.tr("Environment report"))
        _texts(self.refresh_report_button, self.tr("Refresh"),
               self.tr("Describe the environment again (free memory changes)"), self.tr("Refresh report"))
        _texts(self.copy_button, self.tr("Copy report"),
               self.tr("Copy the report (and the last self-check) as text, e.g. for a bug report"))
        self.check_group.setTitle(self.tr("Self-check"))
        _texts(self.check_button, self.tr("Run self-check"), self.tr(
            "Check a tensor operation and autograd, then time a matrix multiply on every device (a few seconds)"))
        _texts(self.cancel_button, self.tr("Cancel"), self.tr("Stop the self-check after the current step"),
               self.tr("Cancel self-check"))
        describe(self.check_progress, self.tr("Self-check progress"))
        self.results.setHeaderLabels([self.tr("Check"), self.tr("Result")])
        describe(self.results, self.tr("Each check: ✓ passed, ✗ failed; GFLOP/s = billions of float operations "
                                       "per second"), self.tr("Self-check results"))
        if self.last_check is None and not self.cancel_button.isEnabled() and not self.results.topLevelItemCount():
            self.check_status.setText(self.tr("Not run yet."))
        self.usage_group.setTitle(self.tr("Live usage"))
        self.cpu_label.setText(self.tr("CPU (whole machine)"))
        describe(self.cpu_gauge, self.tr("CPU load of the whole machine, updated every second"),
                 self.tr("System CPU"))
        self.proc_cpu_label.setText(self.tr("CPU (this app)"))
        describe(self.proc_cpu_gauge, self.tr("Share of all CPU cores used by Hello PyTorch"), self.tr("App CPU"))
        self.ram_label.setText(self.tr("RAM (whole machine)"))
        describe(self.ram_gauge, self.tr("Memory in use on this machine out of the total"), self.tr("System RAM"))
        self.proc_ram_label.setText(self.tr("RAM (this app)"))
        describe(self.proc_ram_value, self.tr("Memory held by Hello PyTorch"), self.tr("App RAM"))
        if self.report is None and not self.refresh_report_button.isEnabled():
            self.report_status.setText(self.tr("Loading… (importing PyTorch)"))  # still loading: in the new language
        self._render_report()
        if self.last_check is not None:
            self._render_check(self.last_check)
        if self._last_usage is not None:
            self.apply_usage(self._last_usage)

    # ----------------------------------------------------------------- report
    def load_report(self) -> None:
        """Compute the environment report in a worker (it imports torch); shows 'Loading…' until it arrives."""
        self.refresh_report_button.setEnabled(False)
        self.report_status.setText(self.tr("Loading… (importing PyTorch)"))
        self.ctx.tasks.run("environmentReport", _compute_report, on_success=self._on_report,
                           on_failure=self._on_report_failed)

    def _on_report(self, report: dict) -> None:
        self.report = report
        self._envinfo = sys.modules.get("engine.envinfo")
        self.refresh_report_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self._render_report()

    def _on_report_failed(self, message: str, details: str) -> None:
        self.refresh_report_button.setEnabled(True)
        self.report_status.setText(self.tr("Could not describe the environment: {0}").format(message))

    def _render_report(self) -> None:
        r = self.report
        if r is None:
            return
        expanded = {self.tree.topLevelItem(i).text(0): self.tree.topLevelItem(i).isExpanded()
                    for i in range(self.tree.topLevelItemCount())}
        self.tree.clear()
        tr, cpu, ram, py = r.get("torch", {}), r.get("cpu", {}), r.get("ram", {}), r.get("python", {})
        yes, no = self.tr("yes"), self.tr("no")

        caps = self._section(self.tr("Capabilities"))
        cuda_note = self.tr("PyTorch built with CUDA {0}").format(tr["cuda"]) if tr.get("cuda") else \
            self.tr("this PyTorch build has no CUDA")
        self._mark(caps, self.tr("CUDA available"), r.get("cuda_available"), cuda_note)
        self._mark(caps, self.tr("MPS available (Apple GPU)"), r.get("mps_available"),
                   self.tr("built with MPS: {0}").format(yes if r.get("mps_built") else no))
        bf16 = r.get("bf16", {})
        self._mark(caps, self.tr("bf16 on CPU"), bf16.get("cpu"))
        if bf16.get("cuda") is None:
            self._row(caps, self.tr("bf16 on CUDA"), self.tr("— (no CUDA)"))
        else:
            self._mark(caps, self.tr("bf16 on CUDA"), bf16.get("cuda"))
        comp = r.get("compile", {})
        self._mark(caps, self.tr("torch.compile"), comp.get("available"), comp.get("reason") or "")
        providers = r.get("onnxruntime_providers") or []
        self._mark(caps, self.tr("ONNX Runtime providers"), bool(providers),
                   ", ".join(providers) if providers else self.tr("none (onnxruntime missing?)"))
        self._row(caps, self.tr("Recommended device"), str(r.get("recommended_device")))

        sw = self._section(self.tr("Python and PyTorch"))
        self._row(sw, self.tr("Python"), str(py.get("version")))
        self._row(sw, self.tr("Interpreter"), str(py.get("executable")))
        self._row(sw, self.tr("Platform"), str(py.get("platform")))
        self._row(sw, self.tr("PyTorch"), str(tr.get("version")))
        self._row(sw, self.tr("CUDA / cuDNN"), f"{tr.get('cuda') or self.tr('none')} / "
                                                f"{tr.get('cudnn') or self.tr('none')}")
        if tr.get("hip"):
            self._row(sw, self.tr("ROCm (HIP)"), str(tr["hip"]))
        self._row(sw, self.tr("Debug build"), yes if tr.get("debug") else no)
        if tr.get("parallel"):
            self._row(sw, self.tr("Parallelism"), str(tr["parallel"]))

        devs = self._section(self.tr("Devices"))
        for d in r.get("devices", []):
            label = d["type"] if d.get("index") is None else f"{d['type']}:{d['index']}"
            item = self._row(devs, label, str(d.get("name") or "?"))
            if d.get("total_memory_bytes") is not None:
                self._row(item, self.tr("Memory"), self.tr("{0} free of {1}").format(
                    _gib(d.get("free_memory_bytes")), _gib(d.get("total_memory_bytes"))))
            if d.get("compute_capability"):
                self._row(item, self.tr("Compute capability"), str(d["compute_capability"]))

        hw = self._section(self.tr("CPU and memory"))
        self._row(hw, self.tr("CPU"), str(cpu.get("model")))
        self._row(hw, self.tr("Cores"), self.tr("{0} physical, {1} logical").format(
            cpu.get("physical_cores") or "?", cpu.get("logical_cores") or "?"))
        self._row(hw, self.tr("PyTorch threads"), str(cpu.get("torch_threads")))
        self._row(hw, self.tr("RAM"), self.tr("{0} free of {1}").format(
            _gib(ram.get("available_bytes")), _gib(ram.get("total_bytes"))))

        pk = self._section(self.tr("Packages"))
        for name, version in r.get("packages", {}).items():
            self._mark(pk, name, bool(version), version or self.tr("not installed"), verdict=False)

        self.tree.expandAll()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setExpanded(expanded.get(item.text(0), True))
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0) + 16, 320))
        self.report_status.setText(self.tr("PyTorch {0} on {1}; recommended device: {2}.").format(
            tr.get("version"), py.get("platform"), r.get("recommended_device")))

    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        return item

    @staticmethod
    def _row(parent: QTreeWidgetItem, name: str, value: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [name, value])
        item.setToolTip(1, value)
        return item

    def _mark(self, parent: QTreeWidgetItem, name: str, ok: Any, note: str = "",
              verdict: bool = True) -> QTreeWidgetItem:
        """A row whose value starts with ✓/✗ (green/vermillion), then 'yes'/'no' unless verdict is False."""
        text = ("✓ " if ok else "✗ ") + (note if not verdict else (self.tr("yes") if ok else self.tr("no"))
                                          + (f" — {note}" if note else ""))
        item = self._row(parent, name, text)
        item.setForeground(1, QBrush(QColor(OK_COLOUR if ok else BAD_COLOUR)))
        return item

    def copy_report(self) -> None:
        """Put the plain-text report (and the last self-check) on the clipboard."""
        if self.report is None or self._envinfo is None:
            return
        QGuiApplication.clipboard().setText(self._envinfo.format_report(self.report, self.last_check))
        self.ctx.set_status(self.tr("Environment report copied to the clipboard."))

    # ----------------------------------------------------------------- self-check
    def _check_devices(self) -> list[str] | None:
        """cpu, cuda:N and mps from the report; None (= envinfo's default) before the report arrives."""
        if self.report is None:
            return None
        return [d["type"] if d.get("index") is None or d["type"] == "mps" else f"{d['type']}:{d['index']}"
                for d in self.report.get("devices", [])]

    def run_self_check(self) -> None:
        """Tensor op, autograd and a matmul benchmark per device, off the GUI thread, cancellable."""
        devices, size = self._check_devices(), self.check_size
        total = 2 + len(devices) if devices else 0

        def work(progress, should_stop):
            from engine import envinfo

            done = [0]

            def say(message: str) -> None:
                if message[:1] in "✓✗":
                    done[0] += 1
                progress(message, done[0] / total if total else -1.0)

            return envinfo.self_check(devices, size=size, should_stop=should_stop, progress=say)

        self.results.clear()
        self._set_checking(True)
        self.check_status.setText(self.tr("Starting (importing PyTorch)…"))
        self.ctx.tasks.run("selfCheck", work, on_success=self._on_check, on_failure=self._on_check_failed,
                           on_progress=self._on_check_progress)

    def cancel_self_check(self) -> None:
        self.ctx.tasks.cancel("selfCheck")
        self._set_checking(False)
        self.check_status.setText(self.tr("Self-check cancelled."))

    def _set_checking(self, running: bool) -> None:
        self.check_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.check_progress.setRange(0, 0 if running else 100)
        if running:
            self.check_progress.setValue(0)

    def _on_check_progress(self, message: str, fraction: float) -> None:
        if not self.cancel_button.isEnabled():
            return  # cancelled: ignore the stragglers
        if fraction >= 0:
            self.check_progress.setRange(0, 100)
            self.check_progress.setValue(round(100 * fraction))
        if message[:1] in "✓✗":
            name, _, detail = message[2:].partition(": ")
            self._result_row(message[:1] == "✓", name, detail)
        else:
            self.check_status.setText(message)

    def _on_check(self, result: dict) -> None:
        self.last_check = result
        self._set_checking(False)
        self.check_progress.setValue(100)
        self._render_check(result)

    def _on_check_failed(self, message: str, details: str) -> None:
        self._set_checking(False)
        self.check_status.setText(self.tr("The self-check could not run: {0}").format(message))

    def _render_check(self, result: dict) -> None:
        self.results.clear()
        for c in result.get("checks", []):
            self._result_row(bool(c.get("ok")), str(c.get("name")), str(c.get("detail")))
        self.results.resizeColumnToContents(0)
        if result.get("stopped"):
            self.check_status.setText(self.tr("Self-check stopped before the end."))
        elif result.get("ok"):
            self.check_status.setText(self.tr("✓ All checks passed: PyTorch works on this machine."))
        else:
            self.check_status.setText(self.tr("✗ Some checks failed; see the details below."))

    def _result_row(self, ok: bool, name: str, detail: str) -> None:
        item = QTreeWidgetItem(self.results, [("✓ " if ok else "✗ ") + name, detail])
        item.setForeground(0, QBrush(QColor(OK_COLOUR if ok else BAD_COLOUR)))
        item.setToolTip(1, detail)

    # ----------------------------------------------------------------- live gauges
    def _psutil_usage(self) -> dict:
        """CPU and RAM without torch (until the report worker has imported engine.envinfo)."""
        vm = psutil.virtual_memory()
        return {"process_cpu_percent": self._proc.cpu_percent(interval=None),
                "system_cpu_percent": psutil.cpu_percent(interval=None),
                "process_ram_bytes": int(self._proc.memory_info().rss),
                "ram_used_bytes": int(vm.total - vm.available), "ram_total_bytes": int(vm.total), "cuda": []}

    def update_gauges(self) -> None:
        """Timer tick: sample usage (< 1 ms) and show it."""
        usage = self._envinfo.resource_usage() if self._envinfo is not None else self._psutil_usage()
        self.apply_usage(usage)

    def apply_usage(self, usage: dict) -> None:
        self._last_usage = usage
        system = float(usage.get("system_cpu_percent") or 0.0)
        self._set_gauge(self.cpu_gauge, system, self.tr("{0:.0f} %").format(system))
        proc = float(usage.get("process_cpu_percent") or 0.0) / self._cores
        self._set_gauge(self.proc_cpu_gauge, proc, self.tr("{0:.0f} % of {1} cores").format(proc, self._cores))
        used, total = usage.get("ram_used_bytes") or 0, usage.get("ram_total_bytes") or 0
        self._set_gauge(self.ram_gauge, 100 * used / total if total else 0.0,
                        self.tr("{0} of {1}").format(_gib(used), _gib(total)))
        self.proc_ram_value.setText(self.tr("{0:.0f} MiB").format((usage.get("process_ram_bytes") or 0) / 2**20))
        for entry in usage.get("cuda", []):
            self._apply_gpu(entry)

    def _apply_gpu(self, entry: dict) -> None:
        i = int(entry["index"])
        if i not in self._gpu_rows:
            row = (QLabel(), _gauge(f"gpuMemoryGauge{i}"), QLabel(), _gauge(f"gpuUtilizationGauge{i}"))
            row[0].setBuddy(row[1])
            row[2].setBuddy(row[3])
            self.usage_form.addRow(row[0], row[1])
            self.usage_form.addRow(row[2], row[3])
            self._gpu_rows[i] = row
        mem_label, mem, util_label, util = self._gpu_rows[i]
        mem_label.setText(self.tr("GPU {0} memory").format(i))
        describe(mem, self.tr("Memory in use on CUDA device {0} (all processes when NVML is available)").format(i),
                 self.tr("GPU {0} memory").format(i))
        used, total = entry.get("used_bytes"), entry.get("total_bytes")
        if used is None or not total:
            self._set_gauge(mem, 0.0, self.tr("not measured yet"))
        else:
            self._set_gauge(mem, 100 * used / total, self.tr("{0} of {1}").format(_gib(used), _gib(total)))
        util_label.setText(self.tr("GPU {0} load").format(i))
        describe(util, self.tr("Share of time CUDA device {0} was busy (needs NVML)").format(i),
                 self.tr("GPU {0} load").format(i))
        load = entry.get("utilization_percent")
        if load is None:
            self._set_gauge(util, 0.0, self.tr("not available (no NVML)"))
        else:
            self._set_gauge(util, float(load), self.tr("{0:.0f} %").format(load))

    @staticmethod
    def _set_gauge(bar: QProgressBar, percent: float, text: str) -> None:
        bar.setValue(max(0, min(100, round(percent))))
        bar.setFormat(text)  # no %p/%v/%m inside, so taken literally

    def shutdown(self) -> None:
        self.timer.stop()
        self.ctx.tasks.cancel("selfCheck")
        self.ctx.tasks.cancel("environmentReport")
