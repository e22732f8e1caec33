using System.Text;
using System.Text.Json;

namespace Platform.Tests;

/// <summary>Whether a text is the start of some JSON text, read by System.Text.Json (independent of the grammar under test).</summary>
internal static class JsonPrefix
{
    public static bool IsPrefix(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
