namespace PerfGate.Core.Measurements;

/// <summary>One interleaved round: the model's iteration and the calibration's iteration next to it.</summary>
public sealed record RoundTiming(int ModelCalls, double ModelSeconds, int CalibrationCalls, double CalibrationSeconds);
