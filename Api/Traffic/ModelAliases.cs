namespace Platform.Api.Traffic;

/// <summary>The start-up check of the `--alias` flags against the models a process serves.</summary>
public static class ModelAliases
{
    /// <summary>Throws when an alias takes a served model's name or routes to a model that is not served.</summary>
    public static void CheckServed(IEnumerable<ModelAlias> aliases, IReadOnlyList<string> served)
    {
        foreach (var alias in aliases)
        {
            if (served.Contains(alias.Name))
                throw new ArgumentException($"--alias '{alias.Name}' is already a served model name; give the alias a name of its own.");
            if (alias.Targets.FirstOrDefault(t => !served.Contains(t.Model)) is { } missing)
                throw new ArgumentException($"--alias '{alias.Name}' routes to '{missing.Model}', which is not served (served: {string.Join(", ", served)}).");
        }
    }
}
