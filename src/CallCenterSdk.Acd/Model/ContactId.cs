namespace CallCenterSdk.Acd;

/// <summary>A contact (call, chat, e-mail) inside the ACD, scoped to its tenant. Assigned by the engine.</summary>
/// <param name="Tenant">Owning tenant.</param>
/// <param name="Sequence">Engine-wide sequence number, increasing with arrival.</param>
public readonly record struct ContactId(TenantId Tenant, long Sequence)
{
    /// <inheritdoc />
    public override string ToString() => Tenant.Value + "/c" + Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
