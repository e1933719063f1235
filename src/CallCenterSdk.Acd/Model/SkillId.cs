namespace CallCenterSdk.Acd;

/// <summary>A skill (language, product, competence), scoped to its tenant.</summary>
/// <param name="Tenant">Owning tenant.</param>
/// <param name="Name">Name, unique within the tenant.</param>
public readonly record struct SkillId(TenantId Tenant, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Tenant.Value + "/" + Name;
}
