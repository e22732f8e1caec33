using System.CommandLine;
using Platform.Api.Traffic;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>The traffic flags of the processes that serve the API (`serve`, `api`): aliases that split requests between model versions.</summary>
internal sealed class AliasFlags
{
    private readonly Option<string[]> _alias = new("--alias") { Description = "A served name that splits requests between served models by integer weight, e.g. chat=model-a:90,model-b:10 (repeatable); the x-model-version header pins one" };

    public void AddTo(Command command) => command.Options.Add(_alias);

    public ServeOptions Read(ParseResult r, ServeOptions options)
    {
        var aliases = (r.GetValue(_alias) ?? []).Select(ModelAlias.Parse).ToList();
        if (aliases.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"--alias '{twice.Key}' is given twice.");
        return options with { Aliases = aliases };
    }
}
