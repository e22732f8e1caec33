using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Sessions;

/// <summary>
/// Runs a grain-state operation and turns a storage failure into a 503-style refusal whose message names neither
/// hosts nor SQL, so the caller always sees a failed write and never the database's details.
/// </summary>
internal static class StateCalls
{
    public static async Task GuardAsync(Func<Task> operation, string verb)
    {
        try
        {
            await operation();
        }
        catch (Exception error) when (error is not PlatformRequestException && error is not OperationCanceledException)
        {
            throw new PlatformRequestException(PlatformRequestException.StateUnavailable,
                $"The session could not be {verb}: the cluster database is unavailable; retry later.");
        }
    }
}
