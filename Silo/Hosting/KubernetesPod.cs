namespace Platform.Silo.Hosting;

/// <summary>
/// What `--kubernetes` needs from the pod it runs in, checked before anything starts so a misconfigured pod says what is
/// missing instead of failing deep inside Orleans' Kubernetes hosting (which reads the same variables itself).
/// </summary>
internal static class KubernetesPod
{
    /// <summary>Where Kubernetes mounts the pod's service account token, which Orleans' in-cluster client authenticates with.</summary>
    public const string TokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>
    /// The address to advertise: <paramref name="advertiseAddress"/> when the user gave one, else POD_IP. Throws a usage
    /// error naming what to give when the process cannot run Orleans' Kubernetes hosting.
    /// </summary>
    public static string Check(bool hostsSilo, bool hasCluster, string? advertiseAddress, Func<string, string?> environment, Func<string, bool>? fileExists = null)
    {
        // Orleans' Kubernetes hosting is a silo feature: an API node is a client that finds gateways in PostgreSQL.
        if (!hostsSilo)
            throw new ArgumentException("--kubernetes is for processes that run a silo (serve, silo): an api node is an Orleans client and finds the silos' gateways in the --cluster database wherever it runs. Drop the flag.");
        if (!hasCluster)
            throw new ArgumentException("--kubernetes needs --cluster postgres://user:pass@host:port/db: membership stays in PostgreSQL, and Kubernetes hosting only names the silo after its pod and watches its peers' pods.");
        var missing = new[] { "POD_NAME", "POD_NAMESPACE" }.Where(name => string.IsNullOrWhiteSpace(environment(name))).ToList();
        if (advertiseAddress is null && string.IsNullOrWhiteSpace(environment("POD_IP")))
            missing.Add("POD_IP");
        if (missing.Count > 0)
            throw new ArgumentException($"--kubernetes runs the silo as a Kubernetes pod, but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set: set them from the downward API (metadata.name, metadata.namespace, status.podIP; the Helm chart does){(missing.Contains("POD_IP") ? ", or give --advertise-address" : "")}.");
        // The in-cluster client configuration Orleans uses reads these; outside a pod they are absent.
        if (string.IsNullOrWhiteSpace(environment("KUBERNETES_SERVICE_HOST")) || string.IsNullOrWhiteSpace(environment("KUBERNETES_SERVICE_PORT")))
            throw new ArgumentException("--kubernetes needs the Kubernetes API from inside a pod, but KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not set: this process is not running in a Kubernetes pod. Drop the flag to run outside Kubernetes.");
        if (!(fileExists ?? File.Exists)(TokenPath))
            throw new ArgumentException($"--kubernetes needs the pod's service account token at {TokenPath} to read its peers' pods: mount it (automountServiceAccountToken: true) for a service account the chart's Role binds.");
        return advertiseAddress ?? environment("POD_IP")!.Trim();
    }
}
