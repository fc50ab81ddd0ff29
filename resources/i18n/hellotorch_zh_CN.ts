<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name />
    <message>
      <location filename="../../hellotorch_gui/dialogs.py" line="19" />
      <location filename="../../hellotorch_gui/dialogs.py" line="22" />
      <source>Copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/dialogs.py" line="21" />
      <source>Copy the message and details to the clipboard</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CleaningReportLabel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="321" />
      <source>empty texts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="321" />
      <source>missing labels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="322" />
      <source>texts with conflicting labels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="322" />
      <source>duplicates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="323" />
      <source>beyond data.limit_rows</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="330" />
      <source>&lt;b&gt;{0:,}&lt;/b&gt; rows read, &lt;b&gt;{1:,}&lt;/b&gt; kept after cleaning.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="338" />
      <source>(kept for training: the drop switch is off)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="341" />
      <source>Dropped (hover for examples):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="344" />
      <source>Nothing was dropped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="346" />
      <source>Text column: &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="347" />
      <source>Label column: &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="348" />
      <source>Label column: none (generation)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="349" />
      <source>Encoding: &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="350" />
      <source>Format: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="351" />
      <source>Language: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="361" />
      <source>What cleaning removed from the data and why</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DatasetTableModel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="146" />
      <source>(missing)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="167" />
      <source>'{0}' is the text column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="169" />
      <source>'{0}' is the label column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="170" />
      <source>Column '{0}' (not used)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>EnvironmentPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="129" />
      <source>Environment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="132" />
      <source>This machine and PyTorch build</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="133" />
      <source>Item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="133" />
      <source>Value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="134" />
      <source>What Python, PyTorch, the devices and the installed packages can do</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="135" />
      <source>Environment report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="136" />
      <source>Refresh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="137" />
      <source>Describe the environment again (free memory changes)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="137" />
      <source>Refresh report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="138" />
      <source>Copy report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="139" />
      <source>Copy the report (and the last self-check) as text, e.g. for a bug report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="140" />
      <source>Self-check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="141" />
      <source>Run self-check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="142" />
      <source>Check a tensor operation and autograd, then time a matrix multiply on every device (a few seconds)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="143" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="143" />
      <source>Stop the self-check after the current step</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="144" />
      <source>Cancel self-check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="145" />
      <source>Self-check progress</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="146" />
      <source>Check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="146" />
      <source>Result</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="147" />
      <source>Each check: ✓ passed, ✗ failed; GFLOP/s = billions of float operations per second</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="148" />
      <source>Self-check results</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="150" />
      <source>Not run yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="151" />
      <source>Live usage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="152" />
      <source>CPU (whole machine)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="153" />
      <source>CPU load of the whole machine, updated every second</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="154" />
      <source>System CPU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="155" />
      <source>CPU (this app)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="156" />
      <source>Share of all CPU cores used by Hello PyTorch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="156" />
      <source>App CPU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="157" />
      <source>RAM (whole machine)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="158" />
      <source>Memory in use on this machine out of the total</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="158" />
      <source>System RAM</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="159" />
      <source>RAM (this app)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="160" />
      <source>Memory held by Hello PyTorch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="160" />
      <source>App RAM</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="171" />
      <source>Loading… (importing PyTorch)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="184" />
      <source>Could not describe the environment: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="194" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="276" />
      <source>yes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="194" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="276" />
      <source>no</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="196" />
      <source>Capabilities</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="197" />
      <source>PyTorch built with CUDA {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="198" />
      <source>this PyTorch build has no CUDA</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="199" />
      <source>CUDA available</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="200" />
      <source>MPS available (Apple GPU)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="201" />
      <source>built with MPS: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="203" />
      <source>bf16 on CPU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="205" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="207" />
      <source>bf16 on CUDA</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="205" />
      <source>— (no CUDA)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="209" />
      <source>torch.compile</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="211" />
      <source>ONNX Runtime providers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="212" />
      <source>none (onnxruntime missing?)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="213" />
      <source>Recommended device</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="215" />
      <source>Python and PyTorch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="216" />
      <source>Python</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="217" />
      <source>Interpreter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="218" />
      <source>Platform</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="219" />
      <source>PyTorch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="220" />
      <source>CUDA / cuDNN</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="223" />
      <source>ROCm (HIP)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="224" />
      <source>Debug build</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="226" />
      <source>Parallelism</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="228" />
      <source>Devices</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="233" />
      <source>Memory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="233" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="243" />
      <source>{0} free of {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="236" />
      <source>Compute capability</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="238" />
      <source>CPU and memory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="239" />
      <source>CPU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="240" />
      <source>Cores</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="240" />
      <source>{0} physical, {1} logical</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="242" />
      <source>PyTorch threads</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="243" />
      <source>RAM</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="246" />
      <source>Packages</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="248" />
      <source>not installed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="256" />
      <source>PyTorch {0} on {1}; recommended device: {2}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="287" />
      <source>Environment report copied to the clipboard.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="316" />
      <source>Starting (importing PyTorch)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="323" />
      <source>Self-check cancelled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="352" />
      <source>The self-check could not run: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="360" />
      <source>Self-check stopped before the end.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="362" />
      <source>✓ All checks passed: PyTorch works on this machine.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="364" />
      <source>✗ Some checks failed; see the details below.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="388" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="423" />
      <source>{0:.0f} %</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="390" />
      <source>{0:.0f} % of {1} cores</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="393" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="415" />
      <source>{0} of {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="394" />
      <source>{0:.0f} MiB</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="408" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="410" />
      <source>GPU {0} memory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="409" />
      <source>Memory in use on CUDA device {0} (all processes when NVML is available)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="413" />
      <source>not measured yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="416" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="418" />
      <source>GPU {0} load</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="417" />
      <source>Share of time CUDA device {0} was busy (needs NVML)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="421" />
      <source>not available (no NVML)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>EvaluatePanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="150" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="163" />
      <source>Evaluate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="153" />
      <source>Run:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="154" />
      <source>Dataset:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="155" />
      <source>The trained run to evaluate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="156" />
      <source>Run to evaluate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="157" />
      <source>Refresh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="158" />
      <source>Reload the list of runs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="159" />
      <source>Refresh run list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="160" />
      <source>the run's own test split</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="161" />
      <source>Optional: a built-in name or file to evaluate on instead of the test split</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="162" />
      <source>Evaluation dataset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="164" />
      <source>Evaluate the best checkpoint of the selected run</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="165" />
      <source>Evaluate run</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="166" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="167" />
      <source>Cancel the evaluation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="168" />
      <source>Cancel evaluation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="169" />
      <source>Metrics</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="170" />
      <source>Confusion matrix</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="171" />
      <source>ROC curve</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="172" />
      <source>Per class</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="173" />
      <source>metric</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="173" />
      <source>value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="174" />
      <source>class</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="174" />
      <source>precision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="174" />
      <source>recall</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="175" />
      <source>F1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="175" />
      <source>support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="176" />
      <source>text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="176" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="279" />
      <source>true</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="176" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="279" />
      <source>predicted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="177" />
      <source>confidence</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="178" />
      <source>Overview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="179" />
      <source>Misclassified examples</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="180" />
      <source>Generated examples</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="181" />
      <source>Test metrics of the run</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="182" />
      <source>Precision, recall and F1 of each class</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="183" />
      <source>Rows: true label; columns: predicted label; colour: share of the row</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="184" />
      <source>True-positive rate against false-positive rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="185" />
      <source>Test examples the model got wrong, most confident first</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="186" />
      <source>Held-out texts continued by the model next to the real text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="187" />
      <source>Evaluation views</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="190" />
      <source>false-positive rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="190" />
      <source>true-positive rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="245" />
      <source>Evaluating {0} …</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="266" />
      <source>{0}: {1} examples from {2}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="289" />
      <source>chance</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>HyperparametersPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="193" />
      <source>Hyperparameters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="196" />
      <source>Optimisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="196" />
      <source>Learning-rate schedule</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="197" />
      <source>Hardware</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="197" />
      <source>Evaluation and checkpoints</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="198" />
      <source>Generation samples</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="198" />
      <source>Other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="203" />
      <source>Used by generation models only: text continued at each evaluation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="204" />
      <source>Preset:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="205" />
      <source>Ready-made configs in resources/presets (hover an entry for what it trains)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="206" />
      <source>Preset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="207" />
      <source>Apply preset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="208" />
      <source>Replace the whole config (data, model and training) by the chosen preset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="210" />
      <source>Load YAML…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="211" />
      <source>Load a config from a YAML file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="212" />
      <source>Save YAML…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="213" />
      <source>Save the whole config to a YAML file for `hellotorch train`</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="214" />
      <source>Show command…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="215" />
      <source>Show the equivalent command line and the full YAML config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="216" />
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="407" />
      <source>Reset to defaults</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="217" />
      <source>Set every value (data, model and training) back to the built-in defaults</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="219" />
      <source>Whether the config can be trained, or what to fix</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="220" />
      <source>Config status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="221" />
      <source>optimizer step</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="221" />
      <source>learning rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="222" />
      <source>Learning rate at each optimizer step with the current schedule</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="223" />
      <source>Learning-rate schedule preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="234" />
      <source>Config is valid</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="238" />
      <source>%n problem(s): </source>
      <translation type="unfinished">
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="253" />
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="291" />
      <source>No preview: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="260" />
      <source>Over an assumed {0} steps ({1} epochs × {2} steps per epoch; the real count depends on the dataset and batch size).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="264" />
      <source>Over {0} optimizer steps (max steps).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="314" />
      <source>Cannot load preset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="318" />
      <source>Applied preset {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="325" />
      <source>Load config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="326" />
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="332" />
      <source>YAML (*.yaml *.yml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="332" />
      <source>Save config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="341" />
      <source>Cannot load config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="346" />
      <source>Loaded {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="353" />
      <source>Cannot save config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="357" />
      <source>Saved {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="378" />
      <source>Equivalent command</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="383" />
      <source>Command line (only the values that differ from the preset or file):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="384" />
      <source>Run this in a terminal to train the same config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="385" />
      <source>Full config (YAML):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="385" />
      <source>Save this as CONFIG.yaml for `hellotorch train CONFIG.yaml`</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="390" />
      <source>Copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="391" />
      <source>Copy to the clipboard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="391" />
      <source>Copy {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="399" />
      <source>Close this window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="408" />
      <source>Set every value of the data, model and training settings back to the defaults? Unsaved changes are lost.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="414" />
      <source>Config reset to the defaults</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="149" />
      <source>Hello PyTorch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="150" />
      <source>Panels: check the machine, load data, pick a model, train, evaluate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="151" />
      <source>Panels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="155" />
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="156" />
      <source>Open dataset…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="157" />
      <source>Load config…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="158" />
      <source>Save config…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="159" />
      <source>Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="160" />
      <source>&amp;Training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="161" />
      <source>Start</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="162" />
      <source>Pause / Resume</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="163" />
      <source>Stop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="164" />
      <source>&amp;View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="165" />
      <source>Language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="166" />
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="167" />
      <location filename="../../hellotorch_gui/main_window.py" line="181" />
      <source>About Hello PyTorch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="182" />
      <source>Hello PyTorch — a desktop trainer for learning to build and fine-tune language models with PyTorch 2. Everything the window does, the `hellotorch` command line does too.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="201" />
      <source>Load config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="201" />
      <location filename="../../hellotorch_gui/main_window.py" line="217" />
      <source>YAML (*.yaml *.yml)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="209" />
      <source>Cannot load config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="212" />
      <source>Loaded {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="216" />
      <source>Save config</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="220" />
      <source>Saved {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="249" />
      <source>Training is running</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="250" />
      <source>A training run is in progress. What should happen to it?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="252" />
      <source>Stop and save a checkpoint</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="253" />
      <source>Keep training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="255" />
      <source>Hide the window; the app quits when the run ends</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ModelPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="153" />
      <source>Model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="156" />
      <source>TextCNN</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="156" />
      <source>RNN</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="156" />
      <source>LSTM</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="157" />
      <source>GRU</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="157" />
      <source>Transformer encoder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="158" />
      <source>GPT (causal decoder)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="158" />
      <source>LSTM language model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="162" />
      <source>TextCNN (Kim 2014): convolutions of several widths over word embeddings, max-pooled into one vector. Fast and strong on short texts.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="164" />
      <source>RNN: a plain recurrent network reading the text token by token; simple, but it forgets long-range context.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="166" />
      <source>LSTM: a recurrent network whose gated memory cells keep information over long spans.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="168" />
      <source>GRU: a lighter gated recurrent network (two gates instead of the LSTM's three).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="169" />
      <source>Transformer encoder (pre-LN): self-attention layers with layer norm before each block, pooled into one vector.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="171" />
      <source>GPT-style causal decoder: masked self-attention predicts each next token from the ones before it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="173" />
      <source>LSTM language model: a recurrent network that predicts the next token.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="177" />
      <source>Task and architecture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="178" />
      <source>Architecture settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="179" />
      <source>Size estimate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="180" />
      <source>Task:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="181" />
      <source>Architecture:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="182" />
      <source>Classification (label each text)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="183" />
      <source>Generation (continue text)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="189" />
      <source>Classification predicts a label per text; generation learns to continue text (a language model).
[task]</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="190" />
      <source>Task</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="191" />
      <source>The network to build from scratch; only architectures that can do the chosen task are listed.
[model.arch]</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="192" />
      <source>Architecture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="193" />
      <source>Number of trainable weights of the model with these settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="194" />
      <source>Parameter count</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="195" />
      <source>Rough memory one training step needs: weights, gradients, optimizer state and the activations kept for the backward pass</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="197" />
      <source>Training memory estimate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="199" />
      <source>The estimate ignores allocator slack, framework workspaces and the data batch, so the real peak is usually somewhat higher. Batch size, sequence length, optimizer and precision come from the Data and Hyperparameters panels.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="289" />
      <source>Parameters: {0} ({1}), with a vocabulary of {2} tokens and {3} classes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="292" />
      <source>Parameters: {0} ({1}), with a vocabulary of {2} tokens</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="294" />
      <source>Training memory ≈ {0} for a batch of {1} × {2} tokens ({3})
• weights {4}
• gradients {5}
• optimizer state {6}
• activations {7}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="304" />
      <source>Cannot build this model: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="311" />
      <source>Cannot estimate the size: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="315" />
      <source>Parameters: computing…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="316" />
      <source>Training memory: computing…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RunsPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="292" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="297" />
      <source>Runs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="296" />
      <source>Every training run; click to see its curves, Ctrl+click or Shift+click to compare several, double-click to evaluate one</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="298" />
      <source>Refresh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="299" />
      <source>Read the runs folder again (also done every few seconds)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="299" />
      <source>Refresh runs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="300" />
      <source>Open in Evaluate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="301" />
      <source>Evaluate the selected run: test metrics, predictions, export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="302" />
      <source>Open folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="303" />
      <source>Show the selected run's folder (or the runs folder when none is selected) in the file manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="304" />
      <source>Open run folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="305" />
      <source>Where the runs are stored</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="305" />
      <source>Runs folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="306" />
      <source>Curves</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="307" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="314" />
      <source>Config differences</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="308" />
      <source>Curves and configuration of the selected runs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="308" />
      <source>Run details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="309" />
      <source>Training loss per step and validation loss of the selected runs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="310" />
      <source>Loss curves</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="311" />
      <source>Validation accuracy (classification) or perplexity (generation)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="312" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="422" />
      <source>Validation metric</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="313" />
      <source>Config keys whose values differ between the selected runs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="369" />
      <source>No runs yet in {0}. Train a model in the Train panel; its run appears here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="372" />
      <source>{0} run(s) in {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="399" />
      <source>Could not read the metrics: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="421" />
      <source>Validation accuracy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="421" />
      <source>Validation perplexity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="423" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="426" />
      <source>step</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="425" />
      <source>Loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="425" />
      <source>Loss (solid: training, dashed: validation)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="427" />
      <source>loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="429" />
      <source>Select a run to see its curves; Ctrl+click to overlay several.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="431" />
      <source>Run {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="433" />
      <source>{0} runs overlaid.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="436" />
      <source>training loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="438" />
      <source>validation loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="452" />
      <source>Reading the configs…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="457" />
      <source>Could not compare the configs: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="465" />
      <source>Select two or more runs (Ctrl+click) to see how their configs differ.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="469" />
      <source>Key</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="481" />
      <source>The whole config of this run; select two or more runs to see only what differs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="483" />
      <source>{0} key(s) differ between the selected runs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="485" />
      <source>The selected runs have identical configs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="487" />
      <source>Unreadable: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="502" />
      <source>Folder not found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="503" />
      <source>'{0}' does not exist yet. It is created when the first run starts.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RunsTableModel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="140" />
      <source>Run</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="140" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="140" />
      <source>Task</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="140" />
      <source>Model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="140" />
      <source>Data</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="141" />
      <source>Best (validation)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="141" />
      <source>Test</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="141" />
      <source>Duration</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="144" />
      <source>running</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="144" />
      <source>paused</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="144" />
      <source>finished</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="145" />
      <source>stopped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="145" />
      <source>failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="145" />
      <source>starting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="146" />
      <source>unknown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="165" />
      <source>The run ended with an error, or its process died while it was running</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TrainPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="135" />
      <source>Train</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="138" />
      <source>Start</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="139" />
      <source>Start training with the current config (Ctrl+Return)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="140" />
      <source>Start training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="141" />
      <source>Resume</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="141" />
      <source>Pause</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="142" />
      <source>Pause after the current step (a checkpoint is saved), or resume</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="143" />
      <source>Pause or resume training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="144" />
      <source>Stop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="145" />
      <source>Stop after the current step, save a checkpoint and evaluate (Ctrl+.)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="146" />
      <source>Stop training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="147" />
      <location filename="../../hellotorch_gui/panels/train.py" line="149" />
      <source>Save checkpoint</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="148" />
      <source>Save the last checkpoint now, without stopping</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="150" />
      <source>Continue for</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="151" />
      <source> steps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="152" />
      <source>How many more optimizer steps to train from the last checkpoint</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="153" />
      <source>Steps to continue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="154" />
      <source>Continue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="155" />
      <source>Continue the last run from its last checkpoint</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="156" />
      <source>Continue the last run</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="157" />
      <source>Optimizer steps done of the total</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="158" />
      <source>Training progress</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="159" />
      <source>What the training loop reports</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="160" />
      <source>Training log</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="161" />
      <source>Text generated from fixed prompts at each evaluation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="162" />
      <source>Generated samples</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="163" />
      <source>Samples (generation)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="164" />
      <source>Log</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="165" />
      <source>Loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="165" />
      <location filename="../../hellotorch_gui/panels/train.py" line="166" />
      <location filename="../../hellotorch_gui/panels/train.py" line="167" />
      <source>step</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="165" />
      <source>loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="167" />
      <source>Learning rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="167" />
      <source>lr</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="168" />
      <source>Training loss per logged step (raw and smoothed) and validation loss</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="169" />
      <source>Validation metric at each evaluation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="170" />
      <source>Learning rate at each logged step</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="177" />
      <source>perplexity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="177" />
      <source>accuracy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="180" />
      <source>Validation perplexity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="180" />
      <source>Validation accuracy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="186" />
      <source>train (raw)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="187" />
      <source>train (smoothed)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="188" />
      <source>validation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="198" />
      <source>Fix the dataset first: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="201" />
      <source>Fix the config first: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="238" />
      <source>Cannot continue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="262" />
      <source>Starting {0} on {1} …</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="279" />
      <source>Stopping after the current step …</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="300" />
      <source>ETA {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="302" />
      <source>{0:.0f} samples/s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="329" />
      <source>Validation at step {0}: {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="336" />
      <source>New best checkpoint: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="354" />
      <source>FAILED: {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="355" />
      <source>Training failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="367" />
      <source>Run {0}. Test: {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="379" />
      <source>Ready</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="379" />
      <source>Starting…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="379" />
      <source>Training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="380" />
      <source>Paused</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="380" />
      <source>Finished</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="380" />
      <source>Stopped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="381" />
      <source>Failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="386" />
      <source>Status of the current run and its folder</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <location filename="../../hellotorch_gui/app.py" line="36" />
      <source>Unexpected error</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../hellotorch_gui/app.py" line="37" />
      <source>Something went wrong: {0}. The app keeps running; the details below help to report it.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>forms</name>
    <message>
      <location filename="../../hellotorch_gui/forms.py" line="114" />
      <source>Enter a number such as 0.001 or 3e-4.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>config</name>
    <message>
      <source>Task</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>classification or generation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Run name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Optional label for the run folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dataset</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A built-in dataset name (see `hellotorch data list`), a file (CSV, TSV, JSON, JSONL, Parquet, TXT), a folder of class sub-folders, a `save_to_disk` folder, or a Hugging Face hub id when online.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Text column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Column holding the text; empty = detect automatically.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Label column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Column holding the class label (classification); empty = detect automatically.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Max length</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Longest token sequence fed to the model; longer texts are truncated.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Validation fraction</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Share of rows held out for validation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Test fraction</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Share of rows held out for the final test.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tokenizer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>char: one token per character; word: whitespace words (jieba for Chinese); bpe / wordpiece: a subword vocabulary trained on the training split.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Vocabulary size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Largest vocabulary built from the training split.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Min token frequency</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tokens seen fewer times in the training split become &lt;unk&gt;.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lowercase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lowercase text before tokenizing (no effect on Chinese).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Text language; auto = detect from the data (Chinese if most characters are CJK).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Drop duplicates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove repeated texts (keeps the first).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Drop conflicting labels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove texts that appear with more than one label.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Augment: random delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Training only: chance of deleting each token (随机删除).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Augment: random swap</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Training only: chance of swapping each token with its neighbour.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Augment: random mask</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Training only: chance of replacing each token with &lt;unk&gt; (随机遮蔽).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Row limit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Use only the first N rows after cleaning (0 = all); handy for quick experiments.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Architecture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>textcnn, rnn, lstm, gru, transformer classify text; gpt and lstm_lm generate it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Embedding size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Width of the token embeddings (d_model for Transformers).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hidden size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recurrent hidden state size.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Number of stacked recurrent or Transformer layers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attention heads</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Heads per attention layer; must divide the embedding size.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Feed-forward size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Inner width of each Transformer feed-forward block.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bidirectional</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Read the text both ways (classification RNNs).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kernel sizes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Comma-separated convolution widths (TextCNN).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Filters per size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Feature maps per kernel size (TextCNN).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pooling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How token states become one vector (Transformer classifier).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dropout</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dropout probability.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tie embeddings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Share input and output embeddings (language models).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Epochs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Passes over the training split (ignored when max steps &gt; 0).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Max steps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stop after this many optimizer steps; 0 = train for the epochs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Batch size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Examples per forward pass.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Learning rate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Peak learning rate.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Optimizer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>sgd (with momentum/Nesterov), adam or adamw.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Momentum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SGD momentum.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nesterov</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nesterov momentum (SGD).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Weight decay</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>L2 penalty (decoupled for AdamW).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>L1 penalty</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Adds λ·Σ|w| over weight matrices to the loss (0 = off).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>LR schedule</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>constant, linear (warmup then linear decay), cosine (warmup then cosine decay), step, exponential.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Warmup steps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Steps of linear warmup from 0 (linear and cosine).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Step size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Step schedule: multiply the LR by gamma every N steps.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gamma</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decay factor for the step (per step_size) and exponential (per step) schedules.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gradient clipping</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Clip the gradient norm to this value (0 = off).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gradient accumulation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Batches whose gradients are summed before a step.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Precision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>fp32, or bf16/fp16 mixed precision via torch.autocast (fp16 needs CUDA).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>torch.compile</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Compile the model with torch.compile (slow first steps).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Device</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>auto (cuda &gt; mps &gt; cpu), cpu, cuda, cuda:N or mps.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Seed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One seed fixes data split, shuffling, augmentation and initialisation.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Evaluate every</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Evaluate on validation every N steps; 0 = at each epoch end.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Log every</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record the training loss every N steps.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Monitored metric</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Validation metric for the best checkpoint and early stopping; auto = accuracy (classification) or loss (generation).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Early-stopping patience</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stop after this many evaluations without improvement (0 = off).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>CPU threads</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>torch.set_num_threads (0 = leave the default).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>TensorBoard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Also write TensorBoard event files (needs tensorboard).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sample prompts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generation: '|'-separated prompts continued at each evaluation; empty = the first words of a few validation texts.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sample length</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generation: tokens generated per sample.</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>