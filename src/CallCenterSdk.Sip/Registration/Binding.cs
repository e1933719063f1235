using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Registration;

/// <summary>One registered contact of an address-of-record (RFC 3261 §10.3).</summary>
/// <param name="Contact">The contact URI as registered.</param>
/// <param name="ExpiresAt">When the binding lapses.</param>
/// <param name="Q">The q-value preference, 0 to 1 (1 when absent).</param>
/// <param name="CallId">The Call-ID of the REGISTER that made it.</param>
/// <param name="CSeq">The CSeq of that REGISTER.</param>
/// <param name="Source">Where the REGISTER came from: requests to the contact go there (NAT, RFC 5626 style flow).</param>
public sealed record Binding(string Contact, DateTimeOffset ExpiresAt, double Q, string CallId, uint CSeq, SipEndpoint Source);
