using System.Security.Cryptography;

namespace Platform.Engine.ToolCalls;

/// <summary>Fresh ids for parsed tool calls, in the shape the model's own template accepts back in the history.</summary>
public static class ToolCallIds
{
    const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>OpenAI's <c>call_</c> + 24 characters; for Mistral 9 alphanumerics, as its templates require of ids in the history.</summary>
    public static string New(ToolCallFormat format) =>
        format == ToolCallFormat.Mistral ? RandomNumberGenerator.GetString(Alphanumerics, 9) : "call_" + RandomNumberGenerator.GetString(Alphanumerics, 24);
}
