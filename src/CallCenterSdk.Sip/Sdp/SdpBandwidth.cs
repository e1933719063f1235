namespace CallCenterSdk.Sip.Sdp;

/// <summary>A <c>b=</c> line (RFC 8866 §5.8), such as <c>b=AS:64</c> or <c>b=TIAS:64000</c>.</summary>
/// <param name="Type">The bandwidth type token (<c>CT</c>, <c>AS</c>, <c>TIAS</c>, <c>RS</c>, <c>RR</c>, ...).</param>
/// <param name="Value">The bandwidth value (kilobits per second for CT and AS).</param>
public readonly record struct SdpBandwidth(string Type, ulong Value);
