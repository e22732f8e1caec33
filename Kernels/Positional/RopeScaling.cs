namespace Platform.Kernels.Positional;

/// <summary>Context-extension rescaling of RoPE frequencies.</summary>
public abstract record RopeScaling
{
    /// <summary>Returns the scaled inverse frequency of one rotation pair.</summary>
    public abstract double Scale(int pair, double inverseFrequency);
}

/// <summary>Linear position interpolation: every frequency divided by <paramref name="Factor"/>.</summary>
public sealed record LinearRopeScaling(double Factor) : RopeScaling
{
    public override double Scale(int pair, double inverseFrequency) => inverseFrequency / Factor;
}

/// <summary>Llama 3.x scaling: long wavelengths divided by the factor, short ones kept, the band between interpolated smoothly.</summary>
public sealed record Llama3RopeScaling(double Factor, double LowFrequencyFactor, double HighFrequencyFactor, int OriginalMaxPositions) : RopeScaling
{
    public override double Scale(int pair, double inverseFrequency)
    {
        var lowFrequencyWavelength = OriginalMaxPositions / LowFrequencyFactor;
        var highFrequencyWavelength = OriginalMaxPositions / HighFrequencyFactor;
        var wavelength = 2 * Math.PI / inverseFrequency;
        if (wavelength < highFrequencyWavelength) return inverseFrequency;
        if (wavelength > lowFrequencyWavelength) return inverseFrequency / Factor;
        var smooth = (OriginalMaxPositions / wavelength - LowFrequencyFactor) / (HighFrequencyFactor - LowFrequencyFactor);
        return (1 - smooth) * inverseFrequency / Factor + smooth * inverseFrequency;
    }
}

/// <summary>Per-pair divisors stored with the weights (GGUF's <c>rope_freqs.weight</c>, how llama.cpp carries Llama 3 scaling).</summary>
public sealed record FrequencyFactorRopeScaling(float[] Factors) : RopeScaling
{
    public override double Scale(int pair, double inverseFrequency) => inverseFrequency / Factors[pair];
}
