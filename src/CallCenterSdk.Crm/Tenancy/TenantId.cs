namespace CallCenterSdk.Crm.Tenancy;

/// <summary>
/// Identifies the tenant that owns a row. Every store method takes one, and no call reads or
/// writes another tenant's data.
/// </summary>
public readonly record struct TenantId
{
    /// <summary>Creates a tenant id; it must be 1 to 64 characters without control characters.</summary>
    /// <param name="value">The tenant's identifier as the host application spells it.</param>
    /// <exception cref="ArgumentException">The value is empty, too long or has control characters.</exception>
    public TenantId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is 0 or > 64)
        {
            throw new ArgumentException("A tenant id must be 1 to 64 characters long.", nameof(value));
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("A tenant id must not contain control characters.", nameof(value));
            }
        }

        Value = value;
    }

    /// <summary>The tenant's identifier.</summary>
    public string Value { get; }

    /// <summary>Throws when this is the default (uninitialised) value.</summary>
    /// <exception cref="ArgumentException">The tenant was never set.</exception>
    internal string Require() => Value ?? throw new ArgumentException("The tenant id is not set (default TenantId).");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
