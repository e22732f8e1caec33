namespace Platform.Grains.Interfaces.Responses;

/// <summary>Response grain keys: the tenant is part of the key, so one tenant can never reach another's responses.</summary>
public static class ResponseKeys
{
    /// <summary>The key of response <paramref name="responseId"/> of tenant <paramref name="tenant"/>.</summary>
    public static string Of(string tenant, string responseId) => $"{tenant}/{responseId}";
}
