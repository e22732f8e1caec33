namespace Platform.Engine.Templates.Runtime;

/// <summary>The <c>loop</c> variable of a for loop: position, neighbours and <c>cycle()</c> over the (filtered) items.</summary>
internal sealed class LoopContext(List<object?> items)
{
    public int Index0 { get; set; }

    public object? Get(string name) => name switch
    {
        "index" => (long)Index0 + 1,
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : new Undefined("there is no previous item"),
        "nextitem" => Index0 < items.Count - 1 ? items[Index0 + 1] : new Undefined("there is no next item"),
        "cycle" => new Callable("cycle", args => args.Positional.Count == 0
            ? throw new RenderError("no items for cycling given")
            : args.Positional[Index0 % args.Positional.Count]),
        _ => Undefined.Attribute(this, name),
    };
}
