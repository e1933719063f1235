using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CallCenterSdk.Acd;
using CallCenterSdk.Calls;
using CallCenterSdk.Calls.Channel;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.Recording;
using CallCenterSdk.Crm.Cdr;
using CallCenterSdk.Crm.Recordings;
using CallCenterSdk.Crm.Tenancy;
using CallCenterSdk.Hosting.Acd;
using CallCenterSdk.Hosting.Calls;
using CallCenterSdk.Hosting.Crm;
using CallCenterSdk.Hosting.Options;
using CallCenterSdk.Hosting.Sip;
using CallCenterSdk.Ivr.CallerLists;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Queueing;
using CallCenterSdk.Ivr.Schedules;
using CallCenterSdk.Ivr.Speech;
using CallCenterSdk.Ivr.Surveys;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Transport;
using CallCenterSdk.Sip.Sdp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CdrDirection = CallCenterSdk.Crm.Cdr.CallDirection;

namespace CallCenterSdk.Hosting.Telephony;

/// <summary>
/// The center's calls: answers every dialled number of every tenant with the tenant's IVR flow on a real
/// <see cref="CallLeg"/>, queues callers in the tenant's ACD, rings the reserved agent's registered phone, bridges
/// and records the conversation, brings the caller back to the flow when the agent hangs up (survey), and writes
/// one CDR per leg and the recording index when the call ends. It also carries out the agent desk's and
/// supervisor's actions (<see cref="ICallCenterCalls"/>).
/// </summary>
public sealed partial class CallCenterTelephony : IHostedService, IAsyncDisposable, IIvrQueue, IAcdTransferHandler, ISurveyResultStore
{
    private readonly SipServer _sip;
    private readonly CallCenterAcd _acd;
    private readonly CrmStoreHost _crm;
    private readonly CallCenterOptions _center;
    private readonly IServiceProvider _services;
    private ICallEventPublisher? _events;
    private readonly IHostEnvironment _environment;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CenterCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueuedVoiceCall> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IvrFlow> _flows = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private CallEngine? _engine;
    private FlowEngine? _flowEngine;
    private EspeakTextToSpeech? _speech;
    private long _cdrFailures;

    /// <summary>Created by the container.</summary>
    public CallCenterTelephony(
        SipServer sip,
        CallCenterAcd acd,
        CrmStoreHost crm,
        IOptions<CallCenterOptions> center,
        IOptions<TelephonyOptions> options,
        IServiceProvider services,
        IHostEnvironment environment,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _sip = sip;
        _acd = acd;
        _crm = crm;
        _center = center.Value;
        Options = options.Value;
        _services = services;
        _environment = environment;
        Time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<CallCenterTelephony>();
    }

    /// <summary>The options.</summary>
    public TelephonyOptions Options { get; }

    // Resolved on first use: the event pump's views ask this class for call state, so taking the publisher in the
    // constructor would make a dependency cycle.
    private ICallEventPublisher Events => _events ??= (ICallEventPublisher)_services.GetService(typeof(ICallEventPublisher))!;

    /// <summary>The host's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The call engine (after start).</summary>
    public CallEngine Engine => _engine ?? throw new InvalidOperationException("Telephony has not started.");

    /// <summary>The SIP server (registrar, locations).</summary>
    public SipServer Sip => _sip;

    /// <summary>Calls in progress.</summary>
    public IReadOnlyCollection<CenterCall> Calls => [.. _calls.Values];

    /// <summary>CDR or recording-index writes that failed (each is logged with the call).</summary>
    public long StoreFailures => Interlocked.Read(ref _cdrFailures);

    /// <summary>Raised when a call has ended and its CDRs are written (or failed to be written).</summary>
    public event Action<CenterCall>? CallCompleted;

    /// <summary>
    /// The call in progress with this id: the caller leg's SIP Call-ID, or the ACD contact id the real-time
    /// contact events carry (<c>tenant/cN</c>), so the agent desk can act on either.
    /// </summary>
    public CenterCall? Find(string callId)
    {
        if (_calls.TryGetValue(callId, out var call))
        {
            return call;
        }

        return _calls.Values.FirstOrDefault(c => c.Contact is { } contact && string.Equals(contact.ToString(), callId, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var codecs = AudioCodecRegistry.CreateDefault();
        var offered = new List<SdpCodec>();
        foreach (var name in Options.Codecs)
        {
            offered.Add(name.ToUpperInvariant() switch
            {
                "PCMU" => SdpCodec.Pcmu,
                "PCMA" => SdpCodec.Pcma,
                "G722" => SdpCodec.G722,
                _ => throw new InvalidOperationException($"Telephony:Codecs names '{name}', which is not a codec of the center (PCMU, PCMA, G722)."),
            });
        }

        var media = new MediaSessionOptions
        {
            LocalAddress = IPAddress.Parse(Options.MediaAddress),
            PortRange = Options.RtpPortFirst > 0 ? new MediaPortRange(Options.RtpPortFirst, Options.RtpPortLast) : null,
            Codecs = offered,
        };
        _engine = new CallEngine(_sip.UserAgent, _sip.Stack, new CallEngineOptions { Media = media }, codecs, Time, _loggerFactory);
        _speech = new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = Path.Combine(_environment.ContentRootPath, Options.SpeechCachePath) });
        var schedules = new ScheduleCatalog();
        var lists = new CallerListCatalog();
        foreach (var tenant in _center.Tenants)
        {
            foreach (var hours in tenant.BusinessHours)
            {
                schedules.Add(tenant.Id, BusinessHoursFactory.Create(hours));
            }

            foreach (var (id, path) in tenant.IvrFlows)
            {
                var full = Path.IsPathRooted(path) ? path : Path.Combine(_environment.ContentRootPath, path);
                _flows[FlowKey(tenant.Id, id)] = FlowJsonLoader.Load(File.ReadAllText(full));
            }

            _acd.Find(tenant.Id)?.Subscribe(new AcdSink(this));
        }

        foreach (var tenant in _center.Tenants)
        {
            // Every tenant has a "default" list (empty unless configured), which the reference flows screen against.
            if (!Options.CallerLists.Any(l => l.Tenant == tenant.Id && l.Id == "default"))
            {
                lists.Add(tenant.Id, new CallerScreen("default", []));
            }
        }

        foreach (var list in Options.CallerLists)
        {
            lists.Add(list.Tenant, new CallerScreen(list.Id, list.Entries.Select(e => new CallerListEntry(e.Number, e.Prefix, e.Kind)
            {
                Action = e.Action,
                Message = e.Message,
                Extension = e.Extension,
                Priority = e.Priority,
                Group = e.Group,
                Label = e.Label,
            })));
        }

        _flowEngine = new FlowEngine(new IvrServices
        {
            Time = Time,
            Prompts = new PromptRenderer(_speech, null),
            Queue = this,
            SurveyResults = this,
            VoicemailStore = this,
            Recordings = this,
            Schedules = schedules,
            CallerLists = lists,
        });
        _engine.IncomingCall += OnIncomingCall;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_engine is { } engine)
        {
            engine.IncomingCall -= OnIncomingCall;
            await engine.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAny(Task.WhenAll(_running), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Plays synthesized speech to a leg and waits for it to end.</summary>
    internal async Task SayAsync(CallLeg leg, string text)
    {
        if (_speech is null || leg.State == CallLegState.Ended)
        {
            return;
        }

        try
        {
            var audio = await _speech.SynthesizeAsync(new SpeechRequest(text, "en-us", 160, leg.Media.Format.SampleRate), _stopping.Token).ConfigureAwait(false);
            await leg.PlayAsync(audio.CreateSource(), _stopping.Token).ConfigureAwait(false);
        }
        catch (TextToSpeechException e)
        {
            Log.SpeechFailed(_logger, e, text);
        }
    }

    /// <summary>Publishes a call event to the tenant's real-time group.</summary>
    internal void Report(CenterCall call, string kind, string? agent = null, string? detail = null) =>
        Events.Publish(new CallEvent(call.Tenant.Id, call.CallId, kind, agent, call.Caller.RemoteNumber, call.Queue, detail));

    internal void StartRecording(CenterCall call)
    {
        if (!Options.RecordCalls || call.AgentLeg is not { } agent)
        {
            return;
        }

        var directory = Path.Combine(_environment.ContentRootPath, Options.RecordingsPath, call.Tenant.Id);
        Directory.CreateDirectory(directory);
        var id = string.Create(CultureInfo.InvariantCulture, $"{Time.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid():N}");
        var path = Path.Combine(directory, id + ".wav");
        call.RecordingId = id;
        call.RecordingPath = path;
        call.RecordingStartedAt = Time.GetUtcNow();
        call.Recording = CallRecording.Start(Engine.Clock, call.Caller, agent, path);
    }

    internal async Task StopRecordingAsync(CenterCall call)
    {
        if (call.Recording is not { } recording)
        {
            return;
        }

        call.Recording = null;
        await recording.StopAsync().ConfigureAwait(false);
        var file = new FileInfo(call.RecordingPath!);
        var entry = new Recording(
            call.RecordingId!,
            call.CallId,
            call.Agent?.Id,
            call.Queue,
            call.Caller.RemoteNumber,
            call.RecordingStartedAt!.Value,
            (int)Math.Round(recording.Duration.TotalSeconds),
            string.Create(CultureInfo.InvariantCulture, $"wav/pcm16/{recording.Format.SampleRate}/2"),
            file.FullName,
            file.Exists ? file.Length : 0,
            call.RecordingStartedAt.Value.AddDays(Options.RecordingRetentionDays));
        try
        {
            await _crm.Store.Recordings.AddAsync(new CallCenterSdk.Crm.Tenancy.TenantId(call.Tenant.Id), entry).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _cdrFailures);
            Log.StoreFailed(_logger, e, call.CallId, "recording index");
        }
    }

    /// <inheritdoc />
    ValueTask<IQueuedCall> IIvrQueue.EnqueueAsync(QueueRequest request, ICallChannel channel, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IQueuedCall>(Enqueue(request, null));

    private QueuedVoiceCall Enqueue(QueueRequest request, TimeSpan? agentRingTime)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Find(request.CallId) ?? throw new InvalidOperationException($"Call {request.CallId} is not a call of the center.");
        var acd = _acd.Find(call.Tenant.Id) ?? throw new InvalidOperationException($"Tenant {call.Tenant.Id} has no ACD.");
        if (!call.Tenant.Queues.Any(q => q.Id == request.Queue))
        {
            throw new InvalidOperationException($"Queue '{request.Queue}' is not a queue of tenant {call.Tenant.Id}.");
        }

        var queued = new QueuedVoiceCall(this, acd, call, agentRingTime);
        call.Queue = request.Queue;
        call.QueuedAt = Time.GetUtcNow();
        _queued[call.CallId] = queued;
        var result = queued.Enqueue(new ContactRequest
        {
            Queue = new QueueId(new CallCenterSdk.Acd.TenantId(call.Tenant.Id), request.Queue),
            Priority = request.Priority,
            Vip = request.Priority > 0 || request.Group is not null,
            CallerNumber = request.CallerNumber,
            ExternalId = call.CallId,
        });
        Report(call, "queued", detail: result.Outcome.ToString().ToLowerInvariant());
        return queued;
    }

    /// <inheritdoc />
    async ValueTask<TransferResult> IAcdTransferHandler.TransferAsync(CallLegChannel channel, TransferTarget target, TimeSpan ringTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != TransferTargetKind.Queue)
        {
            return new TransferResult(TransferOutcome.Failed, "Only queue transfers are supported from a flow; use an enqueue step for agents.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Find(channel.CallId) is { } known && !known.Tenant.Queues.Any(q => q.Id == target.Address))
        {
            return new TransferResult(TransferOutcome.Rejected, $"'{target.Address}' is not a queue of tenant {known.Tenant.Id}");
        }

        // The agent's phone rings for the flow's ring timeout.
        var queued = Enqueue(new QueueRequest(channel.TenantId, target.Address, channel.CallId, channel.CallerNumber, 0, null), ringTimeout);
        try
        {
            await Task.WhenAny(queued.Answered, queued.Completed).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The flow stopped waiting (step timeout, caller hang-up, cancelled): the caller must not stay in the ACD,
            // where an agent could still be offered a caller who is no longer there. The step sees the cancellation
            // (onTimeout, or the caller's hang-up) as for any other step.
            await queued.LeaveAsync(channel.IsHungUp ? "caller hung up" : "transfer cancelled", CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (queued.Answered.IsCompletedSuccessfully)
        {
            return new TransferResult(TransferOutcome.Completed, "answered by agent " + queued.Answered.Result);
        }

        // The queue ended the wait without an agent (its maximum wait, overflow, no agents): back into the flow.
        var outcome = await queued.Completed.ConfigureAwait(false);
        var detail = $"queue {target.Address}: {outcome.Kind.ToString().ToLowerInvariant()} {outcome.Detail}".TrimEnd();
        return new TransferResult(outcome.Kind == QueueOutcomeKind.TimedOut ? TransferOutcome.NoAnswer : TransferOutcome.Failed, detail);
    }

    /// <inheritdoc />
    ValueTask ISurveyResultStore.SaveAsync(SurveyResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Find(result.CallId) is { } call)
        {
            call.SurveyScore = result.Answers.FirstOrDefault(a => a.Score is not null)?.Score;
        }

        return ValueTask.CompletedTask;
    }

    private static string FlowKey(string tenant, string flow) => tenant + "\n" + flow;

    private void OnIncomingCall(CallLeg leg)
    {
        var dialled = leg.LocalNumber ?? string.Empty;
        TenantOptions? tenant = null;
        NumberOptions? number = null;
        foreach (var t in _center.Tenants)
        {
            number = t.Numbers.FirstOrDefault(n => NumbersMatch(n.Number, dialled));
            if (number is not null)
            {
                tenant = t;
                break;
            }
        }

        if (tenant is null || number is null || !_flows.TryGetValue(FlowKey(tenant.Id, number.Flow), out var flow))
        {
            leg.Reject(404, "Not Found");
            return;
        }

        var call = new CenterCall(tenant, leg, number.Flow);
        _calls[call.CallId] = call;
        Report(call, "incoming");
        leg.Ring();
        leg.Answer();
        _running.Add(RunAsync(call, flow));
    }

    private static bool NumbersMatch(string configured, string dialled) =>
        string.Equals(configured, dialled, StringComparison.Ordinal) ||
        string.Equals(configured.TrimStart('+'), dialled.TrimStart('+'), StringComparison.Ordinal);

    private async Task RunAsync(CenterCall call, IvrFlow flow)
    {
        FlowResult? result = null;
        try
        {
            await call.Caller.WaitForAnswerAsync(_stopping.Token).ConfigureAwait(false);
            Report(call, "answered-ivr");
            var channel = new CallLegChannel(Engine, call.Caller, call.Tenant.Id, new CallLegChannelOptions
            {
                AcdTransfers = this,
                DialPlan = target => TryRoute(call.Tenant, target.Address, out var route, out _) ? new TransferRoute(route!.Value.Uri, route.Value.EndPoint) : null,
            });
            call.Channel = channel;
            result = await _flowEngine!.RunAsync(flow, channel, cancellationToken: _stopping.Token).ConfigureAwait(false);
            if (result.Outcome == FlowOutcome.Transferred)
            {
                await WhileTransferredAsync(call).ConfigureAwait(false);
            }

            if (call.Caller.State != CallLegState.Ended)
            {
                await call.Caller.HangupAsync(CallEndCause.NormalClearing).ConfigureAwait(false);
            }
        }
        catch (CallFailedException)
        {
            // The caller hung up before the ACK.
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Log.CallFailed(_logger, e, call.CallId);
            if (call.Caller.State != CallLegState.Ended)
            {
                await call.Caller.HangupAsync(41, "internal error").ConfigureAwait(false);
            }
        }

        if (call.AgentLeg is { State: not CallLegState.Ended } agentLeg)
        {
            await agentLeg.HangupAsync(CallEndCause.NormalClearing).ConfigureAwait(false);
        }

        foreach (var extra in call.Extras)
        {
            await extra.DisposeAsync().ConfigureAwait(false);
        }

        await StopRecordingAsync(call).ConfigureAwait(false);
        if (_queued.TryRemove(call.CallId, out var queued))
        {
            // The queue outcome follows the caller's hang-up at once; give it a moment, never wait forever.
            await Task.WhenAny(queued.Completed, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            await queued.DisposeAsync().ConfigureAwait(false);
        }

        await WriteCdrsAsync(call, result).ConfigureAwait(false);
        _calls.TryRemove(call.CallId, out _);
        Report(call, "ended", call.Agent?.Id, call.Caller.EndCause?.Reason);
        CallCompleted?.Invoke(call);
    }

    /// <summary>
    /// A flow that transferred the caller has left it talking to an agent (queue transfer) or bridged to an extension:
    /// the call goes on until the caller hangs up, or the agent does (a queue caller is then released).
    /// </summary>
    private async Task WhileTransferredAsync(CenterCall call)
    {
        var ends = new List<Task> { call.Caller.Completion };
        if (_queued.TryGetValue(call.CallId, out var queued))
        {
            ends.Add(queued.Completed);
        }

        await Task.WhenAny(ends).WaitAsync(_stopping.Token).ConfigureAwait(false);
    }

    private async Task WriteCdrsAsync(CenterCall call, FlowResult? flow)
    {
        var tenant = new CallCenterSdk.Crm.Tenancy.TenantId(call.Tenant.Id);
        var caller = call.Caller;
        var ended = caller.EndedAt ?? Time.GetUtcNow();
        var quality = caller.GetStatistics();
        var path = flow is null ? null : string.Join('>', flow.Trace.VisitedNodes);
        var answeredByAgent = call.AgentAnsweredAt is not null;
        var disposition = call.Queue is not null && !answeredByAgent ? CallDisposition.Abandoned
            : caller.AnsweredAt is null ? CallDisposition.NoAnswer : CallDisposition.Answered;
        // The ACD's own wait, truncated to whole ms like the real-time statistics count it (QueueWaits), so the report's
        // ASA equals the wallboard's; the host's clock only when the ACD never ended the wait (it refused the contact).
        var waited = call.QueueWait is { } acdWait ? QueueWaits.Milliseconds(acdWait)
            : call.QueuedAt is { } q ? Math.Max(0, QueueWaits.Milliseconds((call.AgentAnsweredAt ?? ended) - q)) : 0;
        var records = new List<CallDetailRecord>
        {
            new(
                0,
                call.CallId,
                caller.Id,
                call.CallId,
                CdrDirection.Inbound,
                caller.RemoteNumber,
                caller.RemoteDisplayName,
                caller.LocalNumber,
                caller.CreatedAt,
                caller.AnsweredAt,
                ended,
                disposition,
                caller.EndCause?.SipStatus,
                caller.EndCause?.Q850Cause,
                call.Queue,
                call.Agent?.Id,
                waited,
                (int)call.HoldTime.TotalSeconds,
                0,
                call.Transferred,
                path,
                call.RecordingId,
                caller.Media.Codec?.EncodingName ?? "none",
                quality.JitterMs,
                quality.LossPercent,
                quality.Mos,
                call.SurveyScore),
        };
        if (call.AgentLeg is { } agentLeg)
        {
            var agentQuality = agentLeg.GetStatistics();
            records.Add(new CallDetailRecord(
                0,
                agentLeg.CallId,
                agentLeg.Id,
                call.CallId,
                CdrDirection.Internal,
                caller.RemoteNumber,
                caller.RemoteDisplayName,
                call.Agent?.Extension,
                agentLeg.CreatedAt,
                agentLeg.AnsweredAt,
                agentLeg.EndedAt ?? ended,
                agentLeg.AnsweredAt is null ? CallDisposition.NoAnswer : CallDisposition.Answered,
                agentLeg.EndCause?.SipStatus,
                agentLeg.EndCause?.Q850Cause,
                null, // the caller's leg is the queue leg: reports count legs with a queue (docs/crm-cdr.md), so this one must not
                call.Agent?.Id,
                0,
                (int)call.HoldTime.TotalSeconds,
                0,
                call.Transferred,
                null,
                call.RecordingId,
                agentLeg.Media.Codec?.EncodingName ?? "none",
                agentQuality.JitterMs,
                agentQuality.LossPercent,
                agentQuality.Mos));
        }

        try
        {
            await _crm.Store.Cdrs.AppendManyAsync(tenant, records).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _cdrFailures);
            Log.StoreFailed(_logger, e, call.CallId, "CDR");
        }
    }

    private void OnAcdEvent(in AcdEvent e)
    {
        if (e.ExternalId is { } callId && _queued.TryGetValue(callId, out var queued))
        {
            if (e.Kind is AcdEventKind.Answered or AcdEventKind.Abandoned or AcdEventKind.Overflowed)
            {
                queued.Call.QueueWait = e.Wait; // for the CDR
            }

            queued.OnAcdEvent(e);
        }
    }

    private sealed class AcdSink(CallCenterTelephony owner) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent) => owner.OnAcdEvent(acdEvent);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Call {CallId} failed")]
        public static partial void CallFailed(ILogger logger, Exception exception, string callId);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Writing the {What} of call {CallId} failed")]
        public static partial void StoreFailed(ILogger logger, Exception exception, string callId, string what);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Text to speech failed for '{Text}'")]
        public static partial void SpeechFailed(ILogger logger, Exception exception, string text);
    }
}
