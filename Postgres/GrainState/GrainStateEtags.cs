using Orleans.Storage;

namespace Platform.Postgres.GrainState;

/// <summary>ETags of the grain storage: a fresh uuid per write, so an ETag never comes back after a clear.</summary>
internal static class GrainStateEtags
{
    public static string? Format(Guid? etag) => etag?.ToString("N");

    public static Guid? Parse(string? etag, string storage, string stateName, GrainId grainId) =>
        etag is null ? null
        : Guid.TryParseExact(etag, "N", out var parsed) ? parsed
        : throw new InconsistentStateException(
            $"Grain storage '{storage}' did not issue ETag '{etag}' held for state '{stateName}' of grain {grainId}; read the state again.");

    public static InconsistentStateException Conflict(string storage, string stateName, GrainId grainId, Guid? stored, string? expected)
    {
        var storedText = Format(stored) ?? "none";
        var expectedText = expected ?? "none";
        return new InconsistentStateException(
            $"Grain storage '{storage}': state '{stateName}' of grain {grainId} changed since it was read " +
            $"(stored ETag {storedText}, this writer held {expectedText}); read it again before writing.",
            storedText, expectedText);
    }
}
