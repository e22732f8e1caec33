using System.Security.Cryptography;
using System.Text;

namespace Platform.Engine.Cache;

/// <summary>Computes the chained 64-bit key of a full KV block from its parent's key and its token ids.</summary>
public delegate ulong BlockHashFunction(ulong parentKey, ReadOnlySpan<int> tokens);

/// <summary>The default block hash: a deterministic 64-bit mix, stable across processes (unlike <see cref="HashCode"/>).</summary>
public static class BlockHasher
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>The key of a block whose parent has key <paramref name="parentKey"/>.</summary>
    public static ulong Hash(ulong parentKey, ReadOnlySpan<int> tokens)
    {
        ulong h = parentKey ^ Prime2 ^ (ulong)tokens.Length;
        foreach (var token in tokens)
            h = ulong.RotateLeft(h ^ ((ulong)(uint)token * Prime1), 31) * Prime2;
        return Avalanche(h);
    }

    /// <summary>The root key every chain starts from: distinct models never share blocks.</summary>
    public static ulong RootKey(string modelId)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (var c in modelId)
            h = (h ^ c) * 0x100000001B3UL;
        return Avalanche(h);
    }

    /// <summary>
    /// The root key of a salted chain (a tenant's, or a request's cache salt): blocks of one salt never match another's.
    /// Null <paramref name="salt"/> is the model's plain root. SHA-256, not the fast mix: a client choosing its salt must
    /// not be able to search for one whose root equals another tenant's (each block's key is a bijection of its parent's,
    /// so distinct roots never give the same key for the same tokens).
    /// </summary>
    public static ulong RootKey(string modelId, string? salt)
    {
        if (salt is null)
            return RootKey(modelId);
        var text = $"{modelId.Length}:{modelId}|{salt.Length}:{salt}";
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BitConverter.ToUInt64(digest);
    }

    /// <summary>
    /// The chained keys of the full blocks of <paramref name="tokens"/> from <paramref name="rootKey"/>, as a replica's prefix
    /// cache registers them: what a router looks up to see which replica holds a prompt's prefix.
    /// </summary>
    public static ulong[] ChainKeys(ulong rootKey, ReadOnlySpan<int> tokens, int blockSize)
    {
        var keys = new ulong[tokens.Length / blockSize];
        var parent = rootKey;
        for (var i = 0; i < keys.Length; i++)
            keys[i] = parent = Hash(parent, tokens.Slice(i * blockSize, blockSize));
        return keys;
    }

    private static ulong Avalanche(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }
}
