using Platform.Engine.Templates;

namespace Platform.Silo.Commands;

/// <summary>A `--chat-template` file, read and parsed at start so a bad one stops the process before it serves.</summary>
internal static class ChatTemplateFile
{
    /// <summary>The file's full path; an <see cref="ArgumentException"/> (a usage error) naming it when it cannot be read or does not parse.</summary>
    public static string Check(string path)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--chat-template '{full}' cannot be read: {error.Message}", error);
        }
        try
        {
            ChatTemplate.Parse(text);
        }
        catch (TemplateException error)
        {
            throw new ArgumentException($"--chat-template '{full}' does not parse: {error.Message}", error);
        }
        return full;
    }
}
