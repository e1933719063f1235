namespace CallCenterSdk.Sip.Registration;

/// <summary>A SIP domain the registrar serves: the tenant it belongs to and its digest realm.</summary>
/// <param name="TenantId">The tenant that owns the domain.</param>
/// <param name="Realm">The digest realm (usually the domain).</param>
public sealed record RegistrarDomain(string TenantId, string Realm);
