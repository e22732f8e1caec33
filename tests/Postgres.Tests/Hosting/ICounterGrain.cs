namespace Platform.Postgres.Tests.Hosting;

/// <summary>A grain whose count lives in grain storage.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
}
