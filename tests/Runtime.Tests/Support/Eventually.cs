namespace Platform.Runtime.Tests.Support;

/// <summary>Waits for a condition that background work (collection, timers) makes true; fails with a message if it never does.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }
}
