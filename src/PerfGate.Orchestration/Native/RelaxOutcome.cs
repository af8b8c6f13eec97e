namespace PerfGate.Orchestration.Native;

internal enum RelaxOutcome
{
    /// <summary>The host library defines every version the file needs: the file is left untouched.</summary>
    NothingMissing,

    /// <summary>The missing versions were already marked weak (an earlier build): the file is left untouched.</summary>
    AlreadyRelaxed,

    /// <summary>The missing versions were marked weak in a fresh copy that replaced the file.</summary>
    Relaxed,

    /// <summary>A missing version binds a symbol that is really used: marking it weak would only move the failure.</summary>
    Unsafe,
}
