<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CurveCommands</name>
    <message>
        <location filename="../../ui/explorer/curve_commands.cpp" line="+78"/>
        <source>Change parameters of %1</source>
        <translation>更改 %1 的参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set %1 on %2</source>
        <translation>设置 %2：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
</context>
<context>
    <name>FormulaTemplates</name>
    <message>
        <location filename="../../ui/formula/formula_templates.cpp" line="+16"/>
        <source>Temperature-scaled MSE</source>
        <translation>带温度缩放的 MSE</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The squared error scaled by a temperature: lower is sharper, higher is softer.</source>
        <translation>按温度缩放的平方误差：温度越低越“尖锐”，越高越“柔和”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>RMSE over the batch</source>
        <translation>整个批次的 RMSE</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Root mean squared error of the whole batch (one number, not per sample).</source>
        <translation>整个批次的均方根误差（只得到一个数，而不是每个样本一个）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Huber with threshold</source>
        <translation>带阈值的 Huber 损失</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quadratic for small errors, linear beyond the threshold (tf.where in the seed).</source>
        <translation>误差较小时为二次，超过阈值后为线性（原博文用 tf.where 实现）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Contrastive loss with margin</source>
        <translation>带间隔的对比损失</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Siamese-network loss: pulls similar pairs together, pushes dissimilar pairs beyond the margin.</source>
        <translation>孪生网络的损失函数：把相似样本对拉近，把不相似样本对推到间隔之外。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>My Huber (starting point)</source>
        <translation>我的 Huber 损失（修改起点）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keras&apos; Huber loss written out, to edit into your own.</source>
        <translation>完整写出的 Keras Huber 损失，可在此基础上改成你自己的损失函数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The squared error, averaged like Keras&apos; MSE.</source>
        <translation>平方误差，按 Keras 的 MSE 方式取平均。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mean absolute error</source>
        <translation>平均绝对误差</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The absolute error, averaged like Keras&apos; MAE.</source>
        <translation>绝对误差，按 Keras 的 MAE 方式取平均。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Log-cosh</source>
        <translation>Log-cosh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>log(cosh(r)): quadratic near zero, linear far away, smooth everywhere.</source>
        <translation>log(cosh(r))：零附近近似二次，远离零时近似线性，处处光滑。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Categorical cross-entropy</source>
        <translation>分类交叉熵</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cross-entropy of one-hot targets and a row of class probabilities.</source>
        <translation>独热目标与一行类别概率之间的交叉熵。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RMSE per sample</source>
        <translation>逐样本 RMSE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Root mean squared error of each sample&apos;s row.</source>
        <translation>每个样本所在行的均方根误差。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ceres ArctanLoss</source>
        <translation>Ceres ArctanLoss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bounded robust loss of the row&apos;s squared norm: it saturates at a·π/4.</source>
        <translation>行平方范数的有界稳健损失：在 a·π/4 处饱和。</translation>
    </message>
</context>
<context>
    <name>PlotExporter</name>
    <message>
        <location filename="../../ui/common/plot_exporter.cpp" line="+48"/>
        <source>the PNG could not be encoded</source>
        <translation>无法编码 PNG</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the PDF page could not be set up</source>
        <translation>无法设置 PDF 页面</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the PDF could not be drawn</source>
        <translation>无法绘制 PDF</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Plot exported by LossLab</source>
        <translation>由 LossLab 导出的图表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the SVG could not be drawn</source>
        <translation>无法绘制 SVG</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>No plot to export</source>
        <translation>没有可导出的图表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export size %1 × %2 is empty</source>
        <translation>导出尺寸 %1 × %2 为空</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export resolution %1 dpi is not positive</source>
        <translation>导出分辨率 %1 dpi 不是正数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot export %1: unknown format &apos;%2&apos; (use .png, .pdf or .svg)</source>
        <translation>无法导出 %1：未知格式“%2”（请使用 .png、.pdf 或 .svg）</translation>
    </message>
</context>
<context>
    <name>SaveFile</name>
    <message>
        <location filename="../../ui/common/save_file.cpp" line="+19"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>losslab::ui::AxisRangeDialog</name>
    <message>
        <location filename="../../ui/explorer/axis_range_dialog.cpp" line="+46"/>
        <source>Axis Ranges</source>
        <translation>坐标轴范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;x (all panels):</source>
        <translation>&amp;x（所有面板）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Loss y:</source>
        <translation>损失 y(&amp;L)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Gradient y:</source>
        <translation>梯度 y(&amp;G)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Curvature y:</source>
        <translation>曲率 y(&amp;C)：</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The x range is empty: “from” must be less than “to”.</source>
        <translation>x 范围为空：起始值必须小于结束值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>curvature</source>
        <translation>曲率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 y range is empty: “from” must be less than “to”.</source>
        <translation>%1面板的 y 范围为空：起始值必须小于结束值。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::CodeExportDialog</name>
    <message>
        <location filename="../../ui/common/code_export_dialog.cpp" line="+49"/>
        <source>Export %1 as Code</source>
        <translation>将 %1 导出为代码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keras 3 (keras.losses.Loss)</source>
        <translation>Keras 3 (keras.losses.Loss)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PyTorch (nn.Module)</source>
        <translation>PyTorch (nn.Module)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keras 3: a keras.losses.Loss subclass with get_config and a closure, using keras.ops only.
PyTorch: a functional form and an nn.Module whose constructor defaults are the current parameter values.</source>
        <translation>Keras 3：一个带 get_config 的 keras.losses.Loss 子类和一个闭包，只使用 keras.ops。
PyTorch：一个函数形式，以及一个构造函数默认值为当前参数值的 nn.Module。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Framework:</source>
        <translation>框架(&amp;F)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The generated Python code (read-only; select text to copy a part)</source>
        <translation>生成的 Python 代码（只读；选中文本可复制其中一部分）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the whole code to the clipboard</source>
        <translation>将全部代码复制到剪贴板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the code as a Python file</source>
        <translation>将代码保存为 Python 文件</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No %1 code for this loss:
%2</source>
        <translation>无法为此损失函数生成 %1 代码：
%2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>there is no code to save</source>
        <translation>没有可保存的代码</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+7"/>
        <source>Save Code</source>
        <translation>保存代码</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Python files (*.py);;All files (*)</source>
        <translation>Python 文件 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::Crosshair</name>
    <message>
        <location filename="../../ui/explorer/crosshair.cpp" line="+68"/>
        <source>L = %1, dL/dx = %2, d²L/dx² = %3</source>
        <translation>L = %1，dL/dx = %2，d²L/dx² = %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L = %1, dL/dx = %2</source>
        <translation>L = %1，dL/dx = %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: L = %2, slope %3</source>
        <translation>%1：L = %2，斜率 %3</translation>
    </message>
</context>
<context>
    <name>losslab::ui::CurveModel</name>
    <message>
        <location filename="../../ui/explorer/curve_model.cpp" line="+141"/>
        <source>residual r = ŷ − y (y = 0)</source>
        <translation>残差 r = ŷ − y（y = 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prediction ŷ (y = %1)</source>
        <translation>预测值 ŷ（y = %1）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Unknown loss &apos;%1&apos;.</source>
        <translation>未知的损失函数“%1”。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is drawn as %2, but the plot shows %3 curves. Losses of different kinds have different x axes, so they are not overlaid.</source>
        <translation>%1 按%2绘制，但当前图中是%3曲线。不同类型的损失函数横轴不同，因此不能叠加显示。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>At most %1 curves can be shown at once.</source>
        <translation>最多只能同时显示 %1 条曲线。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no custom loss called &apos;%1&apos; in your library.</source>
        <translation>你的库中没有名为“%1”的自定义损失函数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss &apos;%1&apos; is not in this build&apos;s catalogue.</source>
        <translation>当前版本的损失函数目录中没有“%1”。</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>This value would draw %1 against another kind of x axis (%2) than the other curves; remove them first.</source>
        <translation>此取值会使 %1 改用与其他曲线不同类型的横轴（%2）；请先移除其他曲线。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::CurveParametersPanel</name>
    <message>
        <location filename="../../ui/explorer/curve_parameters_panel.cpp" line="+30"/>
        <source>Against ŷ for target &amp;y =</source>
        <translation>以 ŷ 为横轴，目标值 &amp;y =</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Which picture of the loss to draw: the label of a classification loss, similar or dissimilar pair, …</source>
        <translation>绘制损失的哪种情形：分类损失的标签、相似或不相似样本对……</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Curve:</source>
        <translation>曲线：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Plot regression losses against the prediction ŷ for this target instead of the residual r = ŷ − y. Matters for losses that are not functions of r alone (MAPE, MSLE, Poisson, …).</source>
        <translation>以该目标值下的预测值 ŷ 为横轴绘制回归损失，而不是以残差 r = ŷ − y 为横轴。对不只取决于 r 的损失函数（MAPE、MSLE、Poisson 等）有影响。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>x axis: %1</source>
        <translation>x 轴：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n point(s) outside the loss&apos;s domain: %1</source>
        <translation>
            <numerusform>%n 个点超出损失函数的定义域：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>losslab::ui::CustomLossLibrary</name>
    <message>
        <location filename="../../ui/common/custom_loss_library.cpp" line="+90"/>
        <source>Give the custom loss a name.</source>
        <translation>请为自定义损失函数命名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name is %1 characters long; at most %2 are allowed.</source>
        <translation>名称长度为 %1 个字符；最多允许 %2 个字符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name must not start or end with a space.</source>
        <translation>名称的开头和结尾不能是空格。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The name contains a control character (U+%1).</source>
        <translation>名称包含控制字符（U+%1）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A custom loss named &apos;%1&apos; already exists.</source>
        <translation>已存在名为“%1”的自定义损失函数。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The formula of &apos;%1&apos; does not parse: %2</source>
        <translation>无法解析“%1”的公式：%2</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>There is no custom loss named &apos;%1&apos;.</source>
        <translation>没有名为“%1”的自定义损失函数。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::EngineText</name>
    <message>
        <location filename="../../ui/common/engine_text.cpp" line="+16"/>
        <source>fixed target y</source>
        <translation>固定目标值 y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>residual ŷ − y (y = 0)</source>
        <translation>残差 ŷ − y（y = 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prediction ŷ (y = 1)</source>
        <translation>预测值 ŷ（y = 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₁ − x₂ (x₂ = 0)</source>
        <translation>x₁ − x₂（x₂ = 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = +1 (x₁ should rank higher)</source>
        <translation>y = +1（x₁ 应排在前面）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = −1 (x₂ should rank higher)</source>
        <translation>y = −1（x₂ 应排在前面）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine similarity cos(x₁, x₂)</source>
        <translation>余弦相似度 cos(x₁, x₂)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = 1 (similar pair)</source>
        <translation>y = 1（相似样本对）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = −1 (dissimilar pair)</source>
        <translation>y = −1（不相似样本对）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distance (1-D embeddings, anchor at 0)</source>
        <translation>距离（一维嵌入，锚点位于 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x = d(a, p), d(a, n) = 2</source>
        <translation>x = d(a, p)，d(a, n) = 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x = d(a, n), d(a, p) = 0.5</source>
        <translation>x = d(a, n)，d(a, p) = 0.5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>student logit of the true class (other logits 0)</source>
        <translation>学生模型在真实类别上的 logit（其他 logit 为 0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>teacher favours the true class (logit 2)</source>
        <translation>教师模型偏向真实类别（logit 为 2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>teacher favours another class (logit 2)</source>
        <translation>教师模型偏向另一类别（logit 为 2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logit z (other logits 0)</source>
        <translation>logit z（其他 logit 为 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x = logit of the new (true) class</source>
        <translation>x = 新（真实）类别的 logit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x = logit of an old class whose old output is 0.8</source>
        <translation>x = 某个旧类别的 logit（其旧输出为 0.8）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>score ŷ (other scores 0)</source>
        <translation>得分 ŷ（其他得分为 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x = true-class score</source>
        <translation>x = 真实类别的得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x = a wrong class&apos;s score</source>
        <translation>x = 某个错误类别的得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>score ŷ</source>
        <translation>得分 ŷ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = +1</source>
        <translation>y = +1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = −1</source>
        <translation>y = −1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = 1</source>
        <translation>y = 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y = 0</source>
        <translation>y = 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>probability of the true class (the others share the rest evenly)</source>
        <translation>真实类别的概率（其余类别均分剩余概率）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p(true class), K classes</source>
        <translation>p(真实类别)，K 个类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+80"/>
        <source>predicted probability ŷ</source>
        <translation>预测概率 ŷ</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+84"/>
        <source>distance d</source>
        <translation>距离 d</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>similar pair</source>
        <translation>相似样本对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dissimilar pair</source>
        <translation>不相似样本对</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probabilistic classification / likelihood</source>
        <translation>概率分类 / 似然</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Robust</source>
        <translation>鲁棒损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distillation / composite</source>
        <translation>知识蒸馏 / 组合损失</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Margin classification</source>
        <translation>间隔分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metric learning</source>
        <translation>度量学习</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reference</source>
        <translation>参考实现</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>regression (against the residual)</source>
        <translation>回归（横轴为残差）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>classification (against the score, logit or margin)</source>
        <translation>分类（横轴为得分、logit 或间隔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>classification (against the predicted probability)</source>
        <translation>分类（横轴为预测概率）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>categorical (against the true-class probability)</source>
        <translation>多分类（横轴为真实类别的概率）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>metric learning (against the distance)</source>
        <translation>度量学习（横轴为距离）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>residual ŷ − y</source>
        <translation>残差 ŷ − y</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>score / logit / margin</source>
        <translation>得分 / logit / 间隔</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>probability of the true class</source>
        <translation>真实类别的概率</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ExplorerExport</name>
    <message>
        <location filename="../../ui/explorer/explorer_export.cpp" line="+66"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Curvature</source>
        <translation>曲率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export Plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+33"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+33"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Export Data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Plot copied to the clipboard.</source>
        <translation>图表已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select a curve first: its loss and parameters are exported.</source>
        <translation>请先选择一条曲线：导出的是它的损失函数和参数。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ExplorerView</name>
    <message>
        <location filename="../../ui/explorer/explorer_view.cpp" line="+73"/>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Export Plot…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>将图表保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export &amp;Data (CSV)…</source>
        <translation>导出数据 (CSV)(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save x, loss, gradient and curvature of every visible curve</source>
        <translation>保存每条可见曲线的 x、损失、梯度和曲率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export as C&amp;ode…</source>
        <translation>导出为代码(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected curve&apos;s loss, with its parameters, as Keras 3 or PyTorch code</source>
        <translation>将所选曲线的损失函数及其参数导出为 Keras 3 或 PyTorch 代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy Image</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Add Loss…</source>
        <translation>添加损失函数(&amp;A)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove Curve</source>
        <translation>移除曲线(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show &amp;Second Derivative</source>
        <translation>显示二阶导数(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a third panel with the curvature d²L/dx²</source>
        <translation>添加第三个面板，显示曲率 d²L/dx²</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reset View</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Zoom to Rectangle</source>
        <translation>框选缩放(&amp;Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag a rectangle to zoom; off: drag to pan. The wheel always zooms.</source>
        <translation>拖出矩形进行缩放；关闭时拖动可平移。滚轮始终用于缩放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Axis R&amp;anges…</source>
        <translation>坐标轴范围(&amp;a)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the x range and the y range of each panel</source>
        <translation>输入 x 范围以及各面板的 y 范围</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Explorer</source>
        <translation>探索器</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>At most %1 curves can be shown at once.</source>
        <translation>最多只能同时显示 %1 条曲线。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Different x axis</source>
        <translation>横轴不同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new plot with this loss instead?</source>
        <translation>改为用此损失函数新建图表？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot add loss</source>
        <translation>无法添加损失函数</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+33"/>
        <source>Added %1.</source>
        <translation>已添加 %1。</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Updated %1.</source>
        <translation>已更新 %1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot plot the formula</source>
        <translation>无法绘制该公式</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Custom selection</source>
        <translation>自定义选择</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ExportOptionsDialog</name>
    <message>
        <location filename="../../ui/common/export_options_dialog.cpp" line="+35"/>
        <location line="+1"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width of the plot layout in logical pixels (1/96 inch)</source>
        <translation>图表布局的宽度，单位为逻辑像素（1/96 英寸）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height of the plot layout in logical pixels (1/96 inch)</source>
        <translation>图表布局的高度，单位为逻辑像素（1/96 英寸）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG only: 96 dpi is screen size, 300 dpi suits print</source>
        <translation>仅用于 PNG：96 dpi 即屏幕尺寸，300 dpi 适合打印</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Vector output: lines and text stay sharp at any zoom.</source>
        <translation>矢量输出：线条和文字在任意缩放比例下都保持清晰。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PNG will be %1 × %2 pixels.</source>
        <translation>PNG 图像将为 %1 × %2 像素。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::FormulaEditor</name>
    <message>
        <location filename="../../ui/formula/formula_editor.cpp" line="+147"/>
        <source>%1 (at character %2)</source>
        <translation>%1（位于第 %2 个字符）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Start from a template…</source>
        <translation>从模板开始…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1
From the seed material (%2).</source>
        <translation>%1
出自原始博文（%2）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Insert a formula from the Keras custom-loss tutorials (temperature-scaled MSE, RMSE, Huber with threshold, contrastive loss) or a built-in loss to compare with.
The current text is replaced; Ctrl+Z brings it back.</source>
        <translation>插入 Keras 自定义损失教程中的公式（带温度缩放的 MSE、RMSE、带阈值的 Huber 损失、对比损失），或插入一个内置损失函数用于对比。
当前文本会被替换；按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open a custom loss saved in your library</source>
        <translation>打开已保存在你的库中的自定义损失函数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. my huber</source>
        <translation>例如 my huber</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name of the loss in your library, in plots and in exported code (at most %1 characters)</source>
        <translation>该损失函数在库中、图表中和导出代码中使用的名称（最多 %1 个字符）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>delta = 1 in [0.01, 10] log
where(abs(r) &lt;= delta, 0.5*square(r), delta*abs(r) - 0.5*delta^2)</source>
        <translation>delta = 1 in [0.01, 10] log
where(abs(r) &lt;= delta, 0.5*square(r), delta*abs(r) - 0.5*delta^2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The loss as a formula of y_pred (p), y_true (y) and r = y_pred - y_true.
Operators + - * / ^, comparisons, and/or/not, where(cond, a, b); functions such as abs, exp, log, sqrt, square, max, clip, log_cosh; mean(...)/sum(...) over the batch.
Any other name is a parameter (a slider); declare it first: NAME = DEFAULT in [MIN, MAX] log
Ctrl+Space completes a name; Ctrl+Return plots.</source>
        <translation>用 y_pred (p)、y_true (y) 和 r = y_pred - y_true 写出的损失公式。
运算符 + - * / ^、比较运算、and/or/not、where(cond, a, b)；函数如 abs、exp、log、sqrt、square、max、clip、log_cosh；mean(...)/sum(...) 对整个批次求值。
其他任何名称都是参数（对应一个滑块）；请先声明：NAME = DEFAULT in [MIN, MAX] log
Ctrl+Space 补全名称；Ctrl+Return 绘图。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The loss as the engine reads it, simplified</source>
        <translation>引擎读入后的损失表达式（已化简）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First derivative with respect to the prediction, derived symbolically (at kinks TensorFlow&apos;s convention: abs&apos;(0) = 0, max passes to its first argument on ties)</source>
        <translation>对预测值的一阶导数，由符号推导得到（在不可导点采用 TensorFlow 的约定：abs&apos;(0) = 0；max 的两个参数相等时，导数取自第一个参数）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Second derivative with respect to the prediction</source>
        <translation>对预测值的二阶导数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every name that is not a variable, constant or function is a parameter: it gets a slider in the explorer. Undeclared parameters start at 1.</source>
        <translation>凡不是变量、常数或函数的名称都是参数：在曲线探索中会有对应的滑块。未声明的参数初始值为 1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean(...)/sum(...) make the loss one number for the whole batch; dℓ/dŷ is then the derivative of that number with respect to one prediction (N is the element count).</source>
        <translation>mean(...)/sum(...) 使损失对整个批次只得到一个数；此时 dℓ/dŷ 是这个数对单个预测值的导数（N 为元素个数）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Derived</source>
        <translation>推导结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ℓ =</source>
        <translation>ℓ =</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dℓ/dŷ =</source>
        <translation>dℓ/dŷ =</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>d²ℓ/dŷ² =</source>
        <translation>d²ℓ/dŷ² =</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Plot</source>
        <translation>绘图(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the loss to the library and plot it in the explorer (Ctrl+Return)</source>
        <translation>将损失函数保存到库中，并在曲线探索中绘制（Ctrl+Return）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save to Library</source>
        <translation>保存到库(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the formula under its name; it is remembered between runs</source>
        <translation>以该名称保存公式；下次启动时仍会保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the loss named above from the library (the text stays here, so Save to Library can put it back)</source>
        <translation>从库中删除上面所填名称的损失函数（文本仍保留在此处，可用“保存到库”恢复）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport as Code…</source>
        <translation>导出为代码(&amp;x)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the loss as Keras 3 or PyTorch code</source>
        <translation>将损失函数显示为 Keras 3 或 PyTorch 代码</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Library:</source>
        <translation>库(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Type a formula, e.g. square(r) or start from a template.</source>
        <translation>请输入公式（例如 square(r)），或从模板开始。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>unexpected character &apos;%1&apos; (formulas use ASCII names, e.g. delta for δ)</source>
        <translation>意外的字符“%1”（公式只能使用 ASCII 名称，例如用 delta 表示 δ）</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>, log scale</source>
        <translation>，对数刻度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  (undeclared: starts at 1, unbounded)</source>
        <translation>  （未声明：初始值为 1，无界）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Template from %1: %2</source>
        <translation>模板出自 %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+59"/>
        <source>There is no custom loss named &apos;%1&apos; in the library.</source>
        <translation>库中没有名为“%1”的自定义损失函数。</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Opened &apos;%1&apos; from the library.</source>
        <translation>已从库中打开“%1”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+57"/>
        <source>The formula is not valid yet: %1</source>
        <translation>公式暂时无效：%1</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>A custom loss named &apos;%1&apos; is already in the library. Open it from the library to change it, or choose another name.</source>
        <translation>库中已有名为“%1”的自定义损失函数。若要修改，请从库中打开它；或者换一个名称。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved &apos;%1&apos; to the library.</source>
        <translation>已将“%1”保存到库中。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved and plotted &apos;%1&apos;.</source>
        <translation>已保存并绘制“%1”。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Deleted &apos;%1&apos; from the library. Save to Library puts it back.</source>
        <translation>已从库中删除“%1”。使用“保存到库”可将其恢复。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>(no saved losses yet)</source>
        <translation>（尚无已保存的损失函数）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a saved loss…</source>
        <translation>打开已保存的损失函数…</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LossCurvePlot</name>
    <message>
        <location filename="../../ui/explorer/loss_curve_plot.cpp" line="+208"/>
        <source>loss L</source>
        <translation>损失 L</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gradient dL/dŷ</source>
        <translation>梯度 dL/dŷ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>slope dL/dx</source>
        <translation>斜率 dL/dx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dL/dŷ</source>
        <translation>dL/dŷ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dL/dx</source>
        <translation>dL/dx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>curvature d²L/dŷ²</source>
        <translation>曲率 d²L/dŷ²</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>curvature d²L/dx²</source>
        <translation>曲率 d²L/dx²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>d²L/dŷ²</source>
        <translation>d²L/dŷ²</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>d²L/dx²</source>
        <translation>d²L/dx²</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LossListPanel</name>
    <message>
        <location filename="../../ui/explorer/loss_list_panel.cpp" line="+31"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a loss from the catalogue (Ins)</source>
        <translation>从目录中添加损失函数（Ins）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected curve (Del)</source>
        <translation>移除所选曲线（Del）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the selected curve&apos;s colour</source>
        <translation>更改所选曲线的颜色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick to show or hide a curve; double-click to rename it.</source>
        <translation>勾选以显示或隐藏曲线；双击可重命名。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Curve colour</source>
        <translation>曲线颜色</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LossPickerDialog</name>
    <message>
        <location filename="../../ui/explorer/loss_picker_dialog.cpp" line="+59"/>
        <source>Add a loss</source>
        <translation>添加损失函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search by name, id or formula…</source>
        <translation>按名称、id 或公式搜索…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Framework</source>
        <translation>框架</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Custom losses (your library)</source>
        <translation>自定义损失函数（你的库）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>losslab::ui::MainWindow</name>
    <message>
        <location filename="../../ui/shell/main_window.cpp" line="+48"/>
        <source>LossLab</source>
        <translation>LossLab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Explorer</source>
        <translation>曲线探索(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss, gradient and curvature curves of the chosen losses</source>
        <translation>所选损失函数的损失、梯度和曲率曲线</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train a small regression network with the chosen loss and watch it learn</source>
        <translation>用所选损失函数训练一个小型回归网络，观察它的学习过程</translation>
    </message>
    <message>
        <location line="+227"/>
        <source>Move the mouse over the plot to read values and slopes.</source>
        <translation>将鼠标移到图上即可读取数值和斜率。</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write your own loss as a formula: exact derivatives, sliders, export as code</source>
        <translation>用公式编写你自己的损失函数：精确导数、参数滑块、导出为代码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Full screen with large text and thick lines for a projector; Esc leaves</source>
        <translation>全屏显示，文字大、线条粗，适合投影仪；按 Esc 退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave Presentation Mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>E&amp;xplorer</source>
        <translation>曲线探索(&amp;x)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trai&amp;ning</source>
        <translation>训练(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Presentation mode: Esc leaves, F11 too</source>
        <translation>演示模式：按 Esc 或 F11 退出</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location line="-188"/>
        <location filename="../../app/gui/main.cpp" line="+67"/>
        <source>Training: outliers (MSE vs MAE vs Huber)</source>
        <translation>训练：离群点（MSE vs MAE vs Huber）</translation>
    </message>
    <message>
        <location line="+202"/>
        <source>Fit a line through data with 10 % outliers with three losses at once</source>
        <translation>用三种损失函数同时对含 10% 离群点的数据拟合直线</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About LossLab</source>
        <translation>关于 LossLab(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Teaching presets: each sets up curves and says what to notice</source>
        <translation>教学预设：每个预设都会设置好曲线，并提示观察要点</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>About LossLab</source>
        <translation>关于 LossLab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;LossLab %1&lt;/h3&gt;&lt;p&gt;See what a loss function does: loss, gradient and curvature of the Keras, PyTorch and robust loss catalogue, with Keras and PyTorch semantics.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 3 or later. Plots by QCustomPlot (GPL).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LossLab %1&lt;/h3&gt;&lt;p&gt;看清损失函数的作用：按 Keras 和 PyTorch 的语义，绘制 Keras、PyTorch 及鲁棒损失函数目录中各损失函数的损失、梯度和曲率。&lt;/p&gt;&lt;p&gt;本软件为自由软件，依据 GNU 通用公共许可证第 3 版或更高版本发布。图表由 QCustomPlot（GPL）绘制。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ParameterPanel</name>
    <message>
        <location filename="../../ui/common/parameter_panel.cpp" line="+168"/>
        <source>Valid range: %1</source>
        <translation>有效范围：%1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1; using the default</source>
        <translation>%1；改用默认值</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>This loss has no parameters.</source>
        <translation>此损失函数没有参数。</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset to default (%1)</source>
        <translation>重置为默认值（%1）</translation>
    </message>
</context>
<context>
    <name>losslab::ui::PlotExportDialog</name>
    <message>
        <location filename="../../ui/common/plot_export_dialog.cpp" line="+57"/>
        <source>&amp;Slide (16:9)</source>
        <translation>幻灯片 16:9(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ustom size</source>
        <translation>自定义尺寸(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Transparent background</source>
        <translation>透明背景(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture for a projector: 16:9, large text, thick lines, a white page without a frame</source>
        <translation>适合投影仪的图片：16:9、大字、粗线、白色页面、无边框</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any size, with the fonts and colours of the screen</source>
        <translation>任意尺寸，使用屏幕上的字体和颜色</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1920 × 1080 (Full HD)</source>
        <translation>1920 × 1080（全高清）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1280 × 720 (HD)</source>
        <translation>1280 × 720（高清）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The PNG&apos;s pixels; SVG and PDF are a 13.33 × 7.5 in page either way</source>
        <translation>PNG 的像素尺寸；SVG 和 PDF 始终为 13.33 × 7.5 英寸的页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width in pixels (SVG and PDF: 96 pixels per inch)</source>
        <translation>宽度，单位为像素（SVG 和 PDF：每英寸 96 像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height in pixels (SVG and PDF: 96 pixels per inch)</source>
        <translation>高度，单位为像素（SVG 和 PDF：每英寸 96 像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text size: 100 % is the slide&apos;s 16 pt, or the screen&apos;s size</source>
        <translation>文字大小：100 % 即幻灯片的 16 磅，或屏幕上的大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width of curves and axes: 100 % is the slide&apos;s, or the screen&apos;s</source>
        <translation>曲线和坐标轴的线宽：100 % 即幻灯片的线宽，或屏幕上的线宽</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No page colour: the slide&apos;s background shows through</source>
        <translation>无页面底色：透出幻灯片的背景</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Te&amp;xt size:</source>
        <translation>文字大小(&amp;X)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Line width:</source>
        <translation>线宽(&amp;L)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All panels</source>
        <translation>全部面板</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The whole stack, or one panel on its own with the x axis</source>
        <translation>整组面板，或单独一个带 x 轴的面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Panels:</source>
        <translation>面板(&amp;P)：</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The PNG will be %1 × %2 pixels.</source>
        <translation>PNG 图像将为 %1 × %2 像素。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A vector page of %1 × %2 in (%3 × %4 pt): lines and text stay sharp at any zoom.</source>
        <translation>矢量页面 %1 × %2 英寸（%3 × %4 磅）：线条和文字在任意缩放比例下都保持清晰。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::Presets</name>
    <message>
        <location filename="../../ui/explorer/presets.cpp" line="+17"/>
        <source>MSE vs MAE vs Huber</source>
        <translation>MSE vs MAE vs Huber</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE&apos;s gradient grows without bound, so outliers pull hardest; MAE&apos;s is constant; Huber is quadratic near zero and linear beyond ±δ, so its gradient is clipped at ±δ.</source>
        <translation>MSE 的梯度无界增长，因此离群点的拉力最大；MAE 的梯度是常数；Huber 损失在零附近是二次的，超出 ±δ 后是线性的，因此其梯度被截断在 ±δ。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Huber δ sweep</source>
        <translation>Huber 损失的 δ 扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>δ moves the point where the quadratic turns linear: small δ behaves like MAE, large δ like MSE (halved). The gradient&apos;s plateau is ±δ.</source>
        <translation>δ 决定二次段转为线性段的位置：δ 较小时接近 MAE，δ 较大时接近 MSE（的一半）。梯度的平台值为 ±δ。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Robust losses: Cauchy, Tukey, Barron α</source>
        <translation>鲁棒损失：Cauchy、Tukey、Barron α</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Robust losses stop growing (or grow slowly) for large residuals: their gradient goes back towards zero, so outliers lose their pull. Barron&apos;s α sweeps from L2 (α = 2) through Charbonnier (1) and Cauchy (0) to Geman-McClure (−2).</source>
        <translation>鲁棒损失在残差较大时不再增长（或增长缓慢）：梯度回落到零附近，离群点因此失去拉力。Barron 的 α 从 L2（α = 2）经 Charbonnier（1）和 Cauchy（0）一直变到 Geman-McClure（−2）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Classification margins</source>
        <translation>分类间隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plotted against the score for a positive label: hinge is exactly zero past margin 1, squared hinge is smooth there, soft margin and BCE from logits never reach zero and keep a small gradient everywhere.</source>
        <translation>横轴为正标签样本的得分：hinge 在间隔超过 1 后恰好为零，squared hinge 在该处是光滑的，soft margin 和基于 logits 的 BCE 永远不会降到零，处处保留一个小梯度。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cross-entropy vs focal loss (γ)</source>
        <translation>交叉熵 vs 焦点损失（γ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Against the probability of the true class: focal loss multiplies BCE by (1 − p)^γ, so well-classified examples (p near 1) contribute almost nothing and training focuses on hard ones. γ = 0 is BCE.</source>
        <translation>横轴为真实类别的概率：焦点损失 (focal loss) 将 BCE 乘以 (1 − p)^γ，因此已被正确分类的样本（p 接近 1）几乎没有贡献，训练集中在难分类的样本上。γ = 0 时即为 BCE。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Contrastive loss with a margin</source>
        <translation>带间隔的对比损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar pairs are pulled together by d²; dissimilar pairs are pushed apart only while closer than the margin m, after which they cost nothing.</source>
        <translation>相似样本对由 d² 拉近；不相似样本对只在距离小于间隔 m 时被推开，超过间隔后不再产生损失。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>similar pair</source>
        <translation>相似样本对</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dissimilar pair, m = 1</source>
        <translation>不相似样本对，m = 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dissimilar pair, m = 2</source>
        <translation>不相似样本对，m = 2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Temperature-scaled MSE (seed 000)</source>
        <translation>带温度缩放的 MSE（博文 000）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The blog post multiplies MSE by a temperature T and calls T = 0.6 &quot;sharper&quot;. The curves show what T really does: it scales the loss and its gradient by T and nothing else, so the shape is unchanged. With plain SGD it is exactly a learning-rate factor.</source>
        <translation>这篇博文把 MSE 乘以温度 T，并称 T = 0.6 更“尖锐”。曲线展示了 T 的真实作用：它只是把损失及其梯度按 T 缩放，别无其他，因此形状不变。使用普通 SGD 时，它恰好相当于学习率的一个系数。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingController</name>
    <message>
        <location filename="../../ui/training/training_controller.cpp" line="+212"/>
        <source>Could not set up training: %1</source>
        <translation>无法设置训练：%1</translation>
    </message>
    <message>
        <location line="+351"/>
        <source>&apos;%1&apos; takes class labels or no target; training fits one regression target per sample</source>
        <translation>“%1”需要类别标签或不需要目标值；而训练为每个样本拟合一个回归目标值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; needs the extra input &apos;%2&apos;, which training does not provide</source>
        <translation>“%1”需要额外输入“%2”，但训练不提供该输入</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The data set has %1 samples: with a validation split of %2 none is left for training.</source>
        <translation>数据集有 %1 个样本：按 %2 的验证集比例划分后，没有样本剩下用于训练。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The data set needs at least one feature and one target per sample.</source>
        <translation>数据集的每个样本至少需要一个特征和一个目标值。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Outliers are added to the synthetic data sets only.</source>
        <translation>离群点只会添加到合成数据集中。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The validation split must be in [0, 1).</source>
        <translation>验证集比例必须在 [0, 1) 范围内。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The batch size must be at least 1.</source>
        <translation>批大小至少为 1。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Every hidden layer needs at least one unit.</source>
        <translation>每个隐藏层至少需要一个单元。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Training takes 1 to %1 losses.</source>
        <translation>训练需要 1 到 %1 个损失函数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No loss given.</source>
        <translation>未指定损失函数。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingSession</name>
    <message>
        <location filename="../../ui/training/training_session.cpp" line="+57"/>
        <source>&quot;%1&quot; must be an object</source>
        <translation>&quot;%1&quot; 必须是对象</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&quot;%1&quot; must be a number from %2 to %3</source>
        <translation>&quot;%1&quot; 必须是 %2 到 %3 之间的数字</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&quot;%1&quot; must be a whole number from %2 to %3</source>
        <translation>&quot;%1&quot; 必须是 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+90"/>
        <source>&quot;%1&quot; must be a string</source>
        <translation>&quot;%1&quot; 必须是字符串</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>&quot;%1&quot; must be one of %2, not &quot;%3&quot;</source>
        <translation>&quot;%1&quot; 必须是 %2 之一，而不是 &quot;%3&quot;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>&quot;%1&quot; 必须是 true 或 false</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&quot;%1&quot; must be a list of strings</source>
        <translation>&quot;%1&quot; 必须是字符串列表</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&quot;%1&quot; must be a number</source>
        <translation>&quot;%1&quot; 必须是数字</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&quot;%1&quot; must be a loss id or an object with &quot;id&quot; and &quot;params&quot;</source>
        <translation>&quot;%1&quot; 必须是损失函数 id，或包含 &quot;id&quot; 和 &quot;params&quot; 的对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; must name a loss</source>
        <translation>&quot;%1&quot; 必须指定一个损失函数</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>not valid JSON at character %1: %2</source>
        <translation>不是有效的 JSON（第 %1 个字符）：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not a LossLab session file (&quot;format&quot; must be &quot;%1&quot;)</source>
        <translation>不是 LossLab 会话文件（&quot;format&quot; 必须为 &quot;%1&quot;）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;version&quot; is missing</source>
        <translation>缺少 &quot;version&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;version&quot; %1 is newer than this LossLab understands (%2)</source>
        <translation>&quot;version&quot; %1 比本版 LossLab 支持的版本（%2）更新</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&quot;seed&quot; must be a whole number from 0 to %1, written as a string</source>
        <translation>&quot;seed&quot; 必须是 0 到 %1 之间的整数，并以字符串形式书写</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&quot;data.csv_path&quot; must name the CSV file of a &quot;csv&quot; data set</source>
        <translation>&quot;csv&quot; 数据集的 &quot;data.csv_path&quot; 必须给出 CSV 文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;model.hidden&quot; must be a list of at most %1 layer widths, whole numbers from 1 to %2</source>
        <translation>&quot;model.hidden&quot; 必须是最多 %1 个层宽度组成的列表，每个宽度为 1 到 %2 之间的整数</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&quot;compare.losses&quot; must be a list of at most 4 losses</source>
        <translation>&quot;compare.losses&quot; 必须是最多 4 个损失函数组成的列表</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot;: &quot;%2&quot; is listed twice</source>
        <translation>&quot;%1&quot;：“%2” 出现了两次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1.params&quot; differ from &quot;loss.params&quot;: a loss has one set of parameters per session</source>
        <translation>&quot;%1.params&quot; 与 &quot;loss.params&quot; 不一致：每个会话中一个损失函数只有一组参数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;compare.losses&quot; must name 2 to 4 losses when &quot;compare.on&quot; is true</source>
        <translation>当 &quot;compare.on&quot; 为 true 时，&quot;compare.losses&quot; 必须列出 2 到 4 个损失函数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;compare.focus&quot; must be one of the ids in &quot;compare.losses&quot;, not &quot;%1&quot;</source>
        <translation>&quot;compare.focus&quot; 必须是 &quot;compare.losses&quot; 中的某个 id，而不是 &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingView</name>
    <message>
        <location filename="../../ui/training/training_view.cpp" line="+193"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose columns</source>
        <translation>选择列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The column the network learns to predict</source>
        <translation>网络要学习预测的列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The network&apos;s inputs</source>
        <translation>网络的输入</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Target:</source>
        <translation>目标值：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Features:</source>
        <translation>特征：</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>seed_sum: y = 5 Σ xⱼ (4 features)</source>
        <translation>seed_sum：y = 5 Σ xⱼ（4 个特征）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>linear: y = 2x + 1</source>
        <translation>线性：y = 2x + 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sine: y = sin x</source>
        <translation>正弦：y = sin x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cubic: y = x³ − x</source>
        <translation>三次：y = x³ − x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step: y = 1[x ≥ 0]</source>
        <translation>阶跃：y = 1[x ≥ 0]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>heteroscedastic: noise grows with x</source>
        <translation>异方差：噪声随 x 增大</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data set:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Number of samples drawn (training + validation)</source>
        <translation>抽取的样本数（训练集 + 验证集）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Standard deviation σ of the Gaussian noise added to y</source>
        <translation>加到 y 上的高斯噪声的标准差 σ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noise σ:</source>
        <translation>噪声 σ：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Share of samples moved by an outlier</source>
        <translation>被离群点偏移的样本比例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outliers:</source>
        <translation>离群点：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An outlier adds ± this much to y (sign drawn per sample)</source>
        <translation>离群点在 y 上加上 ± 该值（符号按样本随机抽取）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outlier size:</source>
        <translation>离群幅度：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Share of the samples held out for validation</source>
        <translation>留作验证集的样本比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation split:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>One seed for the generated data, the initial weights, the split and the shuffling (as losslab-cli train --seed); a new seed restarts training</source>
        <translation>一个随机种子同时决定生成的数据、初始权重、数据划分与打乱顺序（与 losslab-cli train --seed 相同）；更换种子会重新开始训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train on a numeric CSV file; you choose the target and feature columns</source>
        <translation>在数值型 CSV 文件上训练；目标列和特征列由你选择</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hidden layer widths, comma-separated (empty: a linear model ŷ = w·x + b)</source>
        <translation>各隐藏层的宽度，用逗号分隔（留空：线性模型 ŷ = w·x + b）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden widths:</source>
        <translation>隐藏层宽度：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Activation of the hidden layers (the output is linear)</source>
        <translation>隐藏层的激活函数（输出层为线性）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activation:</source>
        <translation>激活函数：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keras 3 update rules and defaults</source>
        <translation>采用 Keras 3 的更新规则和默认值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning rate on a log scale from 1e-5 to 1; applies at the next step</source>
        <translation>学习率，对数刻度，范围 1e-5 到 1；从下一步起生效</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Samples per optimizer step</source>
        <translation>每个优化步使用的样本数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start trains until every run has finished this many epochs</source>
        <translation>“开始”会一直训练，直到每组训练都完成这么多轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs:</source>
        <translation>轮次 (epoch)：</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+215"/>
        <location line="+30"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save or open the data, network, optimizer, losses and seed as a JSON session file</source>
        <translation>将数据、网络、优化器、损失函数和随机种子保存为 JSON 会话文件，或从中打开</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore a saved session and reset to its initial weights</source>
        <translation>恢复已保存的会话，并重置为其初始权重</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data, network, optimizer, losses with their parameters and the seed as JSON</source>
        <translation>以 JSON 保存数据、网络、优化器、损失函数及其参数和随机种子</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Smoothing: exponential moving average as in TensorBoard (debiased); the raw series stays faint</source>
        <translation>平滑：与 TensorBoard 相同的指数移动平均（去偏）；原始曲线以浅色保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Smooth:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The loss each run trains with (full name and epoch in the cell&apos;s tooltip)</source>
        <translation>每组训练所用的损失函数（完整名称和轮次见单元格提示）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss on the whole training set</source>
        <translation>整个训练集上的损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss on the validation set (training set when the split is 0)</source>
        <translation>验证集上的损失（划分比例为 0 时为训练集）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean absolute error on the validation set</source>
        <translation>验证集上的平均绝对误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root mean squared error on the validation set</source>
        <translation>验证集上的均方根误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coefficient of determination on the validation set</source>
        <translation>验证集上的决定系数</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>|∂L/∂ŷ|</source>
        <translation>|∂L/∂ŷ|</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gradient influence |∂L/∂ŷᵢ| of each training point: how hard it pulls on the fit (0 to the largest value in this epoch)</source>
        <translation>每个训练点的梯度影响 |∂L/∂ŷᵢ|：它对拟合的拉力有多大（从 0 到本轮的最大值）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+280"/>
        <source>the loss &quot;%1&quot; cannot be trained here</source>
        <translation>损失函数 &quot;%1&quot; 不能在此训练</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>LossLab session (*.json);;All files (*)</source>
        <translation>LossLab 会话 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The session was not opened; nothing changed.
%1</source>
        <translation>会话未打开，没有任何更改。
%1</translation>
    </message>
    <message>
        <location line="+349"/>
        <source>The seed must be a whole number from 0 to %1.</source>
        <translation>随机种子必须是 0 到 %1 之间的整数。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The network takes at most %1 hidden layers of 1 to %2 units.</source>
        <translation>网络最多有 %1 个隐藏层，每层 1 到 %2 个单元。</translation>
    </message>
    <message>
        <location line="+199"/>
        <source>Compare mode trains 2 to %1 losses.</source>
        <translation>对比模式训练 2 到 %1 个损失函数。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Parameters of:</source>
        <translation>参数对象：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss to train:</source>
        <translation>训练所用损失：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whose parameters the sliders below set; the losses that train are the ticked ones</source>
        <translation>下方滑块设置哪个损失函数的参数；参与训练的是已勾选的损失函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loss the network is trained with; changes apply at the next step</source>
        <translation>训练网络所用的损失函数；更改从下一步起生效</translation>
    </message>
    <message>
        <location line="+352"/>
        <source>Gradient influence |∂L/∂ŷᵢ| of each training point under %1: how hard the point pulls on the fit (0 to the largest value in this epoch, %2)</source>
        <translation>在 %1 下每个训练点的梯度影响 |∂L/∂ŷᵢ|：该点对拟合的拉力有多大（从 0 到本轮的最大值 %2）</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>%1 · %2/%3 epochs</source>
        <translation>%1 · %2/%3 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 of %3 epochs (the Epochs budget) trained since the last reset</source>
        <translation>%1：自上次重置以来已训练 %2 / %3 轮（轮数预算）</translation>
    </message>
    <message>
        <location line="-1925"/>
        <source>Compare losses</source>
        <translation>比较损失函数</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>A reproducible synthetic set (drawn from the seed), or an imported CSV file</source>
        <translation>可复现的合成数据集（由随机种子生成），或导入的 CSV 文件</translation>
    </message>
    <message>
        <location line="+209"/>
        <source>Train 2–4 losses side by side from the same initial weights and batches</source>
        <translation>从相同的初始权重和批次出发，同时训练 2–4 个损失函数进行对比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The losses compare mode trains (2 to 4)</source>
        <translation>比较模式要训练的损失函数（2 到 4 个）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Whose gradient influence colours the data points</source>
        <translation>按哪个损失函数的梯度影响给数据点着色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour points by:</source>
        <translation>数据点着色依据：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train until the epoch budget is reached</source>
        <translation>一直训练到设定的轮次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop at the next optimizer step</source>
        <translation>在下一个优化步停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train exactly one epoch of every run</source>
        <translation>每组训练各训练一个轮次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the initial weights (same seed, same weights) and epoch 0</source>
        <translation>恢复到初始权重（相同随机种子，相同权重）和第 0 轮次</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+1342"/>
        <location line="+15"/>
        <location line="+15"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-1368"/>
        <source>Save the history, the predictions or a plot</source>
        <translation>保存训练历史、预测值或图表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss history as CSV…</source>
        <translation>损失历史导出为 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Predictions as CSV…</source>
        <translation>预测值导出为 CSV…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy as losslab-cli Command</source>
        <translation>复制为 losslab-cli 命令</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The command line that trains the same run in a terminal</source>
        <translation>在终端中复现同一训练过程的命令行</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the history shows; MAE, RMSE and R² compare runs with different losses fairly</source>
        <translation>历史曲线显示的指标；MAE、RMSE 和 R² 可以公平比较使用不同损失函数的训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logarithmic y axis</source>
        <translation>y 轴使用对数刻度</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val. loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Val. MAE</source>
        <translation>验证 MAE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val. RMSE</source>
        <translation>验证 RMSE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val. R²</source>
        <translation>验证 R²</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Latest metrics of every run (validation set; training set if empty)</source>
        <translation>各组训练的最新指标（基于验证集；验证集为空时基于训练集）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>injected outliers</source>
        <translation>注入的离群点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>noise-free function</source>
        <translation>无噪声函数</translation>
    </message>
    <message>
        <location line="+1158"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="-1132"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>Fit plot (PNG, SVG, PDF)…</source>
        <translation>拟合图（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History plot (PNG, SVG, PDF)…</source>
        <translation>历史曲线图（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Residual histogram (PNG, SVG, PDF)…</source>
        <translation>残差直方图（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Save Session…</source>
        <translation>保存会话…</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Open Session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <location line="+245"/>
        <location line="+1348"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="-1337"/>
        <source>residual ŷ − y (training set)</source>
        <translation>残差 ŷ − y（训练集）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location line="+89"/>
        <location line="+54"/>
        <location line="+203"/>
        <location line="+322"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="-407"/>
        <source>unknown optimizer &quot;%1&quot;</source>
        <translation>未知的优化器 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+175"/>
        <location line="+9"/>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>LossLab session (*.json)</source>
        <translation>LossLab 会话 (*.json)</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+8"/>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>There are no predictions yet.</source>
        <translation>还没有预测值。</translation>
    </message>
    <message>
        <location line="+116"/>
        <location line="+8"/>
        <location line="+15"/>
        <location line="+4"/>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not import the file; the current data set is kept.
%1</source>
        <translation>无法导入该文件，已保留当前数据集。
%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file has no columns; the current data set is kept.</source>
        <translation>该文件没有任何列，已保留当前数据集。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+12"/>
        <source>Could not use the file; the current data set is kept.
%1</source>
        <translation>无法使用该文件，已保留当前数据集。
%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2 samples, %3 feature(s) → %4</source>
        <translation>%1：%2 个样本，%3 个特征 → %4</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>%1 (custom)</source>
        <translation>%1（自定义）</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Compare mode needs 2 to %1 losses; %2 are ticked.</source>
        <translation>比较模式需要 2 到 %1 个损失函数；当前勾选了 %2 个。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Export loss history</source>
        <translation>导出损失历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Export predictions</source>
        <translation>导出预测值</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+352"/>
        <source>y (true)</source>
        <translation>y（真实值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ŷ (predicted)</source>
        <translation>ŷ（预测值）</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>%1
epoch %2</source>
        <translation>%1
第 %2 轮</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
</context>
</TS>
