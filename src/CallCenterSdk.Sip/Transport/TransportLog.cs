using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Sip.Transport;

/// <summary>Source-generated log messages of the transports (no allocation when the level is off).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(1, LogLevel.Debug, "UDP receive error {Error}")]
    public static partial void UdpReceiveError(ILogger logger, SocketError error);

    [LoggerMessage(2, LogLevel.Error, "Handler failed for a message from {Source}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, SipEndpoint source);

    [LoggerMessage(3, LogLevel.Debug, "TCP connection {Id} to {Remote} failed: {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, long id, IPEndPoint remote, string reason);

    [LoggerMessage(4, LogLevel.Warning, "TCP accept failed: {Error}")]
    public static partial void AcceptFailed(ILogger logger, SocketError error);

    [LoggerMessage(5, LogLevel.Warning, "Refusing TCP connection from {Remote}: {Max} connections open")]
    public static partial void TooManyConnections(ILogger logger, EndPoint? remote, int max);

    [LoggerMessage(6, LogLevel.Debug, "Closing idle TCP connection {Id} to {Remote}")]
    public static partial void ClosingIdle(ILogger logger, long id, IPEndPoint remote);

    [LoggerMessage(7, LogLevel.Warning, "The UDP receive thread of {Local} did not stop within 5 s of closing its socket")]
    public static partial void UdpReceiverStuck(ILogger logger, IPEndPoint local);
}
