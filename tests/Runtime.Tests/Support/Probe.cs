namespace Platform.Runtime.Tests.Support;

/// <summary>Counts how many turns are inside a section at once and the most ever seen.</summary>
internal sealed class Probe
{
    private int inside;
    private int max;
    private int entries;

    public int Max => Volatile.Read(ref max);
    public int Entries => Volatile.Read(ref entries);

    public void Enter()
    {
        Interlocked.Increment(ref entries);
        var now = Interlocked.Increment(ref inside);
        int seen;
        while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref inside);
}
