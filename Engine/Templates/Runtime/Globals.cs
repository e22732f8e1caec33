namespace Platform.Engine.Templates.Runtime;

/// <summary>The functions every chat template can call: <c>range</c>, <c>namespace</c>, <c>dict</c>, <c>raise_exception</c>, <c>strftime_now</c>.</summary>
internal static class Globals
{
    private const long MaxRange = 1_000_000;

    public static void Install(Scope scope, TimeProvider clock)
    {
        scope.Set("range", new Callable("range", Range));
        scope.Set("namespace", new Callable("namespace", MakeNamespace));
        scope.Set("dict", new Callable("dict", args =>
        {
            var dict = args.Positional.Count > 0 && args.Positional[0] is OrderedDictionary<string, object?> source
                ? new OrderedDictionary<string, object?>(source, StringComparer.Ordinal)
                : new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in args.Named)
                dict[key] = value;
            return dict;
        }));
        scope.Set("raise_exception", new Callable("raise_exception", args =>
            throw new RenderError(Values.Str(args.Get(0, "message", "")), raisedByTemplate: true)));
        scope.Set("strftime_now", new Callable("strftime_now", args =>
            Strftime.Format(clock.GetLocalNow(), args.GetString(0, "format") ?? throw new RenderError("strftime_now() needs a format"))));
    }

    private static object Range(CallArguments args)
    {
        long start = 0, stop, step = 1;
        switch (args.Positional.Count)
        {
            case 1:
                stop = args.GetInt(0, "stop", 0);
                break;
            case 2 or 3:
                start = args.GetInt(0, "start", 0);
                stop = args.GetInt(1, "stop", 0);
                step = args.GetInt(2, "step", 1);
                break;
            default:
                throw new RenderError($"range expected 1 to 3 arguments, got {args.Positional.Count}");
        }
        if (step == 0)
            throw new RenderError("range() arg 3 must not be zero");
        var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        if (count > MaxRange)
            throw new RenderError($"range() of {count} items is too large for a template");
        var items = new List<object?>((int)Math.Max(0, count));
        for (var i = 0L; i < count; i++)
            items.Add(start + i * step);
        return items;
    }

    private static object MakeNamespace(CallArguments args)
    {
        var ns = new Namespace();
        foreach (var value in args.Positional)
        {
            if (value is not OrderedDictionary<string, object?> dict)
                throw new RenderError($"namespace() takes a mapping, not {Values.TypeName(value)}");
            foreach (var (key, item) in dict)
                ns.Attributes[key] = item;
        }
        foreach (var (key, value) in args.Named)
            ns.Attributes[key] = value;
        return ns;
    }
}
