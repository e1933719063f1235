namespace CallCenterSdk.Acd;

/// <summary>A tenant of a multi-tenant center. Every other identifier carries one.</summary>
/// <param name="Value">The tenant's stable name.</param>
public readonly record struct TenantId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
