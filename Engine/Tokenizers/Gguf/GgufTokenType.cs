namespace Platform.Engine.Tokenizers.Gguf;

/// <summary>llama.cpp's `tokenizer.ggml.token_type` values.</summary>
internal enum GgufTokenType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
