namespace Platform.Engine.Templates.Runtime;

/// <summary>The Python methods templates call on values: <c>str.strip()</c>, <c>dict.items()</c>, <c>list.index()</c>…</summary>
internal static class Methods
{
    public static Callable? Find(object? target, string name) => target switch
    {
        string s => StringMethods.Find(s, name),
        OrderedDictionary<string, object?> dict => FindDictMethod(dict, name),
        List<object?> list => FindListMethod(list, name),
        _ => null,
    };

    private static Callable? FindDictMethod(OrderedDictionary<string, object?> dict, string name) => name switch
    {
        "get" => new(name, args => args.Require(0, "key", name) is string key && dict.TryGetValue(key, out var value) ? value : args.Get(1, "default")),
        "items" => new(name, _ => Items(dict)),
        "keys" => new(name, _ => dict.Keys.Cast<object?>().ToList()),
        "values" => new(name, _ => dict.Values.ToList()),
        "copy" => new(name, _ => new OrderedDictionary<string, object?>(dict, StringComparer.Ordinal)),
        _ => null,
    };

    private static Callable? FindListMethod(List<object?> list, string name) => name switch
    {
        "count" => new(name, args => (long)list.Count(item => Comparison.AreEqual(item, args.Require(0, "value", name)))),
        "index" => new(name, args =>
        {
            var index = list.FindIndex(item => Comparison.AreEqual(item, args.Require(0, "value", name)));
            return index >= 0 ? (long)index : throw new RenderError($"{Values.Repr(args.Get(0, "value"))} is not in list");
        }),
        "append" or "extend" or "insert" or "pop" or "remove" or "clear" or "sort" or "reverse" =>
            new(name, _ => throw new RenderError($"cannot modify a list with '{name}': chat templates render in an immutable sandbox")),
        _ => null,
    };

    public static List<object?> Items(OrderedDictionary<string, object?> dict) =>
        dict.Select(pair => (object?)new TupleValue { pair.Key, pair.Value }).ToList();
}
