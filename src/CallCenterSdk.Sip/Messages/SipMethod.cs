using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Messages;

/// <summary>
/// A SIP method. Methods are case-sensitive tokens (RFC 3261 §7.1); the well-known ones are shared instances so
/// parsing them does not allocate. Extension methods (e.g. <c>RE%47IST%45R</c>, RFC 4475 §3.1.1.5) are kept verbatim.
/// </summary>
public readonly struct SipMethod : IEquatable<SipMethod>
{
    private static readonly string[] Known =
        ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE"];

    private readonly string? _name;

    /// <summary>Creates a method from its name; throws <see cref="ArgumentException"/> unless it is a token.</summary>
    /// <param name="name">The method name (case-sensitive).</param>
    public SipMethod(string name)
    {
        if (!SipGrammar.IsTokenString(name ?? string.Empty))
        {
            throw new ArgumentException("a SIP method is a non-empty token", nameof(name));
        }

        _name = Intern(name!);
    }

    /// <summary>INVITE.</summary>
    public static SipMethod Invite => new(Known[0], true);

    /// <summary>ACK.</summary>
    public static SipMethod Ack => new(Known[1], true);

    /// <summary>BYE.</summary>
    public static SipMethod Bye => new(Known[2], true);

    /// <summary>CANCEL.</summary>
    public static SipMethod Cancel => new(Known[3], true);

    /// <summary>OPTIONS.</summary>
    public static SipMethod Options => new(Known[4], true);

    /// <summary>REGISTER.</summary>
    public static SipMethod Register => new(Known[5], true);

    /// <summary>PRACK (RFC 3262).</summary>
    public static SipMethod Prack => new(Known[6], true);

    /// <summary>SUBSCRIBE (RFC 6665).</summary>
    public static SipMethod Subscribe => new(Known[7], true);

    /// <summary>NOTIFY (RFC 6665).</summary>
    public static SipMethod Notify => new(Known[8], true);

    /// <summary>PUBLISH (RFC 3903).</summary>
    public static SipMethod Publish => new(Known[9], true);

    /// <summary>INFO (RFC 6086).</summary>
    public static SipMethod Info => new(Known[10], true);

    /// <summary>REFER (RFC 3515).</summary>
    public static SipMethod Refer => new(Known[11], true);

    /// <summary>MESSAGE (RFC 3428).</summary>
    public static SipMethod Message => new(Known[12], true);

    /// <summary>UPDATE (RFC 3311).</summary>
    public static SipMethod Update => new(Known[13], true);

    private SipMethod(string name, bool trusted)
    {
        _ = trusted;
        _name = name;
    }

    /// <summary>The method name as written on the wire.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Whether this is one of the methods this SDK names (INVITE ... UPDATE).</summary>
    public bool IsKnown => _name is not null && Array.IndexOf(Known, _name) >= 0;

    internal static SipMethod FromBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var k in Known)
        {
            if (bytes.Length == k.Length && Ascii.Equals(bytes, k))
            {
                return new SipMethod(k, true);
            }
        }

        return new SipMethod(Encoding.ASCII.GetString(bytes), true);
    }

    internal bool NameEquals(ReadOnlySpan<byte> bytes) => _name is not null && bytes.Length == _name.Length && Ascii.Equals(bytes, _name);

    private static string Intern(string name)
    {
        foreach (var k in Known)
        {
            if (string.Equals(k, name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return name;
    }

    /// <inheritdoc/>
    public bool Equals(SipMethod other) => string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SipMethod m && Equals(m);

    /// <inheritdoc/>
    public override int GetHashCode() => _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Case-sensitive equality.</summary>
    /// <param name="left">First method.</param>
    /// <param name="right">Second method.</param>
    public static bool operator ==(SipMethod left, SipMethod right) => left.Equals(right);

    /// <summary>Case-sensitive inequality.</summary>
    /// <param name="left">First method.</param>
    /// <param name="right">Second method.</param>
    public static bool operator !=(SipMethod left, SipMethod right) => !left.Equals(right);
}
