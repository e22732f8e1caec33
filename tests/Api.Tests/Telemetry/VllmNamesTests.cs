using System.Text;
using Platform.Api.Telemetry;

namespace Platform.Api.Tests.Telemetry;

public class VllmNamesTests
{
    [Fact]
    public void Restore_RenamesRegisteredVllmFamilies_OnSampleHelpAndTypeLines_AndNothingElse()
    {
        var text = """
            # HELP vllm_num_requests_running Number of requests.
            # TYPE vllm_num_requests_running gauge
            vllm_num_requests_running{model_name="vllm_x"} 1
            vllm_e2e_request_latency_seconds_bucket{le="0.3"} 2
            # HELP platform_silo_up says vllm_ in its help
            platform_silo_up{silo="vllm_a"} 1
            process_cpu_seconds_total 3
            """.ReplaceLineEndings("\n") + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);

        VllmNames.Restore(bytes);

        Assert.Equal("""
            # HELP vllm:num_requests_running Number of requests.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{model_name="vllm_x"} 1
            vllm:e2e_request_latency_seconds_bucket{le="0.3"} 2
            # HELP platform_silo_up says vllm_ in its help
            platform_silo_up{silo="vllm_a"} 1
            process_cpu_seconds_total 3
            """.ReplaceLineEndings("\n") + "\n", Encoding.UTF8.GetString(bytes));
    }
}
