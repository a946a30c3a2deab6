/**
 * Reading and writing tensors in the safetensors format, PyTorch's portable and safe way to
 * store weights.
 *
 * <p>{@link jgrad.io.SafeTensors} saves a map of named tensors (a module's state dict, for
 * example) atomically and loads one back in file order, validating the whole header before it
 * allocates any tensor data. Files written by {@code safetensors.torch.save_file} load here, and
 * files written here load with {@code safetensors.torch.load_file}.
 *
 * <pre>{@code
 * SafeTensors.save(model.stateDict(), Map.of("format", "pt"), Path.of("model.safetensors"));
 * LinkedHashMap<String, Tensor> state = SafeTensors.load(Path.of("model.safetensors"));
 * model.loadStateDict(state);
 * }</pre>
 *
 * <p>A corrupt or hostile file is a {@link jgrad.io.SafeTensorsException}, a checked
 * {@link java.io.IOException} whose message names the file and what is wrong.
 */
package jgrad.io;
