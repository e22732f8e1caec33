using System.Globalization;

namespace Platform.Runtime.Storage;

/// <summary>ETags of the built-in providers: the decimal text of a version number that is never reused for the same record.</summary>
internal static class GrainStateEtag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static long? Parse(string? etag, string storageName)
    {
        if (etag is null)
            return null;
        if (long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return version;
        throw new ArgumentException($"ETag '{etag}' was not issued by grain storage '{storageName}'.", nameof(etag));
    }

    public static InconsistentStateException Conflict(string storageName, GrainId grainId, string stateName, string? storedEtag, string? expectedEtag) =>
        new($"State '{stateName}' of grain '{grainId}' in storage '{storageName}' changed since it was read " +
            $"(stored ETag {storedEtag ?? "<none>"}, this writer expected {expectedEtag ?? "<none>"}); read it again before writing.",
            storedEtag, expectedEtag);
}
