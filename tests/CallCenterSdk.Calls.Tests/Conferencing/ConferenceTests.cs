using CallCenterSdk.Calls.Conferencing;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Calls.Tests.Monitoring;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Opus;
using CallCenterSdk.Media.Tones;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Calls.Tests.Conferencing;

public class ConferenceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly double[] Tones4 = [600, 1000, 1400, 1800];

    [Fact]
    public async Task Four_phones_at_8_16_and_48_kHz_hear_the_others_but_not_themselves_with_mute_deaf_and_the_end_policy()
    {
        await using var engines = new Engines();
        var opus = AudioCodecRegistry.CreateDefault().AddOpus();
        var pbx = await engines.StartAsync(new MediaSessionOptions { Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.G722, SdpCodec.Opus] }, opus);
        await using var conference = new Conference(pbx, new ConferenceOptions { Name = "room", EndPolicy = ConferenceEndPolicy.WhenOneLeft });
        var joined = new List<ConferenceMember>();
        pbx.IncomingCall += leg =>
        {
            leg.Answer();
            lock (joined)
            {
                joined.Add(conference.Add(leg));
            }
        };

        SdpCodec[] codecs = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.G722, SdpCodec.Opus];
        var phones = new CallLeg[4];
        var tones = new List<IDisposable>();
        for (var i = 0; i < phones.Length; i++)
        {
            var phone = await engines.StartAsync(new MediaSessionOptions { Codecs = [codecs[i]] }, opus);
            phones[i] = phone.Dial(Engines.UriOf(pbx, "room"), $"<sip:p{i}@127.0.0.1>");
            await phones[i].WaitForAnswerAsync().WaitAsync(Timeout);
            tones.Add(phones[i].Hear(Tones.Steady(Tones4[i], phones[i].Media.Format.SampleRate)));
        }

        Assert.Equal([8000, 8000, 16000, 48000], phones.Select(p => p.Media.Format.SampleRate));
        await CallLegTests.WaitUntil(() => conference.Members.Count == 4);
        var member = conference.Members.ToDictionary(m => m.Leg.RemoteNumber!);

        await Ears.ExpectAsync("all four", Tones4, [.. Enumerable.Range(0, 4).Select(i => EarOf(phones, i, Tones4.Where((_, j) => j != i).ToArray(), [Tones4[i]]))]);

        member["p3"].IsMuted = true;
        await Ears.ExpectAsync(
            "p3 muted",
            Tones4,
            EarOf(phones, 0, [1000, 1400], [600, 1800]),
            EarOf(phones, 1, [600, 1400], [1000, 1800]),
            EarOf(phones, 2, [600, 1000], [1400, 1800]),
            EarOf(phones, 3, [600, 1000, 1400], [1800]));

        member["p3"].IsMuted = false;
        member["p2"].IsDeaf = true;
        await Ears.ExpectAsync(
            "p2 deaf",
            Tones4,
            EarOf(phones, 0, [1000, 1400, 1800], [600]),
            EarOf(phones, 2, [], Tones4),
            EarOf(phones, 3, [600, 1000, 1400], [1800]));

        // p3 hangs up and p1 is taken out (its leg stays up): two are left, the conference goes on.
        var left = new List<(string, bool)>();
        conference.MemberLeft += (_, m, hungUp) => { lock (left) { left.Add((m.Leg.RemoteNumber!, hungUp)); } };
        await phones[3].HangupAsync().WaitAsync(Timeout);
        // MemberLeft is raised after the member is out of the list (outside the conference's lock): wait for p3's
        // event itself before removing p1, or the two events may be raised in either order.
        await CallLegTests.WaitUntil(() =>
        {
            lock (left)
            {
                return left.Count == 1;
            }
        });
        Assert.Equal(3, conference.Members.Count);
        Assert.True(conference.Remove(member["p1"].Leg));
        Assert.False(conference.Remove(member["p1"].Leg));
        member["p2"].IsDeaf = false;
        await Ears.ExpectAsync(
            "p0 and p2 left",
            Tones4,
            EarOf(phones, 0, [1400], [600, 1000, 1800]),
            EarOf(phones, 1, [], Tones4),
            EarOf(phones, 2, [600], [1000, 1400, 1800]));
        Assert.False(conference.IsEnded);
        Assert.Equal(CallLegState.Connected, phones[1].State);

        // p0 hangs up: one member is left, so the conference ends and hangs up p2.
        await phones[0].HangupAsync().WaitAsync(Timeout);
        await conference.Completion.WaitAsync(Timeout);
        var lastEnd = await phones[2].Completion.WaitAsync(Timeout);
        Assert.Equal(CallEndParty.Remote, lastEnd.Party);
        lock (left)
        {
            Assert.Equal([("p3", true), ("p1", false), ("p0", true)], left);
        }

        Assert.Throws<InvalidOperationException>(() => conference.Add(member["p1"].Leg));
        foreach (var tone in tones)
        {
            tone.Dispose();
        }
    }

    [Fact]
    public async Task A_bridged_call_escalates_to_a_conference_once_the_bridge_is_stopped()
    {
        await using var call = await MonitoredCall.StartAsync(SdpCodec.Pcmu, SdpCodec.Pcmu, SdpCodec.G722);
        await using var conference = new Conference(call.Pbx, new ConferenceOptions { SampleRate = 8000 });
        var relayed = Assert.Throws<InvalidOperationException>(() => conference.Add(call.Bridge.First));
        Assert.Contains("bridge", relayed.Message, StringComparison.Ordinal);

        // A leg of another engine runs on another clock.
        Assert.Throws<InvalidOperationException>(() => conference.Add(call.CallerPhone));

        call.Bridge.Stop();
        conference.Add(call.Bridge.First);
        conference.Add(call.Bridge.Second);
        conference.Add(call.SupervisorLeg, moderator: true);
        Assert.Throws<InvalidOperationException>(() => conference.Add(call.SupervisorLeg));
        await Ears.ExpectAsync(
            "three-way conference",
            MonitoredCall.AllTones,
            new Ear("caller", call.CallerPhone, [MonitoredCall.AgentTone, MonitoredCall.SupervisorTone], [MonitoredCall.CallerTone]),
            new Ear("agent", call.AgentPhone, [MonitoredCall.CallerTone, MonitoredCall.SupervisorTone], [MonitoredCall.AgentTone]),
            new Ear("supervisor", call.SupervisorPhone, [MonitoredCall.CallerTone, MonitoredCall.AgentTone], [MonitoredCall.SupervisorTone]));

        // An announcement reaches every member and completes when it has played.
        var announcement = new MixedToneProbe(call.CallerPhone.Media.Format.SampleRate, [1800]);
        using (call.CallerPhone.Listen(announcement))
        {
            var beep = new ToneGenerator(new ToneDefinition("beep", [1800], -10, [ToneSegment.Tone(1500)], Repeat: false), new AudioFormat(8000));
            await conference.PlayAsync(beep).WaitAsync(Timeout);
            await Task.Delay(400);
        }

        Assert.InRange(announcement.FramesWith(1800), 40, 90);

        // Ending the conference hangs up every member (HangUpMembersOnEnd).
        await conference.EndAsync().WaitAsync(Timeout);
        await call.CallerPhone.Completion.WaitAsync(Timeout);
        await call.AgentPhone.Completion.WaitAsync(Timeout);
        await call.SupervisorPhone.Completion.WaitAsync(Timeout);
        Assert.Empty(conference.Members);
    }

    [Fact]
    public async Task Bad_options_are_refused()
    {
        await using var engines = new Engines();
        var pbx = await engines.StartAsync();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conference(pbx, new ConferenceOptions { SampleRate = 11025 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conference(pbx, new ConferenceOptions { EndPolicy = (ConferenceEndPolicy)42 }));
    }

    private static Ear EarOf(CallLeg[] phones, int i, double[] hears, double[] doesNotHear) =>
        new($"p{i} ({phones[i].Media.Codec!.EncodingName})", phones[i], hears, doesNotHear);
}
