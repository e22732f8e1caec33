namespace Platform.Kernels.Attention;

/// <summary>A compile-time count of query heads processed together, so the JIT drops the unused heads' code and registers.</summary>
internal interface IHeadCount
{
    static abstract int N { get; }
}

/// <summary>One query head at a time.</summary>
internal struct OneHead : IHeadCount { public static int N => 1; }

/// <summary>Two query heads at a time.</summary>
internal struct TwoHeads : IHeadCount { public static int N => 2; }

/// <summary>Three query heads at a time.</summary>
internal struct ThreeHeads : IHeadCount { public static int N => 3; }

/// <summary>Four query heads at a time (the most whose accumulators fit the vector registers).</summary>
internal struct FourHeads : IHeadCount { public static int N => 4; }
