using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>Reads the four shapes of `prompt`; writes texts as strings and token prompts as arrays of arrays.</summary>
public sealed class CompletionPromptConverter : JsonConverter<CompletionPrompt>
{
    const string Shape = "prompt must be a string, an array of strings, an array of token ids, or an array of arrays of token ids";

    public override CompletionPrompt Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return CompletionPrompt.FromTexts([reader.GetString()!]);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException(Shape);
        if (!reader.Read())
            throw new JsonException(Shape);
        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                return CompletionPrompt.FromTexts([]);
            case JsonTokenType.String:
                var texts = new List<string>();
                do
                    texts.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException(Shape));
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return CompletionPrompt.FromTexts(texts);
            case JsonTokenType.Number:
                return CompletionPrompt.FromTokenIds([ReadIdsFromCurrent(ref reader)]);
            case JsonTokenType.StartArray:
                var prompts = new List<int[]>();
                do
                {
                    if (reader.TokenType != JsonTokenType.StartArray || !reader.Read())
                        throw new JsonException(Shape);
                    prompts.Add(reader.TokenType == JsonTokenType.EndArray ? [] : ReadIdsFromCurrent(ref reader));
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return CompletionPrompt.FromTokenIds(prompts);
            default:
                throw new JsonException(Shape);
        }
    }

    // The reader stands on the first number of an id array; on return it stands on that array's end.
    static int[] ReadIdsFromCurrent(ref Utf8JsonReader reader)
    {
        var ids = new List<int>();
        do
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var id))
                throw new JsonException(Shape);
            ids.Add(id);
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return [.. ids];
    }

    public override void Write(Utf8JsonWriter writer, CompletionPrompt value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        if (value.Texts is not null)
        {
            foreach (var text in value.Texts)
                writer.WriteStringValue(text);
        }
        else
        {
            foreach (var ids in value.TokenIds!)
            {
                writer.WriteStartArray();
                foreach (var id in ids)
                    writer.WriteNumberValue(id);
                writer.WriteEndArray();
            }
        }
        writer.WriteEndArray();
    }
}
