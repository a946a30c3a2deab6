/**
 * Runnable examples and the {@code jgrad} command line ({@link jgrad.examples.Main}, the main
 * class of {@code examples/target/jgrad.jar}).
 *
 * <ul>
 *   <li>{@code digits} (the default) and {@code fashion}: train an MLP
 *       ({@link jgrad.examples.Mlp}) with {@link jgrad.examples.Trainer} on the bundled UCI
 *       digits or on Fashion-MNIST ({@link jgrad.examples.BundledData}), with
 *       {@code --save}/{@code --load} in safetensors and a PNG of the curves
 *       ({@code Plot}); in float32 (PyTorch's default dtype) unless given
 *       {@code --dtype float64}.</li>
 *   <li>{@code seed}: the documents' training loop ({@link jgrad.examples.SeedLoop}).</li>
 *   <li>{@code softmax}: cs231n's softmax classifier with its hand-derived gradient checked
 *       against the tape ({@link jgrad.examples.SoftmaxClassifier}).</li>
 *   <li>{@code losses}: softmax, TensorFlow's cross-entropy examples and logits of +-1000
 *       ({@link jgrad.examples.LossNumbers}).</li>
 *   <li>{@code gradcheck}: a custom op, right and wrong ({@link jgrad.examples.CustomOps}).</li>
 *   <li>{@code graph}: the tape and the Graphviz drawing of one training step.</li>
 *   <li>{@code attention}: nanoGPT's model ({@code Gpt}) as a tiny character-level GPT trained
 *       on the bundled Dhammapada ({@code AttentionExample}), with a PNG of the losses and a
 *       sampled continuation.</li>
 *   <li>{@code makemore}: Karpathy's makemore (part 3), a character-level MLP trained on the
 *       bundled English words ({@link jgrad.examples.BundledWords}) that then samples new ones
 *       ({@link jgrad.examples.Makemore}).</li>
 *   <li>{@code mnist-net}: PyTorch's examples/mnist, line for line: {@link jgrad.examples.MnistNet}
 *       trained by {@link jgrad.examples.MnistNetTraining} (Adadelta, StepLR) on the bundled
 *       Fashion-MNIST subset.</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests
 * java -jar examples/target/jgrad.jar --help
 * </pre>
 */
package jgrad.examples;
