using System.Net;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Stack;

/// <summary>A local address and transport the stack listens on.</summary>
/// <param name="Protocol">UDP or TCP.</param>
/// <param name="EndPoint">The local address; port 0 picks a free port.</param>
public sealed record SipListenEndPoint(SipTransportProtocol Protocol, IPEndPoint EndPoint);
