namespace Platform.Engine.Tests.Tokenizers;

/// <summary>llama.cpp's tokenizer test cases: inputs split by the separator line, expected ids one line per case.</summary>
internal static class VocabCases
{
    private const string Separator = "\n__ggml_vocab_test__\n";

    public static IReadOnlyList<(string Text, int[] Ids)> Load(string vocabName)
    {
        var basePath = SharedData.Path(Path.Combine("tokenizers", "gguf-vocab", $"ggml-vocab-{vocabName}.gguf"));
        var inputs = File.ReadAllText(basePath + ".inp").Split(Separator);
        var outputs = File.ReadAllText(basePath + ".out").Split('\n');
        var cases = new List<(string, int[])>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var ids = outputs[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            cases.Add((inputs[i], ids));
        }
        return cases;
    }
}
