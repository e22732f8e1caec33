namespace Platform.Engine.Templates.Runtime;

/// <summary>Jinja's <c>obj.name</c>, <c>obj[key]</c> and slicing: missing members are undefined rather than errors.</summary>
internal static class Access
{
    /// <summary><c>obj.name</c>: methods first, then keys (Jinja's getattr-then-getitem order).</summary>
    public static object? Attribute(object? target, string name)
    {
        switch (target)
        {
            case Undefined undefined:
                throw undefined.Fail();
            case Namespace ns:
                return ns.Attributes.TryGetValue(name, out var attribute) ? attribute : Undefined.Attribute(ns, name);
            case LoopContext loop:
                return loop.Get(name);
        }
        if (Methods.Find(target, name) is { } method)
            return method;
        if (target is OrderedDictionary<string, object?> dict && dict.TryGetValue(name, out var value))
            return value;
        return Undefined.Attribute(target, name);
    }

    /// <summary><c>obj[key]</c>: keys and indexes first, then attributes (Jinja's getitem-then-getattr order).</summary>
    public static object? Item(object? target, object? key)
    {
        switch (target)
        {
            case Undefined undefined:
                throw undefined.Fail();
            case OrderedDictionary<string, object?> dict when key is string name && dict.TryGetValue(name, out var value):
                return value;
            case List<object?> list when key is long or bool:
                var index = Normalize((long)Values.ToDouble(key), list.Count);
                return index >= 0 && index < list.Count ? list[(int)index] : new Undefined($"{Values.TypeName(list)} object has no element {key}");
            case string s when key is long or bool:
                var chars = CodePoints.HasSurrogates(s) ? CodePoints.Split(s) : null;
                var length = chars?.Count ?? s.Length;
                var at = Normalize((long)Values.ToDouble(key), length);
                if (at < 0 || at >= length)
                    return new Undefined($"string index {key} out of range");
                return chars is null ? s[(int)at].ToString() : chars[(int)at];
        }
        if (key is string attributeName)
            return target is OrderedDictionary<string, object?> ? Undefined.Attribute(target, attributeName) : Attribute(target, attributeName);
        return new Undefined($"{Values.TypeName(target)} object has no element {Values.Repr(key)}");
    }

    /// <summary>Python slicing <c>obj[start:stop:step]</c> of lists, tuples and strings.</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        if (target is Undefined undefined)
            throw undefined.Fail();
        var stride = step is null ? 1 : AsIndex(step, "step");
        if (stride == 0)
            throw new RenderError("slice step cannot be zero");
        var items = target switch
        {
            List<object?> list => list,
            string s => CodePoints.Split(s),
            _ => throw new RenderError($"'{Values.TypeName(target)}' object is not subscriptable"),
        };
        var (from, to) = Bounds(items.Count, start is null ? null : AsIndex(start, "start"), stop is null ? null : AsIndex(stop, "stop"), stride);
        var result = new List<object?>();
        for (var i = from; stride > 0 ? i < to : i > to; i += stride)
            result.Add(items[(int)i]);
        return target switch
        {
            string => CodePoints.Join(result),
            TupleValue => new TupleValue(result),
            _ => result,
        };
    }

    private static long AsIndex(object? value, string role) => value is long or bool
        ? (long)Values.ToDouble(value)
        : throw new RenderError($"slice {role} must be an integer or none, not {Values.TypeName(value)}");

    private static long Normalize(long index, int count) => index < 0 ? index + count : index;

    // Python's PySlice_AdjustIndices.
    private static (long From, long To) Bounds(int count, long? start, long? stop, long step)
    {
        long lower = step < 0 ? -1 : 0, upper = step < 0 ? count - 1 : count;
        long Clamp(long? value, long fallback)
        {
            if (value is not { } v)
                return fallback;
            if (v < 0)
                v += count;
            return Math.Clamp(v, lower, upper);
        }
        return (Clamp(start, step < 0 ? upper : lower), Clamp(stop, step < 0 ? lower : upper));
    }
}
