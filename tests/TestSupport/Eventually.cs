namespace Platform.Tests;

/// <summary>Waits for a condition that background work (collection, timers, engine steps) makes true; fails with a message if it never does.</summary>
internal static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    public static Task True(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        True(() => Task.FromResult(condition()), what, timeoutSeconds);
}
