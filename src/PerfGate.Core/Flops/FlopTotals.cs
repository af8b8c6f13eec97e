namespace PerfGate.Core.Flops;

/// <summary>Sums over the counted layers; unknown layers add their parameters but no FLOPs.</summary>
public sealed record FlopTotals(long Params, long Macs, long Flops, long OtherFlops)
{
    public static FlopTotals Of(IEnumerable<LayerCount> layers)
    {
        long parameters = 0,
            macs = 0,
            flops = 0,
            other = 0;
        foreach (var layer in layers)
        {
            parameters += layer.Params;
            macs += layer.Macs ?? 0;
            flops += layer.Flops ?? 0;
            other += layer.OtherFlops ?? 0;
        }
        return new FlopTotals(parameters, macs, flops, other);
    }

    /// <summary>All arithmetic: conv/GEMM FLOPs plus the rest, like the talk's "total fp_ops".</summary>
    public long AllFlops => Flops + OtherFlops;
}
