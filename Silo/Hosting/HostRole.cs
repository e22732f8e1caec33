namespace Platform.Silo.Hosting;

/// <summary>What one `platform` process is: silo and API together, a silo with engines only, or an API node with no engines.</summary>
internal enum HostRole
{
    Serve,
    Silo,
    Api,
}
