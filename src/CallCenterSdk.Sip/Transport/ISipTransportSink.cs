using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Sip.Transport;

/// <summary>Receives what transports read: parsed messages, and the reason when bytes could not be parsed.</summary>
public interface ISipTransportSink
{
    /// <summary>A message arrived from <paramref name="source"/>.</summary>
    void OnMessage(SipMessage message, SipEndpoint source);

    /// <summary>Bytes from <paramref name="source"/> were not a valid message; answer 400 when a request's identity is known.</summary>
    void OnMalformed(SipParseException error, SipEndpoint source);
}
