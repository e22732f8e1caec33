namespace Platform.Tests;

/// <summary>Waits for a condition that background work (collection, timers, engine steps) makes true; fails with a message if it never does.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/>; on timeout the failure names <paramref name="what"/> and, when given, what <paramref name="detail"/> says then.</summary>
    public static async Task True(Func<Task<bool>> condition, string what, int timeoutSeconds = 30, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}." + (detail is null ? "" : $" {detail()}"));
            await Task.Delay(10);
        }
    }

    public static Task True(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        True(() => Task.FromResult(condition()), what, timeoutSeconds);
}
