using System.Globalization;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Formats doubles the way Python's <c>repr(float)</c> does (shortest round-trip, <c>1.0</c>, <c>1e-05</c>).</summary>
internal static class PyFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e < 0)
            return text.Contains('.') ? text : text + ".0";
        var mantissa = text[..e];
        var exponent = int.Parse(text.AsSpan(e + 1), CultureInfo.InvariantCulture);
        // Python switches to positional notation for exponents in [-4, 16).
        if (exponent is >= -4 and < 16)
        {
            var positional = value.ToString("F" + Math.Max(0, -exponent + 17), CultureInfo.InvariantCulture).TrimEnd('0');
            return positional.EndsWith('.') ? positional + "0" : positional;
        }
        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }
}
