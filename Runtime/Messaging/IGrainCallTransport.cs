using Platform.Runtime.Membership;

namespace Platform.Runtime.Messaging;

/// <summary>Carries a grain call to the silo that hosts (or will host) its activation; the call's completion carries the response back.</summary>
public interface IGrainCallTransport
{
    ValueTask SendAsync(SiloAddress silo, GrainCall call);
}
