using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>The Event header (RFC 6665 §8.2.1): an event package (e.g. <c>refer</c>, <c>dialog</c>) and an optional <c>id</c>.</summary>
public sealed class EventHeader
{
    /// <summary>Creates an Event value.</summary>
    /// <param name="package">The event type, e.g. presence or refer.</param>
    /// <param name="parameters">Parameters, or null.</param>
    public EventHeader(string package, SipParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(package);
        Package = package;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The event type (package[.template]).</summary>
    public string Package { get; }

    /// <summary>Parameters in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The <c>id</c> parameter, or null.</summary>
    public string? Id => Parameters["id"];

    internal static EventHeader Read(ref SipValueReader r)
    {
        r.SkipLws();
        var package = r.ReadToken("event type");
        var parameters = ParameterReader.ReadAll(ref r);
        r.ExpectEnd("Event");
        return new EventHeader(r.GetString(package), parameters);
    }

    /// <summary>The wire form.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Package);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
