namespace Platform.Runtime.Filters;

/// <summary>Runs around every call a grain receives (register in DI); call <c>context.Invoke()</c> to continue.</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IIncomingGrainCallContext context);
}
