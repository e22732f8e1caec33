using System.Text.RegularExpressions;

namespace Platform.Silo.Hub;

/// <summary>Tells a Hugging Face repository id (`org/name`) from a path to a model on disk.</summary>
public static partial class ModelReference
{
    /// <summary>True when <paramref name="reference"/> names a Hub repository rather than an existing local file or folder.</summary>
    public static bool IsHubId(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!RepoIdPattern().IsMatch(reference) || reference.Contains("..", StringComparison.Ordinal))
            return false;
        // A local folder that happens to look like org/name wins: the user pointed at it.
        return !Directory.Exists(reference) && !File.Exists(reference);
    }

    /// <summary>Throws a clear error unless <paramref name="repoId"/> has the `org/name` shape the Hub accepts.</summary>
    public static void ValidateRepoId(string repoId)
    {
        ArgumentNullException.ThrowIfNull(repoId);
        if (!RepoIdPattern().IsMatch(repoId) || repoId.Contains("..", StringComparison.Ordinal))
            throw new HubException($"'{repoId}' is not a Hugging Face repository id: expected ORG/NAME (letters, digits, '-', '_', '.'), or pass a local folder with --model PATH.");
    }

    // The Hub's rule: each part starts with a letter or digit, then letters, digits, '-', '_' or '.', at most 96 characters.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}$")]
    private static partial Regex RepoIdPattern();
}
