<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnimationText</name>
    <message>
        <location filename="../../ui/training/training_animation.cpp" line="+112"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Training epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>epoch %1 / %2</source>
        <translation>第 %1 / %2 轮</translation>
    </message>
</context>
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
    <name>CustomLossFile</name>
    <message>
        <location filename="../../ui/common/custom_loss_file.cpp" line="+99"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not valid JSON (at character %2: %3)</source>
        <translation>%1 不是有效的 JSON（第 %2 个字符：%3）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not a LossLab custom-loss library</source>
        <translation>%1 不是 LossLab 自定义损失库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 was written by a newer LossLab (version %2)</source>
        <translation>%1 由更新版本的 LossLab（版本 %2）写入</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../../core/engine/composite_loss.cpp" line="+35"/>
        <source>a composite loss needs at least one term</source>
        <translation>组合损失至少需要一项</translation>
    </message>
    <message>
        <location filename="../../core/engine/param_spec.cpp" line="+208"/>
        <source>ε (fuzz factor)</source>
        <translation>ε (模糊因子)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keras.config.epsilon(): guards logs and divisions (default 1e-7)</source>
        <translation>keras.config.epsilon()：防止对数和除法出现无穷（默认 1e-7）</translation>
    </message>
    <message>
        <location filename="../../core/losses/categorical_keras.cpp" line="+340"/>
        <source>Targets move towards uniform: y(1 − λ) + λ/K</source>
        <translation>目标向均匀分布靠拢：y(1 − λ) + λ/K</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Categorical cross-entropy (CCE)</source>
        <translation>分类交叉熵 (CCE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>−Σ_k y_k log clip(ŷ_k / Σŷ, ε, 1 − ε) per sample</source>
        <translation>每个样本 −Σ_k y_k log clip(ŷ_k / Σŷ, ε, 1 − ε)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sparse categorical cross-entropy</source>
        <translation>稀疏分类交叉熵</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>−log clip(ŷ_t / Σŷ, ε, 1 − ε) for integer label t</source>
        <translation>整数标签 t：−log clip(ŷ_t / Σŷ, ε, 1 − ε)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ignored class</source>
        <translation>忽略的类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows with this label get no loss and are not counted (−1 = None)</source>
        <translation>带此标签的行不计损失，也不计入样本数（−1 = None）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Categorical focal cross-entropy</source>
        <translation>分类焦点交叉熵 (Focal)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Σ_k α (1 − õ_k)^γ (−y_k log õ_k), õ = clip(ŷ/Σŷ, ε, 1 − ε)</source>
        <translation>Σ_k α (1 − õ_k)^γ (−y_k log õ_k)，õ = clip(ŷ/Σŷ, ε, 1 − ε)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α (weight)</source>
        <translation>α (权重)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scales every class&apos;s term</source>
        <translation>缩放每个类别的项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>q (noise robustness)</source>
        <translation>q (抗噪程度)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q → 0 behaves like cross-entropy, q → 1 like MAE</source>
        <translation>q → 0 时接近交叉熵，q → 1 时接近 MAE</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Generalized cross-entropy (q)</source>
        <translation>广义交叉熵 (q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(1 − ŷ_t^q) / q for integer label t</source>
        <translation>整数标签 t：(1 − ŷ_t^q) / q</translation>
    </message>
    <message>
        <location filename="../../core/losses/distillation.cpp" line="+227"/>
        <source>Knowledge distillation (T, α; Hinton)</source>
        <translation>知识蒸馏 (T, α; Hinton)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>α·CE(y, softmax(s)) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T)) on student logits s</source>
        <translation>学生 logits s 上的 α·CE(y, softmax(s)) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T))</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../core/losses/regression.cpp" line="+488"/>
        <source>T (temperature)</source>
        <translation>T (温度)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Softens both softmaxes; the T² factor keeps the soft gradient&apos;s size</source>
        <translation>软化两个 softmax；T² 因子保持软目标梯度的大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>α (hard-label weight)</source>
        <translation>α (硬标签权重)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the cross-entropy with the true labels; 1 − α weighs the teacher</source>
        <translation>与真实标签的交叉熵的权重；1 − α 是教师模型的权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(B, K) teacher logits t, same shape as y_pred</source>
        <translation>(B, K) 教师模型 logits t，形状与 y_pred 相同</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>iCaRL distillation BCE</source>
        <translation>iCaRL 蒸馏 BCE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean_c BCE(σ(z), [old outputs | one-hot new classes]) on logits z</source>
        <translation>logits z 上的 mean_c BCE(σ(z), [旧输出 | 新类别的 one-hot])</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>s (old classes)</source>
        <translation>s (旧类别数)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first s columns are old classes: their targets are old_outputs</source>
        <translation>前 s 列是旧类别：它们的目标是 old_outputs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(B, s) previous network&apos;s sigmoid outputs: the targets of the first s classes</source>
        <translation>(B, s) 旧网络的 sigmoid 输出：前 s 个类别的目标</translation>
    </message>
    <message>
        <location filename="../../core/losses/keras_probability.h" line="+75"/>
        <source>from logits</source>
        <translation>输入为 logits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y_pred holds logits: the exact sigmoid/softmax formula, no ε clipping</source>
        <translation>y_pred 为 logits：用精确的 sigmoid/softmax 公式，不做 ε 截断</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../core/losses/probabilistic_torch.cpp" line="+631"/>
        <source>λ (label smoothing)</source>
        <translation>λ (标签平滑)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>γ (focusing)</source>
        <translation>γ (聚焦参数)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down-weights easy examples by (1 − p_t)^γ; γ = 0 is plain cross-entropy</source>
        <translation>以 (1 − p_t)^γ 降低易分样本的权重；γ = 0 即普通交叉熵</translation>
    </message>
    <message>
        <location filename="../../core/losses/margin.cpp" line="+170"/>
        <source>Hinge</source>
        <translation>合页损失 (Hinge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j max(1 − y·ŷ, 0); {0,1} labels become ±1 if the whole batch is {0,1}</source>
        <translation>mean_j max(1 − y·ŷ, 0)；整个批次都是 {0,1} 标签时转换为 ±1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Squared hinge</source>
        <translation>平方合页损失 (Squared hinge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j max(1 − y·ŷ, 0)²; {0,1} labels become ±1 if the whole batch is {0,1}</source>
        <translation>mean_j max(1 − y·ŷ, 0)²；整个批次都是 {0,1} 标签时转换为 ±1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Categorical hinge</source>
        <translation>多分类合页损失 (Categorical hinge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max(max_k (1 − y_k)ŷ_k − Σ_k y_k ŷ_k + 1, 0) per sample</source>
        <translation>每个样本 max(max_k (1 − y_k)ŷ_k − Σ_k y_k ŷ_k + 1, 0)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>SoftMarginLoss (PyTorch)</source>
        <translation>软间隔损失 · SoftMarginLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log(1 + e^(−y·ŷ)), mean over all elements</source>
        <translation>log(1 + e^(−y·ŷ))，对所有元素取平均</translation>
    </message>
    <message>
        <location filename="../../core/losses/metric_learning.cpp" line="+345"/>
        <location line="+191"/>
        <source>m (margin)</source>
        <translation>m (间隔)</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>second input x₂, same shape as y_pred</source>
        <translation>第二个输入 x₂，形状与 y_pred 相同</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>MarginRankingLoss (PyTorch)</source>
        <translation>间隔排序损失 · MarginRankingLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>max(0, −y(x₁ − x₂) + m); y = 1 ranks x₁ above x₂</source>
        <translation>max(0, −y(x₁ − x₂) + m)；y = 1 表示 x₁ 应排在 x₂ 前面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far x₁ must exceed x₂ (y = 1) before the loss is 0</source>
        <translation>x₁ 要比 x₂ 大多少（y = 1）损失才为 0</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>HingeEmbeddingLoss (PyTorch)</source>
        <translation>合页嵌入损失 · HingeEmbeddingLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>x for y = 1, max(0, m − x) for y = −1 (x typically a distance)</source>
        <translation>y = 1 时为 x，y = −1 时为 max(0, m − x)（x 通常是距离）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dissimilar pairs (y = −1) are pushed beyond this distance</source>
        <translation>不相似样本对（y = −1）被推到这个距离之外</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>CosineEmbeddingLoss (PyTorch)</source>
        <translation>余弦嵌入损失 · CosineEmbeddingLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 − cos(x₁, x₂) for y = 1, max(0, cos(x₁, x₂) − m) for y = −1</source>
        <translation>y = 1 时为 1 − cos(x₁, x₂)，y = −1 时为 max(0, cos(x₁, x₂) − m)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dissimilar pairs (y = −1) cost nothing below this cosine</source>
        <translation>不相似样本对（y = −1）的余弦低于此值时没有损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>second input x₂, (B, D) like y_pred</source>
        <translation>第二个输入 x₂，(B, D)，与 y_pred 相同</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>p (norm degree)</source>
        <translation>p (范数阶数)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degree of the p-norm of pairwise_distance</source>
        <translation>pairwise_distance 所用 p 范数的阶数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ε (added to the difference)</source>
        <translation>ε (加在差值上)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pairwise_distance adds ε to u − v before the norm</source>
        <translation>pairwise_distance 在求范数前给 u − v 加上 ε</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>TripletMarginLoss (PyTorch)</source>
        <translation>三元组间隔损失 · TripletMarginLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max(0, m + d(a, p) − d(a, n)), d(u, v) = ‖u − v + ε‖_p</source>
        <translation>max(0, m + d(a, p) − d(a, n))，d(u, v) = ‖u − v + ε‖_p</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required gap between the negative and the positive distance</source>
        <translation>负样本距离与正样本距离之间要求的差距</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>swap</source>
        <translation>交换 (swap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use min(d(a, n), d(p, n)) as the negative distance (Balntas et al. 2016)</source>
        <translation>用 min(d(a, n), d(p, n)) 作为负样本距离（Balntas 等，2016）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>positive examples, (B, D) like the anchor y_pred</source>
        <translation>正样本，(B, D)，与锚点 y_pred 相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>negative examples, (B, D) like the anchor y_pred</source>
        <translation>负样本，(B, D)，与锚点 y_pred 相同</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Contrastive (Hadsell et al.)</source>
        <translation>对比损失 (Hadsell et al.)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>y d² + (1 − y) max(m − d, 0)² (tfa); ½ of it with Y = 1 − y (paper)</source>
        <translation>y d² + (1 − y) max(m − d, 0)²（tfa）；论文约定取其一半且 Y = 1 − y（paper）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dissimilar pairs cost nothing beyond this distance</source>
        <translation>不相似样本对超过这个距离后没有损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>label convention</source>
        <translation>标签约定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tfa: y = 1 similar, ℓ = y d² + (1−y) max(m−d,0)²; paper: Y = 0 similar, halved</source>
        <translation>tfa：y = 1 表示相似，ℓ = y d² + (1−y) max(m−d,0)²；paper：Y = 0 表示相似，取一半</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional second embedding (B, D): then y_pred is the first and d = ‖e1 − e2‖</source>
        <translation>可选的第二个嵌入 (B, D)：此时 y_pred 是第一个嵌入，d = ‖e1 − e2‖</translation>
    </message>
    <message>
        <location filename="../../core/losses/probabilistic_keras.cpp" line="+294"/>
        <source>axis</source>
        <translation>归约轴 (axis)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all: one scalar over the whole batch (Keras axis=None); per_sample: one value per sample</source>
        <translation>all：整个批次一个标量（Keras axis=None）；per_sample：每个样本一个值</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Targets move towards ½: y(1 − λ) + λ/2</source>
        <translation>目标向 ½ 靠拢：y(1 − λ) + λ/2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Binary cross-entropy (BCE)</source>
        <translation>二元交叉熵 (BCE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean_j −[y log p̃ + (1 − y) log(1 − p̃)], p̃ = clip(ŷ, ε, 1 − ε)</source>
        <translation>mean_j −[y log p̃ + (1 − y) log(1 − p̃)]，p̃ = clip(ŷ, ε, 1 − ε)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Binary focal cross-entropy</source>
        <translation>二元焦点交叉熵 (Focal)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j w (1 − p_t)^γ BCE(y, ŷ)</source>
        <translation>mean_j w (1 − p_t)^γ BCE(y, ŷ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class balancing</source>
        <translation>类别平衡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight α for y = 1 and 1 − α for y = 0</source>
        <translation>y = 1 的权重为 α，y = 0 的权重为 1 − α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α (class balance)</source>
        <translation>α (类别平衡)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the positive class (used with apply_class_balancing)</source>
        <translation>正类的权重（与 apply_class_balancing 一起使用）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Kullback–Leibler divergence</source>
        <translation>KL 散度 (Kullback–Leibler)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Σ_j ȳ log(ȳ / p̄), ȳ = clip(y, ε, 1), p̄ = clip(ŷ, ε, 1)</source>
        <translation>Σ_j ȳ log(ȳ / p̄)，ȳ = clip(y, ε, 1)，p̄ = clip(ŷ, ε, 1)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Poisson</source>
        <translation>泊松损失 (Poisson)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j ŷ − y log(ŷ + ε)</source>
        <translation>mean_j ŷ − y log(ŷ + ε)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Dice</source>
        <translation>Dice 损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 − 2 Σyŷ / (Σy + Σŷ + ε)</source>
        <translation>1 − 2 Σyŷ / (Σy + Σŷ + ε)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Tversky (α, β)</source>
        <translation>Tversky 损失 (α, β)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 − I / (I + α FP + β FN + ε), I = Σyŷ</source>
        <translation>1 − I / (I + α FP + β FN + ε)，I = Σyŷ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α (false positives)</source>
        <translation>α (假阳性)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of Σ(1 − y)ŷ</source>
        <translation>Σ(1 − y)ŷ 的权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β (false negatives)</source>
        <translation>β (假阴性)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of Σy(1 − ŷ)</source>
        <translation>Σy(1 − ŷ) 的权重</translation>
    </message>
    <message>
        <location filename="../../core/losses/probabilistic_torch.cpp" line="-257"/>
        <source>gaussian_nll needs the input &apos;var&apos;</source>
        <translation>gaussian_nll 需要输入“var”</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>eps</source>
        <translation>eps</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>BCELoss (PyTorch)</source>
        <translation>二元交叉熵 · BCELoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>−w[y log p + (1 − y) log(1 − p)], logs clamped at −100</source>
        <translation>−w[y log p + (1 − y) log(1 − p)]，对数值下限截断为 −100</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>BCEWithLogitsLoss (PyTorch)</source>
        <translation>带 logits 的二元交叉熵 · BCEWithLogitsLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>w[(1 − y)x − (1 + (w_p − 1)y) log σ(x)]</source>
        <translation>w[(1 − y)x − (1 + (w_p − 1)y) log σ(x)]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ignored label</source>
        <translation>忽略的标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows with this label get no loss and do not count in the mean</source>
        <translation>带此标签的行不计损失，也不计入平均</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>CrossEntropyLoss (PyTorch)</source>
        <translation>交叉熵 · CrossEntropyLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(1 − λ) w_t(−log softmax(x)_t) + (λ/K) Σ_k w_k(−log softmax(x)_k)</source>
        <translation>(1 − λ) w_t(−log softmax(x)_t) + (λ/K) Σ_k w_k(−log softmax(x)_k)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets become (1 − λ) onehot + λ/K</source>
        <translation>目标变为 (1 − λ) onehot + λ/K</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>rescaling weight per element: y_pred&apos;s shape, (1, D) or (D, 1)</source>
        <translation>逐元素的缩放权重：与 y_pred 同形，或 (1, D)、(D, 1)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>weight of positive examples per class: (1, D), (D, 1) or y_pred&apos;s shape</source>
        <translation>每个类别正样本的权重：(1, D)、(D, 1) 或与 y_pred 同形</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>class weights, (1, K) or (K, 1)</source>
        <translation>类别权重，(1, K) 或 (K, 1)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>PoissonNLLLoss (PyTorch)</source>
        <translation>泊松负对数似然 · PoissonNLLLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e^x − yx (log_input), or x − y log(x + eps)</source>
        <translation>e^x − yx（log_input），或 x − y log(x + eps)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log input</source>
        <translation>对数输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y_pred is the log of the rate</source>
        <translation>y_pred 是速率的对数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full (Stirling term)</source>
        <translation>完整 (Stirling 项)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add y log y − y + ½ log(2πy) where y &gt; 1</source>
        <translation>在 y &gt; 1 处加上 y log y − y + ½ log(2πy)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keeps log(x + eps) finite at x = 0 (log_input=false)</source>
        <translation>使 log(x + eps) 在 x = 0 处有限（log_input=false）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>GaussianNLLLoss (PyTorch)</source>
        <translation>高斯负对数似然 · GaussianNLLLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½(log v + (x − y)²/v), v = max(var, eps)</source>
        <translation>½(log v + (x − y)²/v)，v = max(var, eps)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full (constant)</source>
        <translation>完整 (常数项)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add ½ log(2π)</source>
        <translation>加上 ½ log(2π)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lower clamp of var (straight-through for var&apos;s gradient)</source>
        <translation>var 的下限截断（var 的梯度直通）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>variance: y_pred&apos;s shape, or (B, 1) for one per sample</source>
        <translation>方差：形状与 y_pred 相同，或 (B, 1) 即每个样本一个</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>KLDivLoss (PyTorch)</source>
        <translation>KL 散度 · KLDivLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t(log t − x) for log-probabilities x</source>
        <translation>对数概率 x：t(log t − x)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log target</source>
        <translation>对数目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y_true holds log-probabilities</source>
        <translation>y_true 为对数概率</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>MultiLabelSoftMarginLoss (PyTorch)</source>
        <translation>多标签软间隔损失 · MultiLabelSoftMarginLoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>−(1/C) Σ_c w_c[y log σ(x) + (1 − y) log σ(−x)] per sample</source>
        <translation>每个样本 −(1/C) Σ_c w_c[y log σ(x) + (1 − y) log σ(−x)]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class weights, (1, C) or (C, 1)</source>
        <translation>类别权重，(1, C) 或 (C, 1)</translation>
    </message>
    <message>
        <location filename="../../core/losses/pseudo_huber.cpp" line="+27"/>
        <source>Pseudo-Huber (δ)</source>
        <translation>伪 Huber 损失 (δ)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean_j δ²(√(1 + (r/δ)²) − 1)</source>
        <translation>mean_j δ²(√(1 + (r/δ)²) − 1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>δ (scale)</source>
        <translation>δ (尺度)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quadratic for |r| ≪ δ, slope ±δ for |r| ≫ δ</source>
        <translation>|r| ≪ δ 时为二次，|r| ≫ δ 时斜率为 ±δ</translation>
    </message>
    <message>
        <location filename="../../core/losses/regression.cpp" line="-334"/>
        <source>tweedie_deviance: power in (0, 1) is not a valid Tweedie distribution</source>
        <translation>tweedie_deviance：幂次在 (0, 1) 内不是有效的 Tweedie 分布</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>δ (threshold)</source>
        <translation>δ (阈值)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Mean squared error (MSE)</source>
        <translation>均方误差 (MSE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j (ŷ − y)²</source>
        <translation>mean_j (ŷ − y)²</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean absolute error (MAE)</source>
        <translation>平均绝对误差 (MAE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j |ŷ − y|</source>
        <translation>mean_j |ŷ − y|</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mean absolute percentage error (MAPE)</source>
        <translation>平均绝对百分比误差 (MAPE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>100 · mean_j |ŷ − y| / max(|y|, ε)</source>
        <translation>100 · mean_j |ŷ − y| / max(|y|, ε)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mean squared logarithmic error (MSLE)</source>
        <translation>均方对数误差 (MSLE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j (log(max(ŷ,ε)+1) − log(max(y,ε)+1))²</source>
        <translation>mean_j (log(max(ŷ,ε)+1) − log(max(y,ε)+1))²</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log-cosh</source>
        <translation>Log-cosh 损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j log cosh(ŷ − y)</source>
        <translation>mean_j log cosh(ŷ − y)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Huber (δ)</source>
        <translation>Huber 损失 (δ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½r² for |r| ≤ δ, δ|r| − ½δ² beyond</source>
        <translation>|r| ≤ δ 时为 ½r²，超出后为 δ|r| − ½δ²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the quadratic turns linear; the gradient is clipped at ±δ</source>
        <translation>二次段转为线性段的位置；梯度被截断在 ±δ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>β (threshold)</source>
        <translation>β (阈值)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Width of the quadratic zone; β = 0 is the L1 loss</source>
        <translation>二次区域的宽度；β = 0 即 L1 损失</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Smooth L1 (β, PyTorch)</source>
        <translation>平滑 L1 损失 (β, PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½r²/β for |r| &lt; β, |r| − ½β beyond</source>
        <translation>|r| &lt; β 时为 ½r²/β，超出后为 |r| − ½β</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MSELoss (PyTorch)</source>
        <translation>均方误差 · MSELoss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(ŷ − y)², mean over all elements</source>
        <translation>(ŷ − y)²，对所有元素取平均</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L1Loss (PyTorch)</source>
        <translation>平均绝对误差 · L1Loss (PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>|ŷ − y|, mean over all elements</source>
        <translation>|ŷ − y|，对所有元素取平均</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>HuberLoss (δ, PyTorch)</source>
        <translation>Huber 损失 · HuberLoss (δ, PyTorch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½r² for |r| &lt; δ, δ(|r| − ½δ) beyond</source>
        <translation>|r| &lt; δ 时为 ½r²，超出后为 δ(|r| − ½δ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the quadratic turns linear (PyTorch requires δ &gt; 0)</source>
        <translation>二次段转为线性段的位置（PyTorch 要求 δ &gt; 0）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cosine similarity (negative)</source>
        <translation>余弦相似度 (取负)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>−Σ n(y)·n(ŷ), n(x) = x / sqrt(max(Σx², ε²))</source>
        <translation>−Σ n(y)·n(ŷ)，n(x) = x / sqrt(max(Σx², ε²))</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Temperature-scaled MSE</source>
        <translation>带温度缩放的 MSE</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>RMSE over the batch</source>
        <translation>整批的均方根误差 RMSE</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>T · mean_j (ŷ − y)²</source>
        <translation>T · mean_j (ŷ − y)²</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scales loss and gradient; the curve&apos;s shape does not change</source>
        <translation>同时缩放损失和梯度；曲线的形状不变</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>sqrt(mean over all elements of r²), one scalar</source>
        <translation>sqrt(对所有元素求 r² 的平均)，一个标量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>RMSE per sample</source>
        <translation>逐样本均方根误差 (RMSE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sqrt(mean_j r²) per sample, then averaged</source>
        <translation>每个样本 sqrt(mean_j r²)，再取平均</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>p (power)</source>
        <translation>p (幂次)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 normal, 1 Poisson, 2 gamma, 3 inverse Gaussian; (0, 1) invalid</source>
        <translation>0 正态，1 泊松，2 伽马，3 逆高斯；(0, 1) 无效</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tweedie deviance (p, sklearn)</source>
        <translation>Tweedie 偏差 (p, sklearn)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unit deviance of a Tweedie distribution with mean ŷ</source>
        <translation>均值为 ŷ 的 Tweedie 分布的单位偏差</translation>
    </message>
    <message>
        <location filename="../../core/losses/robust.cpp" line="+451"/>
        <source>TrivialLoss (Ceres)</source>
        <translation>平凡损失 · TrivialLoss (Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½‖r‖²: ρ(s) = s</source>
        <translation>½‖r‖²：ρ(s) = s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>HuberLoss (a, Ceres)</source>
        <translation>Huber 损失 · HuberLoss (a, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ρ(‖r‖²), ρ = s for s ≤ a², 2a√s − a² beyond</source>
        <translation>½ρ(‖r‖²)，s ≤ a² 时 ρ = s，超出后为 2a√s − a²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlier threshold: ‖r‖ &gt; a grows linearly</source>
        <translation>离群点阈值：‖r‖ &gt; a 后线性增长</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SoftLOneLoss (a, Ceres)</source>
        <translation>软 L1 损失 · SoftLOneLoss (a, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ρ(‖r‖²), ρ = 2a²(√(1 + s/a²) − 1)</source>
        <translation>½ρ(‖r‖²)，ρ = 2a²(√(1 + s/a²) − 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale: quadratic for ‖r‖ ≪ a, linear beyond</source>
        <translation>尺度：‖r‖ ≪ a 时为二次，超出后为线性</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CauchyLoss (a, Ceres)</source>
        <translation>柯西损失 · CauchyLoss (a, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ρ(‖r‖²), ρ = a² log(1 + s/a²)</source>
        <translation>½ρ(‖r‖²)，ρ = a² log(1 + s/a²)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scale: quadratic for ‖r‖ ≪ a, logarithmic beyond</source>
        <translation>尺度：‖r‖ ≪ a 时为二次，超出后为对数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ArctanLoss (a, Ceres)</source>
        <translation>反正切损失 · ArctanLoss (a, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ρ(‖r‖²), ρ = a·atan2(s, a), bounded by aπ/2</source>
        <translation>½ρ(‖r‖²)，ρ = a·atan2(s, a)，上界为 aπ/2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost level where it saturates: ρ → aπ/2</source>
        <translation>饱和时的代价水平：ρ → aπ/2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../ui/common/engine_text.cpp" line="+61"/>
        <source>a (cost units)</source>
        <translation>a (代价单位)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squared norm where the loss turns on (Ceres: a ≥ 0)</source>
        <translation>损失开始起作用时的平方范数（Ceres：a ≥ 0）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>TolerantLoss (a, b, Ceres)</source>
        <translation>容忍损失 · TolerantLoss (a, b, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ρ(‖r‖²), ρ = b log(1 + e^{(s−a)/b}) − b log(1 + e^{−a/b})</source>
        <translation>½ρ(‖r‖²)，ρ = b log(1 + e^{(s−a)/b}) − b log(1 + e^{−a/b})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>b (cost units)</source>
        <translation>b (代价单位)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width of the transition around s = a (Ceres: b &gt; 0)</source>
        <translation>s = a 附近过渡区的宽度（Ceres：b &gt; 0）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>TukeyLoss (a, Ceres)</source>
        <translation>Tukey 损失 · TukeyLoss (a, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ρ(‖r‖²), ρ = a²/3 (1 − (1 − s/a²)³) for s ≤ a², a²/3 beyond</source>
        <translation>½ρ(‖r‖²)，s ≤ a² 时 ρ = a²/3 (1 − (1 − s/a²)³)，超出后为 a²/3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejection threshold: ‖r‖ &gt; a costs a constant</source>
        <translation>拒绝阈值：‖r‖ &gt; a 时代价为常数</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>ScaledLoss (a·ρ, Ceres)</source>
        <translation>缩放损失 · ScaledLoss (a·ρ, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½·a·ρ(‖r‖²) for an inner loss ρ</source>
        <translation>内层损失 ρ 的 ½·a·ρ(‖r‖²)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ (inner loss)</source>
        <translation>ρ (内层损失)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss to scale; none: ρ(s) = s (nullptr)</source>
        <translation>被缩放的损失；none：ρ(s) = s（nullptr）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+69"/>
        <source>ρ&apos;s a</source>
        <translation>ρ 的 a</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>a (scale)</source>
        <translation>a (缩放)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiplies ρ, ρ′ and ρ″</source>
        <translation>乘到 ρ、ρ′ 和 ρ″ 上</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>ComposedLoss (f∘g, Ceres)</source>
        <translation>复合损失 · ComposedLoss (f∘g, Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ f(g(‖r‖²)): ρ′ = f′(g) g′, ρ″ = f″(g) g′² + f′(g) g″</source>
        <translation>½ f(g(‖r‖²))：ρ′ = f′(g) g′，ρ″ = f″(g) g′² + f′(g) g″</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>f (outer loss)</source>
        <translation>f (外层损失)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied to g(s)</source>
        <translation>作用于 g(s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>f&apos;s a</source>
        <translation>f 的 a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>g (inner loss)</source>
        <translation>g (内层损失)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied to s = ‖r‖²</source>
        <translation>作用于 s = ‖r‖²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>g&apos;s a</source>
        <translation>g 的 a</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>LossFunctionWrapper (Ceres)</source>
        <translation>损失包装器 · LossFunctionWrapper (Ceres)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>½ρ(‖r‖²), forwarding to ρ</source>
        <translation>½ρ(‖r‖²)，转发给 ρ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ρ (wrapped loss)</source>
        <translation>ρ (被包装的损失)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss forwarded to; none: trivial</source>
        <translation>被转发的损失；none：等同 trivial</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>α (shape)</source>
        <translation>α (形状)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2: L2, 1: pseudo-Huber, 0: Cauchy, −2: Geman–McClure, −inf: Welsch (±inf allowed)</source>
        <translation>2：L2，1：伪 Huber，0：柯西，−2：Geman–McClure，−inf：Welsch（允许 ±inf）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>General robust loss (α, c; Barron)</source>
        <translation>通用鲁棒损失 (α, c; Barron)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j (b/α)(((r/c)²/b + 1)^{α/2} − 1), b = |α − 2|</source>
        <translation>mean_j (b/α)(((r/c)²/b + 1)^{α/2} − 1)，b = |α − 2|</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>c (scale)</source>
        <translation>c (尺度)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width of the quadratic bowl around r = 0</source>
        <translation>r = 0 附近二次碗形区域的宽度</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Tukey biweight (c, statsmodels)</source>
        <translation>Tukey 双权损失 (c, statsmodels)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j c²/6 (1 − (1 − (r/c)²)³) for |r| ≤ c, c²/6 beyond</source>
        <translation>|r| ≤ c 时为 mean_j c²/6 (1 − (1 − (r/c)²)³)，超出后为 c²/6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>c (tuning constant)</source>
        <translation>c (调节常数)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Residuals beyond c are rejected; 4.685 gives 95 % efficiency</source>
        <translation>超过 c 的残差被拒绝；4.685 对应 95% 的效率</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pinball / quantile loss (τ, TFA)</source>
        <translation>Pinball / 分位数损失 (τ, TFA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j max(τΔ, (τ − 1)Δ), Δ = y − ŷ</source>
        <translation>mean_j max(τΔ, (τ − 1)Δ)，Δ = y − ŷ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>τ (quantile)</source>
        <translation>τ (分位数)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target quantile: under-prediction costs τ, over-prediction 1 − τ</source>
        <translation>目标分位数：预测偏低的代价为 τ，偏高为 1 − τ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ε (tube half-width)</source>
        <translation>ε (管道半宽)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors up to ε cost nothing (sklearn default 0.1)</source>
        <translation>不超过 ε 的误差没有代价（sklearn 默认 0.1）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>ε-insensitive (SVR, sklearn)</source>
        <translation>ε 不敏感损失 (SVR, sklearn)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean_j max(0, |r| − ε), or its square</source>
        <translation>mean_j max(0, |r| − ε)，或其平方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squared</source>
        <translation>平方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squared_epsilon_insensitive: max(0, |r| − ε)²</source>
        <translation>squared_epsilon_insensitive：max(0, |r| − ε)²</translation>
    </message>
    <message>
        <location filename="../../ui/common/engine_text.cpp" line="-1"/>
        <source>a (residual units)</source>
        <translation>a (残差单位)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameter a of the inner loss (residual units, arctan: cost units); unused by none/trivial</source>
        <translation>内层损失的参数 a（残差单位，arctan 为代价单位）；none/trivial 不使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter a of the wrapped loss (residual units, arctan: cost units); unused by none/trivial</source>
        <translation>被包装损失的参数 a（残差单位，arctan 为代价单位）；none/trivial 不使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter a of f (residual units, arctan: cost units); unused by none/trivial</source>
        <translation>f 的参数 a（残差单位，arctan 为代价单位）；none/trivial 不使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter a of g (residual units, arctan: cost units); unused by none/trivial</source>
        <translation>g 的参数 a（残差单位，arctan 为代价单位）；none/trivial 不使用</translation>
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
        <location line="+8"/>
        <source>Categorical cross-entropy</source>
        <translation>分类交叉熵</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cross-entropy of one-hot targets and a row of class probabilities.</source>
        <translation>独热目标与一行类别概率之间的交叉熵。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>RMSE per sample</source>
        <translation>逐样本 RMSE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Root mean squared error of each sample&apos;s row.</source>
        <translation>每个样本所在行的均方根误差。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ceres ArctanLoss</source>
        <translation>Ceres ArctanLoss</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bounded robust loss of the row&apos;s squared norm: it saturates at a·π/4.</source>
        <translation>行平方范数的有界稳健损失：在 a·π/4 处饱和。</translation>
    </message>
</context>
<context>
    <name>GifText</name>
    <message>
        <location filename="../../ui/common/gif_writer.cpp" line="+268"/>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>GIF encoder: %1</source>
        <translation>GIF 编码器：%1</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>every frame must be %1 × %2 pixels</source>
        <translation>每一帧都必须是 %1 × %2 像素</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>no frames to write</source>
        <translation>没有可写出的帧</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>the PNG could not be encoded</source>
        <translation>无法编码 PNG</translation>
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
    <name>RecorderText</name>
    <message>
        <location filename="../../ui/common/animation_recorder.cpp" line="+66"/>
        <source>Drawing the frames…</source>
        <translation>正在绘制各帧…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Frame %1 of %2 (Stop writes the frames so far)</source>
        <translation>第 %1 帧，共 %2 帧（“停止”会写出已绘制的帧）</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Stop</source>
        <translation>停止</translation>
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
    <name>losslab::ui::AnimationDialog</name>
    <message>
        <location filename="../../ui/common/animation_dialog.cpp" line="+56"/>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>&amp;Frames:</source>
        <translation>帧数(&amp;F)：</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Range:</source>
        <translation>范围(&amp;R)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Save to:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;Size:</source>
        <translation>尺寸(&amp;S)：</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>&amp;Vary:</source>
        <translation>变化量(&amp;V)：</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+98"/>
        <source>Export Animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Folder for the PNG frames</source>
        <translation>存放 PNG 帧的文件夹</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Folder of PNG frames</source>
        <translation>PNG 帧文件夹</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Frame &amp;rate:</source>
        <translation>帧率(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length:</source>
        <translation>时长：</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ArrowAnnotations</name>
    <message>
        <location filename="../../ui/explorer/arrow_annotations.cpp" line="+65"/>
        <source>Add A&amp;rrow</source>
        <translation>添加箭头(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw an arrow on the panel under the mouse; drag its head, its tail or its shaft, double-click to remove it</source>
        <translation>在鼠标所在的面板上画一个箭头；拖动箭头、箭尾或箭杆来调整，双击删除</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Add arrow</source>
        <translation>添加箭头</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove arrow</source>
        <translation>删除箭头</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>at most %1 arrows, got %2</source>
        <translation>最多 %1 个箭头，实际为 %2 个</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>arrow %1: wants from [x, y], to [x, y] and panel (loss, gradient or curvature)</source>
        <translation>箭头 %1：需要 from [x, y]、to [x, y] 和 panel（loss、gradient 或 curvature）</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Move arrow</source>
        <translation>移动箭头</translation>
    </message>
</context>
<context>
    <name>losslab::ui::AxisRangeDialog</name>
    <message>
        <location filename="../../ui/explorer/axis_range_dialog.cpp" line="+56"/>
        <source>Axis Ranges</source>
        <translation>坐标轴范围</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+56"/>
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
        <location filename="../../ui/common/code_export_dialog.cpp" line="+50"/>
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
    <name>losslab::ui::CommandBar</name>
    <message>
        <location filename="../../ui/training/command_bar.cpp" line="+82"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+124"/>
        <source>Train until the epoch budget is reached</source>
        <translation>一直训练到设定的轮次数</translation>
    </message>
    <message>
        <location line="-122"/>
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
        <location line="+4"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save or open the data, network, optimizer, losses and seed as a JSON session file</source>
        <translation>将数据、网络、优化器、损失函数和随机种子保存为 JSON 会话文件，或从中打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open Session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a saved session and reset to its initial weights</source>
        <translation>恢复已保存的会话，并重置为其初始权重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save Session…</source>
        <translation>保存会话…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data, network, optimizer, losses with their parameters and the seed as JSON</source>
        <translation>以 JSON 保存数据、网络、优化器、损失函数及其参数和随机种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the history, the predictions or a plot</source>
        <translation>保存训练历史、预测值或图表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loss history as CSV…</source>
        <translation>损失历史导出为 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predictions as CSV…</source>
        <translation>预测值导出为 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit plot (PNG, SVG, PDF)…</source>
        <translation>拟合图（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History plot (PNG, SVG, PDF)…</source>
        <translation>历史曲线图（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Residual histogram (PNG, SVG, PDF)…</source>
        <translation>残差直方图（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy as losslab-cli Command</source>
        <translation>复制为 losslab-cli 命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The command line that trains the same run in a terminal</source>
        <translation>在终端中复现同一训练过程的命令行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training Script (PyTorch or Keras)…</source>
        <translation>训练脚本（PyTorch 或 Keras）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A Python script that trains the same model from the same initial weights in PyTorch or Keras 3 and prints its loss per epoch</source>
        <translation>一个 Python 脚本：在 PyTorch 或 Keras 3 中从相同的初始权重训练同一个模型，并逐轮输出损失</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 epoch/s</source>
        <translation>每秒 1 轮</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 epochs/s</source>
        <translation>每秒 %1 轮</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training speed: as fast as possible, or slow motion (a few epochs per second, every epoch drawn) to narrate a run</source>
        <translation>训练速度：尽可能快，或慢动作（每秒几轮，每轮都绘制），便于边讲解边演示</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start trains %1 epochs from the initial weights</source>
        <translation>“开始”从初始权重训练 %1 轮</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause stops at the next optimizer step</source>
        <translation>“暂停”在下一个优化器步骤处停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start or Step continues this run</source>
        <translation>“开始”或“单步”继续本次训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start begins a new run; raise Epochs to continue this one</source>
        <translation>“开始”会开始新的训练；调高“轮数”可继续本次训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2/%3 epochs</source>
        <translation>%1 · %2/%3 轮</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2 of %3 epochs (the Epochs budget) trained in this run. %4.</source>
        <translation>%1：本次训练已完成 %2 / %3 轮（“轮数”预算）。%4。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start a new run from the initial weights</source>
        <translation>从初始权重开始新的训练</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Animation of the run (GIF or PNG frames)…</source>
        <translation>训练过程动画（GIF 或 PNG 帧）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train again from the initial weights and save the fit and the history</source>
        <translation>从初始权重重新训练，并保存拟合图与历史曲线</translation>
    </message>
</context>
<context>
    <name>losslab::ui::Crosshair</name>
    <message>
        <location filename="../../ui/explorer/crosshair.cpp" line="+95"/>
        <source>%1: L = %2, slope %3</source>
        <translation>%1：L = %2，斜率 %3</translation>
    </message>
</context>
<context>
    <name>losslab::ui::CsvColumnDialog</name>
    <message>
        <location filename="../../ui/training/csv_column_dialog.cpp" line="+13"/>
        <source>Choose columns</source>
        <translation>选择列</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The column the network learns to predict</source>
        <translation>网络要学习预测的列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A column of clean (noise-free) targets, if the file has one: the training then reports clean MAE and clean RMSE, the errors against it (never an input)</source>
        <translation>无噪声目标值所在的列（如果文件中有）：训练随后会报告相对于它的误差——无噪声 MAE 和无噪声 RMSE（该列从不作为输入）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The network&apos;s inputs</source>
        <translation>网络的输入</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Target:</source>
        <translation>目标值：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean targets:</source>
        <translation>无噪声目标值：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Features:</source>
        <translation>特征：</translation>
    </message>
</context>
<context>
    <name>losslab::ui::CurveModel</name>
    <message>
        <location filename="../../ui/explorer/curve_model.cpp" line="+143"/>
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
        <location line="+18"/>
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
        <location line="+107"/>
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
        <location filename="../../ui/common/custom_loss_library.cpp" line="+114"/>
        <source>%1 It was moved to %2; %3</source>
        <translation>%1 已将其移至 %2；%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the library was restored from its backup.</source>
        <translation>已从备份恢复损失库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the library starts empty.</source>
        <translation>损失库从空开始。</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+80"/>
        <source>There is no custom loss named &apos;%1&apos;.</source>
        <translation>没有名为“%1”的自定义损失函数。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::DataPanel</name>
    <message>
        <location filename="../../ui/training/data_panel.cpp" line="+49"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+6"/>
        <source>A reproducible synthetic set (drawn from the seed), or an imported CSV file</source>
        <translation>可复现的合成数据集（由随机种子生成），或导入的 CSV 文件</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+7"/>
        <source>Standard deviation σ of the Gaussian noise added to y</source>
        <translation>加到 y 上的高斯噪声的标准差 σ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noise σ:</source>
        <translation>噪声 σ：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share of samples moved by an outlier</source>
        <translation>被离群点偏移的样本比例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outliers:</source>
        <translation>离群点：</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+7"/>
        <source>One seed for the generated data, the initial weights, the split and the shuffling (as losslab-cli train --seed); a new seed starts a new run</source>
        <translation>生成数据、初始权重、数据划分和打乱顺序共用一个随机种子（同 losslab-cli train --seed）；更换种子会开始新的训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train on a numeric CSV file; you choose the target and feature columns</source>
        <translation>在数值型 CSV 文件上训练；目标列和特征列由你选择</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the data file</source>
        <translation>正在读取数据文件</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The seed must be a whole number from 0 to %1.</source>
        <translation>随机种子必须是 0 到 %1 之间的整数。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: %2 samples, %3 feature(s) → %4</source>
        <translation>%1：%2 个样本，%3 个特征 → %4</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+6"/>
        <location line="+14"/>
        <location line="+11"/>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not import the file; the current data set is kept.
%1</source>
        <translation>无法导入该文件，已保留当前数据集。
%1</translation>
    </message>
</context>
<context>
    <name>losslab::ui::EditedData</name>
    <message>
        <location filename="../../ui/training/edited_data.cpp" line="+93"/>
        <source>Points can be edited with one feature only: with %1 features the plot shows predicted against true values.</source>
        <translation>只有单特征数据才能编辑数据点：有 %1 个特征时，图中显示的是预测值对真实值。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Add a point</source>
        <translation>添加数据点</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remove a point</source>
        <translation>删除数据点</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Move a point</source>
        <translation>移动数据点</translation>
    </message>
</context>
<context>
    <name>losslab::ui::EngineText</name>
    <message>
        <location filename="../../ui/common/engine_text.cpp" line="-55"/>
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
        <location line="+104"/>
        <source>predicted probability ŷ</source>
        <translation>预测概率 ŷ</translation>
    </message>
    <message>
        <location line="-103"/>
        <location line="+108"/>
        <source>distance d</source>
        <translation>距离 d</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>similar pair</source>
        <translation>相似样本对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dissimilar pair</source>
        <translation>不相似样本对</translation>
    </message>
    <message>
        <location line="+41"/>
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
    <name>losslab::ui::ExplorerAnimation</name>
    <message>
        <location filename="../../ui/explorer/explorer_animation.cpp" line="+149"/>
        <source>Export A&amp;nimation…</source>
        <translation>导出动画(&amp;N)…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export Animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Select a curve whose loss has a real parameter to sweep.</source>
        <translation>请先选择一条带有实数参数的损失曲线，才能扫描参数。</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Sweep a parameter of the selected curve and save it as an animated GIF or PNG frames</source>
        <translation>扫描所选曲线的一个参数，并保存为 GIF 动画或 PNG 帧</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ExplorerExport</name>
    <message>
        <location filename="../../ui/explorer/explorer_export.cpp" line="+65"/>
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
        <location line="+20"/>
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
        <location filename="../../ui/explorer/explorer_view.cpp" line="+78"/>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../ui/explorer/explorer_view_actions.cpp" line="+24"/>
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
        <location line="+5"/>
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
        <source>Show &amp;Formulas in Legend</source>
        <translation>在图例中显示公式(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write each loss&apos;s formula beside its name in the legend</source>
        <translation>在图例中每个损失的名称旁写出它的公式</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location filename="../../ui/explorer/explorer_view.cpp" line="+105"/>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <location line="+38"/>
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
    <name>losslab::ui::FitPlot</name>
    <message>
        <location filename="../../ui/training/fit_plot.cpp" line="+42"/>
        <source>injected outliers</source>
        <translation>注入的离群点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>noise-free function</source>
        <translation>无噪声函数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>|∂L/∂ŷ|</source>
        <translation>|∂L/∂ŷ|</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gradient influence |∂L/∂ŷᵢ| of each training point: how hard it pulls on the fit (0 to the largest value in this epoch)</source>
        <translation>每个训练点的梯度影响 |∂L/∂ŷᵢ|：它对拟合的拉力有多大（从 0 到本轮的最大值）</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Gradient influence |∂L/∂ŷᵢ| of each training point under %1: how hard the point pulls on the fit (0 to the largest value in this epoch, %2)</source>
        <translation>在 %1 下每个训练点的梯度影响 |∂L/∂ŷᵢ|：该点对拟合的拉力有多大（从 0 到本轮的最大值 %2）</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>y (true)</source>
        <translation>y（真实值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ŷ (predicted)</source>
        <translation>ŷ（预测值）</translation>
    </message>
</context>
<context>
    <name>losslab::ui::FitPlotEditor</name>
    <message>
        <location filename="../../ui/training/fit_plot_editor.cpp" line="+47"/>
        <source>Fit plot: undo a point edit</source>
        <translation>拟合图：撤销一次数据点编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit plot: redo a point edit</source>
        <translation>拟合图：重做一次数据点编辑</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Click to add a point, drag a point to move it (the fits follow, running or paused), right-click or Delete removes it; Ctrl+Z undoes, Ctrl+Shift+Z redoes.</source>
        <translation>单击空白处添加数据点，拖动数据点可移动它（无论训练在运行还是暂停，拟合曲线都会随之变化），右键单击或按 Delete 键删除它；Ctrl+Z 撤销，Ctrl+Shift+Z 重做。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::FormulaEditor</name>
    <message>
        <location filename="../../ui/formula/formula_editor.cpp" line="+44"/>
        <source>%1 (at character %2)</source>
        <translation>%1（位于第 %2 个字符）</translation>
    </message>
    <message>
        <location filename="../../ui/formula/formula_editor_layout.cpp" line="+47"/>
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
        <location line="+10"/>
        <source>Formula dock: plot the formula</source>
        <translation>公式面板：绘制公式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Extra inputs</source>
        <translation>额外输入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tensors loaded from CSV files that the formula reads as variables, as losslab-cli eval --input NAME=FILE does: e.g. load teacher.csv as teacher_logits and write softmax(teacher_logits) in the formula. An input has the rows of y_pred and 1 to all of its columns (with k columns, column j reads column min(j, k - 1)).
The explorer&apos;s curve is one sample: each input is held at its first value (row 1, column 1) at every point, as losslab-cli curve --input does; losslab-cli eval uses the whole file.
Inputs are saved with the loss in the library and exported as keyword arguments of the same name.</source>
        <translation>从 CSV 文件加载、由公式作为变量读取的张量，与 losslab-cli eval --input NAME=FILE 相同：例如将 teacher.csv 加载为 teacher_logits，并在公式中写 softmax(teacher_logits)。输入的行数与 y_pred 相同，列数为 1 到 y_pred 的全部列（若有 k 列，第 j 列读取第 min(j, k - 1) 列）。
探索器中的曲线对应单个样本：每个输入在每个点上都取其第一个值（第 1 行第 1 列），与 losslab-cli curve --input 相同；losslab-cli eval 使用整个文件。
输入随损失一起保存在库中，并以同名关键字参数导出。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Load &amp;Input…</source>
        <translation>加载输入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load a CSV file as a named tensor the formula can read (the formula is kept)</source>
        <translation>将 CSV 文件加载为公式可读取的命名张量（公式保持不变）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected input; the formula then reads its name as a parameter</source>
        <translation>移除选中的输入；之后公式会把该名称当作参数读取</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location filename="../../ui/formula/formula_editor.cpp" line="+64"/>
        <source>Type a formula, e.g. square(r) or start from a template.</source>
        <translation>请输入公式（例如 square(r)），或从模板开始。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>unexpected character &apos;%1&apos; (formulas use ASCII names, e.g. delta for δ)</source>
        <translation>意外的字符“%1”（公式只能使用 ASCII 名称，例如用 delta 表示 δ）</translation>
    </message>
    <message>
        <location line="+93"/>
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
        <location filename="../../ui/formula/formula_editor_library.cpp" line="+33"/>
        <source>Template from %1: %2</source>
        <translation>模板出自 %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+86"/>
        <source>There is no custom loss named &apos;%1&apos; in the library.</source>
        <translation>库中没有名为“%1”的自定义损失函数。</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Opened &apos;%1&apos; from the library.</source>
        <translation>已从库中打开“%1”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Replace a saved loss?</source>
        <translation>替换已保存的损失？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your library already has a custom loss named &apos;%1&apos;.</source>
        <translation>你的损失库中已有名为“%1”的自定义损失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replacing it loses its formula. Save under a new name to keep both.</source>
        <translation>替换后它的公式将丢失。用新名称保存可以两者都保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as &apos;%1&apos;</source>
        <translation>另存为“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+66"/>
        <source>The formula is not valid yet: %1</source>
        <translation>公式暂时无效：%1</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Not saved: a custom loss named &apos;%1&apos; is already in the library. Choose another name, or open it from the library to change it.</source>
        <translation>未保存：损失库中已有名为“%1”的自定义损失。请换一个名称，或从损失库中打开它再修改。</translation>
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
        <location line="+42"/>
        <source>(no saved losses yet)</source>
        <translation>（尚无已保存的损失函数）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a saved loss…</source>
        <translation>打开已保存的损失函数…</translation>
    </message>
    <message>
        <location filename="../../ui/formula/formula_editor_inputs.cpp" line="+64"/>
        <source>&apos;%1&apos; is not a name a formula can read: use letters, digits and _ (not first a digit), e.g. teacher_logits</source>
        <translation>“%1”不是公式可读取的名称：请使用字母、数字和 _（不能以数字开头），例如 teacher_logits</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; already means something in a formula (a variable, constant or function): choose another name</source>
        <translation>“%1”在公式中已有含义（变量、常量或函数）：请换一个名称</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An input named &apos;%1&apos; is already loaded: remove it first</source>
        <translation>名为“%1”的输入已加载：请先将其移除</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Input &apos;%1&apos; not loaded: %2</source>
        <translation>未加载输入“%1”：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loaded input &apos;%1&apos; (%2 × %3) from %4.</source>
        <translation>已从 %4 加载输入“%1”（%2 × %3）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Removed input &apos;%1&apos;; the formula now reads that name as a parameter.</source>
        <translation>已移除输入“%1”；公式现在把该名称当作参数读取。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Load an Extra Input</source>
        <translation>加载额外输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name of the Input</source>
        <translation>输入的名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The formula reads the file&apos;s tensor under this name:</source>
        <translation>公式以此名称读取该文件的张量：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1  %2 × %3  (%4)</source>
        <translation>%1  %2 × %3  （%4）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  — not read by the formula</source>
        <translation>  — 公式未读取</translation>
    </message>
</context>
<context>
    <name>losslab::ui::GettingStartedDialog</name>
    <message>
        <location filename="../../ui/shell/getting_started_dialog.cpp" line="+12"/>
        <source>&amp;Open the Example Lesson</source>
        <translation>打开示例课程(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Getting Started</source>
        <translation>入门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;MSE vs MAE vs Huber: why robust losses matter&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Explorer&lt;/b&gt;: the preset &lt;i&gt;MSE vs MAE vs Huber&lt;/i&gt; draws the three losses and their gradients against the residual ŷ − y. Move the mouse over the plot to read values and slopes.&lt;/li&gt;&lt;li&gt;Select Huber and drag &lt;b&gt;δ&lt;/b&gt; in the Parameters dock: below δ it is MSE, beyond δ it is MAE, and its gradient is clipped at ±δ.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Edit ▸ Add Loss…&lt;/b&gt; adds any loss of the catalogue; the search box finds names, ids and formulas.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Training&lt;/b&gt; tab, preset &lt;i&gt;Training: outliers&lt;/i&gt;: a line fitted through data with 10 % outliers by all three losses at once. MSE is pulled away, MAE and Huber are not.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sweep&lt;/b&gt; tab: which δ is best? Train a grid of δ with several seeds.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;F11 shows any of it full screen for a projector; Help ▸ Keyboard Shortcuts lists every key.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MSE、MAE 与 Huber：为什么需要鲁棒损失&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;曲线探索&lt;/b&gt;：预设 &lt;i&gt;MSE vs MAE vs Huber&lt;/i&gt; 画出三种损失函数及其梯度随残差 ŷ − y 的变化。将鼠标移到图上即可读取数值和斜率。&lt;/li&gt;&lt;li&gt;选中 Huber 损失，在“参数”面板中拖动 &lt;b&gt;δ&lt;/b&gt;：δ 以内它就是 MSE，超出 δ 就是 MAE，梯度被截断在 ±δ。&lt;/li&gt;&lt;li&gt;&lt;b&gt;编辑 ▸ 添加损失函数…&lt;/b&gt; 可加入目录中的任意损失函数；搜索框可按名称、id 和公式查找（中英文均可）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;训练&lt;/b&gt;页，预设 &lt;i&gt;训练：离群点&lt;/i&gt;：三种损失函数同时对含 10% 离群点的数据拟合一条直线。MSE 被离群点拉偏，MAE 和 Huber 则不会。&lt;/li&gt;&lt;li&gt;&lt;b&gt;扫描&lt;/b&gt;页：δ 取多少最好？用多个随机种子训练一组 δ 的网格。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;按 F11 可全屏显示，便于投影讲课；帮助 ▸ 键盘快捷键 列出所有按键。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Opens the example lesson (six steps): Page Down and Page Up step through it</source>
        <translation>打开示例课程（六步）：用 Page Down 和 Page Up 逐步前进和后退</translation>
    </message>
</context>
<context>
    <name>losslab::ui::HistoryPanel</name>
    <message>
        <location filename="../../ui/training/history_panel.cpp" line="+26"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+5"/>
        <source>Clean MAE</source>
        <translation>无噪声 MAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clean RMSE</source>
        <translation>无噪声 RMSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inlier MAE</source>
        <translation>内点 MAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss ÷ first epoch</source>
        <translation>损失 ÷ 第一轮</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The training loss (solid) and the validation loss (dashed)</source>
        <translation>训练损失（实线）和验证损失（虚线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean absolute error against the observed targets</source>
        <translation>相对于观测目标值的平均绝对误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root mean squared error against the observed targets</source>
        <translation>相对于观测目标值的均方根误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coefficient of determination</source>
        <translation>决定系数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation: mean absolute error against the noise-free targets — the error that tells whether a fit follows the data or the outliers</source>
        <translation>验证集：相对于无噪声目标值的平均绝对误差——它说明拟合跟随的是数据还是离群点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Validation: root mean squared error against the noise-free targets</source>
        <translation>验证集：相对于无噪声目标值的均方根误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation: mean absolute error over the samples that are not outliers</source>
        <translation>验证集：非离群样本上的平均绝对误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each run&apos;s loss divided by its own first epoch&apos;s: how far each loss has come, comparable across losses of different scales</source>
        <translation>每次训练的损失除以它自己第一轮的损失：显示每个损失下降了多少，可在量级不同的损失之间比较</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the history shows; MAE, RMSE, R² and the clean errors compare runs with different losses fairly</source>
        <translation>历史曲线显示的指标；MAE、RMSE、R² 和无噪声误差可以公平比较使用不同损失函数的训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logarithmic y axis</source>
        <translation>y 轴使用对数刻度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Smoothing: exponential moving average as in TensorBoard (debiased); the raw series stays faint</source>
        <translation>平滑：与 TensorBoard 相同的指数移动平均（去偏）；原始曲线以浅色保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Smooth:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loss ÷ first epoch&apos;s</source>
        <translation>损失 ÷ 第一轮损失</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Different losses on one axis are not comparable: use Loss ÷ first epoch</source>
        <translation>不同的损失画在同一坐标轴上无法比较：请使用“损失 ÷ 第一轮”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Needs clean targets: synthetic data, or a CSV file with a clean column</source>
        <translation>需要无噪声目标值：合成数据，或带有无噪声目标列的 CSV 文件</translation>
    </message>
</context>
<context>
    <name>losslab::ui::HistoryPlot</name>
    <message>
        <location filename="../../ui/training/history_plot.cpp" line="+11"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LandscapePanel</name>
    <message>
        <location filename="../../ui/training/landscape_panel.cpp" line="+35"/>
        <source>w (slope)</source>
        <translation>w（斜率）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>b (intercept)</source>
        <translation>b（截距）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>optimizer path</source>
        <translation>优化器路径</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optima: least squares, least absolute, Huber</source>
        <translation>最优点：最小二乘、最小绝对值、Huber</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The exact landscape is drawn for the linear model (Hidden layers: none) with one feature. For a network: losslab-cli landscape --directions random|pca.</source>
        <translation>精确的损失地形只对单特征的线性模型（隐藏层：无）绘制。神经网络请用：losslab-cli landscape --directions random|pca。</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Training loss L(w, b) of %1; ⊕ least squares, least absolute, Huber δ = 1; blue: the optimizer&apos;s path</source>
        <translation>%1 的训练损失 L(w, b)；⊕ 最小二乘、最小绝对值、Huber δ = 1；蓝线：优化器的路径</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LessonPlayer</name>
    <message>
        <location filename="../../ui/shell/lesson_player.cpp" line="+93"/>
        <source>%1: cannot read the lesson file (%2)</source>
        <translation>%1：无法读取课程文件（%2）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: there is no step %2 (the lesson has %3)</source>
        <translation>%1：没有第 %2 步（课程共 %3 步）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>There is no step %1 (the lesson has %2).</source>
        <translation>没有第 %1 步（课程共 %2 步）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No lesson is open.</source>
        <translation>尚未打开课程。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Step %1/%2: %3</source>
        <translation>第 %1/%2 步：%3</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LessonRecorder</name>
    <message>
        <location filename="../../ui/shell/lesson_recorder.cpp" line="+93"/>
        <source>%1: cannot read the lesson file (%2)</source>
        <translation>%1：无法读取课程文件（%2）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is left as it was: %2</source>
        <translation>%1 保持原样：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+16"/>
        <location line="+17"/>
        <source>Add Step to Lesson</source>
        <translation>添加课程步骤</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>LossLab lessons (*.losslab)</source>
        <translation>LossLab 课程 (*.losslab)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing was written: %1</source>
        <translation>未写入任何内容：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Step %1 added to %2</source>
        <translation>第 %1 步已添加到 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (without %1: a lesson holds catalogue losses only)</source>
        <translation>（未包含 %1：课程只能保存目录中的损失）</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LessonStepDialog</name>
    <message>
        <location filename="../../ui/shell/lesson_step_dialog.cpp" line="+30"/>
        <source>Add Step to Lesson</source>
        <translation>添加课程步骤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new lesson, %1: step 1</source>
        <translation>新课程 %1：第 1 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: step %2</source>
        <translation>%1：第 %2 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lesson file:</source>
        <translation>课程文件：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>MSE vs MAE vs Huber</source>
        <translation>MSE、MAE 与 Huber 对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lesson title:</source>
        <translation>课程标题(&amp;L)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Huber, δ = 1</source>
        <translation>例如：Huber，δ = 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown in the status bar and, in presentation mode, over the plots</source>
        <translation>显示在状态栏中；演示模式下显示在图上方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step &amp;title:</source>
        <translation>步骤标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the students should notice</source>
        <translation>学生应当注意到什么</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Caption:</source>
        <translation>说明(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explorer</source>
        <translation>曲线探索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The tab the step shows; both tabs are saved as they are now either way</source>
        <translation>该步骤显示的标签页；无论选哪个，两个标签页都按当前状态保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Shows:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T&amp;rain when shown:</source>
        <translation>显示时训练(&amp;R)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new run from the configuration&apos;s initial weights, trained this many epochs before the step is shown</source>
        <translation>从该配置的初始权重开始新的训练，在显示该步骤之前训练这么多轮</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Add Step</source>
        <translation>添加步骤(&amp;A)</translation>
    </message>
</context>
<context>
    <name>losslab::ui::LossCurvePlot</name>
    <message>
        <location filename="../../ui/explorer/loss_curve_plot_panels.cpp" line="+42"/>
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
    <message>
        <location line="+114"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
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
    <name>losslab::ui::LossPanel</name>
    <message>
        <location filename="../../ui/training/loss_panel.cpp" line="+52"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compare losses</source>
        <translation>比较损失函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train 2–4 losses side by side from the same initial weights and batches</source>
        <translation>从相同的初始权重和批次出发，同时训练 2–4 个损失函数进行对比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The losses compare mode trains (2 to 4)</source>
        <translation>比较模式要训练的损失函数（2 到 4 个）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Whose gradient influence colours the data points</source>
        <translation>按哪个损失函数的梯度影响给数据点着色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour points by:</source>
        <translation>数据点着色依据：</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1 (custom)</source>
        <translation>%1（自定义）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (from the session)</source>
        <translation>%1（来自会话）</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+68"/>
        <source>Compare mode trains 2 to %1 losses.</source>
        <translation>对比模式训练 2 到 %1 个损失函数。</translation>
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
        <location filename="../../ui/shell/main_window.cpp" line="+52"/>
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
        <location line="+283"/>
        <source>Move the mouse over the plot to read values and slopes.</source>
        <translation>将鼠标移到图上即可读取数值和斜率。</translation>
    </message>
    <message>
        <location line="-240"/>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>&amp;Sweep</source>
        <translation>扫描(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which δ? Train a grid of settings with several seeds</source>
        <translation>选哪个 δ？用多个随机种子训练一组参数网格</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open &amp;Lesson…</source>
        <translation>打开课程(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a lesson file (.losslab) and show its first step</source>
        <translation>打开课程文件（.losslab）并显示第一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Step</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lesson&apos;s next step</source>
        <translation>课程的下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;revious Step</source>
        <translation>上一步(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lesson&apos;s previous step</source>
        <translation>课程的上一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add Step to Lesson…</source>
        <translation>添加课程步骤(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Shift+S</source>
        <comment>Add Step to Lesson</comment>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Both tabs as they are now become the next step of a lesson file (a new one or one you are writing)</source>
        <translation>把两个标签页的当前状态作为课程文件（新文件或正在编写的文件）的下一步</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+7"/>
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
        <location line="+5"/>
        <source>&amp;Getting Started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Presentation mode: Esc leaves, F11 too</source>
        <translation>演示模式：按 Esc 或 F11 退出</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;About LossLab</source>
        <translation>关于 LossLab(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Teaching presets: each sets up curves and says what to notice</source>
        <translation>教学预设：每个预设都会设置好曲线，并提示观察要点</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location line="+63"/>
        <location line="+12"/>
        <location line="+3"/>
        <location filename="../../app/gui/main.cpp" line="+131"/>
        <source>Open Lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>LossLab lessons (*.losslab);;All files (*)</source>
        <translation>LossLab 课程 (*.losslab);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+18"/>
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
    <name>losslab::ui::MetricsTable</name>
    <message>
        <location filename="../../ui/training/metrics_table.cpp" line="+50"/>
        <source>Latest metrics of every run (validation set; training set if empty)</source>
        <translation>各组训练的最新指标（基于验证集；验证集为空时基于训练集）</translation>
    </message>
</context>
<context>
    <name>losslab::ui::MetricsTableModel</name>
    <message>
        <location filename="../../ui/training/metrics_table_model.cpp" line="+86"/>
        <source>%1
epoch %2</source>
        <translation>%1
第 %2 轮</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clean MAE</source>
        <translation>无噪声 MAE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clean RMSE</source>
        <translation>无噪声 RMSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val. loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inlier MAE</source>
        <translation>内点 MAE</translation>
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
        <location line="+5"/>
        <source>The loss each run trains with (full name and epoch in the cell&apos;s tooltip)</source>
        <translation>每组训练所用的损失函数（完整名称和轮次见单元格提示）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean absolute error against the noise-free targets: whether the fit follows the data or the outliers</source>
        <translation>相对于无噪声目标值的平均绝对误差：拟合跟随的是数据还是离群点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Root mean squared error against the noise-free targets</source>
        <translation>相对于无噪声目标值的均方根误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean absolute error over the samples that are not outliers</source>
        <translation>非离群样本上的平均绝对误差</translation>
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
        <source>Coefficient of determination on the validation set (— with fewer than two samples)</source>
        <translation>验证集上的决定系数（少于两个样本时为 —）</translation>
    </message>
</context>
<context>
    <name>losslab::ui::NetworkPanel</name>
    <message>
        <location filename="../../ui/training/network_panel.cpp" line="+26"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Network (hidden layers)</source>
        <translation>网络（隐藏层）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linear (no hidden layer)</source>
        <translation>线性（无隐藏层）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A linear model ŷ = w·x + b fits a straight line: the clearest picture of how a loss treats outliers</source>
        <translation>线性模型 ŷ = w·x + b 拟合一条直线：最能清楚地看出损失函数如何对待离群点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hidden layer widths, comma-separated (empty or none: a linear model ŷ = w·x + b)</source>
        <translation>隐藏层宽度，用逗号分隔（留空或 none：线性模型 ŷ = w·x + b）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden widths:</source>
        <translation>隐藏层宽度：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Activation of the hidden layers (the output is linear)</source>
        <translation>隐藏层的激活函数（输出层为线性）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Activation:</source>
        <translation>激活函数：</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The network was not changed: %1</source>
        <translation>网络未更改：%1</translation>
    </message>
</context>
<context>
    <name>losslab::ui::OptimizerPanel</name>
    <message>
        <location filename="../../ui/training/optimizer_panel.cpp" line="+28"/>
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
        <source>SGD, momentum 0.9</source>
        <translation>SGD，动量 0.9</translation>
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
        <location line="+3"/>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Learning rate on a log scale from 1e-5 to 1; applies at the next step</source>
        <translation>学习率，对数刻度，范围 1e-5 到 1；从下一步起生效</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Samples per optimizer step</source>
        <translation>每个优化步使用的样本数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start trains until every run has finished this many epochs; raise it to continue a finished run</source>
        <translation>“开始”会训练到每个运行都完成这么多轮；调高它可继续已完成的训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epochs:</source>
        <translation>轮次 (epoch)：</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Learning rate %1</source>
        <translation>学习率 %1</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ParameterPanel</name>
    <message>
        <location filename="../../ui/common/parameter_panel.cpp" line="+37"/>
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
        <location line="+125"/>
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
        <location line="+2"/>
        <location line="+2"/>
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
        <location line="+2"/>
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
        <location line="+4"/>
        <source>Temperature-scaled MSE</source>
        <translation>带温度缩放的 MSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The blog post multiplies MSE by a temperature T and calls T = 0.6 &quot;sharper&quot;. The curves show what T really does: it scales the loss and its gradient by T and nothing else, so the shape is unchanged. With plain SGD it is exactly a learning-rate factor.</source>
        <translation>这篇博文把 MSE 乘以温度 T，并称 T = 0.6 更“尖锐”。曲线展示了 T 的真实作用：它只是把损失及其梯度按 T 缩放，别无其他，因此形状不变。使用普通 SGD 时，它恰好相当于学习率的一个系数。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ResidualPlot</name>
    <message>
        <location filename="../../ui/training/residual_plot.cpp" line="+9"/>
        <source>residual ŷ − y (training set)</source>
        <translation>残差 ŷ − y（训练集）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ShortcutsDialog</name>
    <message>
        <location filename="../../ui/shell/shortcuts_dialog.cpp" line="+67"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Panel</source>
        <translation>面板</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>losslab::ui::SweepPlot</name>
    <message>
        <location filename="../../ui/sweep/sweep_plot.cpp" line="+30"/>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outlier fraction</source>
        <translation>离群点比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outlier size</source>
        <translation>离群点幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MAE against the noise-free function</source>
        <translation>相对无噪声函数的 MAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RMSE against the noise-free function</source>
        <translation>相对无噪声函数的 RMSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MAE on the inliers</source>
        <translation>内点上的 MAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation MAE</source>
        <translation>验证集 MAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss</source>
        <translation>验证集损失</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>best %1</source>
        <translation>最佳 %1</translation>
    </message>
</context>
<context>
    <name>losslab::ui::SweepView</name>
    <message>
        <location filename="../../ui/sweep/sweep_view.cpp" line="+48"/>
        <source>Click a point to train that configuration in the Training tab.</source>
        <translation>点击一个点，即可在“训练”页中用该配置训练。</translation>
    </message>
    <message>
        <location filename="../../ui/sweep/sweep_view_controls.cpp" line="+29"/>
        <source>A loss parameter (delta, margin, alpha, c, …) or lr, batch, outliers, outlier_magnitude, noise</source>
        <translation>损失参数（delta、margin、alpha、c 等）或 lr、batch、outliers、outlier_magnitude、noise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Vary:</source>
        <translation>变化量(&amp;V)：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Points:</source>
        <translation>点数(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logarithmic grid</source>
        <translation>对数网格(&amp;L)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Seeds:</source>
        <translation>种子数(&amp;S)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Metric:</source>
        <translation>指标(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss ids separated by commas; parameters as in the Training tab</source>
        <translation>损失 id，用逗号分隔；参数与“训练”页相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;osses:</source>
        <translation>损失(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run Sweep</source>
        <translation>运行扫描(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Plot…</source>
        <translation>导出图像(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/sweep/sweep_view.cpp" line="+136"/>
        <location line="+59"/>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped: %1 of %2 runs finished</source>
        <translation>已停止：%2 次运行中完成了 %1 次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 of %2 runs finished</source>
        <translation>%2 次运行中完成了 %1 次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, %1 diverged</source>
        <translation>，%1 次发散</translation>
    </message>
    <message>
        <location filename="../../ui/sweep/sweep_view_controls.cpp" line="+23"/>
        <source>Export Sweep CSV</source>
        <translation>导出扫描 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Sweep Plot</source>
        <translation>导出扫描图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.svg *.pdf)</source>
        <translation>图像 (*.png *.svg *.pdf)</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TextAnnotations</name>
    <message>
        <location filename="../../ui/explorer/text_annotations.cpp" line="+25"/>
        <source>Add &amp;Text Annotation…</source>
        <translation>添加文字注释(&amp;T)…</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Add Text Annotation</source>
        <translation>添加文字注释</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text:</source>
        <translation>文字：</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Write a note on the loss panel; drag it where it belongs, double-click to remove it</source>
        <translation>在损失面板上写一条注释；拖动到合适位置，双击即可删除</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>annotation %1: wants text, x, y and panel (loss, gradient or curvature)</source>
        <translation>注释 %1：需要 text、x、y 和 panel（loss、gradient 或 curvature）</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>at most %1 annotations, got %2</source>
        <translation>最多 %1 条注释，实际为 %2 条</translation>
    </message>
</context>
<context>
    <name>losslab::ui::ThresholdMarkers</name>
    <message>
        <location filename="../../ui/explorer/threshold_markers.cpp" line="+81"/>
        <source>Mark where the selected loss changes regime (±δ, the margin) and shade the zones</source>
        <translation>标出所选损失改变形态的位置（±δ、间隔），并为各区域着色</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Show &amp;Thresholds</source>
        <translation>显示阈值(&amp;T)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>quadratic</source>
        <translation>二次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>zero</source>
        <translation>零</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingConfigModel</name>
    <message>
        <location filename="../../ui/training/training_config_model.cpp" line="+176"/>
        <source>The custom loss &quot;%1&quot; is not in your library, and the session does not carry its formula.</source>
        <translation>自定义损失“%1”不在你的损失库中，会话里也没有它的公式。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Could not import the file; the current data set is kept.
%1</source>
        <translation>无法导入该文件，已保留当前数据集。
%1</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>&quot;edited_data&quot; needs a data set with one feature</source>
        <translation>&quot;edited_data&quot; 需要只有一个特征的数据集</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingController</name>
    <message>
        <location filename="../../ui/training/training_worker.cpp" line="+94"/>
        <source>Could not set up training: %1</source>
        <translation>无法设置训练：%1</translation>
    </message>
    <message>
        <location filename="../../ui/training/training_controller.cpp" line="+111"/>
        <source>&apos;%1&apos; takes class labels; training fits one real-valued target per sample</source>
        <translation>“%1”需要类别标签；训练为每个样本拟合一个实数目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; takes no target; training fits one real-valued target per sample</source>
        <translation>“%1”不需要目标值；训练为每个样本拟合一个实数目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; needs the extra input &apos;%2&apos;, which training does not provide</source>
        <translation>“%1”需要额外输入“%2”，但训练不提供该输入</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+78"/>
        <source>Could not use the data; the current data set is kept.
%1</source>
        <translation>无法使用这些数据；保留当前数据集。
%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not applied: %1.</source>
        <translation>未应用：%1。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Points can be edited with one feature and at least one training sample only.</source>
        <translation>只有单特征且至少有一个训练样本的数据才能编辑数据点。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingExporter</name>
    <message>
        <location filename="../../ui/training/training_exporter.cpp" line="+90"/>
        <source>There are no predictions yet.</source>
        <translation>还没有预测值。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No %1 training script was written: %2</source>
        <translation>未写出 %1 训练脚本：%2</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingFileDialogs</name>
    <message>
        <location filename="../../ui/training/training_file_dialogs.cpp" line="+53"/>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+71"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="-68"/>
        <location line="+10"/>
        <location line="+65"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PyTorch training script (*.py)</source>
        <translation>PyTorch 训练脚本 (*.py)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keras 3 training script (*.py)</source>
        <translation>Keras 3 训练脚本 (*.py)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+10"/>
        <source>Export Training Script</source>
        <translation>导出训练脚本</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+4"/>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>LossLab session (*.json)</source>
        <translation>LossLab 会话 (*.json)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+8"/>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location line="-7"/>
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
        <location line="+12"/>
        <source>Save the Edited Points for the Command</source>
        <translation>保存命令所用的已编辑数据点</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingPresets</name>
    <message>
        <location filename="../../ui/training/training_presets.cpp" line="+40"/>
        <source>Training: one-sided outliers (line)</source>
        <translation>训练：单侧离群点（直线）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>15 % of the points lifted by 20, fitted with a straight line. MSE&apos;s line is pulled up by their mean (0.15 × 20 = 3); MAE and Huber stay on the clean dashed line. The history shows the error against that clean line.</source>
        <translation>15% 的点被抬高 20，用直线拟合。MSE 的直线被它们的平均值（0.15 × 20 = 3）向上拉；MAE 和 Huber 留在无噪声的虚线上。历史曲线显示的是相对于这条无噪声直线的误差。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Training: bad leverage points (line)</source>
        <translation>训练：坏杠杆点（直线）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2 % of the points moved far to the right, their y left behind: bad leverage points. On that long lever MSE&apos;s line tilts towards them; MAE keeps the clean slope; Huber tilts less (its pull is capped, but the arm is long).</source>
        <translation>2% 的点被移到最右边，而它们的 y 保持不变：这就是坏杠杆点。借助这根长杠杆，MSE 的直线向它们倾斜；MAE 保持无噪声直线的斜率；Huber 倾斜得较少（它的拉力有上限，但力臂很长）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Training: one-sided outliers (16-32 network)</source>
        <translation>训练：单侧离群点（16-32 网络）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The same outliers with a 16-32 network: MSE&apos;s curve is lifted off the clean line by about 3 and bends; MAE and Huber follow the inliers. A flexible model does not rescue MSE: it still averages the outliers in.</source>
        <translation>同样的离群点，换成 16-32 网络：MSE 的曲线被抬离无噪声直线约 3，并且发生弯折；MAE 和 Huber 沿着内点走。更灵活的模型救不了 MSE：它仍然把离群点平均了进去。</translation>
    </message>
</context>
<context>
    <name>losslab::ui::TrainingView</name>
    <message>
        <location filename="../../ui/training/training_view.cpp" line="+63"/>
        <source>Export Landscape…</source>
        <translation>导出损失地形…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss &amp;landscape</source>
        <translation>损失地形(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The training loss over (w, b) of the linear model, with the optimizer&apos;s path</source>
        <translation>线性模型在 (w, b) 上的训练损失，以及优化器的路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One &amp;panel per loss</source>
        <translation>每个损失一个面板(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare mode: each loss&apos;s fit in a panel of its own, on the same axes (points are edited in the single plot)</source>
        <translation>比较模式：每个损失的拟合各占一个面板，坐标轴相同（编辑数据点请在单图中进行）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Training tab: start or pause</source>
        <translation>训练页：开始或暂停</translation>
    </message>
</context>
</TS>
