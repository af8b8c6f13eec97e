namespace PerfGate.Core.Flops;

/// <summary>Small helpers over tensor shapes given as dimension lists.</summary>
public static class Shape
{
    public static long Product(IReadOnlyList<long> dims)
    {
        long product = 1;
        foreach (var d in dims)
        {
            if (d < 0)
                throw new ArgumentException($"Negative dimension in shape {Format(dims)}.");
            product = checked(product * d);
        }
        return product;
    }

    public static long Elements(IReadOnlyList<long> shape) => Product(shape);

    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join("x", shape) + "]";
}
