namespace Platform.Runtime;

/// <summary>Ambient key/value pairs that travel with every grain call into the callee (the callee gets a copy; its changes stay its own).</summary>
public static class RequestContext
{
    private static readonly AsyncLocal<Dictionary<string, object?>?> Current = new();

    /// <summary>Sets a value for the rest of this flow and every grain call it makes.</summary>
    public static void Set(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Published dictionaries are never mutated, so a call can carry the reference as its copy.
        var copy = Current.Value is { } existing ? new Dictionary<string, object?>(existing) : new Dictionary<string, object?>(1);
        copy[key] = value;
        Current.Value = copy;
    }

    public static object? Get(string key) =>
        Current.Value is { } values && values.TryGetValue(key, out var value) ? value : null;

    public static bool Remove(string key)
    {
        if (Current.Value is not { } existing || !existing.ContainsKey(key))
            return false;
        var copy = new Dictionary<string, object?>(existing);
        copy.Remove(key);
        Current.Value = copy.Count == 0 ? null : copy;
        return true;
    }

    public static void Clear() => Current.Value = null;

    public static IReadOnlyCollection<string> Keys =>
        Current.Value is { } values ? values.Keys : Array.Empty<string>();

    /// <summary>The current values as an immutable snapshot for an outgoing call.</summary>
    internal static IReadOnlyDictionary<string, object?>? Export() => Current.Value;

    /// <summary>Installs a caller's snapshot as the ambient values of the callee's turn.</summary>
    internal static void Import(IReadOnlyDictionary<string, object?>? values) =>
        Current.Value = values switch
        {
            null => null,
            Dictionary<string, object?> published => published,
            // Values that arrived some other way (e.g. deserialized) are copied into a private dictionary.
            _ => new Dictionary<string, object?>(values),
        };
}
