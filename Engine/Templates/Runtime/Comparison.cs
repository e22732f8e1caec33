namespace Platform.Engine.Templates.Runtime;

/// <summary>Python equality, ordering and membership over runtime values.</summary>
internal static class Comparison
{
    public static bool AreEqual(object? a, object? b)
    {
        switch (a)
        {
            case null: return b is null;
            case Undefined: return b is Undefined;
            case string s: return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case long or double or bool when Values.IsNumber(b):
                return a is long x && b is long y ? x == y : Values.ToDouble(a) == Values.ToDouble(b);
            case List<object?> list when b is List<object?> other && (a is TupleValue) == (b is TupleValue):
                if (list.Count != other.Count)
                    return false;
                for (var i = 0; i < list.Count; i++)
                    if (!AreEqual(list[i], other[i]))
                        return false;
                return true;
            case OrderedDictionary<string, object?> dict when b is OrderedDictionary<string, object?> other:
                if (dict.Count != other.Count)
                    return false;
                foreach (var (key, value) in dict)
                    if (!other.TryGetValue(key, out var otherValue) || !AreEqual(value, otherValue))
                        return false;
                return true;
            default: return ReferenceEquals(a, b);
        }
    }

    /// <summary>Python ordering (<c>&lt;</c> and friends): numbers, strings by code point, sequences element-wise.</summary>
    public static int Compare(object? a, object? b, string op)
    {
        if (a is Undefined ua)
            throw ua.Fail();
        if (b is Undefined ub)
            throw ub.Fail();
        if (Values.IsNumber(a) && Values.IsNumber(b))
            return a is long x && b is long y ? x.CompareTo(y) : Values.ToDouble(a).CompareTo(Values.ToDouble(b));
        if (a is string s && b is string t)
            return string.CompareOrdinal(s, t);
        if (a is List<object?> l && b is List<object?> m && (a is TupleValue) == (b is TupleValue))
        {
            for (var i = 0; i < Math.Min(l.Count, m.Count); i++)
                if (!AreEqual(l[i], m[i]))
                    return Compare(l[i], m[i], op);
            return l.Count.CompareTo(m.Count);
        }
        throw new RenderError($"'{op}' not supported between instances of '{Values.TypeName(a)}' and '{Values.TypeName(b)}'");
    }

    /// <summary>Python's <c>needle in container</c>; an undefined container holds nothing, as in Jinja.</summary>
    public static bool Contains(object? container, object? needle) => container switch
    {
        string s => needle is string t
            ? s.Contains(t, StringComparison.Ordinal)
            : throw new RenderError($"'in <string>' requires string as left operand, not {Values.TypeName(needle)}"),
        List<object?> list => list.Exists(item => AreEqual(item, needle)),
        OrderedDictionary<string, object?> dict => needle is string key && dict.ContainsKey(key),
        Namespace ns => needle is string key && ns.Attributes.ContainsKey(key),
        Undefined => false,
        _ => throw new RenderError($"argument of type '{Values.TypeName(container)}' is not iterable"),
    };
}
