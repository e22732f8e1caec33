using Platform.Grains.Interfaces.Tenants;
using Platform.Grains.Tenants;

namespace Platform.Grains.Tests.Tenants;

public class TenantUsageStateTests
{
    [Fact]
    public void Rolling_StartsANewUtcDayAtMidnight_AndANewMonthOnTheFirst_KeepingTheOtherPeriod()
    {
        var state = new TenantUsageState();
        state.Roll(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        state.Day = state.Day!.Add(new TenantTokens(10, 4, 5));
        state.Month = state.Month!.Add(new TenantTokens(10, 4, 5));

        // 23:30 at UTC-1 is 00:30 UTC on January 1st: a new UTC day and a new month.
        state.Roll(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-1)));

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), state.Day!.Start);
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero), state.Day.End);
        Assert.Equal(0, state.Day.Tokens.Total);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), state.Month!.End);
        Assert.Equal(0, state.Month.Tokens.Total);

        state.Day = state.Day.Add(new TenantTokens(7, 0, 3));
        state.Month = state.Month.Add(new TenantTokens(7, 0, 3));
        state.Roll(new DateTimeOffset(2027, 1, 2, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, state.Day.Tokens.Total);
        Assert.Equal(10, state.Month.Tokens.Total);
    }

    [Fact]
    public void TheTotal_CountsCachedPromptTokensAtFullWeight_AsPartOfThePrompt() =>
        Assert.Equal(15, new TenantTokens(PromptTokens: 10, CachedTokens: 8, CompletionTokens: 5).Total);
}
