using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>`stop`: one string or an array of strings that end generation (and are not returned).</summary>
[JsonConverter(typeof(StopSequencesConverter))]
public sealed record StopSequences(IReadOnlyList<string> Values);
