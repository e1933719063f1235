namespace CallCenterSdk.Ivr.Channel;

/// <summary>How a DTMF digit reached the channel.</summary>
public enum DtmfTransport
{
    /// <summary>Audio tones in the voice stream, found by the Goertzel detector.</summary>
    InBand,
    /// <summary>RTP telephone-events (RFC 4733).</summary>
    TelephoneEvent,
    /// <summary>SIP INFO requests.</summary>
    SipInfo,
}

/// <summary>One DTMF digit from the caller.</summary>
public sealed class DtmfReceivedEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public DtmfReceivedEventArgs(char digit, DtmfTransport transport)
    {
        if (!DtmfDigits.IsValid(digit))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "A DTMF digit is one of 0-9, *, #, A-D.");
        }

        Digit = digit;
        Transport = transport;
    }

    /// <summary>The digit: 0-9, *, #, A-D.</summary>
    public char Digit { get; }

    /// <summary>How it arrived.</summary>
    public DtmfTransport Transport { get; }
}
