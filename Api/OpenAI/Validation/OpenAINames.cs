namespace Platform.Api.OpenAI.Validation;

/// <summary>OpenAI's rule for the names clients give functions and JSON-schema formats: 1 to 64 of a-z, A-Z, 0-9, `_` and `-`.</summary>
internal static class OpenAINames
{
    public static bool IsValid(string name) => name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
