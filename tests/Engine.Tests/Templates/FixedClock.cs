namespace Platform.Engine.Tests.Templates;

/// <summary>A clock stopped at the moment expected outputs were rendered (for templates that call <c>strftime_now</c>).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
