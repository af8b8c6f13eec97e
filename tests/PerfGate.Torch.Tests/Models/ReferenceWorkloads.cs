using PerfGate.Torch.Workloads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Models;

/// <summary>
/// Small models from the MLPerf families beyond image classification, declared as a user declares theirs, with token inputs of
/// their own: counted against hand tables in ReferenceWorkloadCountTests and gated in this repository's own suite.
/// </summary>
public static class ReferenceWorkloads
{
    public const int Vocabulary = 1000;

    /// <summary>Token ids, int64, [batch, .. shape], below <paramref name="limit"/>.</summary>
    public static Tensor Ids(long batch, long[] shape, long limit, Device device) =>
        randint(0, limit, [batch, .. shape], dtype: ScalarType.Int64, device: device);
}

/// <summary>
/// Translation / language understanding, BERT-like: token embedding 1000 × 64, two post-norm encoder layers (64 wide, 4 heads,
/// feed-forward 128) over 16 tokens, the first token's state classified by Linear(64, 2).
/// </summary>
public sealed class BertLikeWorkload : IPerfGateWorkload
{
    public string Name => "bert-like";

    public long[] InputShape => [16];

    public int[] Batches => [1, 4];

    public Tensor Input(long batch, Device device) => ReferenceWorkloads.Ids(batch, InputShape, ReferenceWorkloads.Vocabulary, device);

    public Module<Tensor, Tensor> Create() => new BertLike();

    private sealed class BertLike : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> embed = Embedding(ReferenceWorkloads.Vocabulary, 64);
        private readonly TorchSharp.Modules.TransformerEncoder encoder = TransformerEncoder(TransformerEncoderLayer(64, 4, 128, 0.0), 2);
        private readonly Module<Tensor, Tensor> classify = Linear(64, 2);

        public BertLike()
            : base(nameof(BertLike)) => RegisterComponents();

        // (batch, tokens) ids → (tokens, batch, 64), as the encoder takes them → the first token's state
        public override Tensor forward(Tensor ids) => classify.call(encoder.call(embed.call(ids).transpose(0, 1)).select(0, 0));
    }
}

/// <summary>Sentiment, an LSTM classifier: embedding 1000 × 32, LSTM(32 → 64) over 20 tokens, the last step by Linear(64, 2).</summary>
public sealed class LstmSentimentWorkload : IPerfGateWorkload
{
    public string Name => "lstm-sentiment";

    public long[] InputShape => [20];

    public int[] Batches => [1, 4];

    public Tensor Input(long batch, Device device) => ReferenceWorkloads.Ids(batch, InputShape, ReferenceWorkloads.Vocabulary, device);

    public Module<Tensor, Tensor> Create() => new LstmSentiment();

    private sealed class LstmSentiment : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> embed = Embedding(ReferenceWorkloads.Vocabulary, 32);
        private readonly TorchSharp.Modules.LSTM lstm = LSTM(32, 64, batchFirst: true);
        private readonly Module<Tensor, Tensor> classify = Linear(64, 2);

        public LstmSentiment()
            : base(nameof(LstmSentiment)) => RegisterComponents();

        public override Tensor forward(Tensor ids) => classify.call(lstm.call(embed.call(ids)).Item1.select(1, -1));
    }
}

/// <summary>
/// Recommendation, NCF-like: a (user, item) pair of ids; user embedding 500 × 16 and item embedding 800 × 16 side by side,
/// then an MLP 32 → 64 → 32 → 1 with ReLUs and a sigmoid score.
/// </summary>
public sealed class NcfLikeWorkload : IPerfGateWorkload
{
    public const int Users = 500;
    public const int Items = 800;

    public string Name => "ncf-like";

    public long[] InputShape => [2];

    public int[] Batches => [1, 64];

    public Tensor Input(long batch, Device device) =>
        cat([ReferenceWorkloads.Ids(batch, [1], Users, device), ReferenceWorkloads.Ids(batch, [1], Items, device)], 1);

    public Module<Tensor, Tensor> Create() => new NcfLike();

    private sealed class NcfLike : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> user = Embedding(Users, 16);
        private readonly Module<Tensor, Tensor> item = Embedding(Items, 16);
        private readonly Module<Tensor, Tensor> mlp = Sequential(Linear(32, 64), ReLU(), Linear(64, 32), ReLU(), Linear(32, 1), Sigmoid());

        public NcfLike()
            : base(nameof(NcfLike)) => RegisterComponents();

        public override Tensor forward(Tensor pair) => mlp.call(cat([user.call(pair.select(1, 0)), item.call(pair.select(1, 1))], 1));
    }
}
