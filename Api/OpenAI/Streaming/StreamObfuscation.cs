namespace Platform.Api.OpenAI.Streaming;

/// <summary>
/// The `obfuscation` padding of Responses delta events: random characters that bring every delta event's text to a
/// multiple of <see cref="Quantum"/> characters, so event sizes do not reveal the length of each token.
/// </summary>
public static class StreamObfuscation
{
    /// <summary>The size step the text plus padding is brought to.</summary>
    public const int Quantum = 16;

    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Padding for a delta of <paramref name="deltaLength"/> characters (at least one character).</summary>
    public static string For(int deltaLength)
    {
        var length = Quantum - deltaLength % Quantum;
        return string.Create(length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        });
    }
}
