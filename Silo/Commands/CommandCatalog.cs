using System.CommandLine;

namespace Platform.Silo.Commands;

/// <summary>Every subcommand of the `platform` executable, in the order `--help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return GenerateCommand.Create();
        yield return BenchEngineCommand.Create();
        yield return TokenizeCommand.Create();
        yield return PullCommand.Create();
        yield return ServeCommand.Create();
        yield return ServeCommand.CreateSilo();
        yield return ServeCommand.CreateApi();
        yield return HashKeyCommand.Create();
        yield return ChatTemplateCommand.Create();
    }
}
