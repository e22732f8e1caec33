using System.CommandLine;
using Platform.Engine.Hub;

namespace Platform.Silo.Commands;

/// <summary>`platform pull ORG/NAME [--revision REV]`: downloads what serving needs into the Hugging Face cache and prints the snapshot path.</summary>
public static class PullCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Hugging Face repository id, ORG/NAME" };
        var revision = new Option<string>("--revision")
        {
            Description = "Branch, tag or commit hash to download",
            DefaultValueFactory = _ => "main",
        };
        var command = new Command("pull", "Download a model from the Hugging Face Hub into the local Hugging Face cache (HF_HOME, HF_HUB_CACHE, HF_TOKEN, HF_ENDPOINT, HF_HUB_OFFLINE apply)") { model, revision };
        command.SetAction((parseResult, ct) => RunAsync(parseResult.GetValue(model)!, parseResult.GetValue(revision)!,
            HubOptions.FromEnvironment(), HubProgressPrinter.ForStandardError(), Console.Out, Console.Error, ct));
        return command;
    }

    /// <summary>Resolves <paramref name="repoId"/> into the cache; prints the snapshot folder on <paramref name="output"/> and returns 0, or prints why not on <paramref name="error"/> and returns 1.</summary>
    public static async Task<int> RunAsync(string repoId, string revision, HubOptions options, IProgress<HubDownloadProgress>? progress,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            using var client = new HubClient(options);
            output.WriteLine(await client.ResolveAsync(repoId, revision, progress, ct));
            return 0;
        }
        catch (HubException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
