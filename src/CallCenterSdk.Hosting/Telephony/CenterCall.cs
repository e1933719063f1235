using CallCenterSdk.Acd;
using CallCenterSdk.Calls;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Channel;
using CallCenterSdk.Calls.Recording;
using CallCenterSdk.Hosting.Options;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>
/// One customer call in the center: the caller's leg, its IVR channel and, once an agent answers, the agent's
/// leg, the bridge and the recording. Identified by the caller leg's SIP Call-ID (what the wallboard, the agent
/// desk and the CDR show).
/// </summary>
public sealed class CenterCall
{
    private readonly object _gate = new();
    private IDisposable? _holdMusic;

    internal CenterCall(TenantOptions tenant, CallLeg caller, string flowId)
    {
        Tenant = tenant;
        Caller = caller;
        FlowId = flowId;
    }

    /// <summary>The caller leg's Call-ID.</summary>
    public string CallId => Caller.CallId;

    /// <summary>The tenant that owns the dialled number.</summary>
    public TenantOptions Tenant { get; }

    /// <summary>The caller's leg.</summary>
    public CallLeg Caller { get; }

    /// <summary>The IVR flow answering the number.</summary>
    public string FlowId { get; }

    /// <summary>The caller's IVR channel.</summary>
    public CallLegChannel? Channel { get; internal set; }

    /// <summary>The queue the caller waited in, if any.</summary>
    public string? Queue { get; internal set; }

    /// <summary>The ACD contact, while queued or connected.</summary>
    public ContactId? Contact { get; internal set; }

    /// <summary>When the caller entered the queue.</summary>
    public DateTimeOffset? QueuedAt { get; internal set; }

    /// <summary>
    /// The ACD's wait for this caller, from enqueue to answer, abandon or overflow, once it ended (the last one when the
    /// caller queued again): the value behind the real-time ASA, which the CDR stores.
    /// </summary>
    public TimeSpan? QueueWait { get; internal set; }

    /// <summary>When an agent answered.</summary>
    public DateTimeOffset? AgentAnsweredAt { get; internal set; }

    /// <summary>The agent serving the caller, if any.</summary>
    public AgentOptions? Agent { get; internal set; }

    /// <summary>The agent's leg, while connected.</summary>
    public CallLeg? AgentLeg { get; internal set; }

    /// <summary>The bridge between caller and agent, while connected and not on hold.</summary>
    public Bridge? Bridge { get; internal set; }

    /// <summary>The recording, while one runs.</summary>
    public CallRecording? Recording { get; internal set; }

    /// <summary>The recording's id in the recording index.</summary>
    public string? RecordingId { get; internal set; }

    /// <summary>The recording's file.</summary>
    public string? RecordingPath { get; internal set; }

    /// <summary>When the recording started.</summary>
    public DateTimeOffset? RecordingStartedAt { get; internal set; }

    /// <summary>True while the agent holds the caller.</summary>
    public bool OnHold { get; private set; }

    /// <summary>Seconds on hold so far.</summary>
    public TimeSpan HoldTime { get; private set; }

    /// <summary>The survey score the caller gave, if any.</summary>
    public int? SurveyScore { get; internal set; }

    /// <summary>True once the caller was transferred away from the agent.</summary>
    public bool Transferred { get; internal set; }

    /// <summary>Supervisors or third parties joined to the call (monitoring, conference), ended with it.</summary>
    internal List<IAsyncDisposable> Extras { get; } = [];

    private DateTimeOffset? _holdStarted;

    internal object Gate => _gate;

    internal void StartHold(IDisposable music, DateTimeOffset now)
    {
        lock (_gate)
        {
            _holdMusic?.Dispose();
            _holdMusic = music;
            OnHold = true;
            _holdStarted = now;
        }
    }

    internal void EndHold(DateTimeOffset now)
    {
        lock (_gate)
        {
            _holdMusic?.Dispose();
            _holdMusic = null;
            if (OnHold && _holdStarted is { } started)
            {
                HoldTime += now - started;
            }

            OnHold = false;
            _holdStarted = null;
        }
    }
}
