using CallCenterSdk.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Sip.Stack;

/// <summary>Source-generated log messages of the stack.</summary>
internal static partial class StackLog
{
    [LoggerMessage(100, LogLevel.Debug, "RX {Summary} from {Source}")]
    public static partial void Received(ILogger logger, string summary, SipEndpoint source);

    [LoggerMessage(101, LogLevel.Information, "Malformed message from {Source}: {Reason} at byte {Offset}")]
    public static partial void Malformed(ILogger logger, SipEndpoint source, string reason, int offset);

    [LoggerMessage(102, LogLevel.Warning, "Send to {Destination} failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, SipEndpoint destination, string reason);

    [LoggerMessage(103, LogLevel.Error, "Transaction user failed on {Kind}")]
    public static partial void UserFailed(ILogger logger, Exception exception, Transactions.TransactionEventKind kind);

    [LoggerMessage(105, LogLevel.Debug, "TX {Summary} to {Destination}")]
    public static partial void Sent(ILogger logger, string summary, SipEndpoint destination);

    [LoggerMessage(104, LogLevel.Information, "SIP listening on {Protocol} {EndPoint}")]
    public static partial void Listening(ILogger logger, SipTransportProtocol protocol, System.Net.IPEndPoint endPoint);
}
