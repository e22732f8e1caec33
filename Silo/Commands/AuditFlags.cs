using System.CommandLine;
using Platform.Api.Audit;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>The audit log's flags, on the processes that serve the API (`serve`, `api`).</summary>
internal sealed class AuditFlags
{
    private const string PostgresValue = "postgres";
    private const string OffValue = "off";

    private readonly Option<string?> _log = new("--audit-log") { Description = "Where each API call's audit record goes: a JSONL file PATH, postgres (the --cluster database's platform_audit_log) or off. Default: postgres with --cluster, else off" };
    private readonly Option<bool> _content = new("--audit-content") { Description = "Also record the request's messages or prompt and the output text (never recorded without this flag)" };
    private readonly Option<string?> _prices = new("--prices") { Description = "JSON file of per-model prices per million tokens, for each audit record's cost: {\"MODEL\": {\"prompt\": P, \"cached\": C, \"completion\": O}}" };
    private readonly Option<int> _queue = new("--audit-queue") { DefaultValueFactory = _ => 10_000, Description = "API calls in progress plus audit records not yet written; when full (the sink failing or behind), new calls get 503" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _log, _content, _prices, _queue })
            command.Options.Add(option);
    }

    /// <summary>The options with the audit settings; call after the cluster flags were read (the default depends on `--cluster`).</summary>
    public ServeOptions Read(ParseResult r, ServeOptions options)
    {
        var destination = r.GetValue(_log) ?? (options.Cluster.IsEmbedded ? OffValue : PostgresValue);
        if (destination.Length == 0)
            throw new ArgumentException("--audit-log needs a file path, postgres or off.");
        var postgres = destination.Equals(PostgresValue, StringComparison.OrdinalIgnoreCase);
        if (postgres && options.Cluster.IsEmbedded)
            throw new ArgumentException("--audit-log postgres writes to the cluster's database: give --cluster postgres://..., or --audit-log PATH for a JSONL file.");
        var off = destination.Equals(OffValue, StringComparison.OrdinalIgnoreCase);
        if (off && (r.GetValue(_content) || r.GetValue(_prices) is not null))
            throw new ArgumentException($"--{(r.GetValue(_content) ? "audit-content" : "prices")} is for the audit log, which is off: give --audit-log PATH (or postgres with --cluster).");
        var queue = r.GetValue(_queue);
        if (queue < 1)
            throw new ArgumentException($"--audit-queue must be at least 1, got {queue}.");
        return options with
        {
            Audit = off ? AuditSettings.Off : new AuditSettings
            {
                Postgres = postgres,
                FilePath = postgres ? null : destination,
                Content = r.GetValue(_content),
                Prices = r.GetValue(_prices) is { } prices ? ModelPrices.Load(prices) : ModelPrices.None,
                QueueCapacity = queue,
            },
        };
    }
}
