using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Grains;

namespace Platform.Runtime.Activation;

/// <summary>Constructs grain instances: DI services for ordinary parameters, storage-backed state for [PersistentState] ones.</summary>
internal sealed class GrainActivator
{
    private readonly Type grainClass;
    private readonly ConstructorInfo constructor;
    private readonly Parameter[] parameters;

    public GrainActivator(Type grainClass)
    {
        this.grainClass = grainClass;
        var constructors = grainClass.GetConstructors();
        if (constructors.Length == 0)
            throw new InvalidOperationException($"Grain class {grainClass.FullName} has no public constructor.");
        constructor = constructors.MaxBy(c => c.GetParameters().Length)!;
        parameters = constructor.GetParameters().Select(p => Describe(grainClass, p)).ToArray();
    }

    /// <summary>Creates the instance (the Grain base constructor picks up the activation) and returns the state objects to load.</summary>
    public (object Instance, List<(IPersistentStateBinder Binder, object State)> States) Create(IServiceProvider services, GrainActivation activation)
    {
        var arguments = new object?[parameters.Length];
        var states = new List<(IPersistentStateBinder, object)>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.State is { } attribute)
            {
                var factory = services.GetService<IPersistentStateFactory>() ?? throw new InvalidOperationException(
                    $"Grain class {grainClass.FullName} asks for persistent state '{attribute.StateName}' but no grain storage is registered (IPersistentStateFactory).");
                var state = parameter.Binder!.Create(factory, activation.Id, attribute);
                states.Add((parameter.Binder, state));
                arguments[i] = state;
            }
            else
            {
                arguments[i] = services.GetService(parameter.Info.ParameterType)
                    ?? (parameter.Info.HasDefaultValue ? parameter.Info.DefaultValue : throw new InvalidOperationException(
                        $"Cannot activate grain class {grainClass.FullName}: no service of type {parameter.Info.ParameterType} for parameter '{parameter.Info.Name}'."));
            }
        }
        using (Grain.BeginConstruction(activation))
        {
            try
            {
                return (constructor.Invoke(arguments), states);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(exception.InnerException);
                throw;
            }
        }
    }

    private static Parameter Describe(Type grainClass, ParameterInfo info)
    {
        if (info.GetCustomAttribute<PersistentStateAttribute>() is not { } attribute)
            return new Parameter(info, null, null);
        var type = info.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            throw new InvalidOperationException(
                $"Parameter '{info.Name}' of {grainClass.FullName} has [PersistentState] but is a {type}, not an IPersistentState<T>.");
        var binder = (IPersistentStateBinder)Activator.CreateInstance(typeof(PersistentStateBinder<>).MakeGenericType(type.GetGenericArguments()[0]))!;
        return new Parameter(info, attribute, binder);
    }

    private sealed record Parameter(ParameterInfo Info, PersistentStateAttribute? State, IPersistentStateBinder? Binder);
}
