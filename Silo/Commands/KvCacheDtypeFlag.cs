using System.CommandLine;

namespace Platform.Silo.Commands;

/// <summary>`--kv-cache-dtype`, shared by every command that builds engines (read with <see cref="Hosting.KvCacheDtypeNames.Parse"/>).</summary>
internal static class KvCacheDtypeFlag
{
    public static Option<string> Create() => new("--kv-cache-dtype")
    {
        DefaultValueFactory = _ => "auto",
        Description = "How the KV cache stores keys and values: auto (f16), f32, f16, bf16, fp8 (= fp8_e4m3) or fp8_e5m2; half precision holds twice the tokens per byte of --kv-cache-memory, fp8 four times",
    };
}
