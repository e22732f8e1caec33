namespace Platform.Engine.Templates.Runtime;

/// <summary>A failure while rendering; the interpreter stamps it with the position of the innermost node that failed.</summary>
internal sealed class RenderError(string message, bool raisedByTemplate = false, Exception? inner = null) : Exception(message, inner)
{
    public bool RaisedByTemplate { get; } = raisedByTemplate;

    public int Line { get; private set; }

    public int Column { get; private set; }

    public bool HasPosition => Line > 0;

    public void SetPosition(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public TemplateException ToTemplateException() => new(Message, Line, Column, RaisedByTemplate, this);
}
