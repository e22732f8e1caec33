namespace Platform.Runtime.Timers;

/// <summary>A timer owned by one activation; dispose to stop it (deactivation disposes it too).</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Re-arms the timer; takes effect after a tick in progress finishes.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
