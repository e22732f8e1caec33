namespace Platform.Engine.Templates.Runtime;

/// <summary>A Python tuple: a list that prints with parentheses and never equals a list.</summary>
internal sealed class TupleValue : List<object?>
{
    public TupleValue()
    {
    }

    public TupleValue(IEnumerable<object?> items) : base(items)
    {
    }
}
