using System.Text.RegularExpressions;

namespace Platform.Silo.Hosting;

/// <summary>Engine devices as the command line spells them (`--device cpu`): the engine runs on the CPU only.</summary>
internal static partial class DeviceNames
{
    public const string Cpu = "cpu";

    /// <summary>The device to advertise; a usage error for a CUDA device (refused rather than silently run on the CPU) or an unknown name.</summary>
    public static string Parse(string value)
    {
        var device = value.Trim().ToLowerInvariant();
        if (device == Cpu)
            return Cpu;
        if (CudaDevice().IsMatch(device))
            throw new ArgumentException($"--device {value}: this engine runs on the CPU only; use --device cpu (the default).");
        throw new ArgumentException($"--device '{value}' is not a device: use cpu (cuda:N is not supported, the engine runs on the CPU only).");
    }

    [GeneratedRegex("^cuda(:[0-9]+)?$")]
    private static partial Regex CudaDevice();
}
