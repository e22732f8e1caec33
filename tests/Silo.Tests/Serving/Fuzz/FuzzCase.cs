namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>One hostile request: its category (a row of the fuzz table), what it is, and how to send it.</summary>
/// <param name="Category">The fuzz table row it counts in.</param>
/// <param name="Label">What it sends, for failure messages.</param>
/// <param name="Send">Sends it and reads the answer.</param>
/// <param name="MayClose">Whether the server may end the connection without an answer (a body that never completes).</param>
public sealed record FuzzCase(string Category, string Label, Func<FuzzTarget, CancellationToken, Task<FuzzOutcome>> Send, bool MayClose = false);

/// <summary>What a fuzz request got back: the status (0 when the connection closed without a response), Content-Type and body.</summary>
public sealed record FuzzOutcome(int Status, string? ContentType, string Body)
{
    /// <summary>The connection ended before a status line.</summary>
    public static FuzzOutcome Closed { get; } = new(0, null, "");
}

/// <summary>The server under fuzz: its address for raw sockets and a client for ordinary requests.</summary>
public sealed record FuzzTarget(Uri Address, HttpClient Client);

/// <summary>Labels and failure messages quote at most a little of a long payload.</summary>
public static class FuzzText
{
    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max = 40) => text.Length <= max ? text : text[..max] + "…";
}
