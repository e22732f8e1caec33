using System.Text;

namespace Platform.Api.OpenAI.Responses;

/// <summary>`choices[].logprobs` of a chat completion: one entry per generated token.</summary>
public sealed record ChatLogprobs
{
    public required IReadOnlyList<ChatTokenLogprob> Content { get; init; }

    /// <summary>Always null: this server never produces refusals.</summary>
    public IReadOnlyList<ChatTokenLogprob>? Refusal { get; init; }
}

/// <summary>One generated token with its log probability and the most likely alternatives.</summary>
public sealed record ChatTokenLogprob
{
    /// <summary>OpenAI's stand-in for a log probability of minus infinity, which JSON cannot carry.</summary>
    public const float VeryUnlikely = -9999.0f;

    public required string Token { get; init; }
    public required float Logprob { get; init; }

    /// <summary>The token's UTF-8 bytes as integers (text alone loses partial characters).</summary>
    public int[]? Bytes { get; init; }

    public IReadOnlyList<TopLogprob> TopLogprobs { get; init; } = [];

    /// <summary>A token entry with its bytes filled in and -∞/NaN clamped to <see cref="VeryUnlikely"/>.</summary>
    public static ChatTokenLogprob Of(string token, float logprob, IReadOnlyList<TopLogprob> top) =>
        new() { Token = token, Logprob = Clamp(logprob), Bytes = BytesOf(token), TopLogprobs = top };

    internal static float Clamp(float logprob) => float.IsNaN(logprob) || logprob < VeryUnlikely ? VeryUnlikely : logprob;

    internal static int[] BytesOf(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        var values = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
            values[i] = bytes[i];
        return values;
    }
}

/// <summary>One of the most likely tokens at a position.</summary>
public sealed record TopLogprob
{
    public required string Token { get; init; }
    public required float Logprob { get; init; }
    public int[]? Bytes { get; init; }

    /// <summary>An alternative with its bytes filled in and -∞/NaN clamped.</summary>
    public static TopLogprob Of(string token, float logprob) =>
        new() { Token = token, Logprob = ChatTokenLogprob.Clamp(logprob), Bytes = ChatTokenLogprob.BytesOf(token) };
}
