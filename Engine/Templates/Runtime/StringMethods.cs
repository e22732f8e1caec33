using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Python <c>str</c> methods with Python's semantics (e.g. <c>lstrip(chars)</c> strips a character set).</summary>
internal static class StringMethods
{
    public static Callable? Find(string s, string name) => name switch
    {
        "upper" => new(name, _ => s.ToUpperInvariant()),
        "lower" => new(name, _ => s.ToLowerInvariant()),
        "strip" => new(name, args => Strip(s, args.Get(0, "chars"), true, true)),
        "lstrip" => new(name, args => Strip(s, args.Get(0, "chars"), true, false)),
        "rstrip" => new(name, args => Strip(s, args.Get(0, "chars"), false, true)),
        "split" => new(name, args => Split(s, args.Get(0, "sep"), args.GetInt(1, "maxsplit", -1))),
        "rsplit" => new(name, args => RSplit(s, args.Get(0, "sep"), args.GetInt(1, "maxsplit", -1))),
        "splitlines" => new(name, _ => TextFilters.SplitLines(s).Cast<object?>().ToList()),
        "startswith" => new(name, args => Affix(s, args.Require(0, "prefix", name), name, (t, p) => t.StartsWith(p, StringComparison.Ordinal))),
        "endswith" => new(name, args => Affix(s, args.Require(0, "suffix", name), name, (t, p) => t.EndsWith(p, StringComparison.Ordinal))),
        "replace" => new(name, args => Replace(s, RequireString(args, 0, "old", name), RequireString(args, 1, "new", name), args.GetInt(2, "count", -1))),
        "title" => new(name, _ => Title(s)),
        "capitalize" => new(name, _ => Capitalize(s)),
        "find" => new(name, args => (long)s.IndexOf(RequireString(args, 0, "sub", name), StringComparison.Ordinal)),
        "rfind" => new(name, args => (long)s.LastIndexOf(RequireString(args, 0, "sub", name), StringComparison.Ordinal)),
        "count" => new(name, args => (long)Count(s, RequireString(args, 0, "sub", name))),
        "join" => new(name, args => string.Join(s, Values.Iterate(args.Require(0, "iterable", name)).Select(Values.Str))),
        "format" => new(name, args => BraceFormat.Format(s, args)),
        "swapcase" => new(name, _ => string.Concat(s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)))),
        "casefold" => new(name, _ => s.ToLowerInvariant()),
        "zfill" => new(name, args => ZeroFill(s, (int)args.GetInt(0, "width", 0))),
        "ljust" => new(name, args => s.PadRight((int)args.GetInt(0, "width", 0), FillChar(args))),
        "rjust" => new(name, args => s.PadLeft((int)args.GetInt(0, "width", 0), FillChar(args))),
        "center" => new(name, args => TextFilters.Center(s, (int)args.GetInt(0, "width", 0), FillChar(args))),
        "removeprefix" => new(name, args => RequireString(args, 0, "prefix", name) is var p && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s),
        "removesuffix" => new(name, args => RequireString(args, 0, "suffix", name) is var p && p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s),
        "partition" => new(name, args => Partition(s, RequireString(args, 0, "sep", name), s.IndexOf(RequireString(args, 0, "sep", name), StringComparison.Ordinal), fromRight: false)),
        "rpartition" => new(name, args => Partition(s, RequireString(args, 0, "sep", name), s.LastIndexOf(RequireString(args, 0, "sep", name), StringComparison.Ordinal), fromRight: true)),
        "index" => new(name, args => s.IndexOf(RequireString(args, 0, "sub", name), StringComparison.Ordinal) is var at and >= 0 ? (long)at : throw new RenderError("substring not found")),
        "rindex" => new(name, args => s.LastIndexOf(RequireString(args, 0, "sub", name), StringComparison.Ordinal) is var at and >= 0 ? (long)at : throw new RenderError("substring not found")),
        "isnumeric" or "isdecimal" => new(name, _ => s.Length > 0 && s.All(char.IsDigit)),
        "isdigit" => new(name, _ => s.Length > 0 && s.All(char.IsDigit)),
        "isalpha" => new(name, _ => s.Length > 0 && s.All(char.IsLetter)),
        "isalnum" => new(name, _ => s.Length > 0 && s.All(char.IsLetterOrDigit)),
        "isspace" => new(name, _ => s.Length > 0 && s.All(char.IsWhiteSpace)),
        "islower" => new(name, _ => s.Any(char.IsLetter) && s == s.ToLowerInvariant()),
        "isupper" => new(name, _ => s.Any(char.IsLetter) && s == s.ToUpperInvariant()),
        _ => null,
    };

    public static string Strip(string s, object? chars, bool left, bool right)
    {
        if (chars is null or Undefined)
            return left && right ? s.Trim() : left ? s.TrimStart() : s.TrimEnd();
        var set = chars as string ?? throw new RenderError($"strip arg must be None or str, not {Values.TypeName(chars)}");
        var start = 0;
        var end = s.Length;
        if (left)
            while (start < end && set.Contains(s[start]))
                start++;
        if (right)
            while (end > start && set.Contains(s[end - 1]))
                end--;
        return s[start..end];
    }

    public static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
            return old.Length == 0 ? InsertEverywhere(s, replacement, long.MaxValue) : s.Replace(old, replacement, StringComparison.Ordinal);
        if (old.Length == 0)
            return InsertEverywhere(s, replacement, count);
        var sb = new StringBuilder();
        var pos = 0;
        for (var done = 0L; done < count; done++)
        {
            var at = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (at < 0)
                break;
            sb.Append(s, pos, at - pos).Append(replacement);
            pos = at + old.Length;
        }
        return sb.Append(s, pos, s.Length - pos).ToString();
    }

    // Python inserts the replacement before every character and at the end when `old` is empty.
    private static string InsertEverywhere(string s, string replacement, long count)
    {
        var sb = new StringBuilder();
        var inserted = 0L;
        foreach (var part in CodePoints.Split(s))
        {
            if (inserted++ < count)
                sb.Append(replacement);
            sb.Append((string?)part);
        }
        if (inserted < count)
            sb.Append(replacement);
        return sb.ToString();
    }

    /// <summary>Python's <c>str.title()</c>: a letter after a letter is lowered, any other letter raised.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            var cased = char.IsUpper(c) || char.IsLower(c);
            sb.Append(cased ? previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c) : c);
            previousCased = cased;
        }
        return sb.ToString();
    }

    public static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    public static List<object?> Split(string s, object? separator, long maxSplit)
    {
        var result = new List<object?>();
        if (separator is null or Undefined)
        {
            var pos = 0;
            while (true)
            {
                while (pos < s.Length && char.IsWhiteSpace(s[pos]))
                    pos++;
                if (pos >= s.Length)
                    return result;
                if (maxSplit >= 0 && result.Count >= maxSplit)
                {
                    result.Add(s[pos..].TrimEnd());
                    return result;
                }
                var end = pos;
                while (end < s.Length && !char.IsWhiteSpace(s[end]))
                    end++;
                result.Add(s[pos..end]);
                pos = end;
            }
        }
        var sep = separator as string ?? throw new RenderError($"must be str or None, not {Values.TypeName(separator)}");
        if (sep.Length == 0)
            throw new RenderError("empty separator");
        var start = 0;
        while (maxSplit < 0 || result.Count < maxSplit)
        {
            var at = s.IndexOf(sep, start, StringComparison.Ordinal);
            if (at < 0)
                break;
            result.Add(s[start..at]);
            start = at + sep.Length;
        }
        result.Add(s[start..]);
        return result;
    }

    private static List<object?> RSplit(string s, object? separator, long maxSplit)
    {
        if (maxSplit < 0 || separator is null or Undefined)
            return Split(s, separator, maxSplit);
        var sep = separator as string ?? throw new RenderError($"must be str or None, not {Values.TypeName(separator)}");
        if (sep.Length == 0)
            throw new RenderError("empty separator");
        var result = new List<object?>();
        var end = s.Length;
        while (result.Count < maxSplit)
        {
            var at = end == 0 ? -1 : s.LastIndexOf(sep, end - 1, StringComparison.Ordinal);
            if (at < 0 || at + sep.Length > end)
                break;
            result.Insert(0, s[(at + sep.Length)..end]);
            end = at;
        }
        result.Insert(0, s[..end]);
        return result;
    }

    private static bool Affix(string s, object? affix, string method, Func<string, string, bool> test) => affix switch
    {
        string text => test(s, text),
        List<object?> options => options.Any(option => option is string text
            ? test(s, text)
            : throw new RenderError($"{method} first arg must be str or a tuple of str")),
        _ => throw new RenderError($"{method} first arg must be str or a tuple of str, not {Values.TypeName(affix)}"),
    };

    private static int Count(string s, string sub)
    {
        if (sub.Length == 0)
            return CodePoints.Count(s) + 1;
        var count = 0;
        for (var at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static char FillChar(CallArguments args) =>
        args.GetString(1, "fillchar", " ") is { Length: 1 } fill ? fill[0] : throw new RenderError("The fill character must be exactly one character long");

    private static string ZeroFill(string s, int width)
    {
        if (s.Length >= width)
            return s;
        var sign = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        return s[..sign] + new string('0', width - s.Length) + s[sign..];
    }

    private static TupleValue Partition(string s, string separator, int at, bool fromRight)
    {
        if (separator.Length == 0)
            throw new RenderError("empty separator");
        if (at < 0)
            return fromRight ? new TupleValue { "", "", s } : new TupleValue { s, "", "" };
        return new TupleValue { s[..at], separator, s[(at + separator.Length)..] };
    }

    private static string RequireString(CallArguments args, int index, string name, string method) =>
        args.Require(index, name, method) as string ?? throw new RenderError($"{method}() argument '{name}' must be str, not {Values.TypeName(args.Get(index, name))}");
}
