namespace Platform.Api.OpenAI.Requests;

/// <summary>`stream_options`: extra behaviour of a streamed response.</summary>
public sealed record StreamOptions
{
    /// <summary>When true, a final chunk with empty choices carries the request's usage.</summary>
    public bool? IncludeUsage { get; init; }
}
