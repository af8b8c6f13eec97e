using PerfGate.Torch.Workloads;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace BenchUser;

/// <summary>
/// A user's small CNN (about 11 MFLOP per 3x32x32 image) for tests/benchmarks/ab-build-gate.sh. The benchmark's head branch
/// sets <see cref="ExtraPasses"/> in a commit of its own: that many extra in-place elementwise passes over the first ReLU's
/// output, real memory traffic and extra kernels with no layer added, so only the time changes. <see cref="WaitPercent"/> makes
/// each pass block (usleep, no CPU) for that share of its own compute time: a wait, as on a lock or a synchronous write.
/// </summary>
public sealed class UserCnn : Module<Tensor, Tensor>
{
    public const int ExtraPasses = 0;
    public const int WaitPercent = 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "usleep")]
    private static extern int Sleep(uint microseconds);

    private readonly Module<Tensor, Tensor> conv1 = Conv2d(3, 32, 3, padding: 1);
    private readonly Module<Tensor, Tensor> relu1 = ReLU();
    private readonly Module<Tensor, Tensor> pool1 = MaxPool2d(2);
    private readonly Module<Tensor, Tensor> conv2 = Conv2d(32, 64, 3, padding: 1);
    private readonly Module<Tensor, Tensor> relu2 = ReLU();
    private readonly Module<Tensor, Tensor> pool2 = MaxPool2d(2);
    private readonly Module<Tensor, Tensor> flatten = Flatten();
    private readonly Module<Tensor, Tensor> fc = Linear(64 * 8 * 8, 10);

    public UserCnn()
        : base(nameof(UserCnn)) => RegisterComponents();

    public override Tensor forward(Tensor x)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var output = Compute(x);
        if (WaitPercent > 0)
            Sleep((uint)Math.Max(1, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds * WaitPercent / 100));
        return output;
    }

    private Tensor Compute(Tensor x)
    {
        var first = relu1.call(conv1.call(x));
        for (var i = 0; i < ExtraPasses; i++)
            first.mul_(1.0f);
        return fc.call(flatten.call(pool2.call(relu2.call(conv2.call(pool1.call(first))))));
    }
}

public sealed class UserCnnWorkload : IPerfGateWorkload
{
    public string Name => "user-cnn";
    public long[] InputShape => [3, 32, 32];
    public int[] Batches => [1, 4, 16];

    public Module<Tensor, Tensor> Create() => new UserCnn();
}
