namespace Platform.Engine.Formats;

/// <summary>A model, weight or tokenizer file that cannot be read: truncated, corrupt, or of an unsupported kind.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message) : base(message) { }

    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}
