using System.Text;
using Platform.Engine.Structured;
using Platform.Engine.Structured.Matching;

namespace Platform.Engine.Tests.Structured;

/// <summary>Runs a whole string through a format's automaton: does the grammar accept exactly this text?</summary>
internal static class GrammarAcceptance
{
    public static bool Accepts(OutputFormat format, string text)
    {
        var automaton = new GrammarAutomaton(StructuredOutputs.Grammar(format));
        var end = automaton.Advance(automaton.Start, Encoding.UTF8.GetBytes(text));
        return end != GrammarAutomaton.Dead && automaton.IsAccepting(end);
    }

    public static OutputFormat Schema(string schema, bool strict = true) => new() { Kind = OutputFormatKind.JsonSchema, Schema = schema, Strict = strict };
}
