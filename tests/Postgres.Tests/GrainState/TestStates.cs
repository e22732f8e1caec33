namespace Platform.Postgres.Tests.GrainState;

/// <summary>A small grain state.</summary>
[GenerateSerializer]
public sealed class Counter
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public string Note { get; set; } = "";
}

/// <summary>A grain state of strings.</summary>
[GenerateSerializer]
public sealed class Texts
{
    [Id(0)]
    public List<string> Values { get; set; } = [];

    [Id(1)]
    public Dictionary<string, string> ByName { get; set; } = [];
}
