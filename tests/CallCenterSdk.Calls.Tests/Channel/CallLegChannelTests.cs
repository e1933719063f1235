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
        var caller = await engines.StartAsync();
        var ivr = await engines.StartAsync();
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
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(25)); // a stuck flow ends Cancelled, with its trace
        var run = new TaskCompletionSource<(CallLegChannel, Task<FlowResult>)>(TaskCreationOptions.RunContinuationsAsynchronously);
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            var channel = new CallLegChannel(ivr, leg, "tenant-a", new CallLegChannelOptions { Variables = new Dictionary<string, string> { ["campaign"] = "spring" } });
            channel.DtmfReceived += (_, e) => { lock (digits) { digits.Add(e); } };
            run.TrySetResult((channel, new FlowEngine(new IvrServices()).RunAsync(flow, channel, cancellationToken: limit.Token)));
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        var hears = new ToneProbe(8000, 1000, 600);
        using var listen = outbound.Listen(hears);
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var (channel, flowRun) = await run.Task.WaitAsync(Timeout);
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

        var result = await flowRun.WaitAsync(Timeout);
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
        var caller = await engines.StartAsync();
        var ivr = await engines.StartAsync();
        var extension = await engines.StartAsync();
        var rang = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        extension.IncomingCall += leg =>
        {
            leg.Ring(); // rings and never answers
            rang.TrySetResult(leg);
        };
        var flow = new FlowBuilder("main")
            .Add(new TransferStep("xfer", TransferTargetKind.Extension, TextTemplate.Parse("1001")) { RingTimeout = TimeSpan.FromSeconds(2), OnFailure = "fallback" })
            .Set("fallback", "bye", ("after", "transfer.result"))
            // The goodbye tone is long: the caller's adaptive jitter buffer may hold a few hundred ms when the BYE
            // ends the call on a loaded machine, and that tail is never played.
            .HangUp("bye", "transfer failed", Prompt.Tone(600, 0, TimeSpan.FromMilliseconds(1500)))
            .Build();
        var run = new TaskCompletionSource<Task<FlowResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            var options = new CallLegChannelOptions { DialPlan = t => new TransferRoute(Engines.UriOf(extension, t.Address)) };
            run.TrySetResult(new FlowEngine(new IvrServices()).RunAsync(flow, new CallLegChannel(ivr, leg, "tenant-a", options)));
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        var hears = new ToneProbe(8000, 440, 480, 600);
        using var listen = outbound.Listen(hears);
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var flowRun = await run.Task.WaitAsync(Timeout);
        var ringing = await rang.Task.WaitAsync(Timeout);
        Assert.Equal("alice", ringing.RemoteNumber); // the caller's number is presented to the extension
        Assert.Equal("1001", ringing.LocalNumber);

        var result = await flowRun.WaitAsync(Timeout);
        Assert.True(result.Outcome == FlowOutcome.HungUp, $"{result.Outcome}: {result.Reason} {result.Error}");
        Assert.Equal("noanswer", result.Variables["after"].AsString);

        // The extension's ringing leg was cancelled; the caller heard ringback (US 440+480 Hz), then the goodbye tone.
        var extensionEnd = await ringing.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, extensionEnd.Party);
        Assert.Equal(487, extensionEnd.SipStatus);
        await outbound.Completion.WaitAsync(Timeout);
        Assert.True(hears.LoudFrames - hears.FramesWith(600) > 25, $"ringback frames: {hears.LoudFrames} loud, {hears.FramesWith(600)} at 600 Hz");
        Assert.True(hears.FramesWith(600) > 10, $"goodbye frames: {hears.FramesWith(600)}");
    }

    [Fact]
    public async Task A_transfer_to_an_extension_that_answers_bridges_the_caller_and_ends_the_flow()
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync();
        var ivr = await engines.StartAsync();
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
        var run = new TaskCompletionSource<(CallLegChannel, Task<FlowResult>)>(TaskCreationOptions.RunContinuationsAsynchronously);
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            var channel = new CallLegChannel(ivr, leg, "tenant-a", new CallLegChannelOptions { DialPlan = t => new TransferRoute(Engines.UriOf(extension, t.Address)) });
            run.TrySetResult((channel, new FlowEngine(new IvrServices()).RunAsync(flow, channel)));
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var (channel, flowRun) = await run.Task.WaitAsync(Timeout);
        var result = await flowRun.WaitAsync(Timeout);
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
        var caller = await engines.StartAsync();
        var ivr = await engines.StartAsync();
        var flow = new FlowBuilder("main")
            .Play("long", null, Prompt.Tone(440, 0, TimeSpan.FromSeconds(30)))
            .Build();
        var run = new TaskCompletionSource<(CallLegChannel, Task<FlowResult>)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hungUp = new TaskCompletionSource<CallHungUpEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            var channel = new CallLegChannel(ivr, leg, "tenant-a");
            channel.HungUp += (_, e) => hungUp.TrySetResult(e);
            run.TrySetResult((channel, new FlowEngine(new IvrServices()).RunAsync(flow, channel)));
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var (channel, flowRun) = await run.Task.WaitAsync(Timeout);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await channel.TransferAsync(new TransferTarget(TransferTargetKind.Queue, "sales"), TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Contains("AcdTransfers", failure.Message, StringComparison.Ordinal);
        var noRoute = await channel.TransferAsync(new TransferTarget(TransferTargetKind.External, "+4930123"), TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(TransferOutcome.Failed, noRoute.Outcome);
        Assert.Contains("DialPlan", noRoute.Detail, StringComparison.Ordinal);

        await outbound.HangupAsync(16).WaitAsync(Timeout);
        var result = await flowRun.WaitAsync(Timeout);
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
        var caller = await engines.StartAsync();
        var ivr = await engines.StartAsync();
        var extension = await engines.StartAsync();
        extension.IncomingCall += leg => leg.Reject(486);
        var channel = new TaskCompletionSource<CallLegChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            channel.TrySetResult(new CallLegChannel(ivr, leg, "tenant-a", new CallLegChannelOptions { DialPlan = t => new TransferRoute(Engines.UriOf(extension, t.Address)) }));
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var ivrChannel = await channel.Task.WaitAsync(Timeout);
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
        var caller = await engines.StartAsync();
        var ivr = await engines.StartAsync();
        var extension = await engines.StartAsync();
        var rang = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        extension.IncomingCall += leg => { leg.Ring(); rang.TrySetResult(leg); };
        var flow = new FlowBuilder("main")
            .Add(new TransferStep("xfer", TransferTargetKind.External, TextTemplate.Parse("+4930123")) { RingTimeout = TimeSpan.FromSeconds(30), OnFailure = "bye" })
            .HangUp("bye", "transfer failed")
            .Build();
        var run = new TaskCompletionSource<Task<FlowResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            var options = new CallLegChannelOptions { DialPlan = t => new TransferRoute(Engines.UriOf(extension, t.Address)) };
            run.TrySetResult(new FlowEngine(new IvrServices()).RunAsync(flow, new CallLegChannel(ivr, leg, "tenant-a", options)));
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
        var flowRun = await run.Task.WaitAsync(Timeout);
        var ringing = await rang.Task.WaitAsync(Timeout);
        Assert.Equal("+4930123", ringing.LocalNumber);
        await outbound.HangupAsync().WaitAsync(Timeout);

        var result = await flowRun.WaitAsync(Timeout);
        Assert.Equal(FlowOutcome.CallerHungUp, result.Outcome);
        var end = await ringing.Completion.WaitAsync(Timeout);
        Assert.Equal(487, end.SipStatus); // CANCELled, not left ringing for 30 s
    }

    [Fact]
    public async Task In_band_and_sip_info_digits_reach_the_flow_with_their_transport()
    {
        await using var engines = new Engines();
        var caller = await engines.StartAsync(new Calls.Media.MediaSessionOptions { TelephoneEvents = false });
        var ivr = await engines.StartAsync();
        var digits = new List<DtmfReceivedEventArgs>();
        ivr.IncomingCall += leg =>
        {
            leg.Answer();
            var channel = new CallLegChannel(ivr, leg, "tenant-a");
            channel.DtmfReceived += (_, e) => { lock (digits) { digits.Add(e); } };
        };

        var outbound = caller.Dial(Engines.UriOf(ivr, "4001"), "<sip:alice@127.0.0.1>");
        await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
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
