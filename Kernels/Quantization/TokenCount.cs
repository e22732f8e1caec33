namespace Platform.Kernels.Quantization;

/// <summary>A token count fixed at compile time, so a kernel instantiated with it carries no per-token branches.</summary>
internal interface ITokenCount
{
    static abstract int Count { get; }
}

internal struct OneToken : ITokenCount { public static int Count => 1; }

internal struct TwoTokens : ITokenCount { public static int Count => 2; }

internal struct ThreeTokens : ITokenCount { public static int Count => 3; }

internal struct FourTokens : ITokenCount { public static int Count => 4; }
