using PerfGate.Host;

return MeasuringHost.Run(args, Console.Out, Console.Error);
