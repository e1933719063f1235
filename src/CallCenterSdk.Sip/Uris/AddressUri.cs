using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Uris;

/// <summary>
/// A URI as SIP carries it in the Request-URI and in name-addr/addr-spec headers: a <see cref="SipUri"/>
/// (sip:/sips:), a <see cref="TelUri"/> (tel:, RFC 3966) or any other <see cref="AbsoluteUri"/> kept opaque
/// (RFC 3261 §19, RFC 4475 §3.3.2-§3.3.4).
/// </summary>
public abstract class AddressUri : IEquatable<AddressUri>
{
    /// <summary>The scheme in lower case, without the colon (<c>sip</c>, <c>sips</c>, <c>tel</c>, ...).</summary>
    public abstract string Scheme { get; }

    /// <summary>Parses any URI SIP may carry; throws <see cref="SipParseException"/> when malformed.</summary>
    /// <param name="text">The URI, without angle brackets.</param>
    /// <returns>A <see cref="SipUri"/>, <see cref="TelUri"/> or <see cref="AbsoluteUri"/>.</returns>
    public static AddressUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        return SipUriParser.Parse(bytes, 0, bytes.Length, UriContext.NameAddr, 0);
    }

    /// <summary>Parses any URI SIP may carry from its wire bytes.</summary>
    /// <param name="bytes">The URI bytes, without angle brackets.</param>
    /// <returns>The parsed URI.</returns>
    public static AddressUri Parse(ReadOnlySpan<byte> bytes) => SipUriParser.Parse(bytes, 0, bytes.Length, UriContext.NameAddr, 0);

    /// <summary>Compares by the scheme's own rules (RFC 3261 §19.1.4 for SIP, RFC 3966 §4 for tel).</summary>
    /// <param name="other">The other URI.</param>
    /// <returns>True when equivalent.</returns>
    public abstract bool Equals(AddressUri? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AddressUri u && Equals(u);

    /// <inheritdoc/>
    public abstract override int GetHashCode();

    /// <summary>The canonical wire form.</summary>
    /// <returns>The URI text.</returns>
    public abstract override string ToString();

    /// <summary>Equality by the scheme's comparison rules.</summary>
    /// <param name="left">First URI.</param>
    /// <param name="right">Second URI.</param>
    public static bool operator ==(AddressUri? left, AddressUri? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by the scheme's comparison rules.</summary>
    /// <param name="left">First URI.</param>
    /// <param name="right">Second URI.</param>
    public static bool operator !=(AddressUri? left, AddressUri? right) => !(left == right);
}
