namespace Platform.Engine.Templates;

/// <summary>A chat template failed to parse or render; carries the template's own message for <c>raise_exception</c>.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message, int line = 0, int column = 0, bool raisedByTemplate = false, Exception? inner = null)
        : base(Describe(message, line, column, raisedByTemplate), inner)
    {
        Reason = message;
        Line = line;
        Column = column;
        RaisedByTemplate = raisedByTemplate;
    }

    /// <summary>The error without its position.</summary>
    public string Reason { get; }

    /// <summary>1-based line in the template source, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column in the template source, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>True when the template itself called <c>raise_exception</c>; the message is then exactly its text.</summary>
    public bool RaisedByTemplate { get; }

    // A template's own raise_exception text is shown verbatim: callers relay it to users as the model's rule.
    private static string Describe(string message, int line, int column, bool raisedByTemplate) =>
        raisedByTemplate || line <= 0 ? message : $"{message} (line {line}, column {column})";
}
