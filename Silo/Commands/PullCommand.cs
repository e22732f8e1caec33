using System.CommandLine;
using Platform.Engine.Hub;

namespace Platform.Silo.Commands;

/// <summary>`platform pull ORG/NAME [--revision REV]`: downloads what serving needs into the Hugging Face cache and prints the snapshot path.</summary>
internal static class PullCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Hugging Face repository id, ORG/NAME" };
        var revision = new Option<string>("--revision")
        {
            Description = "Branch, tag or commit hash to download",
            DefaultValueFactory = _ => "main",
        };
        var command = new Command("pull", "Download a model from the Hugging Face Hub into the local Hugging Face cache") { model, revision };
        command.SetAction(async (parseResult, ct) =>
        {
            try
            {
                using var client = HubClient.FromEnvironment();
                var snapshot = await client.ResolveAsync(parseResult.GetValue(model)!, parseResult.GetValue(revision)!,
                    DownloadProgressPrinter.ForStandardError(), ct);
                Console.WriteLine(snapshot);
                return 0;
            }
            catch (HubException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
