using System.Net;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;
using Platform.Postgres.Sql;

namespace Platform.Postgres.Membership;

/// <summary>Maps a <see cref="MembershipEntry"/> to the columns of platform_membership and back.</summary>
internal static class MembershipRow
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns =
        "m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port, m.role_name, m.update_zone, " +
        "m.fault_zone, m.suspecting_silos, m.suspect_times, m.start_time, m.i_am_alive_time, m.etag";

    /// <summary>The condition selecting one silo's row, with the parameters <see cref="AddKey"/> supplies.</summary>
    public const string KeyCondition =
        "m.cluster_id = @cluster AND m.address = @address AND m.port = @port AND m.generation = @generation";

    /// <summary>The SET list of every column but the key, with the parameters <see cref="AddValues"/> supplies.</summary>
    public const string ValueAssignments =
        "silo_name = @silo_name, host_name = @host_name, status = @status, proxy_port = @proxy_port, role_name = @role_name, " +
        "update_zone = @update_zone, fault_zone = @fault_zone, suspecting_silos = @suspecting_silos, " +
        "suspect_times = @suspect_times, start_time = @start_time, i_am_alive_time = @i_am_alive_time";

    /// <summary>The columns of <see cref="ValueAssignments"/>, for an INSERT.</summary>
    public const string ValueColumns =
        "silo_name, host_name, status, proxy_port, role_name, update_zone, fault_zone, suspecting_silos, suspect_times, " +
        "start_time, i_am_alive_time";

    /// <summary>The parameters of <see cref="ValueColumns"/>, in their order.</summary>
    public const string ValueParameters =
        "@silo_name, @host_name, @status, @proxy_port, @role_name, @update_zone, @fault_zone, @suspecting_silos, " +
        "@suspect_times, @start_time, @i_am_alive_time";

    public static void AddKey(NpgsqlParameterCollection parameters, string clusterId, SiloAddress silo)
    {
        parameters.AddValue("cluster", NpgsqlDbType.Text, clusterId);
        parameters.AddValue("address", NpgsqlDbType.Inet, silo.Endpoint.Address);
        parameters.AddValue("port", NpgsqlDbType.Integer, silo.Endpoint.Port);
        parameters.AddValue("generation", NpgsqlDbType.Integer, silo.Generation);
    }

    public static void AddValues(NpgsqlParameterCollection parameters, MembershipEntry entry)
    {
        parameters.AddValue("silo_name", NpgsqlDbType.Text, entry.SiloName ?? "");
        parameters.AddValue("host_name", NpgsqlDbType.Text, entry.HostName ?? "");
        parameters.AddValue("status", NpgsqlDbType.Integer, (int)entry.Status);
        parameters.AddValue("proxy_port", NpgsqlDbType.Integer, entry.ProxyPort);
        parameters.AddValue("role_name", NpgsqlDbType.Text, entry.RoleName);
        parameters.AddValue("update_zone", NpgsqlDbType.Integer, entry.UpdateZone);
        parameters.AddValue("fault_zone", NpgsqlDbType.Integer, entry.FaultZone);
        // Null and empty suspect lists stay distinct so an entry reads back exactly as written.
        parameters.AddValue("suspecting_silos", NpgsqlDbType.Array | NpgsqlDbType.Text,
            entry.SuspectTimes?.Select(s => s.Item1.ToParsableString()).ToArray());
        parameters.AddValue("suspect_times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            entry.SuspectTimes?.Select(s => Utc(s.Item2)).ToArray());
        parameters.AddValue("start_time", NpgsqlDbType.TimestampTz, Utc(entry.StartTime));
        AddIAmAlive(parameters, entry);
    }

    public static void AddIAmAlive(NpgsqlParameterCollection parameters, MembershipEntry entry) =>
        parameters.AddValue("i_am_alive_time", NpgsqlDbType.TimestampTz, Utc(entry.IAmAliveTime));

    /// <summary>Reads the entry and its ETag from <see cref="Columns"/>, which start at column <paramref name="first"/>.</summary>
    public static Tuple<MembershipEntry, string> Read(NpgsqlDataReader reader, int first)
    {
        var endpoint = new IPEndPoint(reader.GetFieldValue<IPAddress>(first), reader.GetInt32(first + 1));
        var suspecters = reader.IsDBNull(first + 10) ? null : reader.GetFieldValue<string[]>(first + 10);
        var suspectTimes = reader.IsDBNull(first + 11) ? null : reader.GetFieldValue<DateTime[]>(first + 11);
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(endpoint, reader.GetInt32(first + 2)),
            SiloName = reader.GetString(first + 3),
            HostName = reader.GetString(first + 4),
            Status = (SiloStatus)reader.GetInt32(first + 5),
            ProxyPort = reader.GetInt32(first + 6),
            RoleName = reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7),
            UpdateZone = reader.GetInt32(first + 8),
            FaultZone = reader.GetInt32(first + 9),
            SuspectTimes = suspecters?.Zip(suspectTimes ?? [], (s, t) => Tuple.Create(SiloAddress.FromParsableString(s), t)).ToList(),
            StartTime = reader.GetDateTime(first + 12),
            IAmAliveTime = reader.GetDateTime(first + 13),
        };
        return Tuple.Create(entry, MembershipEtags.Format(reader.GetInt64(first + 14)));
    }

    // timestamptz takes only UTC; Orleans writes UTC but an unset time is Unspecified, which is taken to mean UTC.
    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
