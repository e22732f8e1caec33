using Platform.Engine.Formats;
using Platform.Engine.Tokenizers.Gguf;
using Platform.Engine.Tokenizers.HuggingFace;

namespace Platform.Engine.Tokenizers;

/// <summary>Loads a tokenizer from a model folder, a tokenizer.json file, or a .gguf file.</summary>
public static class TokenizerLoader
{
    public static ITokenizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            return LoadFolder(path);
        if (!File.Exists(path))
            throw new ModelFormatException($"{path}: no such tokenizer file or model folder.");
        if (path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            return new Tokenizer(GgufTokenizerReader.Read(path));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new Tokenizer(ModelFolderConfig.Apply(TokenizerJsonReader.Read(path), directory));
    }

    private static ITokenizer LoadFolder(string folder)
    {
        var json = Path.Combine(folder, "tokenizer.json");
        if (File.Exists(json))
            return new Tokenizer(ModelFolderConfig.Apply(TokenizerJsonReader.Read(json), folder));
        var ggufs = Directory.GetFiles(folder, "*.gguf");
        return ggufs.Length switch
        {
            1 => new Tokenizer(GgufTokenizerReader.Read(ggufs[0])),
            0 => throw new ModelFormatException($"{folder}: the folder has neither a tokenizer.json nor a .gguf file."),
            _ => throw new ModelFormatException($"{folder}: the folder has no tokenizer.json and {ggufs.Length} .gguf files; name the one to use."),
        };
    }
}
