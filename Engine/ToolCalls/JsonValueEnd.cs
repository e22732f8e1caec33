namespace Platform.Engine.ToolCalls;

/// <summary>Finds where a JSON object or array written inside longer text ends, by its brackets and strings (no validation).</summary>
internal static class JsonValueEnd
{
    /// <summary>The index just past the value opening at <paramref name="start"/> (a <c>{</c> or <c>[</c>), or -1 when the text ends first.</summary>
    public static int Find(string text, int start)
    {
        var depth = 0;
        var inString = false;
        var escaped = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0)
                        return i + 1;
                    break;
            }
        }
        return -1;
    }

    /// <summary>The first index at or after <paramref name="i"/> that is not JSON whitespace.</summary>
    public static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && IsWhitespace(text[i]))
            i++;
        return i;
    }

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';
}
