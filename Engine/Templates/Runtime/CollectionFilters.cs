namespace Platform.Engine.Templates.Runtime;

/// <summary>Jinja's filters over sequences: map, select/reject(attr), sort, unique, dictsort, join, sum, min/max.</summary>
internal static class CollectionFilters
{
    public static string Join(object? value, CallArguments args)
    {
        var separator = args.GetString(0, "d", "")!;
        var items = Values.Iterate(value);
        if (args.GetString(1, "attribute") is { } attribute)
            items = items.Select(AttributeGetter(attribute)).ToList();
        return string.Join(separator, items.Select(Values.Str));
    }

    public static List<object?> Map(object? value, CallArguments args)
    {
        var items = Values.Iterate(value);
        if (args.Positional.Count == 0 && args.Named.TryGetValue("attribute", out var attribute))
        {
            var getter = AttributeGetter(Values.Str(attribute));
            var hasDefault = args.Named.TryGetValue("default", out var fallback);
            return items.Select(item => getter(item) is Undefined && hasDefault ? fallback : getter(item)).ToList();
        }
        var filter = args.GetString(0, "filter") ?? throw new RenderError("map() needs a filter name or attribute=");
        var rest = args.Skip(1);
        return items.Select(item => Filters.Apply(filter, item, rest)).ToList();
    }

    public static List<object?> Select(object? value, CallArguments args, bool byAttribute, bool keep)
    {
        var items = Values.Iterate(value);
        var rest = args;
        Func<object?, object?> project = item => item;
        if (byAttribute)
        {
            project = AttributeGetter(args.GetString(0, "attribute") ?? throw new RenderError("selectattr() needs an attribute name"));
            rest = args.Skip(1);
        }
        Func<object?, bool> test = rest.Positional.Count == 0
            ? Values.IsTruthy
            : item => Tests.Apply(Values.Str(rest.Positional[0]), item, rest.Skip(1));
        return items.Where(item => test(project(item)) == keep).ToList();
    }

    public static List<object?> Sort(object? value, CallArguments args)
    {
        var reverse = args.GetBool(0, "reverse", false);
        var key = SortKey(args.GetBool(1, "case_sensitive", false), args.GetString(2, "attribute"));
        return Order(Values.Iterate(value), key, reverse);
    }

    public static List<object?> Unique(object? value, CallArguments args)
    {
        var key = SortKey(args.GetBool(0, "case_sensitive", false), args.GetString(1, "attribute"));
        var seen = new List<object?>();
        var result = new List<object?>();
        foreach (var item in Values.Iterate(value))
        {
            var k = key(item);
            if (seen.Exists(s => Comparison.AreEqual(s, k)))
                continue;
            seen.Add(k);
            result.Add(item);
        }
        return result;
    }

    public static List<object?> DictSort(object? value, CallArguments args)
    {
        if (value is not OrderedDictionary<string, object?> dict)
            throw new RenderError($"dictsort needs a mapping, not {Values.TypeName(value)}");
        var caseSensitive = args.GetBool(0, "case_sensitive", false);
        var position = args.GetString(1, "by", "key") switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw new RenderError("You can only sort by either 'key' or 'value'"),
        };
        var key = SortKey(caseSensitive, null);
        return Order(Methods.Items(dict), pair => key(((TupleValue)pair!)[position]), args.GetBool(2, "reverse", false));
    }

    public static object? Sum(object? value, CallArguments args)
    {
        var items = Values.Iterate(value);
        if (args.GetString(0, "attribute") is { } attribute)
            items = items.Select(AttributeGetter(attribute)).ToList();
        var total = args.Get(1, "start", 0L);
        foreach (var item in items)
            total = Arithmetic.Apply("+", total, item);
        return total;
    }

    public static object? Extreme(object? value, CallArguments args, bool pickLarger)
    {
        var key = SortKey(args.GetBool(0, "case_sensitive", false), args.GetString(1, "attribute"));
        var items = Values.Iterate(value);
        if (items.Count == 0)
            return new Undefined($"No aggregated item, sequence was empty.");
        var best = items[0];
        foreach (var item in items.Skip(1))
        {
            var order = Comparison.Compare(key(item), key(best), pickLarger ? ">" : "<");
            if (pickLarger ? order > 0 : order < 0)
                best = item;
        }
        return best;
    }

    /// <summary>Jinja's attribute getter: <c>"a.b.0"</c> walks keys and indexes.</summary>
    public static Func<object?, object?> AttributeGetter(string path)
    {
        var parts = path.Split('.').Select(part => long.TryParse(part, out var index) ? (object)index : part).ToArray();
        return item =>
        {
            foreach (var part in parts)
            {
                if (item is Undefined)
                    return item;
                item = Access.Item(item, part);
            }
            return item;
        };
    }

    private static Func<object?, object?> SortKey(bool caseSensitive, string? attribute)
    {
        var getter = attribute is null ? null : AttributeGetter(attribute);
        return item =>
        {
            var key = getter is null ? item : getter(item);
            return !caseSensitive && key is string s ? s.ToLowerInvariant() : key;
        };
    }

    private static List<object?> Order(List<object?> items, Func<object?, object?> key, bool reverse)
    {
        var comparer = Comparer<object?>.Create((a, b) => Comparison.Compare(a, b, "<"));
        var ordered = reverse ? items.OrderByDescending(key, comparer) : items.OrderBy(key, comparer);
        return ordered.ToList();
    }
}
