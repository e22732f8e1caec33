namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// A job with its prompt resolved to token ids (so the replica does not tokenize it again) and the replica to run it on;
/// <paramref name="ReportStart"/>: tell the deployment when it started (see <see cref="RouteDecision"/>).
/// </summary>
[GenerateSerializer, Alias("platform.RoutedJob")]
public sealed record RoutedJob(string ReplicaKey, GenerationJob Job, bool ReportStart = false);
