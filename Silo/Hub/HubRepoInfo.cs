using System.Text.Json.Serialization;

namespace Platform.Silo.Hub;

/// <summary>The part of `GET /api/models/{repo}/revision/{rev}` we use: the commit and the file list.</summary>
public sealed record HubRepoInfo(
    [property: JsonPropertyName("sha")] string? Sha,
    [property: JsonPropertyName("siblings")] IReadOnlyList<HubSibling>? Siblings);

/// <summary>One file of a repository, as listed by the Hub's model API.</summary>
public sealed record HubSibling([property: JsonPropertyName("rfilename")] string RFileName);

/// <summary>Source-generated JSON metadata for the Hub API records.</summary>
[JsonSerializable(typeof(HubRepoInfo))]
internal sealed partial class HubJsonContext : JsonSerializerContext;
