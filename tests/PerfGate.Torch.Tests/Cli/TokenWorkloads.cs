using PerfGate.Torch.Workloads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>
/// A model fed token ids, as the transformer and recommender users declare theirs: Embedding(1000, 16) over 12 tokens,
/// LayerNorm, mean over the tokens, Linear(16, 4). Its input is int64 ids from its own factory; random floats would index out
/// of range.
/// </summary>
public sealed class TokenBagWorkload : IPerfGateWorkload
{
    public const int Vocabulary = 1000;

    public string Name => "token-bag";

    public long[] InputShape => [12];

    public Tensor Input(long batch, Device device) =>
        randint(0, Vocabulary, [batch, .. InputShape], dtype: ScalarType.Int64, device: device);

    public Module<Tensor, Tensor> Create() => new TokenBag();

    private sealed class TokenBag : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> embed = Embedding(Vocabulary, 16);
        private readonly Module<Tensor, Tensor> norm = LayerNorm(16);
        private readonly Module<Tensor, Tensor> fc = Linear(16, 4);

        public TokenBag()
            : base(nameof(TokenBag)) => RegisterComponents();

        public override Tensor forward(Tensor ids) => fc.call(norm.call(embed.call(ids)).mean([1]));
    }
}

/// <summary>The first transformer: token ids expected, but no input factory declared, so it is fed random floats.</summary>
public sealed class FloatFedTokensWorkload : IPerfGateWorkload
{
    public string Name => "float-fed-tokens";

    public long[] InputShape => [12];

    public Module<Tensor, Tensor> Create() => Sequential(Embedding(TokenBagWorkload.Vocabulary, 16), Linear(16, 4));
}
