using Platform.Engine.ToolCalls;

namespace Platform.Silo.Hosting;

/// <summary>Reads `--tool-call-parser` values into each model's tool-call format (null: as its chat template shows).</summary>
internal static class ToolCallParsers
{
    public const string Auto = "auto";

    public static ToolCallFormat?[] PerModel(IReadOnlyList<string> values, int models)
    {
        if (values.Count > 1 && values.Count != models)
            throw new ArgumentException($"--tool-call-parser was given {values.Count} times for {models} --model values; give it once for all or once per model.");
        var result = new ToolCallFormat?[models];
        for (var i = 0; i < models; i++)
            result[i] = values.Count == 0 ? null : Parse(values[values.Count == 1 ? 0 : i]);
        return result;
    }

    private static ToolCallFormat? Parse(string value) =>
        value == Auto ? null
        : ToolCallFormats.Parse(value) ?? throw new ArgumentException(
            $"--tool-call-parser '{value}' is not known; use {Auto} or one of {string.Join(", ", ToolCallFormats.Names)}.");
}
