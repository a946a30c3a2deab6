package jgrad.examples;

import java.util.List;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.nn.Embedding;
import jgrad.nn.Functional;
import jgrad.nn.GELU;
import jgrad.nn.LayerNorm;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ModuleList;

/**
 * nanoGPT's {@code model.py} in jgrad: a decoder-only transformer over tokens, class by class and
 * line by line as far as jgrad allows, with nanoGPT's names for the modules (so the state-dict keys
 * are nanoGPT's too: {@code transformer.wte.weight}, {@code transformer.h.0.attn.c_attn.weight},
 * ..., {@code lm_head.weight}). The differences: no dropout (nanoGPT's default {@code dropout=0.0});
 * {@code transformer} is a module with the trunk's forward instead of a {@code ModuleDict}; a
 * jgrad module's forward takes one tensor, so the loss is {@link #loss} rather than a second
 * result of {@code forward}; and {@link #generate} has no top-k (and a temperature of 0 means greedy).
 */
final class Gpt extends Module {
    /**
     * nanoGPT's {@code GPTConfig}.
     *
     * @param blockSize the longest context
     * @param vocabSize the number of tokens
     * @param nLayer the number of blocks
     * @param nHead the heads of each attention
     * @param nEmbd the width of the residual stream, a multiple of {@code nHead}
     */
    record Config(int blockSize, int vocabSize, int nLayer, int nHead, int nEmbd) {
        Config {
            if (blockSize < 1 || vocabSize < 1 || nLayer < 1 || nHead < 1 || nEmbd < 1) {
                throw new IllegalArgumentException("GPT: every size must be >= 1, got " + this);
            }
            if (nEmbd % nHead != 0) {
                throw new IllegalArgumentException("GPT: n_embd (" + nEmbd + ") must be a multiple of n_head ("
                        + nHead + ")");
            }
        }
    }

    /** Multi-head masked self-attention, nanoGPT's {@code CausalSelfAttention}. */
    static final class CausalSelfAttention extends Module {
        private final Linear cAttn;
        private final Linear cProj;
        private final int nHead;
        private final int nEmbd;

        CausalSelfAttention(Config config) {
            // key, query, value projections for all heads, in one Linear
            cAttn = registerModule("c_attn", new Linear(config.nEmbd(), 3 * config.nEmbd()));
            cProj = registerModule("c_proj", new Linear(config.nEmbd(), config.nEmbd()));
            nHead = config.nHead();
            nEmbd = config.nEmbd();
            // the causal mask: position t sees positions 0..t only
            int bs = config.blockSize();
            registerBuffer("bias", Tensor.ones(bs, bs).tril(0).view(1, 1, bs, bs));
        }

        @Override
        public Tensor forward(Tensor x) {
            int B = x.size(0);
            int T = x.size(1);
            int C = x.size(2); // batch size, sequence length, embedding width (n_embd)
            List<Tensor> qkv = cAttn.forward(x).split(nEmbd, 2);
            Tensor q = qkv.get(0).view(B, T, nHead, C / nHead).transpose(1, 2); // (B, nh, T, hs)
            Tensor k = qkv.get(1).view(B, T, nHead, C / nHead).transpose(1, 2); // (B, nh, T, hs)
            Tensor v = qkv.get(2).view(B, T, nHead, C / nHead).transpose(1, 2); // (B, nh, T, hs)
            // (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T)
            Tensor att = q.matmul(k.transpose(-2, -1)).mul(1.0 / Math.sqrt(k.size(-1)));
            Tensor future = buffer("bias").slice(2, 0, T, 1).slice(3, 0, T, 1).eq(0);
            att = att.maskedFill(future, Double.NEGATIVE_INFINITY);
            att = att.softmax(-1);
            Tensor y = att.matmul(v); // (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
            y = y.transpose(1, 2).reshape(B, T, C); // the heads side by side again
            return cProj.forward(y);
        }
    }

    /** nanoGPT's {@code MLP}: Linear to 4 x n_embd, GELU, Linear back. */
    static final class MLP extends Module {
        private final Linear cFc;
        private final GELU gelu;
        private final Linear cProj;

        MLP(Config config) {
            cFc = registerModule("c_fc", new Linear(config.nEmbd(), 4 * config.nEmbd()));
            gelu = registerModule("gelu", new GELU());
            cProj = registerModule("c_proj", new Linear(4 * config.nEmbd(), config.nEmbd()));
        }

        @Override
        public Tensor forward(Tensor x) {
            return cProj.forward(gelu.forward(cFc.forward(x)));
        }
    }

    /** nanoGPT's {@code Block}: pre-LayerNorm attention and MLP, each added to the residual stream. */
    static final class Block extends Module {
        private final LayerNorm ln1;
        private final CausalSelfAttention attn;
        private final LayerNorm ln2;
        private final MLP mlp;

        Block(Config config) {
            ln1 = registerModule("ln_1", new LayerNorm(config.nEmbd()));
            attn = registerModule("attn", new CausalSelfAttention(config));
            ln2 = registerModule("ln_2", new LayerNorm(config.nEmbd()));
            mlp = registerModule("mlp", new MLP(config));
        }

        @Override
        public Tensor forward(Tensor x) {
            x = x.add(attn.forward(ln1.forward(x)));
            x = x.add(mlp.forward(ln2.forward(x)));
            return x;
        }
    }

    /** nanoGPT's {@code transformer} dict (wte, wpe, h, ln_f), with the trunk's forward. */
    static final class Transformer extends Module {
        private final Embedding wte;
        private final Embedding wpe;
        private final ModuleList h;
        private final LayerNorm lnF;
        private final int blockSize;

        Transformer(Config config) {
            wte = registerModule("wte", new Embedding(config.vocabSize(), config.nEmbd()));
            wpe = registerModule("wpe", new Embedding(config.blockSize(), config.nEmbd()));
            h = registerModule("h", new ModuleList());
            for (int i = 0; i < config.nLayer(); i++) {
                h.append(new Block(config));
            }
            lnF = registerModule("ln_f", new LayerNorm(config.nEmbd()));
            blockSize = config.blockSize();
        }

        @Override
        public Tensor forward(Tensor idx) {
            int t = idx.size(1);
            if (t > blockSize) {
                throw new IllegalArgumentException("GPT: cannot forward a sequence of length " + t
                        + ", the block size is only " + blockSize);
            }
            Tensor pos = Tensor.arange(t); // (t)
            Tensor tokEmb = wte.forward(idx); // (B, t, n_embd)
            Tensor posEmb = wpe.forward(pos); // (t, n_embd)
            Tensor x = tokEmb.add(posEmb);
            for (Module block : h) {
                x = block.forward(x);
            }
            return lnF.forward(x);
        }
    }

    private final Config config;
    private final Transformer transformer;
    private final Linear lmHead;

    /**
     * A model with nanoGPT's initialisation, drawn from the default generator (seed it with
     * {@link Tensor#manualSeed}): weights of Linear and Embedding from N(0, 0.02), the residual
     * projections' ({@code c_proj}) from N(0, 0.02 / sqrt(2 n_layer)), biases 0; the token
     * embedding and the lm head share one weight (weight tying).
     */
    Gpt(Config config) {
        this.config = config;
        transformer = registerModule("transformer", new Transformer(config));
        // weight tying: the lm head is the token embedding read the other way
        lmHead = registerModule("lm_head", new Linear(transformer.wte.weight(), null));
        try (var s = Autograd.noGrad()) {
            namedParameters().forEach((name, p) -> {
                if (name.endsWith("bias")) {
                    p.zero();
                } else if (p.dim() == 2) {
                    double std = name.endsWith("c_proj.weight") ? 0.02 / Math.sqrt(2.0 * config.nLayer()) : 0.02;
                    p.copyFrom(Tensor.randn(p.shape()).mul(std));
                }
            });
        }
    }

    Config config() {
        return config;
    }

    /**
     * The logits of the next token at every position.
     *
     * @param idx INT64 token indices (B, T), T at most the block size
     * @return the logits (B, T, vocab_size)
     */
    @Override
    public Tensor forward(Tensor idx) {
        return lmHead.forward(transformer.forward(idx));
    }

    /** nanoGPT's loss: cross-entropy of the (B, T, C) logits against the (B, T) targets. */
    static Tensor loss(Tensor logits, Tensor targets) {
        int b = logits.size(0);
        int t = logits.size(1);
        int c = logits.size(2);
        return Functional.crossEntropy(logits.view(b * t, c), targets.view(b * t));
    }

    /**
     * Extends each row of {@code idx} by {@code maxNewTokens} tokens, like nanoGPT's
     * {@code generate}: each drawn with {@link Tensor#multinomial} (from the default generator)
     * from the softmax of the last position's logits divided by {@code temperature}, given the
     * last block-size tokens; a temperature of 0 takes the most likely token instead (greedy).
     * Run it under no-grad and in eval mode.
     *
     * @param idx INT64 (B, T) context
     * @param maxNewTokens how many tokens to append
     * @param temperature above 0 to sample (1 as trained, lower for safer choices), 0 for argmax
     * @return INT64 (B, T + maxNewTokens)
     */
    Tensor generate(Tensor idx, int maxNewTokens, double temperature) {
        for (int i = 0; i < maxNewTokens; i++) {
            // crop the context to the last block_size tokens
            int t = idx.size(1);
            Tensor idxCond = t <= config.blockSize() ? idx : idx.narrow(1, t - config.blockSize(), config.blockSize());
            Tensor logits = forward(idxCond).select(1, -1); // (B, vocab): the last position's
            Tensor idxNext = temperature == 0 ? logits.argmax(-1).unsqueeze(1) // (B, 1)
                    : logits.div(temperature).softmax(-1).multinomial(1, false);
            idx = Tensor.cat(List.of(idx, idxNext), 1);
        }
        return idx;
    }
}
