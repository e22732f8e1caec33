using Platform.Runtime.Activation;
using Platform.Runtime.Messaging;

namespace Platform.Runtime.Invocation;

/// <summary>What every reference to one grain interface in one runtime shares: the dispatcher and the implementing grain class.</summary>
public sealed class GrainReferenceShared
{
    internal GrainReferenceShared(GrainCallDispatcher dispatcher, GrainClassInfo grainClass, GrainInterfaceRegistration grainInterface)
    {
        Dispatcher = dispatcher;
        GrainClass = grainClass;
        Interface = grainInterface;
    }

    internal GrainCallDispatcher Dispatcher { get; }
    internal GrainClassInfo GrainClass { get; }
    internal GrainInterfaceRegistration Interface { get; }
}
