using System.Text.Json;

namespace Platform.Api.Audit;

/// <summary>One record as a JSON object with snake_case fields: the line format of the JSONL sink.</summary>
public static class AuditJson
{
    /// <summary>Writes <paramref name="record"/>; `request` and `output` appear only when it carries content.</summary>
    public static void Write(Utf8JsonWriter writer, AuditRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        writer.WriteString("time", record.Time.UtcDateTime);
        writer.WriteString("request_id", record.RequestId);
        writer.WriteString("tenant", record.Tenant);
        WriteNullable(writer, "model", record.Model);
        writer.WriteString("route", record.Route);
        writer.WriteString("method", record.Method);
        writer.WriteNumber("status", record.Status);
        writer.WriteBoolean("client_disconnected", record.ClientDisconnected);
        WriteNullable(writer, "error", record.Error);
        writer.WriteNumber("prompt_tokens", record.PromptTokens);
        writer.WriteNumber("cached_tokens", record.CachedTokens);
        writer.WriteNumber("completion_tokens", record.CompletionTokens);
        writer.WriteNumber("latency_ms", Math.Round(record.LatencyMs, 3));
        if (record.Cost is { } cost)
            writer.WriteNumber("cost", cost);
        else
            writer.WriteNull("cost");
        WriteNullable(writer, "user", record.EndUser);
        WriteNullable(writer, "safety_identifier", record.SafetyIdentifier);
        if (record.Content is { } content)
        {
            writer.WritePropertyName("request");
            content.WriteRequest(writer);
            writer.WritePropertyName("output");
            content.WriteOutputs(writer);
        }
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
            writer.WriteNull(name);
        else
            writer.WriteString(name, value);
    }
}
