namespace CallCenterSdk.Crm.Cdr;

/// <summary>
/// One call detail record per call leg, with the fields users of Asterisk (cdr, queue_log) and
/// FreeSWITCH (mod_cdr_csv) records expect. Durations are whole seconds as those systems write them, except the
/// queue wait: it is kept in milliseconds (<paramref name="QueueWaitMilliseconds"/>), because reports compute ASA,
/// service level, short abandons and the longest wait from it and must give the figures the ACD's real-time
/// statistics give; <see cref="QueueWaitSeconds"/> is the whole-seconds view (queue_log's holdtime).
/// </summary>
/// <remarks>
/// Source compatibility: until schema version 5 this position held <c>int QueueWaitSeconds</c>. A call that named it
/// (<c>QueueWaitSeconds: 12</c>) no longer compiles; write <c>QueueWaitMilliseconds: 12_000</c>. A call that passed it
/// by position still compiles and now means milliseconds: multiply such values by 1000.
/// </remarks>
/// <param name="Id">Store-assigned id (0 when appending).</param>
/// <param name="CallId">SIP Call-ID of the leg's dialog.</param>
/// <param name="LegId">Unique id of this leg (Asterisk uniqueid, FreeSWITCH uuid).</param>
/// <param name="LinkedId">Id shared by all legs of one customer interaction (Asterisk linkedid).</param>
/// <param name="Direction">Inbound, outbound or internal.</param>
/// <param name="CallerNumber">Calling number (ANI), E.164 where known.</param>
/// <param name="CallerName">Calling name, if presented.</param>
/// <param name="CalledNumber">Called number (DNIS).</param>
/// <param name="StartedAt">When the leg started (INVITE sent or received).</param>
/// <param name="AnsweredAt">When it was answered (200 OK), or null.</param>
/// <param name="EndedAt">When it ended (BYE, CANCEL or final error).</param>
/// <param name="Disposition">How it ended.</param>
/// <param name="SipCode">Final SIP status code (200 for a normal answered call).</param>
/// <param name="Q850Cause">Q.850 release cause (16 = normal clearing).</param>
/// <param name="Queue">ACD queue the leg waited in, or null.</param>
/// <param name="Agent">Agent who handled the leg, or null.</param>
/// <param name="QueueWaitMilliseconds">
/// Milliseconds spent waiting in the queue until answer, abandon or overflow (0 when the leg never queued); at most
/// <see cref="MaxQueueWaitMilliseconds"/> and not negative. A host that runs an ACD fills it from the ACD's own wait for the contact, truncated to whole milliseconds,
/// so the report and the ACD's real-time figures are computed from the same numbers.
/// </param>
/// <param name="HoldSeconds">Seconds the customer was on hold while connected.</param>
/// <param name="WrapUpSeconds">After-call work (ACW) seconds the agent spent on this call.</param>
/// <param name="Transferred">Whether the leg was transferred onward.</param>
/// <param name="IvrPath">IVR nodes visited, such as "main>billing>agent".</param>
/// <param name="RecordingId">Reference into the recording index, or null.</param>
/// <param name="Codec">Negotiated codec, such as "PCMU".</param>
/// <param name="JitterMs">Mean interarrival jitter (RFC 3550 §6.4.1), milliseconds.</param>
/// <param name="LossPercent">Packet loss, percent.</param>
/// <param name="Mos">Estimated mean opinion score (1 to 5).</param>
/// <param name="SurveyScore">Post-call survey answer, or null.</param>
/// <param name="Variables">Custom variables (string to string).</param>
public sealed record CallDetailRecord(
    long Id,
    string CallId,
    string LegId,
    string? LinkedId,
    CallDirection Direction,
    string? CallerNumber,
    string? CallerName,
    string? CalledNumber,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndedAt,
    CallDisposition Disposition,
    int? SipCode = null,
    int? Q850Cause = null,
    string? Queue = null,
    string? Agent = null,
    long QueueWaitMilliseconds = 0,
    int HoldSeconds = 0,
    int WrapUpSeconds = 0,
    bool Transferred = false,
    string? IvrPath = null,
    string? RecordingId = null,
    string? Codec = null,
    double? JitterMs = null,
    double? LossPercent = null,
    double? Mos = null,
    int? SurveyScore = null,
    IReadOnlyDictionary<string, string>? Variables = null)
{
    /// <summary>Seconds from start to end (Asterisk "duration").</summary>
    public int DurationSeconds => (int)Math.Max(0, Math.Floor((EndedAt - StartedAt).TotalSeconds));

    /// <summary>The longest queue wait a record may carry: <see cref="int.MaxValue"/> seconds, so <see cref="QueueWaitSeconds"/> fits.</summary>
    public const long MaxQueueWaitMilliseconds = int.MaxValue * 1000L + 999;

    /// <summary>
    /// Whole seconds spent waiting in the queue, <see cref="QueueWaitMilliseconds"/> truncated (Asterisk queue_log's
    /// holdtime): for display and export; reports use the milliseconds.
    /// </summary>
    public int QueueWaitSeconds => (int)(QueueWaitMilliseconds / 1000);

    /// <summary>Seconds from answer to end (Asterisk "billsec"); 0 when unanswered.</summary>
    public int BillableSeconds => AnsweredAt is { } a ? (int)Math.Max(0, Math.Floor((EndedAt - a).TotalSeconds)) : 0;
}
