using PerfGate.Torch.Workloads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>A small workload that runs: gated beside <see cref="SweepThrowingWorkload"/>.</summary>
public sealed class SweepWorkingWorkload : IPerfGateWorkload
{
    public string Name => "sweep-works";

    public long[] InputShape => [8];

    public Module<Tensor, Tensor> Create() => Linear(8, 4);
}

/// <summary>A workload whose model cannot be built, as a user's Create() that throws.</summary>
public sealed class SweepThrowingWorkload : IPerfGateWorkload
{
    public string Name => "sweep-throws";

    public long[] InputShape => [8];

    public Module<Tensor, Tensor> Create() => throw new InvalidOperationException("the weights file is missing");
}

/// <summary>The functional block: attention-like arithmetic written in the forward, beside two Linear layers.</summary>
public sealed class SweepFunctionalWorkload : IPerfGateWorkload
{
    public string Name => "sweep-functional";

    public long[] InputShape => [512];

    public int[] Batches => [512];

    public Module<Tensor, Tensor> Create() => new FunctionalBlock();

    private sealed class FunctionalBlock : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> fc1 = Linear(512, 512);
        private readonly Module<Tensor, Tensor> fc2 = Linear(512, 512);

        public FunctionalBlock()
            : base(nameof(FunctionalBlock)) => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            var h = fc1.call(x);
            var a = matmul(h, h.transpose(0, 1)).softmax(-1);
            return x + fc2.call(matmul(a, h));
        }
    }
}
