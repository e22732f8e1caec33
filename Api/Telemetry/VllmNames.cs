namespace Platform.Api.Telemetry;

/// <summary>
/// Restores vLLM's metric names in an exposition: families registered as `vllm_x` (prometheus-net refuses colons) are
/// written as `vllm:x`, on sample lines and on their HELP and TYPE lines. Nothing else is touched.
/// </summary>
public static class VllmNames
{
    private static readonly byte[] Registered = "vllm_"u8.ToArray();
    private static readonly byte[][] Comments = ["# HELP "u8.ToArray(), "# TYPE "u8.ToArray()];

    /// <summary>Rewrites <paramref name="exposition"/> (Prometheus text format, UTF-8) in place.</summary>
    public static void Restore(Span<byte> exposition)
    {
        var start = 0;
        while (start < exposition.Length)
        {
            var line = exposition[start..];
            var end = line.IndexOf((byte)'\n');
            if (end >= 0)
                line = line[..end];
            RestoreLine(line);
            start += line.Length + 1;
        }
    }

    private static void RestoreLine(Span<byte> line)
    {
        var name = line;
        foreach (var comment in Comments)
            if (line.StartsWith(comment))
                name = line[comment.Length..];
        if (name.StartsWith(Registered))
            name[Registered.Length - 1] = (byte)':';
    }
}
