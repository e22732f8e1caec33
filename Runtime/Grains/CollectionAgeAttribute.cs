namespace Platform.Runtime.Grains;

/// <summary>On a grain class: how long an activation may stay idle before it is collected (overrides the global age).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeAttribute : Attribute
{
    public double Hours { get; set; }
    public double Minutes { get; set; }
    public double Seconds { get; set; }
    public double Milliseconds { get; set; }

    public TimeSpan Age =>
        TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMilliseconds(Milliseconds);
}
