namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The <c>o=</c> line (RFC 8866 §5.2): who created the session and which version of it this is.
/// RFC 3264 §8 requires the version to grow by one each time a party changes its description,
/// and everything else to stay the same for the life of the session.
/// </summary>
/// <param name="UserName">The originator's login, or <c>-</c>.</param>
/// <param name="SessionId">Numeric session id, kept as text (browsers emit ids beyond 64 bits in practice).</param>
/// <param name="SessionVersion">The version of this description.</param>
/// <param name="NetworkType">Usually <c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The originating host: an address or a fully qualified domain name.</param>
public sealed record SdpOrigin(string UserName, string SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>True when <paramref name="other"/> names the same session (every field but the version equal).</summary>
    public bool IsSameSession(SdpOrigin other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(UserName, other.UserName, StringComparison.Ordinal)
            && string.Equals(SessionId, other.SessionId, StringComparison.Ordinal)
            && string.Equals(NetworkType, other.NetworkType, StringComparison.Ordinal)
            && string.Equals(AddressType, other.AddressType, StringComparison.Ordinal)
            && string.Equals(Address, other.Address, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The same origin with the version incremented by one (RFC 3264 §8).</summary>
    public SdpOrigin NextVersion() => this with { SessionVersion = unchecked(SessionVersion + 1) };
}
