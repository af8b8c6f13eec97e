using PerfGate.Host;

BesideHost.Resolve();
return MeasuringHost.Run(args, Console.Out, Console.Error);
