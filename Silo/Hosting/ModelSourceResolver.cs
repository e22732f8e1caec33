using Platform.Engine.Hub;

namespace Platform.Silo.Hosting;

/// <summary>Turns `--model` into a local path: an existing file or folder as is, `ORG/NAME` through the Hugging Face cache (downloading what is missing).</summary>
internal static class ModelSourceResolver
{
    /// <summary>What `platform serve` serves when given no `--model`: a small instruct model.</summary>
    public const string DefaultModel = "HuggingFaceTB/SmolLM2-135M-Instruct";

    public static async Task<string> ResolveAsync(string reference, string revision, CancellationToken cancellationToken)
    {
        if (File.Exists(reference) || Directory.Exists(reference))
            return Path.GetFullPath(reference);
        if (!ModelReference.IsHubId(reference))
            throw new ArgumentException($"--model '{reference}': no such file or folder, and not a Hugging Face id (ORG/NAME).");
        using var client = HubClient.FromEnvironment();
        Console.Error.WriteLine($"Resolving {reference}@{revision} through the Hugging Face cache…");
        return await client.ResolveAsync(reference, revision, HubProgressPrinter.ForStandardError(), cancellationToken);
    }
}
