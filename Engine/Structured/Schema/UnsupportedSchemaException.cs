namespace Platform.Engine.Structured.Schema;

/// <summary>A JSON schema the grammar compiler refuses: an unsupported keyword or value, or a malformed schema; the message names it and its location.</summary>
public sealed class UnsupportedSchemaException(string message) : Exception(message)
{
    /// <summary>The refusal of keyword <paramref name="keyword"/> at JSON pointer <paramref name="path"/>.</summary>
    public static UnsupportedSchemaException Keyword(string keyword, string path, string? why = null) =>
        new($"unsupported JSON Schema keyword '{keyword}' at {Location(path)}{(why is null ? "" : $": {why}")}");

    /// <summary>A malformed or unusable value at <paramref name="path"/>.</summary>
    public static UnsupportedSchemaException Invalid(string path, string why) => new($"invalid JSON Schema at {Location(path)}: {why}");

    private static string Location(string path) => path.Length == 0 ? "/" : path;
}
