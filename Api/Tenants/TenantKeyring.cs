using System.Security.Cryptography;

namespace Platform.Api.Tenants;

/// <summary>One key of the file: the hash of the key and the tenant it authenticates.</summary>
public sealed record TenantKey(byte[] Hash, TenantIdentity Tenant);

/// <summary>The keys of an `--api-keys` file: finds the tenant of a presented key by its hash.</summary>
public sealed class TenantKeyring(IReadOnlyList<TenantKey> keys)
{
    public IReadOnlyList<TenantKey> Keys { get; } = keys;

    /// <summary>
    /// The tenant whose key hashes to the same bytes, or null. Every stored hash is compared in constant time, so
    /// neither the position of a match nor how much of a hash matched shows in the time taken.
    /// </summary>
    public TenantIdentity? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented), hash);
        TenantIdentity? found = null;
        foreach (var key in Keys)
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
                found = key.Tenant;
        return found;
    }
}
