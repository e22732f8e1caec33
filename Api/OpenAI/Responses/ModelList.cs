using System.Text.Json.Serialization;

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

    /// <summary>Platform's addition (OpenAI clients ignore it): the model's context length.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxModelLen { get; init; }

    /// <summary>Platform's addition: each replica with the silo it lives on and its state.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReplicaCard>? Replicas { get; init; }

    /// <summary>Platform's addition, only on an alias (`--alias`): the served models it routes to, with their traffic weights.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ModelVersionCard>? Versions { get; init; }
}

/// <summary>One version of an alias as `/v1/models` lists it: a served model and its integer weight.</summary>
public sealed record ModelVersionCard
{
    public required string Model { get; init; }

    public required int Weight { get; init; }
}

/// <summary>One replica of a served model as `/v1/models` lists it.</summary>
public sealed record ReplicaCard
{
    public required string Id { get; init; }

    /// <summary>The silo's address (ip:port@generation); empty while the replica is not in memory.</summary>
    public required string Silo { get; init; }

    /// <summary>unloaded, loading, ready, draining or failed.</summary>
    public required string State { get; init; }

    public required int Running { get; init; }

    public required int Waiting { get; init; }
}
