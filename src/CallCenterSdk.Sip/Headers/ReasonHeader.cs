using System.Globalization;
using System.Text;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Headers;

/// <summary>One Reason value (RFC 3326 §2): a protocol (SIP, Q.850) with <c>cause</c> and <c>text</c>.</summary>
public sealed class ReasonHeader
{
    /// <summary>Creates a value.</summary>
    /// <param name="protocol">SIP, Q.850 or another token.</param>
    /// <param name="parameters">Parameters (cause, text).</param>
    public ReasonHeader(string protocol, SipParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        Protocol = protocol;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The protocol token.</summary>
    public string Protocol { get; }

    /// <summary>Parameters in order (text keeps its quotes).</summary>
    public SipParameters Parameters { get; }

    /// <summary>The <c>cause</c> parameter, or null.</summary>
    public int? Cause => Parameters["cause"] is { } v && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;

    /// <summary>The <c>text</c> parameter without quotes, or null.</summary>
    public string? Text => Parameters["text"] is { } t ? (t.Length >= 2 && t[0] == '"' ? SipText.Unquote(Encoding.UTF8.GetBytes(t[1..^1])) : t) : null;

    internal static void ReadList(ref SipValueReader r, List<ReasonHeader> into)
    {
        do
        {
            r.SkipLws();
            var protocol = r.ReadToken("Reason protocol");
            into.Add(new ReasonHeader(r.GetString(protocol), ParameterReader.ReadAll(ref r)));
        }
        while (r.TrySkip((byte)','));
        r.ExpectEnd("Reason");
    }

    /// <summary>The wire form.</summary>
    /// <returns>The header value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(Protocol);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
