using System.Runtime.ExceptionServices;

namespace PerfGate.Core.Against;

/// <summary>
/// Two pieces of work side by side (both sides' start-up and model preparation: nothing is timed then), each error
/// rethrown as itself (not wrapped), the first one's when both fail. What succeeded is handed to <c>cleanUp</c> when the
/// other failed, so that a started process is never left behind.
/// </summary>
internal static class Concurrently
{
    public static (T1, T2) Run<T1, T2>(Func<T1> first, Func<T2> second, Action<object?>? cleanUp = null)
    {
        var other = Task.Run(second);
        T1 one;
        try
        {
            one = first();
        }
        catch
        {
            try
            {
                cleanUp?.Invoke(other.GetAwaiter().GetResult());
            }
            catch
            {
                // the first error is the one reported
            }
            throw;
        }
        try
        {
            return (one, other.GetAwaiter().GetResult());
        }
        catch (Exception e)
        {
            cleanUp?.Invoke(one);
            ExceptionDispatchInfo.Capture(e).Throw();
            throw;
        }
    }
}
