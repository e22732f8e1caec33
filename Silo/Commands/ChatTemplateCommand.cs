using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Engine.Templates;

namespace Platform.Silo.Commands;

/// <summary>`platform chat-template`: renders a conversation through a chat template and prints the exact prompt text.</summary>
internal static class ChatTemplateCommand
{
    private const int BadInput = 2;
    private const int TemplateFailed = 3;

    public static Command Create()
    {
        var template = new Option<FileSystemInfo>("--template")
        {
            Required = true,
            Description = "A Jinja template file, or a model folder / tokenizer_config.json / .gguf to take the template from",
        };
        var conversation = new Option<FileInfo>("--conversation")
        {
            Required = true,
            Description = "JSON file: {\"messages\": [...], \"add_generation_prompt\": true, ...other template variables}",
        };
        var bos = new Option<string?>("--bos") { Description = "BOS token text (default: the model's, when --template names a model)" };
        var eos = new Option<string?>("--eos") { Description = "EOS token text (default: the model's, when --template names a model)" };

        var command = new Command("chat-template", "Render a conversation with a chat template; exit code 3 when the template raises")
        {
            template, conversation, bos, eos,
        };
        command.SetAction(parseResult =>
        {
            try
            {
                var source = ReadTemplate(parseResult.GetValue(template)!);
                var context = ReadConversation(parseResult.GetValue(conversation)!,
                    parseResult.GetValue(bos) ?? source.BosToken, parseResult.GetValue(eos) ?? source.EosToken);
                var text = source.Parse().Render(context);
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(Encoding.UTF8.GetBytes(text));
                return 0;
            }
            catch (TemplateException e)
            {
                Console.Error.WriteLine(e.Message);
                return TemplateFailed;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException or Engine.Formats.ModelFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return BadInput;
            }
        });
        return command;
    }

    private static ChatTemplateSource ReadTemplate(FileSystemInfo path)
    {
        var isModel = path is DirectoryInfo || path.Extension.Equals(".gguf", StringComparison.OrdinalIgnoreCase)
            || path.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
        if (isModel)
            return ChatTemplateLoader.Load(path.FullName);
        if (!path.Exists)
            throw new FileNotFoundException($"template file '{path.FullName}' does not exist");
        return new ChatTemplateSource(File.ReadAllText(path.FullName), null, null, path.FullName);
    }

    /// <summary>Reads the conversation file: its messages, the generation-prompt flag, tools, and every other key as a template variable.</summary>
    private static ChatTemplateContext ReadConversation(FileInfo file, string? bos, string? eos)
    {
        var root = JsonNode.Parse(File.ReadAllText(file.FullName));
        var input = root as JsonObject
            ?? (root is JsonArray bare ? new JsonObject { ["messages"] = bare.DeepClone() } : throw new InvalidDataException($"'{file.FullName}' must hold a JSON object with \"messages\""));
        var messages = input["messages"] as JsonArray ?? throw new InvalidDataException($"'{file.FullName}' has no \"messages\" array");
        var extra = new Dictionary<string, JsonNode?>();
        foreach (var (key, value) in input)
            if (key is not ("messages" or "add_generation_prompt" or "tools"))
                extra[key] = value?.DeepClone();
        return new ChatTemplateContext
        {
            Messages = (JsonArray)messages.DeepClone(),
            AddGenerationPrompt = input["add_generation_prompt"] switch
            {
                null => true,
                JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False => flag.GetValue<bool>(),
                _ => throw new InvalidDataException($"'{file.FullName}': \"add_generation_prompt\" must be true or false"),
            },
            Tools = input["tools"] as JsonArray is { } tools ? (JsonArray)tools.DeepClone() : null,
            BosToken = bos,
            EosToken = eos,
            Extra = extra,
        };
    }
}
