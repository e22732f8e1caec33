using System.Globalization;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Jinja's built-in filters (plus transformers' <c>tojson</c>), looked up by name.</summary>
internal static class Filters
{
    private delegate object? Filter(object? value, CallArguments args);

    private static readonly Dictionary<string, Filter> All = new(StringComparer.Ordinal)
    {
        ["abs"] = (v, _) => v switch
        {
            long l => (object)Math.Abs(l),
            double d => Math.Abs(d),
            bool b => b ? 1L : 0L,
            _ => throw new RenderError($"bad operand type for abs(): '{Values.TypeName(v)}'"),
        },
        ["attr"] = (v, a) => Access.Attribute(v, a.GetString(0, "name") ?? throw new RenderError("attr() needs a name")),
        ["capitalize"] = (v, _) => StringMethods.Capitalize(Values.Str(v)),
        ["center"] = (v, a) => TextFilters.Center(Values.Str(v), (int)a.GetInt(0, "width", 80)),
        ["count"] = (v, _) => Values.Length(v),
        ["length"] = (v, _) => Values.Length(v),
        ["default"] = Default,
        ["d"] = Default,
        ["dictsort"] = (v, a) => CollectionFilters.DictSort(v, a),
        ["escape"] = (v, _) => TextFilters.Escape(Values.Str(v)),
        ["e"] = (v, _) => TextFilters.Escape(Values.Str(v)),
        ["forceescape"] = (v, _) => TextFilters.Escape(Values.Str(v)),
        ["first"] = (v, _) => Values.Iterate(v) is { Count: > 0 } items ? items[0] : new Undefined("no first item, sequence was empty"),
        ["last"] = (v, _) => Values.Iterate(v) is { Count: > 0 } items ? items[^1] : new Undefined("no last item, sequence was empty"),
        ["float"] = (v, a) => ToFloat(v) ?? Values.ToDouble(a.Get(0, "default", 0.0)),
        ["int"] = (v, a) => ToInt(v, a.GetInt(1, "base", 10)) ?? a.Get(0, "default", 0L),
        ["format"] = (v, a) => a.Named.Count > 0 && a.Positional.Count == 0
            ? PercentFormat.Format(Values.Str(v), new OrderedDictionary<string, object?>(a.Named))
            : PercentFormat.Format(Values.Str(v), new TupleValue(a.Positional)),
        ["indent"] = (v, a) => TextFilters.Indent(Values.Str(v), a.Get(0, "width", 4L), a.GetBool(1, "first", false), a.GetBool(2, "blank", false)),
        ["items"] = (v, _) => v switch
        {
            OrderedDictionary<string, object?> dict => Methods.Items(dict),
            Undefined => new List<object?>(),
            _ => throw new RenderError($"can only get item pairs from a mapping, not {Values.TypeName(v)}"),
        },
        ["join"] = (v, a) => CollectionFilters.Join(v, a),
        ["list"] = (v, _) => new List<object?>(Values.Iterate(v)),
        ["lower"] = (v, _) => Values.Str(v).ToLowerInvariant(),
        ["upper"] = (v, _) => Values.Str(v).ToUpperInvariant(),
        ["map"] = (v, a) => CollectionFilters.Map(v, a),
        ["max"] = (v, a) => CollectionFilters.Extreme(v, a, pickLarger: true),
        ["min"] = (v, a) => CollectionFilters.Extreme(v, a, pickLarger: false),
        ["reject"] = (v, a) => CollectionFilters.Select(v, a, byAttribute: false, keep: false),
        ["rejectattr"] = (v, a) => CollectionFilters.Select(v, a, byAttribute: true, keep: false),
        ["select"] = (v, a) => CollectionFilters.Select(v, a, byAttribute: false, keep: true),
        ["selectattr"] = (v, a) => CollectionFilters.Select(v, a, byAttribute: true, keep: true),
        ["replace"] = (v, a) => StringMethods.Replace(Values.Str(v), a.GetString(0, "old") ?? "", a.GetString(1, "new") ?? "", a.Get(2, "count") is null ? -1 : a.GetInt(2, "count", -1)),
        ["reverse"] = (v, _) => v is string s ? CodePoints.Join(Enumerable.Reverse(CodePoints.Split(s))) : Enumerable.Reverse(Values.Iterate(v)).ToList(),
        ["round"] = (v, a) => Round(Values.ToDouble(v), (int)a.GetInt(0, "precision", 0), a.GetString(1, "method", "common")!),
        ["safe"] = (v, _) => v,
        ["sort"] = (v, a) => CollectionFilters.Sort(v, a),
        ["string"] = (v, _) => Values.Str(v),
        ["sum"] = (v, a) => CollectionFilters.Sum(v, a),
        ["title"] = (v, _) => TextFilters.Title(Values.Str(v)),
        ["tojson"] = JsonWriter.Write,
        ["trim"] = (v, a) => StringMethods.Strip(Values.Str(v), a.Get(0, "chars"), true, true),
        ["unique"] = (v, a) => CollectionFilters.Unique(v, a),
        ["wordcount"] = (v, _) => TextFilters.WordCount(Values.Str(v)),
    };

    public static bool Exists(string name) => All.ContainsKey(name);

    public static object? Apply(string name, object? value, CallArguments args) =>
        All.TryGetValue(name, out var filter) ? filter(value, args) : throw new RenderError($"no filter named '{name}'");

    private static object? Default(object? value, CallArguments args)
    {
        var useIfFalsy = args.GetBool(1, "boolean", false);
        return value is Undefined || (useIfFalsy && !Values.IsTruthy(value)) ? args.Get(0, "default_value", "") : value;
    }

    private static object? ToInt(object? value, long numberBase) => value switch
    {
        long or bool => (long)Values.ToDouble(value),
        double d when double.IsFinite(d) => (long)Math.Truncate(d),
        string s when numberBase == 10 && long.TryParse(s.Trim().Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        string s when numberBase != 10 && TryParseBase(s.Trim(), (int)numberBase, out var l) => l,
        string s when ToFloat(s) is double d && double.IsFinite(d) => (long)Math.Truncate(d),
        _ => null,
    };

    private static bool TryParseBase(string s, int numberBase, out long value)
    {
        value = 0;
        try
        {
            value = Convert.ToInt64(s, numberBase);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static double? ToFloat(object? value) => value switch
    {
        long or bool or double => Values.ToDouble(value),
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static double Round(double value, int precision, string method)
    {
        var scale = Math.Pow(10, precision);
        return method switch
        {
            "common" => Math.Round(value, Math.Clamp(precision, 0, 15), MidpointRounding.ToEven),
            "ceil" => Math.Ceiling(value * scale) / scale,
            "floor" => Math.Floor(value * scale) / scale,
            _ => throw new RenderError("method must be 'common', 'ceil' or 'floor'"),
        };
    }
}
