using System.Globalization;
using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Python/C <c>strftime</c> formatting in English, including glibc's <c>%-d</c> no-padding flag.</summary>
internal static class Strftime
{
    private static readonly DateTimeFormatInfo English = CultureInfo.InvariantCulture.DateTimeFormat;

    public static string Format(DateTimeOffset time, string format)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            var noPad = format[i + 1] == '-' && i + 2 < format.Length;
            if (noPad)
                i++;
            var code = format[++i];
            string Pad(int value, int width = 2) => noPad ? value.ToString(CultureInfo.InvariantCulture) : value.ToString(new string('0', width), CultureInfo.InvariantCulture);
            sb.Append(code switch
            {
                'a' => English.GetAbbreviatedDayName(time.DayOfWeek),
                'A' => English.GetDayName(time.DayOfWeek),
                'b' or 'h' => English.GetAbbreviatedMonthName(time.Month),
                'B' => English.GetMonthName(time.Month),
                'd' => Pad(time.Day),
                'e' => noPad ? time.Day.ToString(CultureInfo.InvariantCulture) : time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'm' => Pad(time.Month),
                'y' => Pad(time.Year % 100),
                'Y' => time.Year.ToString(CultureInfo.InvariantCulture),
                'H' => Pad(time.Hour),
                'I' => Pad(time.Hour % 12 == 0 ? 12 : time.Hour % 12),
                'M' => Pad(time.Minute),
                'S' => Pad(time.Second),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'j' => Pad(time.DayOfYear, 3),
                'w' => ((int)time.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'u' => (time.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)time.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'F' => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                'T' => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                'D' => time.ToString("MM/dd/yy", CultureInfo.InvariantCulture),
                'z' => (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => "%" + code,
            });
        }
        return sb.ToString();
    }
}
