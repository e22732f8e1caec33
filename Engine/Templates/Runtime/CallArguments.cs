namespace Platform.Engine.Templates.Runtime;

/// <summary>Evaluated positional and keyword arguments, read Python-style (by position, else by name, else a default).</summary>
internal sealed class CallArguments(List<object?> positional, Dictionary<string, object?> named)
{
    public List<object?> Positional { get; } = positional;

    public Dictionary<string, object?> Named { get; } = named;

    public bool Has(int index, string name) => index < Positional.Count || Named.ContainsKey(name);

    public object? Get(int index, string name, object? fallback = null) =>
        index < Positional.Count ? Positional[index] : Named.TryGetValue(name, out var value) ? value : fallback;

    public object? Require(int index, string name, string function) =>
        Has(index, name) ? Get(index, name) : throw new RenderError($"{function}() missing required argument '{name}'");

    public string? GetString(int index, string name, string? fallback = null) =>
        Get(index, name) is { } value and not Undefined ? Values.Str(value) : fallback;

    public long GetInt(int index, string name, long fallback) =>
        Get(index, name, fallback) switch
        {
            long l => l,
            bool b => b ? 1 : 0,
            double d when d == Math.Floor(d) => (long)d,
            var other => throw new RenderError($"argument '{name}' must be an integer, not {Values.TypeName(other)}"),
        };

    public bool GetBool(int index, string name, bool fallback) => Values.IsTruthy(Get(index, name, fallback));

    /// <summary>The arguments after the first <paramref name="skip"/> positional ones (for filters that forward to tests).</summary>
    public CallArguments Skip(int skip) => new(Positional.Skip(skip).ToList(), Named);
}
