using System.Globalization;

namespace Platform.Silo.Hosting;

/// <summary>Parses memory sizes given on the command line: "4GiB", "512MB", "1073741824", or a fraction of available memory ("0.3").</summary>
internal static class MemorySize
{
    public static long Parse(string text, long availableBytes)
    {
        var s = text.Trim();
        var split = s.Length;
        while (split > 0 && char.IsLetter(s[split - 1]))
            split--;
        if (!double.TryParse(s[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !(number > 0) || double.IsInfinity(number))
            throw new ArgumentException($"'{text}' is not a memory size: use bytes (1073741824), units (4GiB, 512MB) or a fraction of available memory (0.3).");
        var unit = s[split..].ToUpperInvariant();
        if (unit.Length == 0 && number <= 1)
            return (long)(availableBytes * number);
        double multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" => 1e3, "KIB" => 1L << 10,
            "M" or "MB" => 1e6, "MIB" => 1L << 20,
            "G" or "GB" => 1e9, "GIB" => 1L << 30,
            "T" or "TB" => 1e12, "TIB" => 1L << 40,
            _ => throw new ArgumentException($"'{text}': unknown unit '{s[split..]}' (use B, KB, MB, GB, KiB, MiB or GiB)."),
        };
        return checked((long)(number * multiplier));
    }
}
