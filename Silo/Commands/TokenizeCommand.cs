using System.CommandLine;
using System.Text.Json;
using Platform.Engine.Formats;
using Platform.Engine.Tokenizers;

namespace Platform.Silo.Commands;

/// <summary>`platform tokenize`: prints the token ids of each input line as a JSON array.</summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var tokenizerOption = new Option<string>("--tokenizer") { Description = "Model folder, tokenizer.json or .gguf file", Required = true };
        var textOption = new Option<string?>("--text") { Description = "Text to tokenize" };
        var jsonlOption = new Option<string?>("--jsonl") { Description = "File with one JSON string per line to tokenize" };
        var addSpecialOption = new Option<bool>("--add-special") { Description = "Add the tokenizer's special tokens (BOS/EOS)" };
        var command = new Command("tokenize", "Print the token ids of text, one JSON array per input");
        command.Options.Add(tokenizerOption);
        command.Options.Add(textOption);
        command.Options.Add(jsonlOption);
        command.Options.Add(addSpecialOption);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(tokenizerOption)!,
            parseResult.GetValue(textOption),
            parseResult.GetValue(jsonlOption),
            parseResult.GetValue(addSpecialOption),
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>The command's work; returns the process exit code (0 ok, 1 bad input).</summary>
    public static int Run(string tokenizerPath, string? text, string? jsonlPath, bool addSpecial, TextWriter output, TextWriter error)
    {
        if ((text is null) == (jsonlPath is null))
        {
            error.WriteLine("tokenize: give exactly one of --text or --jsonl.");
            return 1;
        }
        try
        {
            var tokenizer = TokenizerLoader.Load(tokenizerPath);
            foreach (var input in text is not null ? [text] : ReadJsonl(jsonlPath!))
                output.WriteLine(JsonSerializer.Serialize(tokenizer.Encode(input, addSpecial)));
            return 0;
        }
        catch (Exception ex) when (ex is ModelFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine($"tokenize: {ex.Message}");
            return 1;
        }
    }

    private static IEnumerable<string> ReadJsonl(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            string? value;
            try
            {
                value = JsonSerializer.Deserialize<string>(line);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a JSON string ({ex.Message}).", ex);
            }
            yield return value ?? throw new InvalidDataException($"{path}:{lineNumber}: null is not a string to tokenize.");
        }
    }
}
