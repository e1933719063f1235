using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Benchmarks.Calls;

/// <summary>
/// A <see cref="MediaSession"/> negotiated with a peer session in the same process (real loopback sockets, a
/// clock that is never started, so the benchmark drives the phases itself), as a B2BUA's leg toward a phone.
/// </summary>
internal sealed class NegotiatedLeg : IAsyncDisposable
{
    private NegotiatedLeg(MediaSession leg, MediaSession phone)
    {
        Leg = leg;
        Phone = phone;
    }

    /// <summary>Our side (the B2BUA's leg).</summary>
    public MediaSession Leg { get; }

    /// <summary>The phone it talks to; its socket receives what the leg sends (never read: the kernel drops the excess).</summary>
    public MediaSession Phone { get; }

    public static NegotiatedLeg Create(MediaClock clock, AudioCodecRegistry registry, MediaSessionOptions ours, MediaSessionOptions phones)
    {
        var leg = new MediaSession(ours, registry, clock);
        var phone = new MediaSession(phones, registry, clock);
        var offer = phone.CreateOffer();
        phone.ApplyAnswer(leg.AnswerOffer(offer));
        leg.Start();
        return new NegotiatedLeg(leg, phone);
    }

    public async ValueTask DisposeAsync()
    {
        await Leg.DisposeAsync();
        await Phone.DisposeAsync();
    }
}
