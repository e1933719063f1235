using CallCenterSdk.Calls.Channel;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;

namespace CallCenterSdk.Calls.Tests.Channel;

public class CallLegChannelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_flow_on_a_real_call_plays_prompts_branches_on_rfc4733_digits_sets_variables_and_hangs_up()
    {
        await using var engines = new Engines();
        var flow = new FlowBuilder("main")
            .Menu("menu", [Prompt.Tone(1000, 0, TimeSpan.FromMilliseconds(1500))], ('1', "sales"), ('2', "account"))
            .Add(new GatherStep("account", "acct", [Prompt.Tone(600, 0, TimeSpan.FromMilliseconds(800))]) { MaxDigits = 3, Next = "check" })
            .If("check", "wrong", ("acct == '123'", "ok"))
            .Set("ok", "bye", ("verified", "true"), ("dnis", "call.called"), ("ani", "caller.number"), ("campaign", "call.var.campaign"), ("from", "call.var.sip.from_uri"))
            .Set("wrong", "bye", ("verified", "false"))
            .Set("sales", "bye", ("verified", "false"))
            .HangUp("bye", "done")
            .Build();
        var digits = new List<DtmfReceivedEventArgs>();
        var flowThreads = new List<string?>();
        var legThreads = new List<string?>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(25)); // a stuck flow ends Cancelled, with its trace
        var hears = new ToneProbe(8000, 1000, 600);
        var call = await IvrCall.StartAsync(
            engines,
            flow,
            new CallLegChannelOptions { Variables = new Dictionary<string, string> { ["campaign"] = "spring" } },
            prepare: channel =>
            {
                channel.DtmfReceived += (_, e) => { lock (digits) { digits.Add(e); flowThreads.Add(Thread.CurrentThread.Name); } };
                channel.Leg.DtmfReceived += (_, _, _) => { lock (digits) { legThreads.Add(Thread.CurrentThread.Name); } };
            },
            callerHears: hears,
            flowCancellation: limit.Token);
        var (_, outbound, channel) = call;
        Assert.Equal("tenant-a", channel.TenantId);
        Assert.Equal("alice", channel.CallerNumber);
        Assert.Equal("4001", channel.CalledNumber);
        Assert.Equal(outbound.CallId, channel.CallId);
        Assert.Equal(8000, channel.Format.SampleRate);

        // The menu prompt reaches the caller over RTP; the caller answers with telephone-events.
        await CallLegTests.WaitUntil(() => hears.FramesWith(1000) > 25, 15);
        await outbound.SendDtmfAsync("2").WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => hears.FramesWith(600) > 15, 15);
        await outbound.SendDtmfAsync("123").WaitAsync(Timeout);

        var result = await call.Flow.WaitAsync(Timeout);
        Assert.True(result.Outcome == FlowOutcome.HungUp, $"{result.Outcome}: {result.Reason} {result.Error} {string.Join(" | ", result.Trace.Entries)}");
        Assert.Equal("2", result.Variables["menu.choice"].AsString);
        Assert.Equal("123", result.Variables["acct"].AsString);
        Assert.True(result.Variables["verified"].AsBoolean);
        Assert.Equal("4001", result.Variables["dnis"].AsString);
        Assert.Equal("alice", result.Variables["ani"].AsString);
        Assert.Equal("spring", result.Variables["campaign"].AsString);
        Assert.StartsWith("sip:alice@127.0.0.1", result.Variables["from"].AsString, StringComparison.Ordinal);
        lock (digits)
        {
            Assert.Equal("2123", new string([.. digits.Select(d => d.Digit)]));
            Assert.All(digits, d => Assert.Equal(DtmfTransport.TelephoneEvent, d.Transport));

            // The leg raises RFC 4733 digits on the engine's media receive threads; the channel hands them to the flow
            // on the pool, so a flow's work never holds up other legs' audio.
            Assert.Equal(4, legThreads.Count);
            Assert.All(legThreads, name => Assert.StartsWith("media-rx", name, StringComparison.Ordinal));
            Assert.All(flowThreads, name => Assert.False(name?.StartsWith("media-rx", StringComparison.Ordinal), $"flow digit raised on {name}"));
        }

        // The flow's hang-up is a BYE with Q.850 16 that the caller sees as the remote party's.
        var callerEnd = await outbound.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, callerEnd.Party);
        Assert.Equal(16, callerEnd.Q850Cause);
        Assert.True(channel.IsHungUp);
    }

    [Fact]
    public async Task A_transfer_to_an_extension_that_does_not_answer_returns_no_answer_and_the_flow_continues()
    {
        await using var engines = new Engines();
        var extension = await engines.StartAsync();
        var rang = Engines.OnIncomingCall(extension, leg => leg.Ring()); // rings and never answers
        var flow = new FlowBuilder("main")
            .Add(new TransferStep("xfer", TransferTargetKind.Extension, TextTemplate.Parse("1001")) { RingTimeout = TimeSpan.FromSeconds(2), OnFailure = "fallback" })
            .Set("fallback", "bye", ("after", "transfer.result"))
            // The goodbye tone is long: the caller's adaptive jitter buffer may hold a few hundred ms when the BYE
            // ends the call on a loaded machine, and that tail is never played.
            .HangUp("bye", "transfer failed", Prompt.Tone(600, 0, TimeSpan.FromMilliseconds(1500)))
            .Build();
        var hears = new ToneProbe(8000, 440, 480, 600);
        var call = await IvrCall.StartAsync(engines, flow, extension: extension, callerHears: hears);
        var ringing = await rang.WaitAsync(Timeout);
        Assert.Equal("alice", ringing.RemoteNumber); // the caller's number is presented to the extension
        Assert.Equal("1001", ringing.LocalNumber);

        var result = await call.Flow.WaitAsync(Timeout);
        Assert.True(result.Outcome == FlowOutcome.HungUp, $"{result.Outcome}: {result.Reason} {result.Error}");
        Assert.Equal("noanswer", result.Variables["after"].AsString);

        // The extension's ringing leg was cancelled; the caller heard ringback (US 440+480 Hz), then the goodbye tone.
        var extensionEnd = await ringing.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, extensionEnd.Party);
        Assert.Equal(487, extensionEnd.SipStatus);
        await call.Caller.Completion.WaitAsync(Timeout);
        Assert.True(hears.LoudFrames - hears.FramesWith(600) > 25, $"ringback frames: {hears.LoudFrames} loud, {hears.FramesWith(600)} at 600 Hz");
        Assert.True(hears.FramesWith(600) > 10, $"goodbye frames: {hears.FramesWith(600)}");
    }

    [Fact]
    public async Task A_transfer_to_an_extension_that_answers_bridges_the_caller_and_ends_the_flow()
    {
        await using var engines = new Engines();
        var extension = await engines.StartAsync();
        var agentLeg = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        extension.IncomingCall += leg => _ = Task.Run(async () =>
        {
            leg.Ring();
            await Task.Delay(300);
            leg.Answer();
            agentLeg.TrySetResult(leg);
        });
        var flow = new FlowBuilder("main")
            .Add(new TransferStep("xfer", TransferTargetKind.Extension, TextTemplate.Parse("1002")) { RingTimeout = TimeSpan.FromSeconds(10), OnFailure = "bye" })
            .HangUp("bye", "transfer failed")
            .Build();
        var call = await IvrCall.StartAsync(engines, flow, extension: extension);
        var (_, outbound, channel) = call;
        var result = await call.Flow.WaitAsync(Timeout);
        Assert.True(result.Outcome == FlowOutcome.Transferred, $"{result.Outcome}: {result.Reason} {result.Error}");
        Assert.Equal("completed", result.Variables["transfer.result"].AsString);
        Assert.NotNull(channel.TransferBridge);
        var agent = await agentLeg.Task.WaitAsync(Timeout);

        // Caller and agent now talk through the IVR's bridge.
        var callerHears = new ToneProbe(8000, 600, 1000);
        var agentHears = new ToneProbe(agent.Media.Format.SampleRate, 600, 1000);
        using var l1 = outbound.Listen(callerHears);
        using var l2 = agent.Listen(agentHears);
        using var h1 = outbound.Hear(Tones.Steady(1000));
        using var h2 = agent.Hear(Tones.Steady(600, agent.Media.Format.SampleRate));
        await CallLegTests.WaitUntil(() => callerHears.FramesWith(600) > 25 && agentHears.FramesWith(1000) > 25, 15);
        Assert.Equal(0, callerHears.FramesWith(1000));
        Assert.Equal(0, agentHears.FramesWith(600));
        await outbound.HangupAsync().WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, (await agent.Completion.WaitAsync(Timeout)).Party);
    }

    [Fact]
    public async Task Caller_hang_up_ends_the_flow_as_caller_hung_up_and_queue_transfers_need_a_handler()
    {
        await using var engines = new Engines();
        var flow = new FlowBuilder("main")
            .Play("long", null, Prompt.Tone(440, 0, TimeSpan.FromSeconds(30)))
            .Build();
        var hungUp = new TaskCompletionSource<CallHungUpEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = await IvrCall.StartAsync(engines, flow, prepare: channel => channel.HungUp += (_, e) => hungUp.TrySetResult(e));
        var (_, outbound, channel) = call;
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await channel.TransferAsync(new TransferTarget(TransferTargetKind.Queue, "sales"), TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Contains("AcdTransfers", failure.Message, StringComparison.Ordinal);
        var noRoute = await channel.TransferAsync(new TransferTarget(TransferTargetKind.External, "+4930123"), TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(TransferOutcome.Failed, noRoute.Outcome);
        Assert.Contains("DialPlan", noRoute.Detail, StringComparison.Ordinal);

        await outbound.HangupAsync(16).WaitAsync(Timeout);
        var result = await call.Flow.WaitAsync(Timeout);
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        var e = await hungUp.Task.WaitAsync(Timeout);
        Assert.Equal(HangUpParty.Caller, e.Party);
        Assert.Contains("Q.850 cause 16", e.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await channel.PlayAsync(Tones.Steady(440), "after", CancellationToken.None));
    }

    [Fact]
    public async Task A_busy_extension_returns_busy_with_the_sip_status()
    {
        await using var engines = new Engines();
        var extension = await engines.StartAsync();
        extension.IncomingCall += leg => leg.Reject(486);
        var (_, outbound, ivrChannel) = await IvrCall.StartAsync(engines, extension: extension);
        var result = await ivrChannel.TransferAsync(new TransferTarget(TransferTargetKind.Extension, "1003"), TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.Equal(TransferOutcome.Busy, result.Outcome);
        Assert.StartsWith("486", result.Detail, StringComparison.Ordinal);
        Assert.Null(ivrChannel.TransferBridge);
        Assert.Equal(CallLegState.Connected, outbound.State);
        await outbound.HangupAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task When_the_caller_hangs_up_while_the_extension_rings_the_extension_is_cancelled()
    {
        await using var engines = new Engines();
        var extension = await engines.StartAsync();
        var rang = Engines.OnIncomingCall(extension, leg => leg.Ring());
        var flow = new FlowBuilder("main")
            .Add(new TransferStep("xfer", TransferTargetKind.External, TextTemplate.Parse("+4930123")) { RingTimeout = TimeSpan.FromSeconds(30), OnFailure = "bye" })
            .HangUp("bye", "transfer failed")
            .Build();
        var call = await IvrCall.StartAsync(engines, flow, extension: extension);
        var ringing = await rang.WaitAsync(Timeout);
        Assert.Equal("+4930123", ringing.LocalNumber);
        await call.Caller.HangupAsync().WaitAsync(Timeout);

        var result = await call.Flow.WaitAsync(Timeout);
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        var end = await ringing.Completion.WaitAsync(Timeout);
        Assert.Equal(487, end.SipStatus); // CANCELled, not left ringing for 30 s
    }

    [Fact]
    public async Task In_band_and_sip_info_digits_reach_the_flow_with_their_transport()
    {
        await using var engines = new Engines();
        var digits = new List<DtmfReceivedEventArgs>();
        var (_, outbound, _) = await IvrCall.StartAsync(
            engines,
            prepare: channel => channel.DtmfReceived += (_, e) => { lock (digits) { digits.Add(e); } },
            callerMedia: new Calls.Media.MediaSessionOptions { TelephoneEvents = false });
        await outbound.SendDtmfAsync("7").WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => { lock (digits) { return digits.Count >= 1; } });
        await outbound.SendDtmfAsync("#", useSipInfo: true).WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => { lock (digits) { return digits.Count >= 2; } });
        await Task.Delay(300);
        lock (digits)
        {
            Assert.Equal([('7', DtmfTransport.InBand), ('#', DtmfTransport.SipInfo)], digits.Select(d => (d.Digit, d.Transport)));
        }

        await outbound.HangupAsync().WaitAsync(Timeout);
    }

    [Theory]
    [InlineData(486, TransferOutcome.Busy)]
    [InlineData(600, TransferOutcome.Busy)]
    [InlineData(480, TransferOutcome.NoAnswer)]
    [InlineData(408, TransferOutcome.NoAnswer)]
    [InlineData(603, TransferOutcome.Rejected)]
    [InlineData(404, TransferOutcome.Rejected)]
    [InlineData(503, TransferOutcome.Failed)]
    public void Sip_statuses_map_to_transfer_outcomes(int status, TransferOutcome expected) =>
        Assert.Equal(expected, CallLegChannel.OutcomeOf(status));
}
