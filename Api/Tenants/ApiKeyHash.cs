using System.Security.Cryptography;
using System.Text;

namespace Platform.Api.Tenants;

/// <summary>How the key file stores a key: the SHA-256 of its UTF-8 bytes, as 64 lowercase hexadecimal characters.</summary>
public static class ApiKeyHash
{
    /// <summary>The hash of <paramref name="key"/> as the file spells it.</summary>
    public static string Hex(string key) => Convert.ToHexStringLower(Of(key));

    /// <summary>The 32 bytes of the hash of <paramref name="key"/>.</summary>
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The bytes of a hash written as hex, or null when <paramref name="hex"/> is not 64 hexadecimal characters.</summary>
    public static byte[]? Parse(string hex)
    {
        if (hex.Length != 64)
            return null;
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
