/**
 * The technical terms the glossary-coverage test looks for in the lessons' English prose: a
 * curated list of machine-learning terms (independent of docs/glossary.md, so the test can
 * find a term the glossary lacks), each with the glossary row that must explain it; and the
 * Chinese variants the course does not use, with the glossary's form to write instead.
 *
 * @module
 */

/** A term: how it is found in English prose, and the English of its glossary row. */
export interface Term {
  /** Matches the term in English prose (case-insensitive, whole words). */
  pattern: RegExp;
  /** The glossary row's English, as written in its first column (one of its names). */
  row: string;
}

function term(words: string, row = words.split("|")[0]): Term {
  return { pattern: new RegExp(`\\b(?:${words})\\b`, "i"), row };
}

/** The curated terms, most specific first (a text matching one is not searched for later ones
 * it contains: "batch size" before "batch"). */
export const TERMS: Term[] = [
  term("data augmentation|augmentations?", "data augmentation"),
  term("training set"),
  term("validation set"),
  term("test set"),
  term("one-hot", "one-hot encoding"),
  term("softmax regression"),
  term("softmax"),
  term("logits?", "score, logit"),
  term("dense layers?|fully connected", "dense (fully connected) layer"),
  term("hidden layers?", "hidden layer"),
  term("activation functions?", "activation function"),
  term("activations?", "activation"),
  term("ReLU"),
  term("multilayer perceptron|MLP", "multilayer perceptron (MLP)"),
  term(
    "convolutional neural network|convolutional network|CNN",
    "convolutional neural network (CNN)",
  ),
  term("convolutions?", "convolution"),
  term("kernels?|filters?", "kernel, filter"),
  term("stride"),
  term("padding"),
  term("feature maps?", "feature map"),
  term("edge detection|edge detector", "edge detection"),
  term("Sobel", "Sobel operator"),
  term("max pooling|pooling", "pooling, max pooling"),
  term("inverted dropout"),
  term("dropout"),
  term("batch normali[sz]ation|BatchNorm", "batch normalisation"),
  term("parameter count|parameters?", "parameter"),
  term("bias correction"),
  term("biases|bias", "bias"),
  term("weights?", "weight"),
  term("cross-entropy"),
  term("loss functions?", "loss function"),
  term("accuracy"),
  term("gradients?", "gradient"),
  term("backpropagation", "backpropagation"),
  term("stochastic gradient descent|SGD", "stochastic gradient descent (SGD)"),
  term("gradient descent"),
  term("learning-rate sweep|learning rate sweep", "learning-rate sweep"),
  term("reduce-on-plateau|on plateau|plateau", "reduce learning rate on plateau"),
  term("learning rates?", "learning rate"),
  term("step size", "step size"),
  term("batch size|batch(?= (?:\\d|\\{\\}))", "batch size"),
  term("mini-batch(?:es)?|batch(?:es)?", "batch, mini-batch"),
  term("epochs?", "epoch"),
  term("optimi[sz]ers?", "optimizer"),
  term("momentum"),
  term("RMSprop"),
  term("Adam"),
  term("learning curves?", "learning curve"),
  term("overfitting|overfits?", "overfitting"),
  term("underfitting|underfits?", "underfitting"),
  term("generali[sz]ation|generali[sz]es?", "generalisation"),
  term("L1 regulari[sz]ation", "L1 regularisation"),
  term("L2 regulari[sz]ation", "L2 regularisation"),
  term("weight decay"),
  term("elastic net", "elastic net"),
  term("regulari[sz]ation|regulari[sz]er", "regularisation"),
  term("penalty|penalties", "penalty"),
  term("early stopping|stops? early|stopped early", "early stopping"),
  term("patience"),
  term("checkpoints?", "checkpoint"),
  term("confusion matrix"),
  term("probabilit(?:y|ies)", "probability"),
  term("tensors?", "tensor"),
  term("seed", "random seed"),
  term("pixels?", "pixel"),
  term("labels?", "label"),
  term("normali[sz]ation|normali[sz]es?", "normalisation (of pixels)"),
  term("flattens?|flattened", "flatten"),
  term("held out|held-out|holds? out", "held-out"),
  term("subset"),
];

/** Chinese words the course does not use for a glossary term, with the glossary's form. */
export const VARIANTS: Record<string, string> = {
  "过度拟合": "过拟合",
  "拟合不足": "欠拟合",
  "批量归一化": "批归一化",
  "批标准化": "批归一化",
  "批量标准化": "批归一化",
  "丢弃法": "Dropout",
  "学习速率": "学习率",
  "正规化": "正则化",
  "规则化": "正则化",
  "全联接": "全连接层",
  "激励函数": "激活函数",
  "滤波器": "卷积核",
  "过滤器": "卷积核",
  "特征映射": "特征图",
  "最大值池化": "最大池化",
  "早停法": "提前停止",
  "提早停止": "提前停止",
  "数据扩增": "数据增强",
  "数据扩充": "数据增强",
  "交叉商": "交叉熵",
  "精确度": "准确率",
  "精度": "准确率",
  "正确率": "准确率",
  "迭代次数": "轮",
  "批量大小": "批大小",
  "批尺寸": "批大小",
  "种子数": "随机种子",
  "独热码": "独热编码",
  "偏差项": "偏置",
  "偏移量": "偏置",
  "权值": "权重",
  "学习曲綫": "学习曲线",
  "混淆矩阵图": "混淆矩阵",
  "反向传导": "反向传播",
  "随机梯度下降法": "随机梯度下降",
};
