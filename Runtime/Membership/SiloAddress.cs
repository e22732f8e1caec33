namespace Platform.Runtime.Membership;

/// <summary>Where a silo listens, plus the generation that tells a restarted silo from its previous life.</summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    public override string ToString() => $"{Host}:{Port}@{Generation}";
}
