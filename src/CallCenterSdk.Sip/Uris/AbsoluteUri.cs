namespace CallCenterSdk.Sip.Uris;

/// <summary>
/// A URI of a scheme SIP does not interpret (http:, isbn:, urn:, ...), kept verbatim: a parser must accept it
/// (RFC 4475 §3.3.2) and an element decides whether to answer 416.
/// </summary>
public sealed class AbsoluteUri : AddressUri
{
    /// <summary>Creates an opaque URI.</summary>
    /// <param name="scheme">The scheme (compared case-insensitively).</param>
    /// <param name="schemeSpecificPart">Everything after the colon, verbatim.</param>
    public AbsoluteUri(string scheme, string schemeSpecificPart)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(schemeSpecificPart);
        Scheme = scheme.ToLowerInvariant();
        SchemeSpecificPart = schemeSpecificPart;
    }

    /// <inheritdoc/>
    public override string Scheme { get; }

    /// <summary>Everything after the colon, as received.</summary>
    public string SchemeSpecificPart { get; }

    /// <inheritdoc/>
    public override bool Equals(AddressUri? other) =>
        other is AbsoluteUri a && a.Scheme == Scheme && string.Equals(a.SchemeSpecificPart, SchemeSpecificPart, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Scheme, StringComparer.Ordinal.GetHashCode(SchemeSpecificPart));

    /// <inheritdoc/>
    public override string ToString() => Scheme + ":" + SchemeSpecificPart;
}
