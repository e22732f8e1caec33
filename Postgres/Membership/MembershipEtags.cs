using System.Globalization;

namespace Platform.Postgres.Membership;

/// <summary>ETags of the membership table: the decimal text of a row's or a cluster's version counter.</summary>
internal static class MembershipEtags
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    // An ETag this table did not issue cannot match anything stored, so callers treat it as a lost compare-and-swap.
    public static bool TryParse(string? etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
