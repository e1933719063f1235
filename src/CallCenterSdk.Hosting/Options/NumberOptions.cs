namespace CallCenterSdk.Hosting.Options;

/// <summary>A dialed number (DID) of a tenant and the IVR flow that answers it.</summary>
public sealed class NumberOptions
{
    /// <summary>The number as callers dial it, E.164 preferred (<c>+4930123456</c>); unique over all tenants.</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>Id of the IVR flow (a key of <see cref="TenantOptions.IvrFlows"/>) that answers the number.</summary>
    public string Flow { get; set; } = string.Empty;
}
