using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Calls;

/// <summary>The log messages of the call layer.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Media clock client {Client} failed")]
    public static partial void ClockClientFailed(ILogger logger, Exception exception, object client);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Closing the media of {Leg} failed")]
    public static partial void MediaCloseFailed(ILogger logger, Exception exception, string leg);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rejecting {CallId} with 503: {Reason}")]
    public static partial void NoMediaPorts(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Rejecting {CallId} with 488: {Reason}")]
    public static partial void NotAcceptable(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "The media clock runs at normal priority: {Reason}")]
    public static partial void ClockPriorityNotRaised(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "A DTMF handler of {Leg} failed")]
    public static partial void DtmfHandlerFailed(ILogger logger, Exception exception, string leg);
}
