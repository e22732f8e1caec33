using Platform.Engine.Templates.Runtime;
using Platform.Engine.Templates.Syntax;

namespace Platform.Engine.Templates;

/// <summary>A parsed Jinja chat template (as shipped in tokenizer_config.json or GGUF), renderable many times and from many threads.</summary>
public sealed class ChatTemplate
{
    private readonly IReadOnlyList<Stmt> _body;

    private ChatTemplate(string source, IReadOnlyList<Stmt> body)
    {
        Source = source;
        _body = body;
    }

    /// <summary>The template text this was parsed from.</summary>
    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; a syntax error raises <see cref="TemplateException"/> with its line and column.</summary>
    public static ChatTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return new ChatTemplate(source, Parser.Parse(source));
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new TemplateException("syntax error: template nests too deeply", inner: e);
        }
    }

    /// <summary>Renders the prompt text; the template's own <c>raise_exception</c> and runtime errors raise <see cref="TemplateException"/>.</summary>
    public string Render(ChatTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return new Interpreter().Render(_body, Bind(context));
        }
        catch (RenderError e)
        {
            throw e.ToTemplateException();
        }
    }

    private static Scope Bind(ChatTemplateContext context)
    {
        var globals = new Scope(null);
        Globals.Install(globals, context.Clock);
        var variables = new Scope(globals);
        if (context.Extra is { } extra)
            foreach (var (name, value) in extra)
                variables.Set(name, JsonValues.From(value));
        variables.Set("messages", JsonValues.From(context.Messages));
        variables.Set("add_generation_prompt", context.AddGenerationPrompt);
        if (context.BosToken is { } bos)
            variables.Set("bos_token", bos);
        if (context.EosToken is { } eos)
            variables.Set("eos_token", eos);
        if (context.Tools is { } tools)
            variables.Set("tools", JsonValues.From(tools));
        return variables;
    }
}
