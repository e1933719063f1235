using System.Globalization;
using CallCenterSdk.Sip.Messages;

namespace CallCenterSdk.Sip.Headers;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number below 2**31 when generated, up to 2**32-1 accepted, and the method.</summary>
/// <param name="Number">The sequence number.</param>
/// <param name="Method">The method; equals the request method.</param>
public readonly record struct CSeqHeader(uint Number, SipMethod Method)
{
    /// <summary>The wire form, e.g. <c>1 INVITE</c>.</summary>
    /// <returns>The header value.</returns>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method.Name;
}
