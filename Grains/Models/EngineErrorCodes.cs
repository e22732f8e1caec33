using Platform.Engine.Generation;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>Translates the engine's rejection codes into the platform's, which the API maps to HTTP statuses.</summary>
internal static class EngineErrorCodes
{
    public static string ToPlatform(string engineCode) => engineCode switch
    {
        RequestRejectedException.ContextLengthExceeded => PlatformRequestException.ContextLengthExceeded,
        RequestRejectedException.InvalidParameter or RequestRejectedException.InvalidPrompt => PlatformRequestException.InvalidValue,
        RequestRejectedException.EngineUnavailable => PlatformRequestException.ModelUnavailable,
        _ => engineCode,
    };
}
