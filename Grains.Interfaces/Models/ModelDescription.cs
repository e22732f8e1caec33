namespace Platform.Grains.Interfaces.Models;

/// <summary>What `/v1/models` lists for a served model.</summary>
[GenerateSerializer, Alias("platform.ModelDescription")]
public sealed record ModelDescription(string Id, long CreatedUnixSeconds, string OwnedBy, int MaxModelLength, string Source);
