namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The value of <c>a=crypto</c> (SDES, RFC 4568 §9.1): <c>&lt;tag&gt; &lt;crypto-suite&gt; &lt;key-params&gt; [&lt;session-params&gt;]</c>.
/// Preserved verbatim; SRTP itself belongs to the media layer.
/// </summary>
/// <param name="Tag">The tag (1..9 digits) an answer uses to pick this offer line.</param>
/// <param name="Suite">The crypto suite (<c>AES_CM_128_HMAC_SHA1_80</c>, <c>AEAD_AES_256_GCM</c>, ...).</param>
/// <param name="KeyParameters">The key parameters (<c>inline:&lt;key||salt&gt;[|lifetime][|MKI:length]</c>, several separated by <c>;</c>).</param>
/// <param name="SessionParameters">Session parameters, verbatim, or null.</param>
public readonly record struct SdpCrypto(int Tag, string Suite, string KeyParameters, string? SessionParameters)
{
    /// <summary>Parses a crypto value; false when it is malformed.</summary>
    public static bool TryParse(string value, out SdpCrypto crypto)
    {
        ArgumentNullException.ThrowIfNull(value);
        crypto = default;
        if (Validate(value, out _) is not null)
        {
            return false;
        }

        var rest = value.AsSpan();
        SdpGrammar.NextField(ref rest, out var tag);
        SdpGrammar.NextField(ref rest, out var suite);
        SdpGrammar.NextField(ref rest, out var key);
        SdpGrammar.TryParseInt(tag, 999_999_999, out var t);
        var session = rest.Trim(' ');
        crypto = new SdpCrypto(t, suite.ToString(), key.ToString(), session.IsEmpty ? null : session.ToString());
        return true;
    }

    internal static string? Validate(ReadOnlySpan<char> value, out int errorIndex)
    {
        errorIndex = 0;
        var rest = value;
        if (!SdpGrammar.NextField(ref rest, out var tag) || tag.Length > 9 || !SdpGrammar.TryParseInt(tag, 999_999_999, out _))
        {
            return "a=crypto must start with a tag of 1..9 digits";
        }

        if (!SdpGrammar.NextField(ref rest, out var suite))
        {
            errorIndex = value.Length;
            return "a=crypto needs a crypto suite";
        }

        if (!SdpGrammar.NextField(ref rest, out var key) || key.IndexOf(':') <= 0)
        {
            errorIndex = SdpGrammar.OffsetOf(value, suite) + suite.Length;
            return "a=crypto key parameters must be <method>:<key info>";
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => SessionParameters is null
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Tag} {Suite} {KeyParameters}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Tag} {Suite} {KeyParameters} {SessionParameters}");
}
