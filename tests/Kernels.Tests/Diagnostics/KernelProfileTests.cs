using Platform.Kernels.Diagnostics;

namespace Platform.Kernels.Tests.Diagnostics;

/// <summary>The process-wide kernel profile: spans land in the phase of their step and show in the table; off, nothing is recorded.</summary>
[Collection(nameof(KernelProfileTests))]
public class KernelProfileTests
{
    [Fact]
    public void SpansOfDecodeAndPrefillStepsAreTabledPerPhase()
    {
        KernelProfile.Reset();
        KernelProfile.Enabled = true;
        try
        {
            KernelProfile.BeginStep(decodeOnly: true, tokens: 4);
            var p = KernelProfile.Start();
            Thread.Sleep(2);
            KernelProfile.Lap(KernelKind.Sampling, p);
            KernelProfile.EndStep();
            KernelProfile.BeginStep(decodeOnly: false, tokens: 100);
            KernelProfile.Stop(KernelKind.Sampling, KernelProfile.Start());
            KernelProfile.EndStep();
        }
        finally
        {
            KernelProfile.Enabled = false;
        }
        var table = new StringWriter();
        KernelProfile.Write(table);
        var text = table.ToString();
        Assert.Contains("decode-only steps: 1 steps, 4.0 tokens/step", text);
        Assert.Contains("steps with prefill: 1 steps, 100.0 tokens/step", text);
        Assert.Equal(2, text.Split('\n').Count(line => line.TrimStart().StartsWith("Sampling")));
    }

    [Fact]
    public void NothingIsRecordedWhileOff()
    {
        KernelProfile.Reset();
        KernelProfile.Enabled = false;
        KernelProfile.BeginStep(decodeOnly: true, tokens: 1);
        Assert.Equal(0, KernelProfile.Start());
        KernelProfile.Stop(KernelKind.Sampling, 0);
        KernelProfile.EndStep();
        var table = new StringWriter();
        KernelProfile.Write(table);
        Assert.Equal("", table.ToString());
    }
}
