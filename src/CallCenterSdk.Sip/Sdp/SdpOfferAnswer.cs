using System.Globalization;

namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The SDP offer/answer model (RFC 3264) as pure functions: build an offer from local capabilities, answer a
/// remote offer, evaluate a remote answer against our offer, and build re-offers for hold and resume.
/// Nothing here does I/O; the call-control layer sends the descriptions in INVITE, 200 OK and ACK.
/// </summary>
public static class SdpOfferAnswer
{
    /// <summary>Builds an initial offer: one m-line per media capability, codecs in our preference order.</summary>
    /// <exception cref="ArgumentException">The capabilities are unusable (no media, no codec, a payload type used twice).</exception>
    public static SessionDescription CreateOffer(SdpLocalCapabilities local)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (local.Media.Count == 0)
        {
            throw new ArgumentException("Local capabilities list no media to offer.", nameof(local));
        }

        var offer = NewDescription(local);
        foreach (var capability in local.Media)
        {
            if (capability.Codecs.Count == 0)
            {
                throw new ArgumentException($"Local {capability.MediaType} capabilities list no codec.", nameof(local));
            }

            if (capability.Protocols.Count == 0)
            {
                throw new ArgumentException($"Local {capability.MediaType} capabilities list no transport protocol.", nameof(local));
            }

            var media = new MediaDescription(capability.MediaType, capability.Port, capability.Protocols[0], []);
            var used = new HashSet<int>();
            foreach (var codec in capability.Codecs.Concat(capability.TelephoneEvents))
            {
                if ((uint)codec.PayloadType > 127 || !used.Add(codec.PayloadType))
                {
                    throw new ArgumentException($"Payload type {codec.PayloadType} of {codec.EncodingName} is outside 0..127 or used twice.", nameof(local));
                }

                media.AddCodec(codec);
            }

            AddCommonAttributes(media, capability, capability.RtcpMux, capability.Direction);
            offer.Media.Add(media);
        }

        return offer;
    }

    /// <summary>
    /// Answers a remote offer (RFC 3264 §6): every offered m-line gets an m-line in the answer, in the same
    /// order; streams we cannot take (no capability for the media type, unknown transport, no common codec,
    /// a second stream of a type) are rejected with port 0. Payload types keep the offerer's numbers.
    /// </summary>
    /// <exception cref="SdpOfferAnswerException">The offer breaks RFC 3264/8866 (for example an active stream without a connection address).</exception>
    public static SdpNegotiation CreateAnswer(SdpLocalCapabilities local, SessionDescription offer, SdpAnswerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(offer);
        options ??= new SdpAnswerOptions();
        var answer = NewDescription(local);
        var streams = new List<NegotiatedStream>(offer.Media.Count);
        List<SdpMediaCapabilities>? taken = null; // one entry per accepted stream: a list, made only when one is
        for (var index = 0; index < offer.Media.Count; index++)
        {
            var offered = offer.Media[index];
            var capability = CapabilityFor(local, offered.MediaType);
            var stream = AnswerStream(index, offer, offered, capability, taken, options, out var answered);
            if (stream.IsAccepted)
            {
                (taken ??= []).Add(capability!);
            }

            streams.Add(stream);
            answer.Media.Add(answered);
        }

        if (options.PreviousLocalDescription is { } previous)
        {
            // RFC 3264 §8: the same origin for the whole session; the version grows only when the description changes.
            answer.Origin = previous.Origin;
            if (!answer.ContentEquals(previous))
            {
                answer.Origin = previous.Origin.NextVersion();
            }
        }

        return new SdpNegotiation(offer, answer, streams);
    }

    /// <summary>
    /// Checks a remote answer against the offer we sent (RFC 3264 §6, §7) and extracts what was agreed:
    /// which streams were accepted, the codec and telephone-event to send with, the remote RTP/RTCP
    /// endpoints and the resulting direction.
    /// </summary>
    /// <exception cref="SdpOfferAnswerException">The answer breaks RFC 3264 (different number or types of m-lines,
    /// a codec that was not offered, a direction the offer does not allow, an accepted stream without address).</exception>
    public static SdpNegotiation EvaluateAnswer(SessionDescription offer, SessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Media.Count != offer.Media.Count)
        {
            throw new SdpOfferAnswerException($"The answer has {answer.Media.Count} m-lines but the offer had {offer.Media.Count}; they must match one to one (RFC 3264 §6).");
        }

        var streams = new List<NegotiatedStream>(offer.Media.Count);
        for (var index = 0; index < offer.Media.Count; index++)
        {
            streams.Add(EvaluateStream(index, offer, offer.Media[index], answer, answer.Media[index]));
        }

        return new SdpNegotiation(offer, answer, streams);
    }

    /// <summary>
    /// Builds a re-offer from the description we sent last: same origin with the version incremented
    /// (RFC 3264 §8), every active RTP stream set to <paramref name="direction"/>, everything else unchanged.
    /// </summary>
    public static SessionDescription CreateReoffer(SessionDescription previousLocal, SdpDirection direction)
    {
        ArgumentNullException.ThrowIfNull(previousLocal);
        var reoffer = previousLocal.Clone();
        reoffer.Origin = previousLocal.Origin.NextVersion();
        reoffer.Direction = null;
        foreach (var media in reoffer.Media)
        {
            if (!media.IsRejected && media.IsRtp)
            {
                media.Direction = direction;
            }
        }

        return reoffer;
    }

    /// <summary>
    /// A re-offer that puts the call on hold (RFC 3264 §8.4): sendonly, or inactive for a stream we were
    /// only receiving on.
    /// </summary>
    public static SessionDescription CreateHoldOffer(SessionDescription previousLocal)
    {
        ArgumentNullException.ThrowIfNull(previousLocal);
        var reoffer = CreateReoffer(previousLocal, SdpDirection.SendOnly);
        for (var i = 0; i < reoffer.Media.Count; i++)
        {
            var media = reoffer.Media[i];
            if (!media.IsRejected && media.IsRtp && previousLocal.DirectionOf(previousLocal.Media[i]) is SdpDirection.ReceiveOnly or SdpDirection.Inactive)
            {
                media.Direction = SdpDirection.Inactive;
            }
        }

        return reoffer;
    }

    /// <summary>A re-offer that resumes a held call: sendrecv on every active stream, version incremented.</summary>
    public static SessionDescription CreateResumeOffer(SessionDescription previousLocal) => CreateReoffer(previousLocal, SdpDirection.SendReceive);

    /// <summary>
    /// Classifies a new remote description against the previous one of the same dialog (RFC 3264 §8):
    /// unchanged (same version, same content), modified (version grew) or replaced (another origin).
    /// </summary>
    /// <exception cref="SdpOfferAnswerException">The version went backwards, or the content changed without a new version.</exception>
    public static SdpSessionChange CompareWithPrevious(SessionDescription previous, SessionDescription current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (!current.Origin.IsSameSession(previous.Origin))
        {
            return SdpSessionChange.Replaced;
        }

        if (current.Origin.SessionVersion == previous.Origin.SessionVersion)
        {
            return current.ContentEquals(previous)
                ? SdpSessionChange.Unchanged
                : throw new SdpOfferAnswerException($"The description changed but its o= version stayed {current.Origin.SessionVersion} (RFC 3264 §8 requires an increment).");
        }

        if (current.Origin.SessionVersion < previous.Origin.SessionVersion)
        {
            throw new SdpOfferAnswerException($"The o= version went back from {previous.Origin.SessionVersion} to {current.Origin.SessionVersion} (RFC 3264 §8).");
        }

        return SdpSessionChange.Modified;
    }

    private static SessionDescription NewDescription(SdpLocalCapabilities local)
    {
        var description = new SessionDescription(local.CreateOrigin())
        {
            SessionName = local.SessionName,
            Connection = SdpConnection.For(local.Address),
        };
        description.Timings.Add(new SdpTiming(0, 0));
        return description;
    }

    private static void AddCommonAttributes(MediaDescription media, SdpMediaCapabilities capability, bool rtcpMux, SdpDirection direction)
    {
        if (capability.Ptime is { } ptime)
        {
            media.Ptime = ptime;
        }

        if (capability.MaxPtime is { } maxPtime)
        {
            media.MaxPtime = maxPtime;
        }

        if (rtcpMux)
        {
            media.RtcpMux = true;
        }

        // Always explicit: a missing attribute would inherit a session-level one the peer might add later.
        media.Direction = direction;
    }

    private static SdpMediaCapabilities? CapabilityFor(SdpLocalCapabilities local, string mediaType)
    {
        var media = local.Media;
        for (var i = 0; i < media.Count; i++)
        {
            if (string.Equals(media[i].MediaType, mediaType, StringComparison.Ordinal))
            {
                return media[i];
            }
        }

        return null;
    }

    private static NegotiatedStream AnswerStream(
        int index,
        SessionDescription offer,
        MediaDescription offered,
        SdpMediaCapabilities? capability,
        List<SdpMediaCapabilities>? taken,
        SdpAnswerOptions options,
        out MediaDescription answered)
    {
        string? reason = null;
        List<SdpCodec>? common = null;
        SdpCodec? telephoneEvent = null;
        if (offered.IsRejected)
        {
            reason = "the offer disabled the stream (port 0)";
        }
        else if (capability is null)
        {
            reason = $"no local capability for {offered.MediaType}";
        }
        else if (taken is not null && taken.Contains(capability))
        {
            reason = $"only one {offered.MediaType} stream is supported";
        }
        else if (!capability.Protocols.Any(p => string.Equals(p, offered.Protocol, StringComparison.OrdinalIgnoreCase)))
        {
            reason = $"transport protocol {offered.Protocol} is not supported";
        }
        else
        {
            var offeredCodecs = offered.GetCodecs();
            common = CommonCodecs(offeredCodecs, capability, options.CodecOrder);
            if (common.Count == 0)
            {
                reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"no common codec (offered {string.Join(", ", offeredCodecs.Where(c => !c.IsTelephoneEvent).Select(c => c.EncodingName + "/" + c.ClockRate))}; supported {string.Join(", ", capability.Codecs.Select(c => c.EncodingName + "/" + c.ClockRate))})");
            }
            else
            {
                if (options.SingleCodec)
                {
                    common.RemoveRange(1, common.Count - 1);
                }

                telephoneEvent = ChooseTelephoneEvent(offeredCodecs, capability, common[0].ClockRate);
            }
        }

        if (reason is not null)
        {
            // RFC 3264 §6: a rejected stream keeps its m-line with port 0 and at least one format.
            answered = new MediaDescription(offered.MediaType, 0, offered.Protocol, offered.Formats.Count > 0 ? offered.Formats : ["0"]);
            return new NegotiatedStream { Index = index, MediaType = offered.MediaType, RejectionReason = reason };
        }

        var connection = offer.ConnectionOf(offered)
            ?? throw new SdpOfferAnswerException($"Offered m-line {index} ({offered.MediaType}) has no c= line at media or session level (RFC 8866 §5.7).");
        var cap = capability!;
        answered = new MediaDescription(offered.MediaType, cap.Port, offered.Protocol, []);
        foreach (var codec in common!)
        {
            answered.AddCodec(codec);
        }

        if (telephoneEvent is not null)
        {
            answered.AddCodec(telephoneEvent);
        }

        // RFC 3264 §8.4: c=0.0.0.0 is the legacy way of saying "do not send to me".
        var offerDirection = offer.DirectionOf(offered);
        if (connection.IsUnspecified)
        {
            offerDirection = offerDirection.Intersect(SdpDirection.SendOnly);
        }

        var direction = offerDirection.Reverse().Intersect(cap.Direction);
        var rtcpMux = offered.RtcpMux && cap.RtcpMux;
        AddCommonAttributes(answered, cap, rtcpMux, direction);
        var rtcp = offered.Rtcp;
        return new NegotiatedStream
        {
            Index = index,
            MediaType = offered.MediaType,
            Codec = common[0],
            Codecs = common,
            TelephoneEvent = telephoneEvent,
            LocalPort = cap.Port,
            RemoteAddress = connection.Address,
            RemotePort = offered.Port,
            RemoteRtcpAddress = rtcp?.Connection?.Address ?? connection.Address,
            RemoteRtcpPort = rtcpMux ? offered.Port : rtcp?.Port ?? offered.Port + 1,
            RtcpMux = rtcpMux,
            Direction = direction,
            IsRemoteHold = !offerDirection.CanReceive(),
            RemotePtime = offered.Ptime,
            RemoteMaxPtime = offered.MaxPtime,
        };
    }

    private static List<SdpCodec> CommonCodecs(IReadOnlyList<SdpCodec> offered, SdpMediaCapabilities capability, SdpCodecOrder order)
    {
        var common = new List<SdpCodec>();
        if (order == SdpCodecOrder.Offerer)
        {
            foreach (var codec in offered)
            {
                if (!codec.IsTelephoneEvent && capability.Codecs.FirstOrDefault(codec.IsSameEncoding) is { } ours)
                {
                    common.Add(codec with { FormatParameters = ours.FormatParameters ?? codec.FormatParameters });
                }
            }
        }
        else
        {
            foreach (var ours in capability.Codecs)
            {
                if (offered.FirstOrDefault(c => !c.IsTelephoneEvent && c.IsSameEncoding(ours)) is { } codec && !common.Contains(codec))
                {
                    common.Add(codec with { FormatParameters = ours.FormatParameters ?? codec.FormatParameters });
                }
            }
        }

        // Comfort noise alone carries no speech: without a real codec there is nothing to agree on.
        if (common.TrueForAll(c => c.IsComfortNoise))
        {
            common.Clear();
        }
        else
        {
            // Keep a real codec first so the chosen codec is never comfort noise.
            var first = common.FindIndex(c => !c.IsComfortNoise);
            if (first > 0)
            {
                var codec = common[first];
                common.RemoveAt(first);
                common.Insert(0, codec);
            }
        }

        return common;
    }

    private static SdpCodec? ChooseTelephoneEvent(IReadOnlyList<SdpCodec> offered, SdpMediaCapabilities capability, int clockRate)
    {
        // RFC 4733 §2.1: events use the clock of the audio codec, so prefer the matching rate.
        SdpCodec? fallback = null;
        SdpCodec? fallbackOurs = null;
        foreach (var codec in offered)
        {
            if (!codec.IsTelephoneEvent)
            {
                continue;
            }

            var ours = capability.TelephoneEvents.FirstOrDefault(t => t.ClockRate == codec.ClockRate);
            if (ours is null)
            {
                continue;
            }

            if (codec.ClockRate == clockRate)
            {
                return WithEvents(codec, ours);
            }

            if (fallback is null)
            {
                fallback = codec;
                fallbackOurs = ours;
            }
        }

        return fallback is null ? null : WithEvents(fallback, fallbackOurs!);
    }

    private static SdpCodec? WithEvents(SdpCodec offered, SdpCodec ours)
    {
        var events = TelephoneEventSet.Intersect(offered.FormatParameters, ours.FormatParameters);
        return events.Length == 0 ? null : offered with { FormatParameters = events };
    }

    private static NegotiatedStream EvaluateStream(int index, SessionDescription offer, MediaDescription offered, SessionDescription answer, MediaDescription answered)
    {
        if (!string.Equals(offered.MediaType, answered.MediaType, StringComparison.Ordinal))
        {
            throw new SdpOfferAnswerException($"Answer m-line {index} is {answered.MediaType} but the offer's is {offered.MediaType} (RFC 3264 §6).");
        }

        if (answered.IsRejected)
        {
            return new NegotiatedStream { Index = index, MediaType = offered.MediaType, RejectionReason = "rejected by the answerer (port 0)" };
        }

        if (offered.IsRejected)
        {
            throw new SdpOfferAnswerException($"Answer m-line {index} accepts a stream the offer disabled with port 0 (RFC 3264 §6).");
        }

        if (!string.Equals(offered.Protocol, answered.Protocol, StringComparison.OrdinalIgnoreCase))
        {
            throw new SdpOfferAnswerException($"Answer m-line {index} uses {answered.Protocol} but the offer used {offered.Protocol} (RFC 3264 §6).");
        }

        var connection = answer.ConnectionOf(answered)
            ?? throw new SdpOfferAnswerException($"Answer m-line {index} is accepted but has no c= line at media or session level (RFC 8866 §5.7).");

        var offerDirection = offer.DirectionOf(offered);
        var answerDirection = answer.DirectionOf(answered);
        if ((answerDirection.CanSend() && !offerDirection.CanReceive()) || (answerDirection.CanReceive() && !offerDirection.CanSend()))
        {
            throw new SdpOfferAnswerException($"Answer m-line {index} is {answerDirection.ToAttributeName()} but the offer was {offerDirection.ToAttributeName()} (RFC 3264 §6.1).");
        }

        if (connection.IsUnspecified)
        {
            answerDirection = answerDirection.Intersect(SdpDirection.SendOnly);
        }

        List<SdpCodec> codecs = [];
        SdpCodec? telephoneEvent = null;
        if (offered.IsRtp)
        {
            codecs = AcceptedCodecs(index, offered, answered);
            var first = codecs.FindIndex(c => !c.IsTelephoneEvent && !c.IsComfortNoise);
            if (first < 0)
            {
                throw new SdpOfferAnswerException($"Answer m-line {index} accepts the stream without any offered media codec (RFC 3264 §6.1).");
            }

            telephoneEvent = codecs.Find(c => c.IsTelephoneEvent);
            codecs.RemoveAll(c => c.IsTelephoneEvent);
            var chosen = codecs.Find(c => !c.IsComfortNoise)!;
            codecs.Remove(chosen);
            codecs.Insert(0, chosen);
        }

        var rtcpMux = offered.RtcpMux && answered.RtcpMux;
        var rtcp = answered.Rtcp;
        return new NegotiatedStream
        {
            Index = index,
            MediaType = offered.MediaType,
            Codec = codecs.Count > 0 ? codecs[0] : null,
            Codecs = codecs,
            TelephoneEvent = telephoneEvent,
            LocalPort = offered.Port,
            RemoteAddress = connection.Address,
            RemotePort = answered.Port,
            RemoteRtcpAddress = rtcp?.Connection?.Address ?? connection.Address,
            RemoteRtcpPort = rtcpMux ? answered.Port : rtcp?.Port ?? answered.Port + 1,
            RtcpMux = rtcpMux,
            Direction = offerDirection.Intersect(answerDirection.Reverse()),
            IsRemoteHold = !answerDirection.CanReceive(),
            RemotePtime = answered.Ptime,
            RemoteMaxPtime = answered.MaxPtime,
        };
    }

    private static List<SdpCodec> AcceptedCodecs(int index, MediaDescription offered, MediaDescription answered)
    {
        var offeredCodecs = offered.GetCodecs();
        var answerMaps = answered.RtpMapList();
        var answerFmtps = answered.FormatParameterList();
        var accepted = new List<SdpCodec>();
        foreach (var format in answered.Formats)
        {
            if (!SdpGrammar.TryParseInt(format, 127, out var pt))
            {
                throw new SdpOfferAnswerException($"Answer m-line {index} lists format '{format}', which is not an RTP payload type.");
            }

            SdpCodec? mapped = null;
            foreach (var map in answerMaps)
            {
                if (map.PayloadType == pt)
                {
                    mapped = new SdpCodec(pt, map.EncodingName, map.ClockRate, map.Channels);
                    break;
                }
            }

            var samePayloadType = offeredCodecs.FirstOrDefault(c => c.PayloadType == pt);
            mapped ??= samePayloadType ?? StaticPayloadTypes.Lookup(pt);
            if (mapped is null)
            {
                throw new SdpOfferAnswerException($"Answer m-line {index} lists payload type {pt} without an rtpmap and it was not offered (RFC 3264 §6.1).");
            }

            if (samePayloadType is not null && !samePayloadType.IsSameEncoding(mapped))
            {
                throw new SdpOfferAnswerException($"Answer m-line {index} maps payload type {pt} to {mapped.EncodingName}/{mapped.ClockRate} but the offer mapped it to {samePayloadType.EncodingName}/{samePayloadType.ClockRate} (RFC 3264 §6.1).");
            }

            // RFC 3264 §6.1: the answerer SHOULD reuse our numbers; if it did not, we send with its number.
            var offeredCodec = samePayloadType ?? offeredCodecs.FirstOrDefault(mapped.IsSameEncoding)
                ?? throw new SdpOfferAnswerException($"Answer m-line {index} contains {mapped.EncodingName}/{mapped.ClockRate}, which was not offered (RFC 3264 §6.1).");

            string? parameters = null;
            foreach (var fmtp in answerFmtps)
            {
                if (string.Equals(fmtp.Format, format, StringComparison.Ordinal))
                {
                    parameters = fmtp.Parameters;
                    break;
                }
            }

            accepted.Add(offeredCodec with { PayloadType = pt, FormatParameters = parameters ?? offeredCodec.FormatParameters });
        }

        return accepted;
    }
}
