using Orleans.Hosting;

namespace Platform.Silo.Hosting;

/// <summary>
/// `--kubernetes`: Orleans' Kubernetes hosting beside our PostgreSQL membership. The silo takes its pod's name (so
/// membership rows and pods match) and labels its pod with the cluster and service ids; up to two silos watch the
/// cluster's pods and declare a silo dead as soon as its pod is deleted, instead of waiting for missed probes. It needs
/// get, list, watch and patch on pods in its namespace (the chart's Role).
/// </summary>
internal static class KubernetesHosting
{
    public static void Configure(ISiloBuilder silo) =>
        // Defunct pods are left to their StatefulSet: deleting them would need the delete verb and could race a drain.
        silo.UseKubernetesHosting(options => options.Configure(o => o.DeleteDefunctSiloPods = false));
}
