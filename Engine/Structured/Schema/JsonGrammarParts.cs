using Platform.Engine.Structured.Grammar;
using static Platform.Engine.Structured.Grammar.GrammarNode;

namespace Platform.Engine.Structured.Schema;

/// <summary>
/// The pieces of JSON text as grammar nodes (RFC 8259), sized so that generation always ends: whitespace runs, integer
/// digits, fractions and exponents are bounded. Shared rules (any value, any string) are created once per builder.
/// </summary>
public sealed class JsonGrammarParts(GrammarBuilder builder)
{
    /// <summary>The longest whitespace run allowed between tokens (a random model cannot emit spaces forever).</summary>
    public const int MaxWhitespace = 12;

    /// <summary>The most digits of an integer (or a number's integer part) when no bounds are given: exact in a double.</summary>
    public const int MaxIntegerDigits = 16;

    /// <summary>The most fraction digits of a number.</summary>
    public const int MaxFractionDigits = 16;

    /// <summary>The most exponent digits of a number (so every number is a finite double).</summary>
    public const int MaxExponentDigits = 2;

    private int? _anyValue;
    private int? _anyString;

    /// <summary>The builder the parts are added to.</summary>
    public GrammarBuilder Builder => builder;

    /// <summary>0 to <see cref="MaxWhitespace"/> bytes of space, tab, newline or carriage return.</summary>
    public static GrammarNode Whitespace { get; } = new Repeat(Any(new ByteRange((byte)' ', (byte)' '), new ByteRange((byte)'\t', (byte)'\n'), new ByteRange((byte)'\r', (byte)'\r')), 0, MaxWhitespace);

    private static GrammarNode Digit => new ByteRange((byte)'0', (byte)'9');

    /// <summary>An integer of at most <see cref="MaxIntegerDigits"/> digits.</summary>
    public static GrammarNode Integer { get; } = Seq(Optional(Text("-")), UnsignedInteger);

    private static GrammarNode UnsignedInteger => Any(Text("0"), Seq(new ByteRange((byte)'1', (byte)'9'), new Repeat(Digit, 0, MaxIntegerDigits - 1)));

    /// <summary>A number: integer part, optional fraction, optional exponent, each bounded.</summary>
    public static GrammarNode Number { get; } = Seq(Integer,
        Optional(Seq(Text("."), new Repeat(Digit, 1, MaxFractionDigits))),
        Optional(Seq(Any(Text("e"), Text("E")), Optional(Any(Text("+"), Text("-"))), new Repeat(Digit, 1, MaxExponentDigits))));

    /// <summary>true or false.</summary>
    public static GrammarNode Boolean { get; } = Any(Text("true"), Text("false"));

    /// <summary>One character of a JSON string whose decoded value is in <paramref name="set"/>, written the way JSON must write it.</summary>
    public static GrammarNode Character(CodePointSet set, bool allEscapes = false)
    {
        var options = new List<GrammarNode>();
        var plain = set.Except(CodePointSet.Of([(0, 0x1F), ('"', '"'), ('\\', '\\')]));
        if (!plain.IsEmpty)
            options.Add(Utf8Ranges.Encode(plain));
        if (set.Contains('"')) options.Add(Text("\\\""));
        if (set.Contains('\\')) options.Add(Text("\\\\"));
        for (var c = 0; c < 0x20; c++)
        {
            if (!set.Contains(c))
                continue;
            options.Add(c switch
            {
                '\n' => Text("\\n"),
                '\t' => Text("\\t"),
                '\r' => Text("\\r"),
                '\b' => Text("\\b"),
                '\f' => Text("\\f"),
                _ => Text($"\\u{c:x4}"),
            });
        }
        if (allEscapes)
        {
            options.Add(Text("\\/"));
            // \uXXXX for any non-surrogate value, so every parser decodes it.
            var hex = Any(Digit, new ByteRange((byte)'a', (byte)'f'), new ByteRange((byte)'A', (byte)'F'));
            var lead = Any(Any(Digit, new ByteRange((byte)'a', (byte)'c'), new ByteRange((byte)'A', (byte)'C'), Text("e"), Text("f"), Text("E"), Text("F")));
            options.Add(Seq(Text("\\u"), Any(Seq(lead, hex, hex, hex), Seq(Any(Text("d"), Text("D")), new ByteRange((byte)'0', (byte)'7'), hex, hex))));
        }
        return Any([.. options]);
    }

    /// <summary>A quoted string of <paramref name="min"/> to <paramref name="max"/> (-1: any number of) characters.</summary>
    public static GrammarNode QuotedString(int min, int max) =>
        Seq(Text("\""), new Repeat(Character(CodePointSet.All, allEscapes: true), min, max), Text("\""));

    /// <summary>A rule for any JSON string.</summary>
    public GrammarNode AnyString => new Call(_anyString ??= builder.AddRule(QuotedString(0, Repeat.Unbounded)));

    /// <summary>A rule for any JSON value (objects and arrays nest through it).</summary>
    public GrammarNode AnyValue
    {
        get
        {
            if (_anyValue is { } existing)
                return new Call(existing);
            var value = builder.DeclareRule();
            _anyValue = value;
            var obj = builder.AddRule(ObjectOf(AnyString, new Call(value)));
            var array = builder.AddRule(ArrayOf(new Call(value), 0, Repeat.Unbounded));
            builder.DefineRule(value, Any(new Call(obj), new Call(array), AnyString, Number, Boolean, Text("null")));
            return new Call(value);
        }
    }

    /// <summary>A rule for any JSON object.</summary>
    public GrammarNode AnyObject => new Call(builder.AddRule(ObjectOf(AnyString, AnyValue)));

    /// <summary>An object of any number of members with keys and values as given.</summary>
    public static GrammarNode ObjectOf(GrammarNode key, GrammarNode value)
    {
        var member = Seq(key, Whitespace, Text(":"), Whitespace, value, Whitespace);
        return Seq(Text("{"), Whitespace, Optional(Seq(member, Star(Seq(Text(","), Whitespace, member)))), Text("}"));
    }

    /// <summary>An array of <paramref name="min"/> to <paramref name="max"/> (-1: unbounded) items.</summary>
    public static GrammarNode ArrayOf(GrammarNode item, int min, int max)
    {
        var element = Seq(item, Whitespace);
        var more = Seq(Text(","), Whitespace, element);
        GrammarNode items;
        if (max == 0)
            items = Empty;
        else
        {
            var rest = new Repeat(more, Math.Max(0, min - 1), max == Repeat.Unbounded ? Repeat.Unbounded : max - 1);
            items = min > 0 ? Seq(element, rest) : Optional(Seq(element, rest));
        }
        return Seq(Text("["), Whitespace, items, Text("]"));
    }
}
