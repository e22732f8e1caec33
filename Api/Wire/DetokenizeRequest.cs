namespace Platform.Api.Wire;

/// <summary>The body of `POST /detokenize`: token ids to decode with a model's tokenizer.</summary>
public sealed record DetokenizeRequest
{
    public string? Model { get; init; }
    public IReadOnlyList<int>? Tokens { get; init; }
}
