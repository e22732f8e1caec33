using System.Text;
using Platform.TestSupport.Http;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>
/// Requests that arrive too slowly or stop arriving: a body trickling below Kestrel's minimum data rate (240 B/s after a
/// 5 s grace), a body that stalls halfway, headers that stop (Kestrel's 30 s header timeout). Each must end in 408 or a
/// closed connection, never a hang. Production defaults are kept: these run in parallel with the rest, so they add
/// about 30 s to the suite at most.
/// </summary>
public static class SlowCases
{
    public const string Category = "slow or stalled request";

    /// <summary>All the cases.</summary>
    public static IEnumerable<FuzzCase> All()
    {
        foreach (var (path, body) in FuzzBodies.Endpoints.DistinctBy(e => e.Path))
        {
            var json = Encoding.UTF8.GetBytes(body().ToJsonString());
            var head = RawHttp.Request("POST", path, $"Host: x\r\nContent-Type: application/json\r\nContent-Length: {json.Length + 4096}");
            var padded = Encoding.ASCII.GetBytes(new string(' ', 4096)).Concat(json).ToArray();
            // 8 bytes a second: far below the minimum rate.
            yield return new(Category, $"{path} body at 8 B/s", FuzzSend.Trickle(head, padded, padded.Length / 8, TimeSpan.FromSeconds(1)), MayClose: true);
            yield return new(Category, $"{path} body stalls halfway", FuzzSend.Trickle(head, padded[..(padded.Length / 2)], 1, TimeSpan.Zero), MayClose: true);
        }
        yield return new(Category, "headers stop before the blank line",
            FuzzSend.Trickle("POST /v1/completions HTTP/1.1\r\nHost: x\r\n"u8.ToArray(), "X-Slow: 1\r\n"u8.ToArray(), 1, TimeSpan.Zero), MayClose: true);
        yield return new(Category, "headers trickle a byte a second",
            FuzzSend.Trickle("GET /v1/models HTTP/1.1\r\n"u8.ToArray(), Encoding.ASCII.GetBytes("Host: x\r\n" + new string('X', 60)), 70, TimeSpan.FromSeconds(1)), MayClose: true);
    }
}
