using Platform.Engine.Generation;
using Platform.Engine.Structured;
using Platform.Engine.Structured.Matching;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>Compiles a job's output constraint with the replica engine's cache, refusing what cannot be enforced as a 400 naming the field.</summary>
internal static class OutputConstraintCompiler
{
    public static CompiledConstraint? Compile(LlmEngine engine, OutputConstraint? constraint)
    {
        if (constraint is null)
            return null;
        var outputs = engine.StructuredOutputs
            ?? throw new PlatformRequestException(PlatformRequestException.InvalidValue, "Structured outputs need the model's tokenizer, and this model has none.", constraint.Param);
        try
        {
            return outputs.Compile(new OutputFormat
            {
                Kind = constraint.Kind switch
                {
                    OutputConstraintKind.JsonObject => OutputFormatKind.JsonObject,
                    OutputConstraintKind.JsonSchema => OutputFormatKind.JsonSchema,
                    OutputConstraintKind.Regex => OutputFormatKind.Regex,
                    _ => OutputFormatKind.Choice,
                },
                Schema = constraint.Schema,
                Strict = constraint.Strict,
                Pattern = constraint.Pattern,
                Choices = constraint.Choices,
            });
        }
        catch (OutputFormatException error)
        {
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, error.Message, constraint.Param);
        }
    }
}
