namespace Platform.Api.OpenAI.Responses;

/// <summary>The body of `GET /v1/models` (`object: list`).</summary>
public sealed record ModelList
{
    public string Object => "list";
    public required IReadOnlyList<ModelCard> Data { get; init; }
}

/// <summary>One served model (`object: model`).</summary>
public sealed record ModelCard
{
    public required string Id { get; init; }
    public string Object => "model";

    /// <summary>Unix seconds when the model was deployed.</summary>
    public required long Created { get; init; }

    public required string OwnedBy { get; init; }
}
