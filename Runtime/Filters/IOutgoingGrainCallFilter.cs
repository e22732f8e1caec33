namespace Platform.Runtime.Filters;

/// <summary>Runs around every grain call made through a reference (register in DI); call <c>context.Invoke()</c> to continue.</summary>
public interface IOutgoingGrainCallFilter
{
    Task Invoke(IOutgoingGrainCallContext context);
}
