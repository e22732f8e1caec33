namespace Platform.Grains.Tenants;

/// <summary>
/// A sliding one-minute count in 60 one-second buckets: what was added in the last 60 whole seconds. Bounded memory
/// whatever the limit, and exact to the second for <see cref="SecondsUntilBelow"/> (the Retry-After of a refusal).
/// </summary>
internal sealed class MinuteWindow
{
    const int Seconds = 60;

    readonly long[] _amounts = new long[Seconds];
    readonly long[] _second = new long[Seconds];

    /// <summary>Counts <paramref name="amount"/> at <paramref name="now"/>.</summary>
    public void Add(DateTimeOffset now, long amount)
    {
        var second = now.ToUnixTimeSeconds();
        var slot = (int)(second % Seconds);
        if (_second[slot] != second)
        {
            _second[slot] = second;
            _amounts[slot] = 0;
        }
        _amounts[slot] += amount;
    }

    /// <summary>What was added within the minute before <paramref name="now"/>.</summary>
    public long Sum(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        long sum = 0;
        for (var slot = 0; slot < Seconds; slot++)
            if (InWindow(_second[slot], second))
                sum += _amounts[slot];
        return sum;
    }

    /// <summary>Whole seconds until the window's sum falls below <paramref name="limit"/> (0 when it already is).</summary>
    public int SecondsUntilBelow(DateTimeOffset now, long limit)
    {
        var second = now.ToUnixTimeSeconds();
        var sum = Sum(now);
        // The oldest second leaves first: walk forward until enough has left.
        for (var age = Seconds - 1; age >= 0 && sum >= limit; age--)
        {
            var at = second - age;
            var slot = (int)(at % Seconds);
            if (_second[slot] == at)
                sum -= _amounts[slot];
            if (sum < limit)
                return Seconds - age;
        }
        return sum < limit ? 0 : Seconds;
    }

    static bool InWindow(long bucket, long now) => bucket > now - Seconds && bucket <= now;
}
