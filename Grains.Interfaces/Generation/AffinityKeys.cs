namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// Routing keys for requests without a session: a hash of the prompt's beginning, so requests that share a long
/// prefix (system prompt, few-shot examples, an earlier conversation) land on the replica that cached it.
/// </summary>
public static class AffinityKeys
{
    private const int PrefixChars = 1024;
    private const int PrefixTokens = 256;
    private const string PrefixScheme = "prefix:";

    /// <summary>Whether <paramref name="key"/> came from <see cref="Of"/> (a prompt prefix) rather than a session.</summary>
    public static bool IsPrefix(string key) => key.StartsWith(PrefixScheme, StringComparison.Ordinal);

    public static string Of(GenerationJob job)
    {
        var hash = 14695981039346656037UL; // FNV-1a: stable across processes, unlike string.GetHashCode
        var budget = PrefixChars;
        if (job.PromptTokenIds is { } ids)
        {
            for (var i = 0; i < ids.Count && i < PrefixTokens; i++)
                hash = Mix(hash, (uint)ids[i]);
        }
        else if (job.Messages is { } messages)
        {
            // The last message is what changes between turns; the ones before it are the shared prefix.
            var shared = messages.Count > 1 ? messages.Count - 1 : messages.Count;
            for (var m = 0; m < shared && budget > 0; m++)
            {
                hash = Mix(hash, messages[m].Role, ref budget);
                hash = Mix(hash, messages[m].Content, ref budget);
            }
        }
        else
            hash = Mix(hash, job.PromptText ?? "", ref budget);
        return $"{PrefixScheme}{hash:x16}";
    }

    private static ulong Mix(ulong hash, string text, ref int budget)
    {
        var n = Math.Min(text.Length, budget);
        for (var i = 0; i < n; i++)
            hash = Mix(hash, text[i]);
        budget -= n;
        return Mix(hash, 0xFFFF);
    }

    private static ulong Mix(ulong hash, uint value) => (hash ^ value) * 1099511628211UL;
}
