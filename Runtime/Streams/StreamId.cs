namespace Platform.Runtime.Streams;

/// <summary>A stream's name: a namespace (what kind of stream, e.g. "tokens") and a key within it (e.g. a request id).</summary>
public readonly record struct StreamId
{
    public StreamId(string @namespace, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        ArgumentNullException.ThrowIfNull(key);
        Namespace = @namespace;
        Key = key;
    }

    public string Namespace { get; }
    public string Key { get; }

    public override string ToString() => $"{Namespace}/{Key}";
}
