namespace Platform.Api.OpenAI.Requests;

/// <summary>The message roles a chat request may use.</summary>
public static class ChatRoles
{
    public const string System = "system";
    public const string Developer = "developer";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";

    /// <summary>Every accepted role, in the order error messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [System, Developer, User, Assistant, Tool];
}
