using Platform.Engine.Formats;
using Platform.Engine.Formats.Gguf;

namespace Platform.Engine.Tests.Formats.Gguf;

public sealed class GgufFileTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("gguf-tests").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Reads_the_stories260K_model_header_metadata_and_tensor_directory()
    {
        using var gguf = GgufFile.Open(SharedData.Path("models", "stories260K-gguf", "stories260K.gguf"));
        Assert.Equal(3u, gguf.Version);
        Assert.Equal("llama", gguf.Architecture);
        Assert.Equal(64, gguf.Metadata.GetInt("llama.embedding_length"));
        Assert.Equal(512, gguf.Metadata.GetStringArray("tokenizer.ggml.tokens").Length);
        var embedding = gguf.GetTensor("token_embd.weight");
        Assert.Equal(new long[] { 64, 512 }, embedding.Dimensions);
        Assert.Equal(GgmlType.F32, embedding.Type);
        Assert.Equal(64 * 512 * 4, embedding.ByteSize);
        Assert.True(float.IsFinite(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(gguf.GetTensorBytes(embedding))[0]));
    }

    [Theory]
    [InlineData("ggml-vocab-gpt-2.gguf", "gpt2")]
    [InlineData("ggml-vocab-llama-spm.gguf", "llama")]
    [InlineData("ggml-vocab-phi-3.gguf", "llama")]
    public void Reads_vocabulary_only_files(string file, string tokenizerModel)
    {
        using var gguf = GgufFile.Open(SharedData.Path("tokenizers", "gguf-vocab", file));
        Assert.Equal(tokenizerModel, gguf.Metadata.GetString("tokenizer.ggml.model"));
        Assert.NotEmpty(gguf.Metadata.GetStringArray("tokenizer.ggml.tokens"));
    }

    [Fact]
    public void Rejects_a_version_1_file_with_a_message_naming_the_version()
    {
        var error = Assert.Throws<ModelFormatException>(() => GgufFile.Open(SharedData.Path("models", "stories260K-gguf", "legacy-v1.gguf")));
        Assert.Contains("version 1", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(100)]
    [InlineData(5000)]
    [InlineData(-64)]
    public void Rejects_a_truncated_file_with_a_clear_error(int keep)
    {
        var source = File.ReadAllBytes(SharedData.Path("models", "stories260K-gguf", "stories260K.gguf"));
        var length = keep >= 0 ? keep : source.Length + keep;
        var path = System.IO.Path.Combine(_temp, $"cut{keep}.gguf");
        File.WriteAllBytes(path, source[..length]);
        var error = Assert.Throws<ModelFormatException>(() => GgufFile.Open(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_gguf()
    {
        var path = System.IO.Path.Combine(_temp, "config.gguf");
        File.WriteAllText(path, "{\"architectures\": [\"LlamaForCausalLM\"]}");
        var error = Assert.Throws<ModelFormatException>(() => GgufFile.Open(path));
        Assert.Contains("not a GGUF file", error.Message);
    }

    [Fact]
    public void Rejects_a_corrupt_count_instead_of_allocating_it()
    {
        var bytes = File.ReadAllBytes(SharedData.Path("models", "stories260K-gguf", "stories260K.gguf"));
        BitConverter.GetBytes(ulong.MaxValue / 2).CopyTo(bytes, 16); // metadata count
        var path = System.IO.Path.Combine(_temp, "huge.gguf");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelFormatException>(() => GgufFile.Open(path));
        Assert.Contains("corrupt", error.Message);
    }
}
