using CallCenterSdk.Crm.Tenancy;

namespace CallCenterSdk.Crm.Tests.Support;

/// <summary>Unique tenants per test, so tests sharing one PostgreSQL database never see each other's rows.</summary>
public static class Tenants
{
    public static TenantId New(string label) => new($"{label}-{Guid.NewGuid():N}");
}
