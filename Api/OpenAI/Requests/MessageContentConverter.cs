using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>Reads and writes <see cref="MessageContent"/> as a JSON string or an array of content parts.</summary>
public sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return MessageContent.FromText(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("content must be a string or an array of content parts");
        var parts = new List<ContentPart>();
        var info = OpenAIJsonContext.GetPartInfo(options);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            parts.Add(JsonSerializer.Deserialize(ref reader, info) ?? throw new JsonException("a content part must be an object"));
        return MessageContent.FromParts(parts);
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }
        var info = OpenAIJsonContext.GetPartInfo(options);
        writer.WriteStartArray();
        foreach (var part in value.Parts!)
            JsonSerializer.Serialize(writer, part, info);
        writer.WriteEndArray();
    }
}
