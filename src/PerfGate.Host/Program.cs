using PerfGate.Host;

BesideHost.Resolve();
return MeasuringHost.Run(args, Console.In, Console.Out, Console.Error);
