namespace Platform.Engine.Templates.Runtime;

/// <summary>Jinja's built-in tests (<c>x is defined</c>, <c>x is string</c>, <c>x is divisibleby 3</c>…), looked up by name.</summary>
internal static class Tests
{
    private delegate bool Test(object? value, CallArguments args);

    private static readonly Dictionary<string, Test> All = new(StringComparer.Ordinal)
    {
        ["boolean"] = (v, _) => v is bool,
        ["callable"] = (v, _) => v is Callable,
        ["defined"] = (v, _) => v is not Undefined,
        ["undefined"] = (v, _) => v is Undefined,
        ["none"] = (v, _) => v is null,
        ["true"] = (v, _) => v is true,
        ["false"] = (v, _) => v is false,
        ["string"] = (v, _) => v is string,
        ["number"] = (v, _) => v is long or double or bool,
        ["integer"] = (v, _) => v is long,
        ["float"] = (v, _) => v is double,
        ["mapping"] = (v, _) => v is OrderedDictionary<string, object?>,
        ["sequence"] = (v, _) => v is string or List<object?> or OrderedDictionary<string, object?> or Undefined,
        ["iterable"] = (v, _) => v is string or List<object?> or OrderedDictionary<string, object?> or Undefined,
        ["escaped"] = (_, _) => false,
        ["odd"] = (v, _) => Integer(v, "odd") % 2 != 0,
        ["even"] = (v, _) => Integer(v, "even") % 2 == 0,
        ["divisibleby"] = (v, a) => a.GetInt(0, "num", 1) is var n && n != 0 ? Integer(v, "divisibleby") % n == 0 : throw new RenderError("integer division or modulo by zero"),
        ["lower"] = (v, _) => v is string s && s.Any(char.IsLetter) && s == s.ToLowerInvariant(),
        ["upper"] = (v, _) => v is string s && s.Any(char.IsLetter) && s == s.ToUpperInvariant(),
        ["in"] = (v, a) => Comparison.Contains(a.Require(0, "seq", "in"), v),
        ["sameas"] = (v, a) => SameAs(v, a.Require(0, "other", "sameas")),
        ["filter"] = (v, _) => v is string name && Filters.Exists(name),
        ["test"] = (v, _) => v is string name && All!.ContainsKey(name),
        ["eq"] = Equal,
        ["equalto"] = Equal,
        ["=="] = Equal,
        ["ne"] = (v, a) => !Equal(v, a),
        ["!="] = (v, a) => !Equal(v, a),
        ["lt"] = (v, a) => Order(v, a, "<") < 0,
        ["lessthan"] = (v, a) => Order(v, a, "<") < 0,
        ["<"] = (v, a) => Order(v, a, "<") < 0,
        ["le"] = (v, a) => Order(v, a, "<=") <= 0,
        ["<="] = (v, a) => Order(v, a, "<=") <= 0,
        ["gt"] = (v, a) => Order(v, a, ">") > 0,
        ["greaterthan"] = (v, a) => Order(v, a, ">") > 0,
        [">"] = (v, a) => Order(v, a, ">") > 0,
        ["ge"] = (v, a) => Order(v, a, ">=") >= 0,
        [">="] = (v, a) => Order(v, a, ">=") >= 0,
    };

    public static bool Apply(string name, object? value, CallArguments args) =>
        All.TryGetValue(name, out var test) ? test(value, args) : throw new RenderError($"no test named '{name}'");

    private static bool Equal(object? value, CallArguments args) => Comparison.AreEqual(value, args.Require(0, "other", "eq"));

    private static int Order(object? value, CallArguments args, string op) => Comparison.Compare(value, args.Require(0, "other", op), op);

    private static long Integer(object? value, string test) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d when d == Math.Floor(d) => (long)d,
        Undefined u => throw u.Fail(),
        _ => throw new RenderError($"'{test}' test needs a number, not {Values.TypeName(value)}"),
    };

    // Python's `is`: identity for containers, value identity for the immutable singletons and small values.
    private static bool SameAs(object? a, object? b) => a switch
    {
        null => b is null,
        bool x => b is bool y && x == y,
        long x => b is long y && x == y,
        string x => b is string y && x == y,
        _ => ReferenceEquals(a, b),
    };
}
