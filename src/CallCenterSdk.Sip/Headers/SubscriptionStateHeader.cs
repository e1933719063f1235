using System.Globalization;
using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>The Subscription-State header (RFC 6665 §8.2.3): active, pending or terminated, with reason, expires and retry-after.</summary>
public sealed class SubscriptionStateHeader
{
    /// <summary>Creates a value.</summary>
    /// <param name="state">active, pending, terminated or an extension.</param>
    /// <param name="parameters">Parameters, or null.</param>
    public SubscriptionStateHeader(string state, SipParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        State = state;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The substate value.</summary>
    public string State { get; }

    /// <summary>Parameters in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The <c>reason</c> parameter, or null.</summary>
    public string? Reason => Parameters["reason"];

    /// <summary>The <c>expires</c> parameter in seconds, or null.</summary>
    public uint? Expires => Parameters["expires"] is { } v ? uint.Parse(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The <c>retry-after</c> parameter in seconds, or null.</summary>
    public uint? RetryAfter => Parameters["retry-after"] is { } v ? uint.Parse(v, CultureInfo.InvariantCulture) : null;

    internal static SubscriptionStateHeader Read(ref SipValueReader r)
    {
        r.SkipLws();
        var state = r.ReadToken("subscription state");
        var start = r.Position;
        var parameters = ParameterReader.ReadAll(ref r);
        r.ExpectEnd("Subscription-State");
        foreach (var name in (string[])["expires", "retry-after"])
        {
            if (parameters.TryGetValue(name, out var v) && !uint.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                r.FailAt($"Subscription-State {name} must be delta-seconds", start);
            }
        }

        return new SubscriptionStateHeader(r.GetString(state), parameters);
    }

    /// <summary>The wire form.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(State);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
