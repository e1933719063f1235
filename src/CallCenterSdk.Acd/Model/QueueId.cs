namespace CallCenterSdk.Acd;

/// <summary>A queue, scoped to its tenant.</summary>
/// <param name="Tenant">Owning tenant.</param>
/// <param name="Name">Name, unique within the tenant.</param>
public readonly record struct QueueId(TenantId Tenant, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Tenant.Value + "/" + Name;
}
