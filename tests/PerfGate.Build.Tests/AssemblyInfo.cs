// Every scenario runs real `dotnet build`s of fixture projects that share the repository's PerfGate.Torch output and measure
// on a 2-core machine: one at a time, so that they neither race on shared files nor slow each other's measurements.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
