using System.Text;

namespace Platform.Engine.Structured.Grammar;

/// <summary>A piece of a byte grammar before it is compiled: literals, byte ranges, sequences, choices, bounded repeats and rule calls.</summary>
public abstract record GrammarNode
{
    /// <summary>The empty string.</summary>
    public static GrammarNode Empty { get; } = new Sequence([]);

    /// <summary>The UTF-8 bytes of <paramref name="text"/>.</summary>
    public static GrammarNode Text(string text) => new Bytes(Encoding.UTF8.GetBytes(text));

    /// <summary>Items one after another.</summary>
    public static GrammarNode Seq(params GrammarNode[] items) => items.Length == 1 ? items[0] : new Sequence(items);

    /// <summary>Any one of the options.</summary>
    public static GrammarNode Any(params GrammarNode[] options) => options.Length == 1 ? options[0] : new Choice(options);

    /// <summary>The item or nothing.</summary>
    public static GrammarNode Optional(GrammarNode item) => new Repeat(item, 0, 1);

    /// <summary>Zero or more items.</summary>
    public static GrammarNode Star(GrammarNode item) => new Repeat(item, 0, Repeat.Unbounded);

    /// <summary>A literal byte string.</summary>
    public sealed record Bytes(byte[] Value) : GrammarNode;

    /// <summary>One byte in [Low, High].</summary>
    public sealed record ByteRange(byte Low, byte High) : GrammarNode;

    /// <summary>Items one after another.</summary>
    public sealed record Sequence(IReadOnlyList<GrammarNode> Items) : GrammarNode;

    /// <summary>Any one of the options (they may overlap: the matcher follows every live one).</summary>
    public sealed record Choice(IReadOnlyList<GrammarNode> Options) : GrammarNode;

    /// <summary>Between Min and Max copies of the item (Max = <see cref="Unbounded"/> for no limit).</summary>
    public sealed record Repeat(GrammarNode Item, int Min, int Max) : GrammarNode
    {
        /// <summary>No upper bound.</summary>
        public const int Unbounded = -1;
    }

    /// <summary>The whole of another rule (the matcher pushes a return point, so rules may recurse).</summary>
    public sealed record Call(int Rule) : GrammarNode;
}
