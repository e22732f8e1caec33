namespace Platform.Api.Hosting.Rejections;

/// <summary>
/// A connection feature saying whether the app is handling a request on this HTTP/1.1 connection: set when the
/// pipeline starts, cleared once the response is complete. Output written while it is clear is Kestrel's own.
/// </summary>
internal sealed class ResponseOwnership
{
    volatile bool _app;

    /// <summary>True from the start of the app's pipeline until its response completed.</summary>
    public bool AppOwnsResponse => _app;

    /// <summary>Marks the app as writing the current response.</summary>
    public void AppStarted() => _app = true;

    /// <summary>Marks the app's response as complete (called from Response.OnCompleted).</summary>
    public void AppCompleted() => _app = false;
}
