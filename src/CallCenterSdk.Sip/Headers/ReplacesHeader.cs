using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>The Replaces header (RFC 3891 §6.1): the dialog to replace, by Call-ID, to-tag and from-tag, and early-only.</summary>
public sealed class ReplacesHeader
{
    /// <summary>Creates a value.</summary>
    /// <param name="callId">The Call-ID of the dialog to replace.</param>
    /// <param name="parameters">Parameters (to-tag, from-tag, early-only).</param>
    public ReplacesHeader(string callId, SipParameters parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(parameters);
        CallId = callId;
        Parameters = parameters;
    }

    /// <summary>The Call-ID of the dialog to replace.</summary>
    public string CallId { get; }

    /// <summary>Parameters in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The <c>to-tag</c> parameter.</summary>
    public string? ToTag => Parameters["to-tag"];

    /// <summary>The <c>from-tag</c> parameter.</summary>
    public string? FromTag => Parameters["from-tag"];

    /// <summary>Whether <c>early-only</c> is present.</summary>
    public bool EarlyOnly => Parameters.Contains("early-only");

    internal static ReplacesHeader Read(ref SipValueReader r)
    {
        r.SkipLws();
        var start = r.Position;
        var callId = CallIdReader.Read(ref r);
        var parameters = ParameterReader.ReadAll(ref r);
        r.ExpectEnd("Replaces");
        if (!parameters.Contains("to-tag") || !parameters.Contains("from-tag"))
        {
            // RFC 3891 §6.1: replaces = callid *(SEMI replaces-param) with to-tag and from-tag required.
            r.FailAt("Replaces needs to-tag and from-tag", start);
        }

        return new ReplacesHeader(r.GetString(callId), parameters);
    }

    /// <summary>The wire form.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(CallId);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
