namespace CallCenterSdk.Acd;

/// <summary>An agent (a worker who handles contacts), scoped to its tenant.</summary>
/// <param name="Tenant">Owning tenant.</param>
/// <param name="Name">Login name, unique within the tenant.</param>
public readonly record struct AgentId(TenantId Tenant, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Tenant.Value + "/" + Name;
}
