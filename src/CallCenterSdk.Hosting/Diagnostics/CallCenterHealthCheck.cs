using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Sip;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenterSdk.Hosting.Diagnostics;

/// <summary>Healthy once SIP listens and the CRM store is open: the center accepts calls.</summary>
public sealed class CallCenterHealthCheck : IHealthCheck
{
    private readonly SipServer _sip;
    private readonly CrmStoreHost _crm;

    /// <summary>Created by the container.</summary>
    public CallCenterHealthCheck(SipServer sip, CrmStoreHost crm)
    {
        _sip = sip;
        _crm = crm;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (!_sip.IsListening)
        {
            problems.Add("SIP is not listening yet");
        }

        if (!_crm.IsOpen)
        {
            problems.Add("the CRM store is not open");
        }

        var sip = string.Join(", ", _sip.EndPoints.Select(e => $"{e.Protocol.ToString().ToLowerInvariant()}:{e.EndPoint}"));
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("SIP " + sip + "; store open")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems)));
    }
}
