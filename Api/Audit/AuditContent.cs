using System.Buffers;
using System.Text;
using System.Text.Json;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.Audit;

/// <summary>
/// The text of a call, kept only under `--audit-content`: the request's messages (chat), prompt (completions) or input
/// and instructions (responses), and each choice's output. Endpoints fill it when the request carries one; it is serialized by the audit writer, off the request path.
/// </summary>
public sealed class AuditContent
{
    private GenerationRequest? _request;
    private ResponseRequest? _response;
    private StringBuilder[]? _streamed;
    private IReadOnlyList<string>? _outputs;

    /// <summary>The validated request whose input is recorded.</summary>
    internal void SetRequest(GenerationRequest request) => _request = request;

    /// <summary>The validated Responses request whose input and instructions are recorded.</summary>
    internal void SetRequest(ResponseRequest request) => _response = request;

    /// <summary>One builder per choice that a stream appends its text to.</summary>
    internal StringBuilder[] StartStream(int choices)
    {
        _streamed = new StringBuilder[choices];
        for (var i = 0; i < choices; i++)
            _streamed[i] = new StringBuilder();
        return _streamed;
    }

    /// <summary>The output texts of a whole (non-streamed) answer.</summary>
    internal void SetOutputs(IReadOnlyList<string> outputs) => _outputs = outputs;

    /// <summary>Whether there is any input or output to record.</summary>
    public bool IsEmpty => _request is null && _response is null && Outputs.Count == 0;

    /// <summary>Each choice's output text, by choice index.</summary>
    public IReadOnlyList<string> Outputs => _outputs ?? (_streamed is null ? [] : _outputs = _streamed.Select(s => s.ToString()).ToArray());

    /// <summary>Writes the request's input: `{"messages":[…]}`, `{"prompt":[…]}` or `{"input":…,"instructions":…}`, or null.</summary>
    public void WriteRequest(Utf8JsonWriter writer)
    {
        switch (_request)
        {
            case ChatCompletionRequest { Messages: { } messages }:
                writer.WriteStartObject();
                writer.WritePropertyName("messages");
                JsonSerializer.Serialize(writer, messages, OpenAIJsonContext.Default.IReadOnlyListChatMessage);
                writer.WriteEndObject();
                break;
            case CompletionRequest { Prompt: { } prompt }:
                writer.WriteStartObject();
                writer.WritePropertyName("prompt");
                JsonSerializer.Serialize(writer, prompt, OpenAIJsonContext.Default.CompletionPrompt);
                writer.WriteEndObject();
                break;
            case null when _response is { Input: { } input }:
                writer.WriteStartObject();
                writer.WritePropertyName("input");
                input.WriteTo(writer);
                writer.WriteString("instructions", _response.Instructions);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>Writes the outputs as an array of strings.</summary>
    public void WriteOutputs(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var output in Outputs)
            writer.WriteStringValue(output);
        writer.WriteEndArray();
    }

    /// <summary>The request's input as JSON text (for a database column).</summary>
    public string RequestJson() => ToJson(WriteRequest);

    /// <summary>The outputs as a JSON array (for a database column).</summary>
    public string OutputJson() => ToJson(WriteOutputs);

    private static string ToJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
