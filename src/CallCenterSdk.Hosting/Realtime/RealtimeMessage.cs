using CallCenterSdk.Acd;

namespace CallCenterSdk.Hosting.Realtime;

/// <summary>One push to a tenant's group; with <see cref="StatsFor"/> the pump sends that queue's figures after it.</summary>
internal sealed record RealtimeMessage(string Tenant, string Method, object? Payload, QueueId? StatsFor = null);
