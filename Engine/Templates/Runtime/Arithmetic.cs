using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Python's arithmetic operators over runtime values, failing like Python (and Jinja's undefined) on bad operands.</summary>
internal static class Arithmetic
{
    // Bounds `'x' * n` and `[x] * n` so a template cannot exhaust memory.
    private const long MaxRepeat = 10_000_000;

    public static object? Apply(string op, object? a, object? b)
    {
        if (a is Undefined ua)
            throw ua.Fail();
        if (b is Undefined ub)
            throw ub.Fail();
        return op switch
        {
            "+" => Add(a, b),
            "-" => Numeric(a, b, op, (x, y) => checked(x - y), (x, y) => x - y),
            "*" => Multiply(a, b),
            "/" => Divide(a, b),
            "//" => FloorDivide(a, b),
            "%" => a is string format ? PercentFormat.Format(format, b) : Modulo(a, b),
            "**" => Power(a, b),
            _ => throw new RenderError($"unknown operator '{op}'"),
        };
    }

    public static object? Negate(object? value) => value switch
    {
        long l => (object)checked(-l),
        double d => -d,
        bool b => b ? -1L : 0L,
        Undefined u => throw u.Fail(),
        _ => throw new RenderError($"bad operand type for unary -: '{Values.TypeName(value)}'"),
    };

    private static object? Add(object? a, object? b) => (a, b) switch
    {
        (string s, string t) => s + t,
        (string, _) => throw new RenderError($"can only concatenate str (not \"{Values.TypeName(b)}\") to str"),
        (TupleValue x, TupleValue y) => new TupleValue(x.Concat(y)),
        (List<object?> x, List<object?> y) when a is not TupleValue && b is not TupleValue => new List<object?>(x.Concat(y)),
        _ => Numeric(a, b, "+", (x, y) => checked(x + y), (x, y) => x + y),
    };

    private static object? Multiply(object? a, object? b)
    {
        if (a is string s && b is long or bool)
            return Repeat(s, Values.ToDouble(b));
        if (b is string t && a is long or bool)
            return Repeat(t, Values.ToDouble(a));
        if (a is List<object?> list && b is long n && a is not TupleValue)
            return n * list.Count > MaxRepeat
                ? throw new RenderError("list repetition is too large")
                : Enumerable.Range(0, (int)Math.Max(0, n)).SelectMany(_ => list).ToList();
        return Numeric(a, b, "*", (x, y) => checked(x * y), (x, y) => x * y);
    }

    private static string Repeat(string s, double times)
    {
        if (times * s.Length > MaxRepeat)
            throw new RenderError("string repetition is too large");
        var sb = new StringBuilder();
        for (var i = 0; i < times; i++)
            sb.Append(s);
        return sb.ToString();
    }

    private static object Divide(object? a, object? b)
    {
        Number(a, b, "/");
        var divisor = Values.ToDouble(b);
        return divisor == 0 ? throw new RenderError("division by zero") : Values.ToDouble(a) / divisor;
    }

    private static object FloorDivide(object? a, object? b) => Numeric(NonZeroDivisor(a, b, "//"), b, "//",
        (x, y) => x / y - (x % y != 0 && (x < 0) != (y < 0) ? 1 : 0),
        (x, y) => Math.Floor(x / y));

    // Python's modulo takes the divisor's sign.
    private static object Modulo(object? a, object? b) => Numeric(NonZeroDivisor(a, b, "%"), b, "%",
        (x, y) => x % y is var r && r != 0 && (r < 0) != (y < 0) ? r + y : r,
        (x, y) => x % y is var m && m != 0 && (m < 0) != (y < 0) ? m + y : m);

    private static object? NonZeroDivisor(object? a, object? b, string op)
    {
        Number(a, b, op);
        return Values.ToDouble(b) == 0 ? throw new RenderError("integer division or modulo by zero") : a;
    }

    private static object Power(object? a, object? b)
    {
        Number(a, b, "**");
        if (a is long x && b is long y && y >= 0)
        {
            long result = 1;
            for (var i = 0; i < y; i++)
                result = checked(result * x);
            return result;
        }
        return Math.Pow(Values.ToDouble(a), Values.ToDouble(b));
    }

    private static object Numeric(object? a, object? b, string op, Func<long, long, long> onLong, Func<double, double, double> onDouble)
    {
        Number(a, b, op);
        return a is long or bool && b is long or bool
            ? (object)onLong(AsLong(a), AsLong(b))
            : onDouble(Values.ToDouble(a), Values.ToDouble(b));
    }

    private static long AsLong(object? value) => value is bool b ? (b ? 1 : 0) : (long)value!;

    private static object? Number(object? a, object? b, string op) =>
        Values.IsNumber(a) && Values.IsNumber(b)
            ? a
            : throw new RenderError($"unsupported operand type(s) for {op}: '{Values.TypeName(a)}' and '{Values.TypeName(b)}'");
}
