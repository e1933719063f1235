using CallCenterSdk.Calls.Tests.Routing;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Calls.Transfer;

namespace CallCenterSdk.Calls.Tests.Transfer;

public class TransferTests
{
    private const double AliceTone = 1000;
    private const double BobTone = 600;
    private const double CarolTone = 800;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Agent_blind_transfers_the_caller_through_the_b2bua_and_drops_out()
    {
        await using var engines = new Engines();
        var (pbx, alice, bob, carol) = await StartAsync(engines);
        var aliceLeg = alice.Call(pbx.UriOf("bob"));
        var bobLeg = await ConnectedAsync(alice, aliceLeg, bob);

        var result = await bob.Transfers.BlindTransferAsync(bobLeg, pbx.UriOf("carol")).WaitAsync(Timeout);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(202, result.ReferStatus);
        Assert.Equal([100, 200], result.Progress);
        await bobLeg.Completion.WaitAsync(Timeout);
        await AssertTalkingAsync(alice, carol);
        Assert.Equal(CallLegState.Connected, aliceLeg.State); // the caller's own call never changed
        await AssertNotHeardAsync(alice, BobTone);
    }

    [Fact]
    public async Task Agent_attended_transfer_with_replaces_joins_the_caller_and_the_consulted_party()
    {
        await using var engines = new Engines();
        var (pbx, alice, bob, carol) = await StartAsync(engines);
        var aliceLeg = alice.Call(pbx.UriOf("bob"));
        var bobLeg = await ConnectedAsync(alice, aliceLeg, bob);

        // Bob holds Alice and consults Carol through the PBX.
        await bobLeg.HoldAsync().WaitAsync(Timeout);
        var consultation = bob.Call(pbx.UriOf("carol"));
        await consultation.WaitForAnswerAsync().WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => carol.Hears.FramesWith(BobTone) > 20);

        var result = await bob.Transfers.AttendedTransferAsync(bobLeg, consultation).WaitAsync(Timeout);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(200, result.FinalStatus);
        await Task.WhenAll(bobLeg.Completion, consultation.Completion).WaitAsync(Timeout);
        await AssertTalkingAsync(alice, carol);
        await AssertNotHeardAsync(carol, BobTone);
    }

    [Fact]
    public async Task Invite_with_replaces_takes_over_the_replaced_legs_place_in_its_bridge()
    {
        await using var engines = new Engines();
        var (pbx, alice, bob, carol) = await StartAsync(engines);
        var aliceLeg = alice.Call(pbx.UriOf("bob"));
        var bobLeg = await ConnectedAsync(alice, aliceLeg, bob);

        // Carol calls the PBX with Replaces naming Bob's dialog (as after a REFER from Bob to Carol).
        var carolLeg = carol.Call(TransferablePhone.WithReplaces(pbx.Engine, "bob", bobLeg));
        await carolLeg.WaitForAnswerAsync().WaitAsync(Timeout);

        var bobEnd = await bobLeg.Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, bobEnd.Party);
        await AssertTalkingAsync(alice, carol);
    }

    [Fact]
    public async Task Invite_with_replaces_naming_no_dialog_of_ours_gets_481()
    {
        await using var engines = new Engines();
        var (pbx, alice, bob, carol) = await StartAsync(engines);
        var aliceLeg = alice.Call(pbx.UriOf("bob"));
        var bobLeg = await ConnectedAsync(alice, aliceLeg, bob);

        var forged = TransferablePhone.WithReplaces(pbx.Engine, "bob", bobLeg).Replace("from-tag%3D", "from-tag%3Dx", StringComparison.Ordinal);
        var carolLeg = carol.Call(forged);
        var failure = await Assert.ThrowsAsync<CallFailedException>(() => carolLeg.WaitForAnswerAsync().WaitAsync(Timeout));
        Assert.Equal(481, failure.Cause.SipStatus);
        Assert.Equal(CallLegState.Connected, bobLeg.State);
    }

    [Fact]
    public async Task A_failed_blind_transfer_reports_the_targets_status_and_keeps_the_call()
    {
        await using var engines = new Engines();
        var (pbx, alice, bob, _) = await StartAsync(engines);
        var busy = await TargetPhone.StartAsync(engines, "dave", PhoneBehaviour.Busy);
        pbx.Add("dave", busy.Uri);
        var aliceLeg = alice.Call(pbx.UriOf("bob"));
        var bobLeg = await ConnectedAsync(alice, aliceLeg, bob);

        var result = await bob.Transfers.BlindTransferAsync(bobLeg, pbx.UriOf("dave")).WaitAsync(Timeout);

        Assert.Equal(TransferOutcome.Failed, result.Outcome);
        Assert.Equal(486, result.FinalStatus);
        Assert.Equal([100, 486], result.Progress);
        Assert.Equal(CallLegState.Connected, bobLeg.State);
        var before = alice.Hears.FramesWith(BobTone);
        await CallLegTests.WaitUntil(() => alice.Hears.FramesWith(BobTone) > before + 40);
    }

    [Fact]
    public async Task Our_side_blind_transfers_a_phone_that_accepts_refer()
    {
        await using var engines = new Engines();
        var (server, serverTransfers, alice, carol, aliceLeg, serverLeg) = await ServerCalledByAliceAsync(engines);

        var result = await serverTransfers.BlindTransferAsync(serverLeg, carol.Uri).WaitAsync(Timeout);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal([100, 200], result.Progress);
        await Task.WhenAll(serverLeg.Completion, aliceLeg.Completion).WaitAsync(Timeout);
        await AssertTalkingAsync(alice, carol);
    }

    [Fact]
    public async Task Our_side_attended_transfer_connects_two_phones_directly_with_replaces()
    {
        await using var engines = new Engines();
        var (server, serverTransfers, alice, carol, _, toAlice) = await ServerCalledByAliceAsync(engines);
        var toCarol = server.Dial(carol.Uri, "<sip:server@127.0.0.1>");
        await toCarol.WaitForAnswerAsync().WaitAsync(Timeout);

        var result = await serverTransfers.AttendedTransferAsync(toAlice, toCarol).WaitAsync(Timeout);

        Assert.True(result.Succeeded, result.Reason);
        await Task.WhenAll(toAlice.Completion, toCarol.Completion).WaitAsync(Timeout);
        await AssertTalkingAsync(alice, carol);
    }

    [Fact]
    public async Task Refer_to_a_phone_that_does_not_take_transfers_is_refused()
    {
        await using var engines = new Engines();
        var server = await engines.StartAsync();
        var phone = await TargetPhone.StartAsync(engines, "plain", PhoneBehaviour.AnswerAtOnce);
        var leg = server.Dial(phone.Uri, "<sip:server@127.0.0.1>");
        await leg.WaitForAnswerAsync().WaitAsync(Timeout);

        var result = await new TransferService(server).BlindTransferAsync(leg, "sip:someone@127.0.0.1:9").WaitAsync(Timeout);

        Assert.Equal(TransferOutcome.Refused, result.Outcome);
        Assert.Equal(501, result.ReferStatus);
        Assert.Equal(CallLegState.Connected, leg.State);
    }

    [Fact]
    public async Task A_refer_without_refer_to_gets_400_and_a_second_refer_while_one_runs_gets_491()
    {
        await using var engines = new Engines();
        var (pbx, alice, bob, _) = await StartAsync(engines);
        var ringing = await TargetPhone.StartAsync(engines, "dave", PhoneBehaviour.RingForever);
        pbx.Add("dave", ringing.Uri);
        var aliceLeg = alice.Call(pbx.UriOf("bob"));
        var bobLeg = await ConnectedAsync(alice, aliceLeg, bob);

        var bare = await bobLeg.Session.SendRequestAsync(Sip.Messages.SipMethod.Refer).WaitAsync(Timeout);
        Assert.Equal(400, bare.StatusCode); // RFC 3515 §2.4.1: a REFER has exactly one Refer-To
        var first = await bobLeg.Session.SendRequestAsync(Sip.Messages.SipMethod.Refer, [new("Refer-To", $"<{pbx.UriOf("dave")}>")]).WaitAsync(Timeout);
        Assert.Equal(202, first.StatusCode);
        var second = await bobLeg.Session.SendRequestAsync(Sip.Messages.SipMethod.Refer, [new("Refer-To", $"<{pbx.UriOf("carol")}>")]).WaitAsync(Timeout);
        Assert.Equal(491, second.StatusCode);
        await ringing.Offered.WaitAsync(Timeout);
        Assert.Equal(CallLegState.Connected, aliceLeg.State);
    }

    private static async Task<(SwitchboardPbx Pbx, TransferablePhone Alice, TransferablePhone Bob, TransferablePhone Carol)> StartAsync(Engines engines)
    {
        var pbx = await SwitchboardPbx.StartAsync(engines);
        var alice = await TransferablePhone.StartAsync(engines, "alice", AliceTone);
        var bob = await TransferablePhone.StartAsync(engines, "bob", BobTone);
        var carol = await TransferablePhone.StartAsync(engines, "carol", CarolTone);
        pbx.Add("bob", bob.Uri);
        pbx.Add("carol", carol.Uri);
        return (pbx, alice, bob, carol);
    }

    /// <summary>A server (an IVR, say) that Alice's phone called and that answered, and Carol's phone idle.</summary>
    private static async Task<(CallEngine Server, TransferService Transfers, TransferablePhone Alice, TransferablePhone Carol, CallLeg AliceLeg, CallLeg ServerLeg)> ServerCalledByAliceAsync(Engines engines)
    {
        var server = await engines.StartAsync();
        var transfers = new TransferService(server) { Timeout = TimeSpan.FromSeconds(10) };
        var answered = new TaskCompletionSource<CallLeg>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.IncomingCall += leg => { leg.Answer(); answered.TrySetResult(leg); };
        var alice = await TransferablePhone.StartAsync(engines, "alice", AliceTone);
        var carol = await TransferablePhone.StartAsync(engines, "carol", CarolTone);
        var aliceLeg = alice.Call(Engines.UriOf(server, "ivr"));
        await aliceLeg.WaitForAnswerAsync().WaitAsync(Timeout);

        // The server's leg is connected once Alice's ACK arrives, a moment after Alice saw the 200.
        var serverLeg = await answered.Task.WaitAsync(Timeout);
        await serverLeg.WaitForAnswerAsync().WaitAsync(Timeout);
        return (server, transfers, alice, carol, aliceLeg, serverLeg);
    }

    private static async Task<CallLeg> ConnectedAsync(TransferablePhone caller, CallLeg callerLeg, TransferablePhone callee)
    {
        await callerLeg.WaitForAnswerAsync().WaitAsync(Timeout);
        var leg = await callee.Offered.WaitAsync(Timeout);
        await leg.WaitForAnswerAsync().WaitAsync(Timeout);
        await CallLegTests.WaitUntil(() => caller.Hears.FramesWith(callee.Tone) > 20 && callee.Hears.FramesWith(caller.Tone) > 20);
        return leg;
    }

    private static async Task AssertTalkingAsync(TransferablePhone one, TransferablePhone other)
    {
        var heardByOne = one.Hears.FramesWith(other.Tone);
        var heardByOther = other.Hears.FramesWith(one.Tone);
        await CallLegTests.WaitUntil(() => one.Hears.FramesWith(other.Tone) > heardByOne + 40 && other.Hears.FramesWith(one.Tone) > heardByOther + 40);
    }

    private static async Task AssertNotHeardAsync(TransferablePhone phone, double tone)
    {
        // Give any audio already in flight (jitter buffers, pipes) a wide margin to drain, then make sure the tone is gone for good.
        await Task.Delay(1000);
        var before = phone.Hears.FramesWith(tone);
        await Task.Delay(600);
        Assert.Equal(before, phone.Hears.FramesWith(tone));
    }
}
