namespace Platform.Kernels.Numerics;

/// <summary>
/// A count fixed at compile time (query heads or tokens a kernel takes together), so each instantiation carries no
/// branches, work or registers for the absent ones.
/// </summary>
internal interface IUnrollCount
{
    static abstract int Count { get; }
}

/// <summary>One at a time.</summary>
internal struct UnrollOne : IUnrollCount { public static int Count => 1; }

/// <summary>Two at a time.</summary>
internal struct UnrollTwo : IUnrollCount { public static int Count => 2; }

/// <summary>Three at a time.</summary>
internal struct UnrollThree : IUnrollCount { public static int Count => 3; }

/// <summary>Four at a time (the most whose accumulators fit the vector registers).</summary>
internal struct UnrollFour : IUnrollCount { public static int Count => 4; }
