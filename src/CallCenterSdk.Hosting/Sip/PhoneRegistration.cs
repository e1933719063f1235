namespace CallCenterSdk.Hosting.Sip;

/// <summary>A phone's registration changed.</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="Agent">The agent whose extension it is, or null.</param>
/// <param name="Extension">The registered user part.</param>
/// <param name="Contacts">Current contact URIs (empty after unregistering).</param>
public sealed record PhoneRegistration(string Tenant, string? Agent, string Extension, IReadOnlyList<string> Contacts);
