using System.Globalization;

namespace CallCenterSdk.Acd;

/// <summary>
/// Writes events as an Asterisk-style queue_log audit trail, one line per event:
/// <c>epoch|contact|tenant/queue|tenant/agent|VERB|data1|data2|data3</c>. Verbs and data follow
/// app_queue where one exists (ENTERQUEUE, CONNECT, ABANDON, COMPLETEAGENT, ...). A failing write
/// throws to the caller of the engine operation; nothing is swallowed.
/// </summary>
public sealed class QueueLogWriter : IAcdEventSink
{
    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/> (the caller owns and flushes it).</summary>
    public QueueLogWriter(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
    }

    /// <inheritdoc />
    public void OnEvent(in AcdEvent acdEvent)
    {
        var line = Format(acdEvent);
        if (line is not null)
        {
            _writer.WriteLine(line);
        }
    }

    /// <summary>The queue_log line of an event, or null for events with no queue_log meaning.</summary>
    public static string? Format(in AcdEvent e)
    {
        static string S(TimeSpan t) => ((long)Math.Round(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        string? verb;
        string d1 = string.Empty, d2 = string.Empty, d3 = string.Empty;
        switch (e.Kind)
        {
            case AcdEventKind.Queued:
                verb = "ENTERQUEUE";
                d1 = e.Reason ?? string.Empty;
                d2 = e.ExternalId ?? string.Empty;
                d3 = e.Position.ToString(CultureInfo.InvariantCulture);
                break;
            case AcdEventKind.Answered:
                verb = "CONNECT";
                d1 = S(e.Wait);
                break;
            case AcdEventKind.TimedOut:
                verb = "RINGNOANSWER";
                d1 = ((long)e.Wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                break;
            case AcdEventKind.Rejected:
                verb = e.Reason == "busy" ? "RINGBUSY" : "RINGCANCELED";
                break;
            case AcdEventKind.Abandoned:
                verb = "ABANDON";
                d1 = e.Position.ToString(CultureInfo.InvariantCulture);
                d3 = S(e.Wait);
                break;
            case AcdEventKind.Overflowed:
                verb = e.Reason switch { "queue-full" => "FULL", "max-wait" => "EXITWITHTIMEOUT", "leave-when-empty" => "EXITEMPTY", _ => "JOINEMPTY" };
                d1 = e.Target?.Kind.ToString() ?? string.Empty;
                d2 = e.Target?.Queue?.ToString() ?? e.Target?.Destination ?? e.Target?.Reason ?? string.Empty;
                d3 = S(e.Wait);
                break;
            case AcdEventKind.Transferred:
                verb = "TRANSFER";
                d1 = e.Target?.Queue?.ToString() ?? string.Empty;
                d2 = S(e.Talk);
                d3 = S(e.Hold);
                break;
            case AcdEventKind.Released:
                verb = e.Reason == "caller" ? "COMPLETECALLER" : "COMPLETEAGENT";
                d1 = S(e.Hold);
                d2 = S(e.Talk);
                break;
            case AcdEventKind.Completed:
                verb = "WRAPUPEND";
                d1 = S(e.WrapUp);
                break;
            case AcdEventKind.AgentStateChanged:
                verb = e.ToState switch
                {
                    AgentState.LoggedOut => "REMOVEMEMBER",
                    AgentState.NotReady => "PAUSE",
                    _ when e.FromState is AgentState.NotReady => "UNPAUSE",
                    _ when e.FromState is AgentState.LoggedOut => "ADDMEMBER",
                    _ => null,
                };
                d1 = e.Reason ?? string.Empty;
                d2 = S(e.StateDuration);
                break;
            default:
                verb = null;
                break;
        }

        if (verb is null)
        {
            return null;
        }

        return string.Join('|',
            (e.Time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture),
            e.Contact?.ToString() ?? "NONE",
            e.Queue?.ToString() ?? "NONE",
            e.Agent?.ToString() ?? "NONE",
            verb,
            d1,
            d2,
            d3);
    }
}
