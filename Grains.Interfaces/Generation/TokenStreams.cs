namespace Platform.Grains.Interfaces.Generation;

/// <summary>Names of the runtime streams that carry token events: namespace "tokens", key = request id.</summary>
public static class TokenStreams
{
    public const string Namespace = "tokens";

    /// <summary>The stream provider name the silo registers for token streams.</summary>
    public const string Provider = "Default";

    public static Platform.Runtime.Streams.StreamId For(string requestId) => new(Namespace, requestId);
}
