using System.Text.Json;

namespace Platform.Runtime.Storage;

/// <summary>Turns grain state objects into the JSON payloads the providers store, and back.</summary>
public sealed class GrainStateSerializer(JsonSerializerOptions? options = null)
{
    private readonly JsonSerializerOptions options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);

    public string Serialize<TState>(TState state) => JsonSerializer.Serialize(state, options);

    /// <summary>Reads a stored payload; a payload that does not fit <typeparamref name="TState"/> is a <see cref="GrainStorageException"/>, never a silently empty state.</summary>
    public TState Deserialize<TState>(string json, GrainId grainId, string stateName) where TState : new()
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(json, options) ?? new TState();
        }
        catch (JsonException e)
        {
            throw new GrainStorageException(
                $"Stored state '{stateName}' of grain '{grainId}' is not valid JSON for {typeof(TState).Name}: {e.Message}", e);
        }
    }
}
