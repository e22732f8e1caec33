namespace Platform.Grains.Catalog;

/// <summary>
/// OpenAI's `developer` role is the newer name of `system`. Templates written before it either drop such messages
/// (Phi-3 renders only the roles it names) or raise, so a template that never mentions it gets `system` instead.
/// </summary>
internal static class DeveloperRole
{
    public const string Name = "developer";

    /// <summary>True when the template text never names the developer role, so it can only know it as system.</summary>
    public static bool TemplateLacksIt(string template) => !template.Contains(Name, StringComparison.Ordinal);
}
